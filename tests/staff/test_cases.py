"""Exceptions, overrides and the queue console on a real store: every staff action writes its
change, an audit row and an outbox event together (or nothing at all)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.checkin import StaffReason
from kiosk.errors import PrinterOffline
from kiosk.queue import store as queue
from kiosk.queue.model import TicketStatus
from kiosk.queue.printer import EscPosPrinter, PdfDirPrinter
from kiosk.staff import console
from kiosk.staff.audit import AuditAction, entries
from kiosk.staff.exceptions import (
    AlreadyResolved,
    ExceptionKind,
    ReasonRequired,
    Resolution,
    get_exception,
    open_exceptions,
    override_verification,
    raise_exception,
    resolve,
)
from kiosk.store import EventKind, Store
from tests.staff.staff_support import DAY, OPEN, issue


def _events(store: Store, kind: EventKind) -> list[dict[str, object]]:
    return [e.payload for e in store.pending_events() if e.kind is kind]


def test_raised_cases_are_listed_oldest_first_and_resolved(store: Store) -> None:
    a = raise_exception(store, ExceptionKind.of(StaffReason.FACE_FAILED), "3 failed attempts",
                        "0001234567890", OPEN)
    b = raise_exception(store, ExceptionKind.PRINTER_PROBLEM, "printer out of paper", None,
                        OPEN + timedelta(minutes=1))
    assert [e.id for e in open_exceptions(store)] == [a, b]
    assert _events(store, EventKind.EXCEPTION_RAISED)[0]["kind"] == "face_failed"
    resolve(store, b, Resolution.PRINTER_FIXED, "", "siti", OPEN + timedelta(minutes=5))
    assert [e.id for e in open_exceptions(store)] == [a]
    done = get_exception(store, b)
    assert done is not None and done.resolution is Resolution.PRINTER_FIXED
    assert done.resolved_by == "siti"
    (ev,) = _events(store, EventKind.EXCEPTION_RESOLVED)
    (row,) = entries(store, action=AuditAction.EXCEPTION_RESOLVED)
    assert ev["exception_id"] == b and row.detail["exception_id"] == b
    assert row.event_id is not None
    with pytest.raises(AlreadyResolved):
        resolve(store, b, Resolution.OTHER, "printed again after refill", "siti", OPEN)
    with pytest.raises(ValueError, match="no staff exception"):
        resolve(store, 999, Resolution.PATIENT_LEFT, "", "siti", OPEN)


def test_resolution_other_needs_a_note(store: Store) -> None:
    a = raise_exception(store, ExceptionKind.UNKNOWN_PARTICIPANT, "not in roster", "x", OPEN)
    with pytest.raises(ReasonRequired):
        resolve(store, a, Resolution.OTHER, "  ok  ", "siti", OPEN)
    assert [e.id for e in open_exceptions(store)] == [a]
    assert not _events(store, EventKind.EXCEPTION_RESOLVED)


@pytest.mark.parametrize("reason", ["", "   ", "ok", "KTP cek"])
def test_override_refuses_a_missing_or_short_reason_and_writes_nothing(
        store: Store, reason: str) -> None:
    with pytest.raises(ReasonRequired, match="at least"):
        override_verification(store, "0001234567890", reason, "siti", OPEN)
    assert not entries(store, action=AuditAction.OVERRIDE)
    assert not _events(store, EventKind.STAFF_OVERRIDE)


def test_override_is_audited_with_its_event_and_resolves_the_case(store: Store) -> None:
    case = raise_exception(store, ExceptionKind.FACE_FAILED, "no match", "0001234567890", OPEN)
    o = override_verification(store, "0001234567890", "KTP asli dicek,  wajah cocok", "siti",
                              OPEN, exception_id=case)
    assert o.reason == "KTP asli dicek, wajah cocok"
    (row,) = entries(store, action=AuditAction.OVERRIDE)
    (ev,) = [e for e in store.pending_events() if e.kind is EventKind.STAFF_OVERRIDE]
    assert row.event_id == ev.event_id == o.event_id
    assert row.reason == ev.payload["reason"] == o.reason and row.staff == "siti"
    assert row.subject == ev.payload["participant_id"] == "0001234567890"
    got = get_exception(store, case)
    assert got is not None and got.resolution is Resolution.VERIFIED_MANUALLY


def test_override_is_all_or_nothing(store: Store) -> None:
    """A failure inside the transaction (here: the audit table is gone) leaves no event."""
    store.conn.execute("ALTER TABLE audit RENAME TO audit_gone")
    with pytest.raises(sqlite3.OperationalError):
        override_verification(store, "0001234567890", "KTP asli dicek oleh petugas", "siti",
                              OPEN)
    assert not _events(store, EventKind.STAFF_OVERRIDE)


def test_console_calls_in_queue_order_recalls_and_closes(store: Store) -> None:
    t1 = issue(store, 1, "UMU", OPEN)
    t2 = issue(store, 2, "UMU", OPEN + timedelta(minutes=1))
    t3 = issue(store, 3, "UMU", OPEN + timedelta(minutes=2), pregnant=True)
    now = OPEN + timedelta(minutes=10)
    # a pregnant patient (priority group) is called before earlier arrivals
    first = console.call_next(store, "UMU", "siti", now)
    assert first is not None and first.ticket_id == t3.ticket_id
    assert first.poli_name == "Poli Umum" and not first.recall
    again = console.recall(store, t3.ticket_id, "siti", now + timedelta(minutes=1))
    assert again.recall and again.label == t3.label
    console.mark_absent(store, t3.ticket_id, "siti", now + timedelta(minutes=2))
    with pytest.raises(ValueError, match="not being called"):
        console.recall(store, t3.ticket_id, "siti", now)
    second = console.call_next(store, "UMU", "siti", now + timedelta(minutes=3))
    assert second is not None and second.ticket_id == t1.ticket_id
    console.mark_served(store, t1.ticket_id, "siti", now + timedelta(minutes=9))
    assert [t.ticket_id for t in queue.waiting_order(store, "UMU", DAY)] == [t2.ticket_id]
    got = queue.get_ticket(store, t3.ticket_id)
    assert got is not None and got.status is TicketStatus.ABSENT
    kinds = [e.kind for e in store.pending_events()
             if e.kind.value.startswith("ticket_") and e.kind is not EventKind.TICKET_ISSUED]
    assert kinds == [EventKind.TICKET_CALLED, EventKind.TICKET_RECALLED, EventKind.TICKET_ABSENT,
                     EventKind.TICKET_CALLED, EventKind.TICKET_SERVED]
    actions = [e.action for e in reversed(entries(store))]
    assert actions == [AuditAction.TICKET_CALLED, AuditAction.TICKET_RECALLED,
                       AuditAction.TICKET_ABSENT, AuditAction.TICKET_CALLED,
                       AuditAction.TICKET_SERVED]
    assert [c.label for c in console.recent_calls(store, DAY)] == [t1.label, t3.label]
    assert console.call_next(store, "GIG", "siti", now) is None


def test_a_queue_action_and_its_audit_row_commit_together_or_not_at_all(store: Store) -> None:
    t1 = issue(store, 1, "UMU", OPEN)
    now = OPEN + timedelta(minutes=10)
    called = console.call_next(store, "UMU", "siti", now)
    assert called is not None and called.ticket_id == t1.ticket_id
    events_before = store.outbox_depth()
    with store.transaction() as tx:  # the audit log can no longer be written
        tx.execute("DROP TABLE audit")
    with pytest.raises(sqlite3.OperationalError, match="audit"):
        console.mark_served(store, t1.ticket_id, "siti", now + timedelta(minutes=5))
    got = queue.get_ticket(store, t1.ticket_id)
    assert got is not None and got.status is TicketStatus.CALLED  # not served unaudited
    issue(store, 2, "UMU", OPEN + timedelta(minutes=1))
    depth = store.outbox_depth()
    with pytest.raises(sqlite3.OperationalError, match="audit"):
        console.call_next(store, "UMU", "siti", now + timedelta(minutes=6))
    assert store.outbox_depth() == depth > events_before  # no TICKET_CALLED without its audit
    assert [t.label for t in queue.waiting_order(store, "UMU", DAY)] != []


def test_reprint_finds_the_ticket_by_its_printed_number(store: Store, tmp_path: Path) -> None:
    t = issue(store, 7, "GIG", OPEN)
    assert console.find_ticket(store, t.label.replace("-", "").lower(), DAY) == t
    assert console.find_ticket(store, "B-999", DAY) is None
    with pytest.raises(ValueError, match="not a queue number"):
        console.find_ticket(store, "hello", DAY)
    printer = PdfDirPrinter(tmp_path / "tickets", 80)
    for _ in range(2):
        console.reprint(store, printer, t.ticket_id, "siti", OPEN, facility_name="Klinik")
    pdfs = sorted((tmp_path / "tickets").rglob("*.pdf"))
    assert len(pdfs) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    got = queue.get_ticket(store, t.ticket_id)
    assert got is not None and got.print_count == 2
    assert len(entries(store, action=AuditAction.TICKET_REPRINTED)) == 2


def test_reprint_on_a_dead_printer_records_nothing(store: Store, tmp_path: Path) -> None:
    t = issue(store, 8, "GIG", OPEN)
    dead = EscPosPrinter(tmp_path / "no-such-lp0", 80)
    with pytest.raises(PrinterOffline):
        console.reprint(store, dead, t.ticket_id, "siti", OPEN, facility_name="Klinik")
    got = queue.get_ticket(store, t.ticket_id)
    assert got is not None and got.print_count == 0
    assert not entries(store, action=AuditAction.TICKET_REPRINTED)
