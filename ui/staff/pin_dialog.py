"""Staff login: a big on-screen keypad, the PIN masked, and the lockout shown with time left.

The checking and the lockout rules live in ``kiosk.staff.pins``; this dialog only collects digits
and shows the answer. Digits typed on a keyboard work too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.pins import (
    PIN_MAX_LEN,
    LockedOut,
    LoggedIn,
    NoPinSet,
    PinBook,
    WrongPin,
    time_left,
)

log = logging.getLogger(__name__)


def now_local() -> datetime:
    return datetime.now().astimezone()


def format_left(left: timedelta) -> str:
    """``0:42`` or ``12:05`` (minutes:seconds, rounded up so it never shows 0:00 while locked)."""
    secs = max(0, int(-(-left.total_seconds() // 1)))
    return f"{secs // 60}:{secs % 60:02d}"


class PinDialog(QDialog):
    """``exec()`` returns Accepted with ``staff_id`` set, or Rejected (cancelled)."""

    loggedIn = Signal(str)

    def __init__(self, pins: PinBook, clock: Callable[[], datetime] = now_local,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setModal(True)
        self.pins = pins
        self.clock = clock
        self.staff_id: str | None = None
        lay = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry = QLineEdit()
        self.entry.setObjectName("pin")
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setReadOnly(True)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setMaxLength(PIN_MAX_LEN)
        self.entry.setStyleSheet("font-size: 40px;")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.title)
        lay.addWidget(self.entry)
        lay.addWidget(self.message)
        grid = QGridLayout()
        self.digit_buttons: dict[str, QPushButton] = {}
        for i, d in enumerate("123456789"):
            grid.addWidget(self._key(d), i // 3, i % 3)
        self.clear_button = self._key("", self.entry.clear)
        self.back_button = self._key("⌫", self.entry.backspace)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        grid.addWidget(self.back_button, 3, 2)
        self.ok_button = self._key("", self.submit)
        self.ok_button.setObjectName("ok")
        self.cancel_button = self._key("", self.reject)
        grid.addWidget(self.cancel_button, 4, 0)
        grid.addWidget(self.ok_button, 4, 1, 1, 2)
        lay.addLayout(grid)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(1000)
        self.lock_timer.timeout.connect(self.refresh_lock)
        self.retranslate()
        self.refresh_lock()

    def _key(self, text: str, action: Callable[[], None] | None = None) -> QPushButton:
        b = QPushButton(text)
        b.setMinimumSize(110, 80)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setStyleSheet("font-size: 32px;")
        if action is None:
            self.digit_buttons[text] = b
            b.clicked.connect(lambda: self.press(text))
        else:
            b.clicked.connect(action)
        return b

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Staff login"))
        self.title.setText(self.tr("Enter your staff PIN"))
        self.clear_button.setText(self.tr("Clear"))
        self.ok_button.setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def press(self, digit: str) -> None:
        if self.entry.isEnabled() and len(self.entry.text()) < PIN_MAX_LEN:
            self.entry.setText(self.entry.text() + digit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and text.isascii():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.entry.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)

    def _set_enabled(self, enabled: bool) -> None:
        for b in (*self.digit_buttons.values(), self.clear_button, self.back_button,
                  self.ok_button):
            b.setEnabled(enabled)
        self.entry.setEnabled(enabled)

    def refresh_lock(self) -> None:
        """Show the time left while locked; unlock the keypad when it runs out."""
        left = time_left(self.pins.lockout(), self.clock())
        if left > timedelta(0):
            self._set_enabled(False)
            self.message.setText(self.tr("Too many wrong PINs. Try again in %1.").replace(
                "%1", format_left(left)))
            if not self.lock_timer.isActive():
                self.lock_timer.start()
        else:
            if self.lock_timer.isActive():
                self.lock_timer.stop()
                self.message.setText(self.tr("You can try again now."))
            self._set_enabled(True)

    def submit(self) -> None:
        pin = self.entry.text()
        if not pin:
            self.message.setText(self.tr("Type your PIN first."))
            return
        self.entry.clear()
        result = self.pins.attempt(pin, self.clock())
        if isinstance(result, LoggedIn):
            self.staff_id = result.staff_id
            self.message.setText("")
            self.loggedIn.emit(result.staff_id)
            self.accept()
        elif isinstance(result, WrongPin):
            self.message.setText(self.tr(
                "Wrong PIN. %n attempt(s) left before the keypad locks.", "",
                result.attempts_left))
        elif isinstance(result, LockedOut):
            self.refresh_lock()
        elif isinstance(result, NoPinSet):
            self.message.setText(self.tr(
                "No staff PIN is set on this kiosk. A technician sets one with:"
                " kiosk-tool staff-set-pin"))
