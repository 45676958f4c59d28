"""Server-side state changes: the change feed, queue numbers, leases, bookings, event projections.

Every function takes an open ``Tx`` so callers compose them atomically. Anything kiosks must see
goes through ``record_change``, which takes the next feed seq under the change_counter row lock.
"""

from __future__ import annotations

import enum
import json
import uuid
from dataclasses import dataclass
from typing import Any

from kiosk.server.db import Dialect, Tx, utcnow_iso


class Entity(enum.StrEnum):
    """Entity names in the change feed (plain strings on the wire)."""

    PARTICIPANT = "participant"
    POLI = "poli"
    DOCTOR = "doctor"
    SCHEDULE = "schedule"
    BOOKING = "booking"
    TEMPLATE = "template"
    LEASE = "lease"
    TICKET = "ticket"
    FACILITY = "facility"
    HOLIDAY = "holiday"


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def lock_feed(tx: Tx) -> None:
    """Take the change-feed lock now (PostgreSQL; SQLite has one writer anyway).

    Lock order on PostgreSQL is: change_counter, then number_counters, then bookings/tickets
    rows. Every function here that writes numbers, bookings or the feed calls this first; code
    that locks such rows itself (``SELECT ... FOR UPDATE``) must call it before, too.
    """
    if tx.dialect is Dialect.POSTGRESQL and not tx.feed_locked:
        tx.execute("SELECT seq FROM change_counter WHERE id = 1 FOR UPDATE")
        tx.feed_locked = True


def record_change(
    tx: Tx, entity: str, key: str, data: dict[str, Any] | None, scope: str | None = None,
    origin: str | None = None,
) -> int:
    """Make ``data`` (None = deleted) the latest state of (entity, key); returns its feed seq.
    ``scope``: only this kiosk sees it. ``origin``: the kiosk whose own event this is (it
    already has the change, so its pulls skip it)."""
    seq = int(tx.scalar("UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq"))
    change_id = uuid.uuid4().hex
    text = None if data is None else dumps(data)
    tx.execute(
        "INSERT INTO records (entity, key, scope, origin, data, seq, change_id, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, key) DO UPDATE SET"
        " scope = excluded.scope, origin = excluded.origin, data = excluded.data,"
        " seq = excluded.seq, change_id = excluded.change_id, updated_at = excluded.updated_at",
        (str(entity), key, scope, origin, text, seq, change_id, utcnow_iso()),
    )
    tx.execute("INSERT INTO change_log (seq, change_id) VALUES (?, ?)", (seq, change_id))
    return seq


def get_record(tx: Tx, entity: str, key: str) -> dict[str, Any] | None:
    row = tx.one("SELECT data FROM records WHERE entity = ? AND key = ?", (str(entity), key))
    if row is None or row["data"] is None:
        return None
    value: dict[str, Any] = json.loads(row["data"])
    return value


# -- queue numbers -------------------------------------------------------------------------
@dataclass(frozen=True)
class Allocated:
    poli_code: str
    day: str
    number: int
    label: str


@dataclass(frozen=True)
class Lease:
    lease_id: str
    kiosk_id: str
    poli_code: str
    day: str
    first_number: int
    last_number: int


def format_number(prefix: str, n: int) -> str:
    """Human queue number, "A-012"."""
    return f"{prefix}-{n:03d}"


def poli_prefix(tx: Tx, poli_code: str) -> str:
    poli = get_record(tx, Entity.POLI, poli_code)
    prefix = poli.get("letter") if poli else None
    return str(prefix) if prefix else poli_code[:1].upper()


def _take(tx: Tx, poli_code: str, day: str, count: int) -> int:
    """Reserve ``count`` consecutive numbers; returns the last one. Atomic on both engines."""
    lock_feed(tx)
    tx.execute(
        "INSERT INTO number_counters (poli_code, day, last_number) VALUES (?, ?, 0)"
        " ON CONFLICT (poli_code, day) DO NOTHING",
        (poli_code, day),
    )
    return int(tx.scalar(
        "UPDATE number_counters SET last_number = last_number + ? WHERE poli_code = ? AND day = ?"
        " RETURNING last_number",
        (count, poli_code, day),
    ))


def allocate_number(tx: Tx, poli_code: str, day: str) -> Allocated:
    """The next number for this poli on this day (online kiosks, Mobile JKN, staff)."""
    n = _take(tx, poli_code, day, 1)
    return Allocated(poli_code, day, n, format_number(poli_prefix(tx, poli_code), n))


def allocate_lease(tx: Tx, kiosk_id: str, poli_code: str, day: str, size: int) -> Lease:
    """A block of ``size`` numbers a kiosk may issue while offline; reaches it through pull too."""
    last = _take(tx, poli_code, day, size)
    lease = Lease(uuid.uuid4().hex, kiosk_id, poli_code, day, last - size + 1, last)
    tx.execute(
        "INSERT INTO leases (lease_id, kiosk_id, poli_code, day, first_number, last_number,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (lease.lease_id, kiosk_id, poli_code, day, lease.first_number, lease.last_number,
         utcnow_iso()),
    )
    record_change(tx, Entity.LEASE, lease.lease_id, {
        "lease_id": lease.lease_id, "poli_code": poli_code, "day": day,
        "first_number": lease.first_number, "last_number": lease.last_number,
        "kiosk_id": kiosk_id, "granted_at": utcnow_iso(),
    }, scope=kiosk_id)
    return lease


# -- bookings ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Booking:
    booking_id: str
    source: str  # "jkn" | "kiosk" | "staff" | "import"
    poli_code: str
    day: str
    status: str = "booked"  # booked | checked_in | served | cancelled
    noka: str | None = None
    nik: str | None = None
    doctor_code: str | None = None
    number: int | None = None
    label: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extra)
        out.update(
            booking_id=self.booking_id, source=self.source, poli_code=self.poli_code,
            day=self.day, status=self.status, noka=self.noka, nik=self.nik,
            doctor_code=self.doctor_code, number=self.number, label=self.label,
        )
        return out


def upsert_booking(tx: Tx, booking: Booking) -> None:
    lock_feed(tx)
    data = booking.as_dict()
    tx.execute(
        "INSERT INTO bookings (booking_id, source, noka, nik, poli_code, doctor_code, day,"
        " number, label, status, data, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (booking_id) DO UPDATE SET source = excluded.source,"
        " noka = excluded.noka, nik = excluded.nik, poli_code = excluded.poli_code,"
        " doctor_code = excluded.doctor_code, day = excluded.day, number = excluded.number,"
        " label = excluded.label, status = excluded.status, data = excluded.data,"
        " updated_at = excluded.updated_at",
        (booking.booking_id, booking.source, booking.noka, booking.nik, booking.poli_code,
         booking.doctor_code, booking.day, booking.number, booking.label, booking.status,
         dumps(data), utcnow_iso()),
    )
    record_change(tx, Entity.BOOKING, booking.booking_id, data)


def set_booking_status(tx: Tx, booking_id: str, status: str, *, origin: str | None = None,
                       **fields: Any) -> bool:
    lock_feed(tx)
    row = tx.one("SELECT data FROM bookings WHERE booking_id = ?", (booking_id,))
    if row is None:
        return False
    data = json.loads(row["data"])
    data.update(fields, status=status)
    tx.execute(
        "UPDATE bookings SET status = ?, data = ?, updated_at = ? WHERE booking_id = ?",
        (status, dumps(data), utcnow_iso(), booking_id),
    )
    record_change(tx, Entity.BOOKING, booking_id, data, origin=origin)
    return True


# -- projections of kiosk events -----------------------------------------------------------
# Kiosk ticket statuses (kiosk/queue/store.py); TICKET_PRINTED keeps the status it had.
_TICKET_STATUS = {
    "ticket_issued": "waiting",
    "booking_checked_in": "waiting",
    "ticket_called": "called",
    "ticket_served": "served",
    "ticket_absent": "absent",
    "ticket_cancelled": "cancelled",
}


def _project_ticket(tx: Tx, kiosk_id: str, kind: str, ticket_id: str,
                    payload: dict[str, Any]) -> None:
    row = tx.one("SELECT data FROM tickets WHERE ticket_id = ?", (ticket_id,))
    data: dict[str, Any] = json.loads(row["data"]) if row else {"ticket_id": ticket_id}
    data.update(payload)
    data["status"] = _TICKET_STATUS.get(kind, data.get("status", "waiting"))
    data.setdefault("kiosk_id", kiosk_id)
    tx.execute(
        "INSERT INTO tickets (ticket_id, kiosk_id, status, data, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET"
        " status = excluded.status, data = excluded.data, updated_at = excluded.updated_at",
        (ticket_id, kiosk_id, data["status"], dumps(data), utcnow_iso()),
    )
    record_change(tx, Entity.TICKET, ticket_id, data, origin=kiosk_id)


def _at_least(tx: Tx, poli_code: Any, day: Any, number: Any) -> None:
    """Never hand out ``number`` again: a kiosk already issued or holds it."""
    if not (isinstance(poli_code, str) and isinstance(day, str) and isinstance(number, int)):
        return
    lock_feed(tx)
    biggest = "max" if tx.dialect is Dialect.SQLITE else "greatest"
    tx.execute(
        "INSERT INTO number_counters (poli_code, day, last_number) VALUES (?, ?, ?)"
        f" ON CONFLICT (poli_code, day) DO UPDATE SET last_number ="
        f" {biggest}(number_counters.last_number, excluded.last_number)",
        (poli_code, day, number),
    )


def _relearn_lease(tx: Tx, kiosk_id: str, payload: dict[str, Any]) -> None:
    """A lease echoed by its kiosk. Normally known; after a restore from an older backup it is
    recorded again (same record) and the counter moves past it."""
    lease_id, first, last = (payload.get(k) for k in ("lease_id", "first_number", "last_number"))
    if not (isinstance(lease_id, str) and isinstance(first, int) and isinstance(last, int)):
        return
    _at_least(tx, payload.get("poli_code"), payload.get("day"), last)
    if tx.one("SELECT 1 AS x FROM leases WHERE lease_id = ?", (lease_id,)):
        return
    tx.execute(
        "INSERT INTO leases (lease_id, kiosk_id, poli_code, day, first_number, last_number,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (lease_id, kiosk_id, payload.get("poli_code"), payload.get("day"), first, last,
         utcnow_iso()),
    )
    record = {k: payload.get(k) for k in ("lease_id", "poli_code", "day", "first_number",
                                          "last_number", "kiosk_id", "granted_at")}
    record_change(tx, Entity.LEASE, lease_id, record, scope=kiosk_id)


def apply_event(tx: Tx, kiosk_id: str, event_id: str, kind: str, payload: dict[str, Any]) -> None:
    """Project one newly stored kiosk event onto server state (called exactly once per event)."""
    lock_feed(tx)
    if kind in ("ticket_issued", "booking_checked_in"):
        _at_least(tx, payload.get("poli_code"), payload.get("day"), payload.get("number"))
    if kind == "lease_received":
        _relearn_lease(tx, kiosk_id, payload)
    if kind == "booking_checked_in":
        booking_id = payload["booking_id"]
        set_booking_status(tx, booking_id, "checked_in", origin=kiosk_id,
                           checked_in_at=payload.get("checked_in_at"),
                           ticket_id=payload.get("ticket_id"), checked_in_by=kiosk_id)
    if kind.startswith("ticket_") or kind == "booking_checked_in":
        _project_ticket(tx, kiosk_id, kind, str(payload.get("ticket_id") or event_id), payload)
    elif kind == "template_enrolled":  # the template stays encrypted end to end
        record_change(tx, Entity.TEMPLATE, str(payload["subject"]), payload, origin=kiosk_id)
    elif kind == "template_deleted":  # deletion on request reaches every kiosk
        record_change(tx, Entity.TEMPLATE, str(payload["subject"]), None, origin=kiosk_id)


def reject_reason(kind: str, payload: dict[str, Any]) -> str | None:
    """Why the server cannot accept this event (it is then quarantined by the kiosk), or None."""
    from kiosk.store.outbox import EventKind

    known = {k.value for k in EventKind}
    if kind not in known:
        return f"unknown event kind {kind!r} (this server knows: {', '.join(sorted(known))})"
    if kind == "booking_checked_in" and not isinstance(payload.get("booking_id"), str):
        return "booking_checked_in needs a string booking_id"
    if kind in ("template_enrolled", "template_deleted") and not isinstance(
        payload.get("subject"), str
    ):
        return f"{kind} needs a string subject"
    if kind == "template_enrolled" and not isinstance(payload.get("template"), str):
        return "template_enrolled needs the encrypted template (base64)"
    return None
