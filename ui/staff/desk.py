"""The staff desk: a PIN-protected window with the cases the kiosk handed over, manual
verification, face enrolment with consent, the queue console, reprints, sync state and the
daily summary. It logs itself out after ``timeouts.staff_idle_s`` without input.

Everything it needs is passed in by the composition root (ui/app.py); calls made from the
queue console leave through the ``called`` signal, which the waiting-room display listens to.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.queue.printer import TicketPrinter
from kiosk.staff.pins import PinBook, should_logout
from kiosk.store import Store
from ui.staff.pin_dialog import now_local
from ui.staff.tabs import (
    DeskContext,
    EnrolTab,
    ExceptionsTab,
    FaceEnrolment,
    OverrideTab,
    QueueTab,
    ReprintTab,
    SummaryTab,
    SyncTab,
    Tab,
)

if TYPE_CHECKING:
    from kiosk.sync.engine import SyncStatus

log = logging.getLogger(__name__)

_INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
                 QEvent.Type.Wheel}


class StaffDesk(QWidget):
    called = Signal(object)  # kiosk.staff.console.Call, for WaitingRoomDisplay.show_call
    loggedOut = Signal(str, bool)  # staff id, idle

    def __init__(
        self,
        store: Store,
        settings: Settings,
        staff_id: str,
        *,
        pins: PinBook,
        sync_status: Callable[[], SyncStatus | None] = lambda: None,
        printer: TicketPrinter | None = None,
        enrolment: FaceEnrolment | None = None,
        report_dir: Path | None = None,
        clock: Callable[[], datetime] = now_local,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setObjectName("staffDesk")
        self.ctx = DeskContext(store, settings, staff_id, clock)
        self.pins = pins
        self.monotonic = monotonic
        self.last_input = monotonic()
        self.logged_in = True
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.who = QLabel()
        self.logout_button = QPushButton()
        self.logout_button.setObjectName("logout")
        head.addWidget(self.who, 1)
        head.addWidget(self.logout_button)
        lay.addLayout(head)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self.exceptions = ExceptionsTab(self.ctx)
        self.override = OverrideTab(self.ctx)
        self.enrol = EnrolTab(self.ctx, enrolment)
        self.queue = QueueTab(self.ctx)
        self.reprint = ReprintTab(self.ctx, printer)
        self.sync = SyncTab(self.ctx, sync_status)
        self.summary = SummaryTab(self.ctx, report_dir or settings.kiosk.data_dir / "reports")
        self.pages: list[Tab] = [self.exceptions, self.override, self.enrol, self.queue,
                                 self.reprint, self.sync, self.summary]
        for page in self.pages:
            self.tabs.addTab(page, "")
            page.changed.connect(self.refresh_all)
        self.tabs.currentChanged.connect(lambda _i: self.current_page().refresh())
        self.exceptions.overrideRequested.connect(self.open_override)
        self.queue.called.connect(self.called)
        self.logout_button.clicked.connect(lambda: self.logout(idle=False))
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(2000)
        self.sync_timer.timeout.connect(self.sync.refresh)
        self.sync_timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate()

    def current_page(self) -> Tab:
        page = self.tabs.currentWidget()
        assert isinstance(page, Tab)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Staff desk"))
        self.who.setText(self.tr("Logged in as %1").replace("%1", self.ctx.staff_id))
        self.logout_button.setText(self.tr("Log out"))
        for i, text in enumerate((
                self.tr("Cases"), self.tr("Manual verification"), self.tr("Face enrolment"),
                self.tr("Queue"), self.tr("Reprint"), self.tr("Sync"),
                self.tr("Daily summary"))):
            self.tabs.setTabText(i, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh_all(self) -> None:
        for page in self.pages:
            page.refresh()

    def open_override(self, exception_id: int, participant_id: str) -> None:
        self.override.prefill(exception_id, participant_id)
        self.tabs.setCurrentWidget(self.override)

    # -- auto-logout -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and isinstance(watched, QWidget) and (
                watched.window() is self):
            self.last_input = self.monotonic()
        return False

    def check_idle(self) -> None:
        idle_s = self.ctx.settings.timeouts.staff_idle_s
        if self.logged_in and should_logout(self.last_input, self.monotonic(), idle_s):
            log.info("staff desk idle for %.0f s: logging %s out", idle_s, self.ctx.staff_id)
            self.logout(idle=True)

    def logout(self, idle: bool) -> None:
        if not self.logged_in:
            return
        self.logged_in = False
        self.idle_timer.stop()
        self.sync_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.pins.logout(self.ctx.staff_id, self.ctx.clock(), idle)
        self.loggedOut.emit(self.ctx.staff_id, idle)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.logout(idle=False)
        super().closeEvent(event)
