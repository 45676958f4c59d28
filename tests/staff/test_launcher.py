"""The staff side as app.py builds it: shortcut -> PIN dialog -> desk -> calls on the display."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, with_overrides
from kiosk.queue.model import Poli
from kiosk.queue.store import upsert_poli
from kiosk.staff.pins import PinBook
from tests.staff.staff_support import OPEN, issue, open_facility
from ui.display.voice import RecordingAnnouncer
from ui.staff.launcher import StaffLauncher


def test_shortcut_pin_desk_and_display(qtbot: QtBot, tmp_path: Path) -> None:
    settings = with_overrides(Settings(), kiosk={"data_dir": str(tmp_path)})
    with open_facility(settings.db_path) as store:
        PinBook(store).set_pin("siti", "482913", OPEN)
        first = issue(store, 1, "UMU", OPEN)
    voice = RecordingAnnouncer()
    now = [OPEN + timedelta(minutes=3)]
    launcher = StaffLauncher(settings, announcer=voice, clock=lambda: now[0])
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    shortcut = launcher.install_shortcut(window)
    assert shortcut.key().toString() == "Ctrl+Alt+S"
    assert launcher.display.panels.keys() == {"UMU", "GIG"}
    with launcher.store.transaction() as tx:
        upsert_poli(tx, Poli("KIA", "Poli KIA", "C"))
    launcher.refresh_polis()
    assert launcher.display.panels.keys() == {"UMU", "GIG", "KIA"}
    shortcut.activated.emit()  # what Qt does on Ctrl+Alt+S
    dialog = launcher.pin_dialog
    assert dialog is not None and dialog.isVisible()
    for d in "482913":
        dialog.digit_buttons[d].click()
    dialog.ok_button.click()
    desk = launcher.desk
    assert desk is not None and desk.isVisible() and desk.ctx.staff_id == "siti"
    launcher.open_desk(window)  # a second request raises the same desk
    assert launcher.desk is desk
    desk.tabs.setCurrentWidget(desk.queue)
    desk.queue.call_button.click()
    assert launcher.display.current("UMU") == first.label
    assert voice.sentences == ["nomor antrean A " + _n(first.label) + ", silakan ke poli umum"]
    desk.logout_button.click()
    assert launcher.desk is None
    launcher.close()


def _n(label: str) -> str:
    from kiosk.speech import number_words

    return number_words(int(label.split("-")[1]))
