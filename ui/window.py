"""The kiosk's main window: a QStackedWidget of screens showing whatever the check-in state says.

The window never decides anything: it renders ``kiosk.checkin.State`` and forwards what the
patient does (as check-in events) to the flow controller. It also refuses to close (Alt+F4, the
window manager's close button) unless staff unlocked it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QStackedWidget, QWidget

from kiosk.checkin import State, Step
from kiosk.config import Language
from kiosk.errors import KioskError
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.error import ErrorScreen
from ui.screens.face import FaceScreen
from ui.screens.keypad import KeypadScreen
from ui.screens.queue import QueueScreen, TicketScreen
from ui.screens.simple import BusyScreen, CounterScreen, FamilyScreen
from ui.screens.status import StatusScreen

log = logging.getLogger(__name__)


class KioskWindow(QMainWindow):
    flowEvent = Signal(object)
    languageRequested = Signal(object)

    def __init__(self, facility_name: str = "") -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.setWindowTitle("Anjungan")
        self.allow_close = False  # development (--windowed) runs close normally
        self.may_close: Callable[[], bool] = lambda: False  # True while staff are logged in
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.attract = AttractScreen()
        self.attract.set_facility(facility_name)
        self.keypad = KeypadScreen()
        self.busy = BusyScreen()
        self.family = FamilyScreen()
        self.face = FaceScreen()
        self.status = StatusScreen()
        self.queue = QueueScreen()
        self.ticket = TicketScreen()
        self.counter = CounterScreen()
        self.error = ErrorScreen()
        self.screens: list[Screen] = [
            self.attract, self.keypad, self.busy, self.family, self.face, self.status,
            self.queue, self.ticket, self.counter,
        ]
        for s in self.screens:
            self.stack.addWidget(s)
            s.flowEvent.connect(self.flowEvent)
        self.stack.addWidget(self.error)
        self.attract.languageRequested.connect(self.languageRequested)
        self._by_step: dict[Step, Screen] = {
            Step.ATTRACT: self.attract, Step.KEYPAD: self.keypad, Step.LOOKING_UP: self.busy,
            Step.FAMILY: self.family, Step.FACE: self.face, Step.STATUS: self.status,
            Step.FINDING_QUEUE: self.busy, Step.QUEUE: self.queue, Step.ISSUING: self.busy,
            Step.TICKET: self.ticket, Step.COUNTER: self.counter,
        }

    def screen_for(self, step: Step) -> Screen:
        return self._by_step[step]

    def show_state(self, state: State) -> bool:
        """Render ``state``; True when a different screen came up."""
        if self.stack.currentWidget() is self.error:
            return False
        screen = self._by_step[state.step]
        changed = self.stack.currentWidget() is not screen
        screen.show_state(state)
        if changed:
            self.stack.setCurrentWidget(screen)
        return changed

    def show_error(self, error: KioskError) -> None:
        self.error.show_error(error)
        self.stack.setCurrentWidget(self.error)

    def set_language(self, language: Language) -> None:
        self.status.language = language
        self.attract.show_language(language)

    def wipe(self) -> None:
        for s in self.screens:
            s.wipe()
            s.state = None

    def texts(self) -> list[str]:
        """Every piece of text any widget holds (tests use it to prove the wipe)."""
        out: list[str] = []
        for w in self.findChildren(QWidget):
            if isinstance(w, QLabel | QLineEdit):
                out.append(w.text())
            elif hasattr(w, "text") and callable(w.text):
                value = w.text()
                if isinstance(value, str):
                    out.append(value)
        return out

    # -- kiosk hardening -------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close or self.may_close():
            event.accept()
        else:
            log.info("close request ignored (kiosk mode; staff PIN needed)")
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.ignore()
            return
        super().keyPressEvent(event)
