"""The on-screen keypad for typing a NIK (16 digits) or a JKN card number (13 digits).

Touch-first: big buttons, large type. The number is read back grouped ("3171 0145 0890 0001")
on a confirm page before anything continues, because a wrong digit sends the patient down the
wrong path (unknown participant, someone else's record). Hardware keyboards work too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.identity.nik import NIK_LEN, NOKA_LEN, group_digits

BUTTON_PX = 96  # a fingertip is ~10 mm; 96 px at kiosk DPI is ~2 cm
DIGIT_PT = 30
DISPLAY_PT = 40
TEXT_PT = 22  # the smallest type on the keypad: people read it at arm's length
ACCEPTED_LENGTHS = (NOKA_LEN, NIK_LEN)


def _sized(label: QLabel, pt: int, bold: bool = False) -> QLabel:
    f = QFont(label.font())
    f.setPointSize(pt)
    f.setBold(bold)
    label.setFont(f)
    return label


def _big(button: QPushButton, pt: int = DIGIT_PT) -> QPushButton:
    f = QFont(button.font())
    f.setPointSize(pt)
    f.setBold(True)
    button.setFont(f)
    button.setMinimumSize(QSize(BUTTON_PX, BUTTON_PX))
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the keypad, not to a button
    return button


class Keypad(QWidget):
    """``submitted(str)`` carries the confirmed digits (13 or 16 of them)."""

    submitted = Signal(str)
    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._digits = ""

        # entry page
        self.display = _sized(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), DISPLAY_PT, True)
        self.display.setObjectName("keypadDisplay")
        self.counter = _sized(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), TEXT_PT)
        self.counter.setObjectName("keypadCounter")
        grid = QGridLayout()
        grid.setSpacing(10)
        self.digit_buttons: dict[str, QPushButton] = {}
        for i, d in enumerate("123456789"):
            b = _big(QPushButton(d))
            b.clicked.connect(lambda _=False, d=d: self.press(d))
            grid.addWidget(b, i // 3, i % 3)
            self.digit_buttons[d] = b
        self.clear_button = _big(QPushButton(), DIGIT_PT - 8)
        self.clear_button.clicked.connect(self.clear)
        zero = _big(QPushButton("0"))
        zero.clicked.connect(lambda: self.press("0"))
        self.digit_buttons["0"] = zero
        self.back_button = _big(QPushButton("⌫"))
        self.back_button.clicked.connect(self.backspace)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(zero, 3, 1)
        grid.addWidget(self.back_button, 3, 2)
        self.next_button = _big(QPushButton(), DIGIT_PT - 4)
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.ask_confirm)
        # The number and "Next" beside the digits, not above and below them: a landscape kiosk
        # screen of 768-800 px height then fits the whole keypad with full-size buttons.
        entry = QWidget()
        ev = QHBoxLayout(entry)
        ev.setContentsMargins(0, 0, 0, 0)  # the screen around the keypad has its own margins
        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(self.display)
        left.addWidget(self.counter)
        left.addStretch(1)
        left.addWidget(self.next_button)
        self.display.setWordWrap(True)
        ev.addLayout(left, 3)
        ev.addLayout(grid, 2)

        # confirm page: the number read back, large and grouped
        self.question = _sized(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), TEXT_PT + 4, True)
        self.question.setWordWrap(True)
        self.readback = _sized(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), DISPLAY_PT + 8, True)
        self.readback.setObjectName("keypadReadback")
        self.readback_kind = _sized(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), TEXT_PT)
        self.confirm_button = _big(QPushButton(), DIGIT_PT - 6)
        self.confirm_button.setObjectName("primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.fix_button = _big(QPushButton(), DIGIT_PT - 6)
        self.fix_button.clicked.connect(self.back_to_entry)
        confirm = QWidget()
        cv = QVBoxLayout(confirm)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.question)
        cv.addWidget(self.readback, 1)
        cv.addWidget(self.readback_kind)
        row = QHBoxLayout()
        row.addWidget(self.fix_button)
        row.addWidget(self.confirm_button)
        cv.addLayout(row)

        self.pages = QStackedLayout(self)
        self.pages.addWidget(entry)
        self.pages.addWidget(confirm)
        self.retranslate()
        self._refresh()

    # --- state -------------------------------------------------------------------------------
    @property
    def digits(self) -> str:
        return self._digits

    @property
    def confirming(self) -> bool:
        return self.pages.currentIndex() == 1

    def press(self, digit: str) -> None:
        if self.confirming or len(digit) != 1 or digit not in "0123456789":
            return
        if len(self._digits) >= NIK_LEN:
            return
        self._digits += digit
        self._refresh()

    def backspace(self) -> None:
        if not self.confirming:
            self._digits = self._digits[:-1]
            self._refresh()

    def clear(self) -> None:
        """Wipe the number (also used when the screen resets: no personal data left behind)."""
        self._digits = ""
        self.readback.clear()
        self.readback_kind.clear()
        self.pages.setCurrentIndex(0)
        self._refresh()

    def ask_confirm(self) -> None:
        if len(self._digits) not in ACCEPTED_LENGTHS:
            return
        self.readback.setText(group_digits(self._digits))
        self.pages.setCurrentIndex(1)

    def back_to_entry(self) -> None:
        self.pages.setCurrentIndex(0)
        self._refresh()

    def confirm(self) -> None:
        if not self.confirming:
            return
        number = self._digits
        self.clear()
        self.submitted.emit(number)

    def _refresh(self) -> None:
        self.display.setText(group_digits(self._digits) if self._digits else "–")
        n = len(self._digits)
        if n == NIK_LEN:
            kind = self.tr("NIK, 16 digits")
        elif n == NOKA_LEN:
            kind = self.tr("JKN card number, 13 digits")
        else:
            kind = self.tr("%1 digits").replace("%1", str(n))
        self.counter.setText(kind)
        self.readback_kind.setText(kind)
        self.next_button.setEnabled(n in ACCEPTED_LENGTHS)
        self.back_button.setEnabled(n > 0)
        self.clear_button.setEnabled(n > 0)
        self.changed.emit(self._digits)

    # --- Qt ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.back_button.setToolTip(self.tr("Delete the last digit"))
        self.next_button.setText(self.tr("Next"))
        self.question.setText(self.tr("Is this number correct?"))
        self.confirm_button.setText(self.tr("Yes, continue"))
        self.fix_button.setText(self.tr("No, change it"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text and text in "0123456789":
            self.press(text)
        elif key == Qt.Key.Key_Backspace:
            if self.confirming:
                self.back_to_entry()
            else:
                self.backspace()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.confirming:
                self.confirm()
            else:
                self.ask_confirm()
        elif key == Qt.Key.Key_Escape:
            if self.confirming:
                self.back_to_entry()
            else:
                self.clear()
        else:
            super().keyPressEvent(event)
