"""The queue console on the staff desk: call next, recall, absent, served, reprint.

Calling, absent and served go through the queue's own store operations (which write the ticket
change and its outbox event in one transaction, in call order); the staff member who did it is
then written to the audit log. Recall is ours: the ticket stays called, a TICKET_RECALLED event
and the audit row are written together.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.queue import store as queue
from kiosk.queue.model import Ticket, TicketStatus
from kiosk.queue.numbering import format_number, parse_number
from kiosk.queue.printer import TicketPrinter, print_ticket
from kiosk.staff.audit import AuditAction, record
from kiosk.store import EventKind, Store, Tx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """A number to show on the waiting-room board (and to say aloud)."""

    ticket_id: str
    label: str
    poli_code: str
    poli_name: str
    at: datetime
    recall: bool = False


def _audit(tx: Tx, staff: str, action: AuditAction, t: Ticket, now: datetime) -> None:
    record(tx, at=now, staff=staff, action=action, subject=t.label,
           detail={"ticket_id": t.ticket_id, "poli_code": t.poli_code})


def _poli_name(store: Store, code: str) -> str:
    p = queue.get_poli(store, code)
    return p.name if p else code


def call_next(store: Store, poli_code: str, staff: str, now: datetime,
              max_priority_run: int = 3) -> Call | None:
    """Call the next ticket in call order (arrival with priority groups); None if nobody waits."""
    with store.transaction() as tx:  # the call and who made it, together or not at all
        t = queue.call_next_in(tx, poli_code, now, max_priority_run)
        if t is None:
            return None
        _audit(tx, staff, AuditAction.TICKET_CALLED, t, now)
    return Call(t.ticket_id, t.label, poli_code, _poli_name(store, poli_code), now)


def recall(store: Store, ticket_id: str, staff: str, now: datetime) -> Call:
    """Call a ticket that is being called again (the patient did not come yet)."""
    with store.transaction() as tx:
        row = tx.execute("SELECT status, label, poli_code, noka FROM tickets WHERE ticket_id = ?",
                         (ticket_id,)).fetchone()
        if row is None or row[0] != TicketStatus.CALLED.value:
            raise ValueError(f"ticket {ticket_id} is not being called; call the next one instead")
        event_id = tx.emit(EventKind.TICKET_RECALLED, {
            "ticket_id": ticket_id, "label": row[1], "poli_code": row[2], "noka": row[3],
            "at": now.isoformat()})
        record(tx, at=now, staff=staff, action=AuditAction.TICKET_RECALLED, subject=row[1],
               detail={"ticket_id": ticket_id, "poli_code": row[2]}, event_id=event_id)
    return Call(ticket_id, row[1], row[2], _poli_name(store, row[2]), now, recall=True)


def mark_absent(store: Store, ticket_id: str, staff: str, now: datetime) -> None:
    _finish(store, ticket_id, staff, now, TicketStatus.ABSENT, AuditAction.TICKET_ABSENT)


def mark_served(store: Store, ticket_id: str, staff: str, now: datetime) -> None:
    _finish(store, ticket_id, staff, now, TicketStatus.SERVED, AuditAction.TICKET_SERVED)


def _finish(store: Store, ticket_id: str, staff: str, now: datetime, status: TicketStatus,
            action: AuditAction) -> None:
    with store.transaction() as tx:
        t = queue.finish_in(tx, ticket_id, now, status)
        _audit(tx, staff, action, t, now)


def reprint(store: Store, printer: TicketPrinter, ticket_id: str, staff: str, now: datetime,
            *, facility_name: str, max_priority_run: int = 3) -> str:
    """Print a ticket again (the queue counts it with TICKET_PRINTED) and audit who asked.

    Printer errors (PrinterOffline, PrinterOutOfPaper) propagate and nothing is recorded.
    """
    where = print_ticket(store, printer, ticket_id, facility_name=facility_name, now=now,
                         max_priority_run=max_priority_run)
    _audit_ticket(store, ticket_id, staff, AuditAction.TICKET_REPRINTED, now)
    return where


def _audit_ticket(store: Store, ticket_id: str, staff: str, action: AuditAction,
                  now: datetime) -> None:
    t = queue.get_ticket(store, ticket_id)
    if t is not None:
        with store.transaction() as tx:
            _audit(tx, staff, action, t, now)


def being_called(store: Store, poli_code: str, day: date) -> list[Ticket]:
    """Tickets of a poli currently called (not yet served or absent), latest call first."""
    rows = store.query("SELECT ticket_id FROM tickets WHERE day = ? AND poli_code = ? AND"
                       " status = 'called' ORDER BY called_at DESC", (day.isoformat(), poli_code))
    return [t for r in rows if (t := queue.get_ticket(store, r["ticket_id"])) is not None]


def find_ticket(store: Store, label: str, day: date) -> Ticket | None:
    """Today's ticket with this printed number ("A-012", "a12"), for reprints."""
    letters, number = parse_number(label)
    rows = store.query("SELECT ticket_id FROM tickets WHERE day = ? AND label = ?",
                       (day.isoformat(), format_number(letters, number)))
    return queue.get_ticket(store, rows[0]["ticket_id"]) if rows else None


def recent_calls(store: Store, day: date, per_poli: int = 4) -> list[Call]:
    """The latest calls of the day per poli, newest first: the board's state after a restart."""
    rows = store.query(
        "SELECT t.ticket_id, t.label, t.poli_code, t.called_at, p.name FROM tickets t"
        " LEFT JOIN polis p ON p.code = t.poli_code WHERE t.day = ? AND t.called_at IS NOT NULL"
        " ORDER BY t.called_at DESC", (day.isoformat(),))
    out: list[Call] = []
    seen: dict[str, int] = {}
    for r in rows:
        n = seen.get(r["poli_code"], 0)
        if n < per_poli:
            seen[r["poli_code"]] = n + 1
            out.append(Call(r["ticket_id"], r["label"], r["poli_code"],
                            r["name"] or r["poli_code"], datetime.fromisoformat(r["called_at"])))
    return out
