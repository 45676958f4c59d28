"""A full-screen message for an environment problem the kiosk cannot work around by itself
(bad config, unreadable database, unwritable data folder): what happened, in plain words, and
the technician's detail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.errors import ErrorCode, KioskError
from ui.screens.base import label

translate = QCoreApplication.translate


def error_text(code: ErrorCode) -> str:
    texts = {
        ErrorCode.CONFIG_INVALID: translate(
            "Errors", "The kiosk settings contain a mistake, so the kiosk cannot start."),
        ErrorCode.CONFIG_UNREADABLE: translate(
            "Errors", "The kiosk settings file cannot be read, so the kiosk cannot start."),
        ErrorCode.DATA_DIR_UNWRITABLE: translate(
            "Errors", "The kiosk cannot write to its data folder."),
        ErrorCode.DISK_FULL: translate("Errors", "The kiosk's disk is full."),
        ErrorCode.DATABASE_CORRUPT: translate(
            "Errors", "The kiosk database was damaged. It was set aside and a new one started."),
        ErrorCode.DATABASE_UNAVAILABLE: translate("Errors", "The kiosk database cannot be opened."),
        ErrorCode.CAMERA_UNAVAILABLE: translate("Errors", "The camera is not working."),
        ErrorCode.MODEL_MISSING: translate("Errors", "Face recognition files are missing."),
        ErrorCode.TRANSLATIONS_MISSING: translate("Errors", "Language files are missing."),
        ErrorCode.PRINTER_OFFLINE: translate("Errors", "The ticket printer is not responding."),
        ErrorCode.PRINTER_OUT_OF_PAPER: translate("Errors", "The ticket printer is out of paper."),
        ErrorCode.SERVER_UNREACHABLE: translate("Errors", "The central server cannot be reached."),
        ErrorCode.SERVER_PROTOCOL: translate(
            "Errors", "The central server gave an unexpected answer."),
        ErrorCode.IMAGE_UNREADABLE: translate("Errors", "An image could not be read."),
    }
    return texts.get(code, translate("Errors", "The kiosk has a technical problem."))


class ErrorScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("error")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(60, 60, 60, 60)
        self.title = label("errorTitle")
        self.message = label("body")
        self.help = label("body")
        self.detail = label("detail")
        lay.addStretch(1)
        for w in (self.title, self.message, self.help, self.detail):
            lay.addWidget(w)
        lay.addStretch(1)
        self.error: KioskError | None = None

    def show_error(self, error: KioskError) -> None:
        self.error = error
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This kiosk is out of service"))
        self.help.setText(self.tr(
            "Please go to the registration counter. Staff: the detail below is also in the"
            " kiosk log."))
        if self.error is not None:
            self.message.setText(error_text(self.error.code))
            self.detail.setText(f"[{self.error.code.value}] {self.error.detail}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
