"""Wiring for the staff side, built once by the composition root (ui/app.py).

Owns the staff desk's own store connection (GUI thread), the PIN book, face enrolment through
the camera, and the waiting-room display with its announcer. ``open_desk`` shows the PIN dialog
and, after a good PIN, the desk; calls from its queue console go to the display.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from kiosk.config import Settings
from kiosk.display.chime import chime_file
from kiosk.queue import store as queue
from kiosk.queue.printer import TicketPrinter
from kiosk.staff import console
from kiosk.staff.pins import PinBook
from kiosk.store import Store
from ui.display.board import WaitingRoomDisplay
from ui.display.voice import Announcer, make_announcer
from ui.staff.desk import StaffDesk
from ui.staff.enrolment import CameraEnrolment
from ui.staff.pin_dialog import PinDialog, now_local

if TYPE_CHECKING:
    from kiosk.sync.engine import SyncStatus

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+Alt+S"


class StaffLauncher(QObject):
    def __init__(self, settings: Settings, *, printer: TicketPrinter | None = None,
                 sync_status: Callable[[], SyncStatus | None] = lambda: None,
                 announcer: Announcer | None = None,
                 clock: Callable[[], datetime] = now_local) -> None:
        super().__init__()
        self.settings = settings
        self.printer = printer
        self.sync_status = sync_status
        self.clock = clock
        self.store = Store.open(settings.db_path)
        self.pins = PinBook(self.store)
        self.enrolment = CameraEnrolment(self.store, clock=clock)
        self.announcer = announcer or make_announcer(chime_file(settings.kiosk.data_dir))
        self.display = WaitingRoomDisplay(
            queue.list_polis(self.store), self.announcer,
            facility_name=settings.kiosk.facility_name,
            recent=console.recent_calls(self.store, clock().date()))
        self.pin_dialog: PinDialog | None = None
        self.desk: StaffDesk | None = None

    def refresh_polis(self) -> None:
        """Call after reference data changed (demo loaded, first sync): new polis get panels."""
        self.display.add_polis(queue.list_polis(self.store))

    def feed_frame(self, frame: Any) -> None:
        """Connect to the camera worker's frame signal (kept only during an enrolment)."""
        self.enrolment.feed(frame)

    def install_shortcut(self, window: QWidget) -> QShortcut:
        """``Ctrl+Alt+S`` on the kiosk window opens the PIN dialog."""
        shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lambda: self.open_desk(window))
        return shortcut

    def open_desk(self, parent: QWidget | None = None) -> None:
        """Ask for a PIN (non-blocking); a good one opens the desk. An open desk is raised."""
        if self.desk is not None:
            self.desk.raise_()
            self.desk.activateWindow()
            return
        if self.pin_dialog is not None:
            self.pin_dialog.raise_()
            return
        dialog = PinDialog(self.pins, self.clock, parent)
        dialog.loggedIn.connect(self._logged_in)
        dialog.finished.connect(self._dialog_closed)
        self.pin_dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        if self.pin_dialog is not None:
            self.pin_dialog.deleteLater()
            self.pin_dialog = None

    def _logged_in(self, staff_id: str) -> None:
        desk = StaffDesk(self.store, self.settings, staff_id, pins=self.pins,
                         sync_status=self.sync_status, printer=self.printer,
                         enrolment=self.enrolment, clock=self.clock)
        desk.called.connect(self.display.show_call)
        desk.loggedOut.connect(self._logged_out)
        self.desk = desk
        desk.resize(1024, 720)
        desk.show()

    def _logged_out(self, staff_id: str, idle: bool) -> None:
        if self.desk is not None:
            self.desk.deleteLater()
            self.desk = None

    def show_display(self, *, windowed_if_single_screen: bool = False) -> bool:
        """Full screen on the second screen when there is one; True when shown."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.display.setScreen(screens[1])
            self.display.setGeometry(screens[1].geometry())
            self.display.showFullScreen()
            return True
        if windowed_if_single_screen:
            self.display.resize(1280, 720)
            self.display.show()
            return True
        log.info("one screen only: the waiting-room display is not shown")
        return False

    def close(self) -> None:
        if self.desk is not None:
            self.desk.logout(idle=False)
        self.display.close()
        self.enrolment.close()
        self.announcer.close()
        self.store.close()
