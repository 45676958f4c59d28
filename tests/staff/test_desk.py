"""The PIN dialog and the staff desk as real widgets (offscreen) on a real store file."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, with_overrides
from kiosk.queue import store as queue
from kiosk.queue.printer import PdfDirPrinter
from kiosk.staff.audit import AuditAction, entries
from kiosk.staff.exceptions import (
    ExceptionKind,
    Resolution,
    get_exception,
    open_exceptions,
    raise_exception,
)
from kiosk.staff.pins import MAX_ATTEMPTS, PinBook
from kiosk.store import EventKind, Store
from tests.staff.staff_support import OPEN, issue
from ui.staff.desk import StaffDesk
from ui.staff.pin_dialog import PinDialog, format_left


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at
        self.mono = 1000.0

    def __call__(self) -> datetime:
        return self.at

    def monotonic(self) -> float:
        return self.mono


def _type(dialog: PinDialog, pin: str) -> None:
    for d in pin:
        dialog.digit_buttons[d].click()
    dialog.ok_button.click()


def test_pin_keypad_masks_locks_with_time_left_and_unlocks(qtbot: QtBot, store: Store) -> None:
    book = PinBook(store)
    book.set_pin("siti", "482913", OPEN)
    clock = Clock(OPEN)
    dialog = PinDialog(book, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    for d in "48":
        dialog.digit_buttons[d].click()
    assert dialog.entry.text() == "48"
    assert dialog.entry.echoMode() == dialog.entry.EchoMode.Password
    dialog.back_button.click()
    assert dialog.entry.text() == "4"
    dialog.clear_button.click()
    for i in range(MAX_ATTEMPTS - 1):
        _type(dialog, "111111")
        assert str(MAX_ATTEMPTS - 1 - i) in dialog.message.text()
    _type(dialog, "111111")
    assert not dialog.ok_button.isEnabled() and not dialog.digit_buttons["4"].isEnabled()
    assert "1:00" in dialog.message.text()
    clock.at += timedelta(seconds=35)
    dialog.refresh_lock()
    assert "0:25" in dialog.message.text() and not dialog.ok_button.isEnabled()
    clock.at += timedelta(seconds=25)
    dialog.refresh_lock()
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.loggedIn) as got:
        qtbot.keyClicks(dialog, "482913")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert got.args == ["siti"] and dialog.staff_id == "siti"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_pin_dialog_without_any_pin_says_how_to_set_one(qtbot: QtBot, store: Store) -> None:
    dialog = PinDialog(PinBook(store), Clock(OPEN))
    qtbot.addWidget(dialog)
    _type(dialog, "482913")
    assert "kiosk-tool staff-set-pin" in dialog.message.text()
    dialog.ok_button.click()
    assert "PIN" in dialog.message.text()


def test_format_left() -> None:
    assert format_left(timedelta(seconds=59.2)) == "1:00"
    assert format_left(timedelta(minutes=12, seconds=5)) == "12:05"
    assert format_left(timedelta(0)) == "0:00"


def _desk(qtbot: QtBot, store: Store, tmp_path: Path, clock: Clock,
          **kwargs: object) -> tuple[StaffDesk, PinBook]:
    book = PinBook(store)
    settings = with_overrides(Settings(), timeouts={"staff_idle_s": 60.0},
                              kiosk={"data_dir": str(tmp_path)})
    desk = StaffDesk(store, settings, "siti", pins=book, clock=clock,
                     monotonic=clock.monotonic, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(desk)
    desk.show()
    return desk, book


def test_desk_logs_out_after_idle_time_and_input_keeps_it_open(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    clock = Clock(OPEN)
    desk, _book = _desk(qtbot, store, tmp_path, clock)
    clock.mono += 50
    qtbot.mouseClick(desk.override.participant, Qt.MouseButton.LeftButton)  # input at 1050
    clock.mono += 50
    desk.check_idle()
    assert desk.logged_in
    with qtbot.waitSignal(desk.loggedOut, timeout=3000) as got:
        clock.mono += 11  # 61 s without input; the desk's own 1 s timer notices
    assert got.args == ["siti", True]
    assert not desk.isVisible() and not desk.logged_in
    (row,) = entries(store, action=AuditAction.LOGOUT)
    assert row.staff == "siti" and row.detail == {"idle": True}


def test_case_list_resolve_and_manual_verification(qtbot: QtBot, store: Store,
                                                   tmp_path: Path) -> None:
    clock = Clock(OPEN)
    a = raise_exception(store, ExceptionKind.FACE_FAILED, "3 attempts", "0001234567890", OPEN)
    b = raise_exception(store, ExceptionKind.PRINTER_PROBLEM, "printer: out of paper", None,
                        OPEN)
    desk, _ = _desk(qtbot, store, tmp_path, clock)
    tab = desk.exceptions
    assert tab.table.rowCount() == 2
    assert tab.table.item(0, 1).text() == "Face verification failed"
    tab.resolve_button.click()
    assert "Choose a case" in tab.message.text()
    tab.table.selectRow(1)
    tab.resolution.setCurrentIndex(tab.resolution.findData(Resolution.OTHER))
    tab.resolve_button.click()  # "Other" without a note is refused, nothing changes
    assert "at least 10" in tab.message.text() and tab.table.rowCount() == 2
    tab.resolution.setCurrentIndex(tab.resolution.findData(Resolution.PRINTER_FIXED))
    tab.resolve_button.click()
    assert tab.table.rowCount() == 1 and [e.id for e in open_exceptions(store)] == [a]
    got = get_exception(store, b)
    assert got is not None and got.resolved_by == "siti"
    # manual verification from the remaining face case
    tab.table.selectRow(0)
    tab.verify_button.click()
    assert desk.tabs.currentWidget() is desk.override
    ov = desk.override
    assert ov.participant.text() == "0001234567890" and ov.exception_id == a
    ov.reason.setPlainText("ok")
    ov.confirm_button.click()
    assert "at least 10" in ov.message.text()
    assert not entries(store, action=AuditAction.OVERRIDE)
    ov.reason.setPlainText("KTP asli dicek, foto cocok")
    ov.confirm_button.click()
    assert "0001234567890" in ov.message.text()
    (row,) = entries(store, action=AuditAction.OVERRIDE)
    (ev,) = [e for e in store.pending_events() if e.kind is EventKind.STAFF_OVERRIDE]
    assert row.event_id == ev.event_id and row.reason == "KTP asli dicek, foto cocok"
    assert open_exceptions(store) == [] and tab.table.rowCount() == 0


def test_override_without_a_case_needs_a_participant(qtbot: QtBot, store: Store,
                                                     tmp_path: Path) -> None:
    desk, _ = _desk(qtbot, store, tmp_path, Clock(OPEN))
    ov = desk.override
    ov.reason.setPlainText("KTP asli dicek, foto cocok")
    ov.confirm_button.click()
    assert "card number or NIK" in ov.message.text()
    assert not entries(store, action=AuditAction.OVERRIDE)


def test_queue_console_buttons_follow_call_order(qtbot: QtBot, store: Store,
                                                 tmp_path: Path) -> None:
    t1 = issue(store, 1, "UMU", OPEN)
    t2 = issue(store, 2, "UMU", OPEN + timedelta(minutes=1))
    clock = Clock(OPEN + timedelta(minutes=5))
    desk, _ = _desk(qtbot, store, tmp_path, clock)
    q = desk.queue
    assert [q.waiting.item(i).text().split()[0] for i in range(q.waiting.count())] == [
        t1.label, t2.label]
    calls: list[object] = []
    desk.called.connect(calls.append)
    q.served_button.click()
    assert "Being called" in q.message.text()
    q.call_button.click()
    assert q.being_called.item(0).text() == t1.label and q.waiting.count() == 1
    q.absent_button.click()
    q.call_button.click()
    q.served_button.click()
    q.call_button.click()
    assert "Nobody is waiting" in q.message.text()
    assert [getattr(c, "label", None) for c in calls] == [t1.label, t2.label]
    s1, s2 = queue.get_ticket(store, t1.ticket_id), queue.get_ticket(store, t2.ticket_id)
    assert s1 is not None and s1.status.value == "absent"
    assert s2 is not None and s2.status.value == "served"
    kinds = [e.kind for e in store.pending_events()]
    assert kinds.count(EventKind.TICKET_CALLED) == 2


def test_reprint_tab(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    t = issue(store, 1, "GIG", OPEN)
    printer = PdfDirPrinter(tmp_path / "tickets", 80)
    desk, _ = _desk(qtbot, store, tmp_path, Clock(OPEN), printer=printer)
    r = desk.reprint
    r.number.setText("b12x")
    r.reprint_button.click()
    assert "A-012" in r.message.text()  # the hint shows the expected form
    r.number.setText("B-777")
    r.reprint_button.click()
    assert "B-777" in r.message.text()
    r.number.setText(t.label.lower())
    r.reprint_button.click()
    assert t.label in r.message.text()
    assert len(list((tmp_path / "tickets").rglob("*.pdf"))) == 1
    assert len(entries(store, action=AuditAction.TICKET_REPRINTED)) == 1


def test_enrolment_needs_the_face_module_and_explicit_consent(qtbot: QtBot, store: Store,
                                                              tmp_path: Path) -> None:
    desk, _ = _desk(qtbot, store, tmp_path, Clock(OPEN))
    e = desk.enrol
    assert "not available" in e.message.text()
    assert "Saya setuju" in e.consent_text.text() and "I agree" in e.consent_text.text()
    e.participant.setText("0001234567890")
    e.consent.setChecked(True)
    assert not e.enrol_button.isEnabled() and not e.delete_button.isEnabled()


def test_sync_tab_shows_standalone_and_engine_state(qtbot: QtBot, store: Store,
                                                    tmp_path: Path) -> None:
    from kiosk.sync.engine import SyncStatus

    status: list[SyncStatus | None] = [None]
    clock = Clock(OPEN)
    issue(store, 1, "UMU", OPEN)
    desk, _ = _desk(qtbot, store, tmp_path, clock, sync_status=lambda: status[0])
    values: Callable[[], list[str]] = lambda: [v.text() for v in desk.sync.values]  # noqa: E731
    assert "standalone" in values()[0] and values()[2] == str(store.outbox_depth())
    status[0] = SyncStatus(online=False, last_success=OPEN - timedelta(minutes=7),
                           outbox_depth=12, quarantined=1, error="connection refused")
    desk.sync.refresh()
    assert values() == ["OFFLINE", "7 minute(s) ago", "12", "1", "connection refused"]
    status[0] = SyncStatus(online=True, last_success=OPEN - timedelta(seconds=3),
                           outbox_depth=0, quarantined=0)
    desk.sync.refresh()
    assert values()[:2] == ["online", "3 second(s) ago"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_summary_tab_exports_the_pdf(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    issue(store, 1, "UMU", OPEN)
    issue(store, 2, "UMU", OPEN)
    desk, _ = _desk(qtbot, store, tmp_path, Clock(OPEN + timedelta(hours=2)))
    s = desk.summary
    assert s.table.rowCount() == 2
    umum = next(i for i in range(2) if s.table.item(i, 0).text() == "Poli Umum")
    assert s.table.item(umum, 1).text() == "2"
    path = s.export()
    assert path is not None and path.parent == tmp_path / "reports"
    assert str(path) in s.message.text()
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Ringkasan harian" in text
    row = next(ln.split() for ln in text.splitlines() if ln.strip().startswith("Poli Umum"))
    assert row[3:8] == ["2", "0", "0", "2", "-"]
    assert entries(store, action=AuditAction.REPORT_EXPORTED)[0].subject == "2026-11-23"
