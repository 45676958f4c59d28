"""Accept a USB barcode scanner that types like a keyboard, without confusing it with a person.

Installed on the application, the filter holds back printable keys while they arrive at scanner
speed; Enter after a fast burst makes ``scanned(str)``; a pause (or a slow key) means a person is
typing, and the held keys are delivered to the widget they were meant for, unchanged. The timing
decision itself is kiosk.identity.wedge (pure, tested without Qt).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.identity.wedge import WedgeClassifier, WedgeVerdict

# Scanners end a code with Enter by default; some are set up to send Tab instead.
TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


def _now_ms() -> float:
    return time.monotonic() * 1000.0


class ScannerInputFilter(QObject):
    """``scanned(str)``: a complete code from a keyboard-wedge scanner."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = _now_ms) -> None:
        super().__init__(parent)
        self._clock = clock
        self._wedge = WedgeClassifier()
        self._held: list[tuple[QObject, int, Qt.KeyboardModifier, str]] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    def install(self, app: QApplication | None = None) -> None:
        target = app or QApplication.instance()
        if target is not None:
            target.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.isAutoRepeat():
            return False
        now = self._clock()
        key = event.key()
        if key in TERMINATORS:
            if not self._held:
                return False
            self._timer.stop()
            verdict, text = self._wedge.enter(now)
            if verdict is WedgeVerdict.SCAN:
                self._held.clear()
                self.scanned.emit(text)
                return True
            self._release()
            return False  # the Enter/Tab itself goes on to the widget, after the held keys
        text = event.text()
        if (
            len(text) != 1
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._release()
            return False
        verdict, _ = self._wedge.key(text, now)
        self._held.append((obj, key, event.modifiers(), text))
        if verdict is WedgeVerdict.HUMAN:
            self._release()
            return True  # replayed in order by _release, this key included
        self._timer.start(int(self._wedge.max_gap_ms * 2))
        return True

    def _on_timeout(self) -> None:
        verdict, _ = self._wedge.timeout(self._clock())
        if verdict is WedgeVerdict.HUMAN:
            self._release()
        elif self._held:
            self._timer.start(int(self._wedge.max_gap_ms))

    def _release(self) -> None:
        """Deliver the held keys to their widgets, as if the filter had never been there."""
        self._timer.stop()
        self._wedge.reset()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for receiver, key, mods, text in held:
                press = QKeyEvent(QEvent.Type.KeyPress, key, mods, text)
                QApplication.sendEvent(receiver, press)
        finally:
            self._replaying = False
