"""What every screen shares: a title, a body, a bottom bar with Back/Cancel, live retranslation
and wiping of personal data."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.checkin import Back, Cancel, State


def label(name: str, *, wrap: bool = True, align: Qt.AlignmentFlag | None = None) -> QLabel:
    w = QLabel()
    w.setObjectName(name)
    w.setWordWrap(wrap)
    w.setAlignment(align or Qt.AlignmentFlag.AlignCenter)
    w.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return w


def button(name: str, *, primary: bool = False) -> QPushButton:
    b = QPushButton()
    b.setObjectName(name)
    b.setProperty("primary", primary)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setMinimumHeight(80)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return b


class Screen(QWidget):
    """A step of the flow. ``flowEvent`` carries check-in events (Back, Cancel, choices)."""

    flowEvent = Signal(object)

    def __init__(self, name: str, *, back: bool = True, cancel: bool = True) -> None:
        super().__init__()
        self.setObjectName(name)
        self.state: State | None = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(40, 24, 40, 24)
        self.outer.setSpacing(16)
        self.title = label("title")
        self.outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        self.outer.addLayout(self.body, 1)
        self.bar = QHBoxLayout()
        self.bar.setSpacing(24)
        self.outer.addLayout(self.bar)
        self.back_button: QPushButton | None = None
        self.cancel_button: QPushButton | None = None
        if back:
            self.back_button = button("back")
            self.back_button.clicked.connect(lambda: self.flowEvent.emit(Back()))
            self.bar.addWidget(self.back_button, 1)
        if cancel:
            self.cancel_button = button("cancel")
            self.cancel_button.clicked.connect(lambda: self.flowEvent.emit(Cancel()))
            self.bar.addWidget(self.cancel_button, 1)

    # -- to override ----------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.back_button is not None:
            self.back_button.setText(self.tr("Back"))
        if self.cancel_button is not None:
            self.cancel_button.setText(self.tr("Cancel"))

    def present(self, state: State) -> None:
        """Show what ``state`` says (called on every state change while this screen is up)."""

    def wipe(self) -> None:
        """Forget personal data (names, numbers) held by any widget of this screen."""

    def spoken(self, state: State) -> str:
        """The prompt said aloud when the screen appears (empty: nothing)."""
        return ""

    # -- shared ---------------------------------------------------------------------------
    def show_state(self, state: State) -> None:
        self.state = state
        self.present(state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.state is not None:
                self.present(self.state)
        super().changeEvent(event)
