"""The kiosk's look: one stylesheet from ``resources/styles/kiosk.qss``."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from kiosk import paths

log = logging.getLogger(__name__)


def apply(app: QApplication) -> None:
    path = paths.resource("styles", "kiosk.qss")
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError as exc:
        log.error("stylesheet %s unreadable (%s): the kiosk runs unstyled", path, exc.strerror)
