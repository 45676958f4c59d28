"""Membership status: colour, icon and words (never colour alone), and what to do next."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk import paths
from kiosk.checkin import Continue, State
from kiosk.config import Language
from kiosk.membership import guidance
from kiosk.membership.status import Colour
from ui.screens.base import Screen, button, label
from ui.services import StatusDetail

# Text on the coloured banner: black on the light colours, white on the dark ones.
_INK = {Colour.AMBER: "#000000", Colour.ORANGE: "#000000"}


def icon_pixmap(name: str, colour: str, size: int) -> QPixmap:
    """A membership icon (``resources/icons/<name>.svg``, drawn in currentColor) in ``colour``."""
    from PySide6.QtSvg import QSvgRenderer  # noqa: F401 (registers the SVG image plugin)

    path = paths.resource("icons", f"{name}.svg")
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    pm = QPixmap()
    pm.loadFromData(QByteArray(svg.encode()), "SVG")
    return pm.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                     Qt.TransformationMode.SmoothTransformation)


class StatusScreen(Screen):
    def __init__(self, language: Language = Language.ID) -> None:
        super().__init__("status", back=False)
        self.language = language
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(24, 16, 24, 16)
        self.icon = label("statusIcon", wrap=False)
        self.icon.setFixedSize(120, 120)
        row.addWidget(self.icon)
        words = QVBoxLayout()
        self.state_title = label("statusTitle", align=Qt.AlignmentFlag.AlignLeft)
        self.who = label("statusWho", align=Qt.AlignmentFlag.AlignLeft)
        words.addWidget(self.state_title)
        words.addWidget(self.who)
        row.addLayout(words, 1)
        self.body.addWidget(self.banner)
        self.explanation = label("body")
        self.next_step = label("nextStep")
        self.body.addWidget(self.explanation)
        self.body.addWidget(self.next_step)
        self.body.addStretch(1)
        self.proceed = button("continue", primary=True)
        self.proceed.setMinimumHeight(100)
        self.proceed.clicked.connect(lambda: self.flowEvent.emit(Continue()))
        self.body.addWidget(self.proceed)  # full width: its text can be long
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Your JKN membership"))

    def present(self, state: State) -> None:
        status = state.session.status
        detail = status.detail if status else None
        if not isinstance(detail, StatusDetail):
            self.wipe()
            self.state_title.setText(self.tr("Checking your status…"))
            self.proceed.setEnabled(False)
            return
        st = detail.status
        g = guidance(st.state, self.language)
        bg = st.colour.value
        ink = _INK.get(st.colour, "#FFFFFF")
        self.banner.setStyleSheet(f"#banner {{ background: {bg}; border-radius: 16px; }}"
                                  f" #banner QLabel {{ color: {ink}; }}")
        self.icon.setPixmap(icon_pixmap(st.icon, ink, 112))
        self.state_title.setText(g.title)
        self.who.setText(detail.name)
        self.explanation.setText(g.explanation)
        self.next_step.setText(g.next_step)
        self.proceed.setEnabled(True)
        self.proceed.setText(self.tr("Continue") if status and status.may_queue
                             else self.tr("OK, I will go to the counter"))

    def wipe(self) -> None:
        for w in (self.state_title, self.who, self.explanation, self.next_step):
            w.setText("")
        self.icon.clear()
        self.banner.setStyleSheet("")

    def spoken(self, state: State) -> str:
        status = state.session.status
        detail = status.detail if status else None
        if isinstance(detail, StatusDetail):
            g = guidance(detail.status.state, self.language)
            return f"{g.title}. {g.next_step}"
        return ""
