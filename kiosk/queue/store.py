"""Queue operations on the kiosk store: every change in one transaction with its outbox event.

Tables (migration 2; the sync engine writes the reference data and bookings/leases from the
server, the kiosk writes tickets). Days are ``YYYY-MM-DD`` (facility local date), times of day
``HH:MM``, instants ISO-8601 with offset.

* ``polis``: ``code`` PK (BPJS kodepoli), ``name``, ``letter`` (unique number prefix, "A"),
  ``open_counters`` (>= 1, for wait estimates), ``service_min`` (prior minutes per visit),
  ``active`` (0/1).
* ``doctors``: ``code`` PK (kodedokter), ``name``, ``poli_code``.
* ``schedules``: one weekly session per row: ``doctor_code``, ``poli_code``, ``weekday``
  (0 = Monday), ``start_time``, ``end_time``, ``capacity`` (tickets + bookings), ``tickets_from``
  / ``last_ticket`` (ticket desk opening and closing; NULL = 60 min before start / 30 min before
  end). PK (doctor_code, weekday, start_time).
* ``holidays``: ``day`` PK, ``name``.
* ``tickets``: ``ticket_id`` PK (opaque, printed in the QR), ``day``, ``poli_code``,
  ``doctor_code``, ``session_start``, ``number`` + ``label`` ("A-012"; UNIQUE per day and poli),
  ``noka``, ``priority`` (none/elderly/disabled/pregnant), ``source`` (kiosk/booking/server),
  ``booking_id``, ``kiosk_id``, ``lease_id``, ``issued_at`` (arrival: call order),
  ``status`` (waiting/called/served/absent/cancelled), ``called_at``, ``served_at``,
  ``printed_at``, ``print_count``. One live ticket per participant per poli per day (unique index).
* ``bookings``: ``booking_id`` PK (server's id), ``day``, ``poli_code``, ``doctor_code``, ``noka``,
  ``nik``, ``number`` + ``label`` (from the Mobile JKN range), ``jam_praktek`` ("08:00-12:00"),
  ``source``, ``created_at``, ``checked_in_at`` + ``ticket_id`` (set by the kiosk),
  ``cancelled_at``.
* ``number_leases``: ``lease_id`` PK, ``kiosk_id``, ``poli_code``, ``day``, ``first_number``,
  ``last_number``, ``next_number`` (next to issue; ``last_number + 1`` = used up), ``granted_at``,
  ``origin`` ("server" = granted by the central server, "local" = standalone kiosk).
* ``service_stats``: per ``poli_code`` the EWMA ``mean_s`` and ``var_s2`` of visit length,
  ``samples``, ``updated_at``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.errors import ServerProtocolError
from kiosk.membership.status import MembershipState
from kiosk.queue import numbering
from kiosk.queue.model import (
    Booking,
    Doctor,
    Lease,
    Participant,
    Poli,
    Priority,
    Refusal,
    Session,
    Ticket,
    TicketSource,
    TicketStatus,
    WaitBand,
)
from kiosk.queue.rules import (
    DayFacts,
    Refused,
    ServiceStats,
    Waiting,
    call_order,
    decide_ticket,
    priority_for,
    session_key,
    sessions_on,
    trailing_priority_run,
    update_service,
    wait_band,
)
from kiosk.store import EventKind, Store, Tx

log = logging.getLogger(__name__)

DEFAULT_OPEN_BEFORE = timedelta(minutes=60)
DEFAULT_CLOSE_BEFORE_END = timedelta(minutes=30)


# -- reference data ---------------------------------------------------------------------------


def _t(s: str) -> time:
    return time.fromisoformat(s)


def _shift(t: time, delta: timedelta) -> time:
    moved = datetime.combine(date(2000, 1, 3), t) + delta
    return moved.time() if moved.date() == date(2000, 1, 3) else (
        time(0, 0) if delta < timedelta(0) else time(23, 59))


def _poli(row: dict[str, Any]) -> Poli:
    return Poli(row["code"], row["name"], row["letter"], row["open_counters"], row["service_min"])


def _session(row: dict[str, Any]) -> Session:
    start, end = _t(row["start_time"]), _t(row["end_time"])
    return Session(
        doctor_code=row["doctor_code"],
        poli_code=row["poli_code"],
        weekday=row["weekday"],
        start=start,
        end=end,
        capacity=row["capacity"],
        tickets_from=_t(row["tickets_from"]) if row["tickets_from"] else _shift(
            start, -DEFAULT_OPEN_BEFORE),
        last_ticket=_t(row["last_ticket"]) if row["last_ticket"] else _shift(
            end, -DEFAULT_CLOSE_BEFORE_END),
    )


def list_polis(store: Store) -> list[Poli]:
    return [_poli(r) for r in store.query("SELECT * FROM polis WHERE active = 1 ORDER BY letter")]


def get_poli(store: Store, code: str) -> Poli | None:
    rows = store.query("SELECT * FROM polis WHERE code = ? AND active = 1", (code,))
    return _poli(rows[0]) if rows else None


def doctors_of(store: Store, poli_code: str) -> list[Doctor]:
    return [Doctor(r["code"], r["name"], r["poli_code"]) for r in store.query(
        "SELECT * FROM doctors WHERE poli_code = ? ORDER BY name", (poli_code,))]


def doctor_name(store: Store, code: str | None) -> str | None:
    if code is None:
        return None
    rows = store.query("SELECT name FROM doctors WHERE code = ?", (code,))
    return str(rows[0]["name"]) if rows else None


def sessions_for(store: Store, poli_code: str, day: date,
                 doctor_code: str | None = None) -> list[Session]:
    rows = store.query("SELECT * FROM schedules WHERE poli_code = ?", (poli_code,))
    return sessions_on((_session(r) for r in rows), poli_code, day, doctor_code)


def holiday_on(store: Store, day: date) -> str | None:
    rows = store.query("SELECT name FROM holidays WHERE day = ?", (day.isoformat(),))
    return str(rows[0]["name"]) if rows else None


def upsert_poli(tx: Tx, p: Poli) -> None:
    numbering.check_letter(p.letter)
    tx.execute(
        """INSERT INTO polis (code, name, letter, open_counters, service_min, active)
           VALUES (?, ?, ?, ?, ?, 1)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, letter = excluded.letter,
             open_counters = excluded.open_counters, service_min = excluded.service_min,
             active = 1""",
        (p.code, p.name, p.letter, p.open_counters, p.service_min),
    )


def upsert_doctor(tx: Tx, d: Doctor) -> None:
    tx.execute(
        "INSERT INTO doctors (code, name, poli_code) VALUES (?, ?, ?) ON CONFLICT (code)"
        " DO UPDATE SET name = excluded.name, poli_code = excluded.poli_code",
        (d.code, d.name, d.poli_code),
    )


def replace_schedule(tx: Tx, doctor_code: str, sessions: Iterable[Session]) -> None:
    """A doctor's whole weekly schedule, replacing the previous one."""
    tx.execute("DELETE FROM schedules WHERE doctor_code = ?", (doctor_code,))
    for s in sessions:
        if s.doctor_code != doctor_code:
            raise ValueError(f"session of {s.doctor_code} in the schedule of {doctor_code}")
        if not s.tickets_from <= s.last_ticket <= s.end or not s.start < s.end:
            raise ValueError(
                f"session {doctor_code} day {s.weekday} {s.jam_praktek}: times out of order"
                " (need tickets_from <= last_ticket <= end and start < end)")
        tx.execute(
            """INSERT INTO schedules (doctor_code, poli_code, weekday, start_time, end_time,
                   capacity, tickets_from, last_ticket) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (s.doctor_code, s.poli_code, s.weekday, f"{s.start:%H:%M}", f"{s.end:%H:%M}",
             s.capacity, f"{s.tickets_from:%H:%M}", f"{s.last_ticket:%H:%M}"),
        )


def upsert_holiday(tx: Tx, day: date, name: str) -> None:
    tx.execute("INSERT INTO holidays (day, name) VALUES (?, ?) ON CONFLICT (day)"
               " DO UPDATE SET name = excluded.name", (day.isoformat(), name))


# -- tickets ----------------------------------------------------------------------------------


def _ticket(row: dict[str, Any]) -> Ticket:
    return Ticket(
        ticket_id=row["ticket_id"],
        day=date.fromisoformat(row["day"]),
        poli_code=row["poli_code"],
        doctor_code=row["doctor_code"],
        session_start=_t(row["session_start"]) if row["session_start"] else None,
        number=row["number"],
        label=row["label"],
        noka=row["noka"],
        priority=Priority(row["priority"]),
        source=TicketSource(row["source"]),
        booking_id=row["booking_id"],
        kiosk_id=row["kiosk_id"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        status=TicketStatus(row["status"]),
        print_count=row["print_count"],
    )


def get_ticket(store: Store, ticket_id: str) -> Ticket | None:
    rows = store.query("SELECT * FROM tickets WHERE ticket_id = ?", (ticket_id,))
    return _ticket(rows[0]) if rows else None


def _rows(tx: Tx, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = tx.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


@dataclass(frozen=True)
class Issued:
    ticket: Ticket
    ahead: int  # tickets that will be called before this one
    wait: WaitBand


@dataclass(frozen=True)
class NumberPolicy:
    """Where a kiosk's numbers come from. ``self_lease``: a standalone kiosk (no central server)
    leases blocks from the store itself; with a server, only server-granted leases are used."""

    self_lease: bool
    lease_block: int = 20
    max_priority_run: int = 3


def _used_per_session(tx: Tx, poli_code: str, day: date, sessions: Sequence[Session]
                      ) -> dict[tuple[str, time], int]:
    used: dict[tuple[str, time], int] = {}
    d = day.isoformat()
    for row in _rows(tx, """SELECT doctor_code, session_start, count(*) AS n FROM tickets
                           WHERE day = ? AND poli_code = ? AND status != 'cancelled'
                           GROUP BY doctor_code, session_start""", (d, poli_code)):
        if row["doctor_code"] and row["session_start"]:
            key = (row["doctor_code"], _t(row["session_start"]))
            used[key] = used.get(key, 0) + row["n"]
    # Bookings not yet checked in hold their place in the session's quota.
    for row in _rows(tx, """SELECT doctor_code, jam_praktek FROM bookings WHERE day = ? AND
                           poli_code = ? AND checked_in_at IS NULL AND cancelled_at IS NULL""",
                     (d, poli_code)):
        s = _booking_session(sessions, row["doctor_code"], row["jam_praktek"])
        if s is not None:
            used[session_key(s)] = used.get(session_key(s), 0) + 1
    return used


def _booking_session(sessions: Sequence[Session], doctor_code: str | None,
                     jam_praktek: str | None) -> Session | None:
    """The session a booking belongs to: by doctor and jam praktek, else the doctor's first."""
    mine = [s for s in sessions if doctor_code is None or s.doctor_code == doctor_code]
    if jam_praktek:
        for s in mine:
            if s.jam_praktek == jam_praktek.replace(" ", ""):
                return s
    return mine[0] if mine else None


def _live_ticket_id(tx: Tx, day: date, poli_code: str, noka: str) -> str | None:
    row = tx.execute(
        "SELECT ticket_id FROM tickets WHERE day = ? AND poli_code = ? AND noka = ?"
        " AND status != 'cancelled'", (day.isoformat(), poli_code, noka)).fetchone()
    return None if row is None else str(row[0])


def _take_number(tx: Tx, kiosk_id: str, poli_code: str, day: date, policy: NumberPolicy
                 ) -> tuple[int, str] | None:
    """The next number from this kiosk's leases (leasing a new local block when standalone)."""
    d = day.isoformat()
    while True:
        rows = _rows(tx, """SELECT lease_id, next_number FROM number_leases
                           WHERE kiosk_id = ? AND poli_code = ? AND day = ?
                           AND next_number <= last_number ORDER BY first_number LIMIT 1""",
                     (kiosk_id, poli_code, d))
        if not rows:
            if not policy.self_lease or _lease_local_block(tx, kiosk_id, poli_code, day,
                                                           policy.lease_block) is None:
                return None
            continue
        lease_id, n = rows[0]["lease_id"], int(rows[0]["next_number"])
        tx.execute("UPDATE number_leases SET next_number = ? WHERE lease_id = ?",
                   (n + 1, lease_id))
        taken = tx.execute("SELECT 1 FROM tickets WHERE day = ? AND poli_code = ? AND number = ?",
                           (d, poli_code, n)).fetchone()
        if taken is None:
            return n, lease_id
        # A number in a leased block that is already on a ticket means two issuers were given
        # overlapping blocks. Skip it (never print a duplicate) and say so loudly.
        log.error("lease %s: number %d for %s on %s is already taken; skipped",
                  lease_id, n, poli_code, d)


def _lease_local_block(tx: Tx, kiosk_id: str, poli_code: str, day: date, size: int
                       ) -> str | None:
    d = day.isoformat()
    taken = [(r[0], r[1]) for r in tx.execute(
        "SELECT first_number, last_number FROM number_leases WHERE poli_code = ? AND day = ?",
        (poli_code, d)).fetchall()]
    try:
        first, last = numbering.next_lease_block(numbering.KIOSK_LEASE_RANGE, taken, size)
    except numbering.RangeExhausted:
        log.warning("no local lease block left for %s on %s", poli_code, d)
        return None
    lease_id = uuid.uuid4().hex
    tx.execute(
        """INSERT INTO number_leases (lease_id, kiosk_id, poli_code, day, first_number,
               last_number, next_number, granted_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?,
               'local')""",
        (lease_id, kiosk_id, poli_code, d, first, last, first, datetime.now().astimezone()
         .isoformat()))
    log.info("kiosk %s leased %s %d-%d locally for %s", kiosk_id, poli_code, first, last, d)
    return lease_id


def issue_ticket(
    store: Store,
    *,
    participant: Participant,
    membership: MembershipState,
    poli_code: str,
    doctor_code: str | None,
    kiosk_id: str,
    now: datetime,
    policy: NumberPolicy,
) -> Issued | Refused:
    """Decide and, if granted, write the ticket and its TICKET_ISSUED event in one transaction.

    The ticket is committed before anything is printed: a printer failure afterwards never
    loses or duplicates a number.
    """
    _need_aware(now)
    day = now.date()
    with store.transaction() as tx:
        poli_rows = _rows(tx, "SELECT * FROM polis WHERE code = ? AND active = 1", (poli_code,))
        poli = _poli(poli_rows[0]) if poli_rows else None
        sessions = sessions_for(store, poli_code, day, doctor_code) if poli else []
        facts = DayFacts(
            poli=poli,
            sessions=tuple(sessions),
            holiday=holiday_on(store, day),
            used=_used_per_session(tx, poli_code, day, sessions) if poli else {},
            existing_ticket_id=_live_ticket_id(tx, day, poli_code, participant.noka),
        )
        decision = decide_ticket(now, membership, facts)
        if isinstance(decision, Refused):
            log.info("ticket refused for %s at %s: %s", participant.noka, poli_code,
                     decision.reason.value)
            return decision
        assert poli is not None
        taken = _take_number(tx, kiosk_id, poli_code, day, policy)
        if taken is None:
            return Refused(Refusal.NO_NUMBER_AVAILABLE)
        number, lease_id = taken
        ticket = Ticket(
            ticket_id=uuid.uuid4().hex,
            day=day,
            poli_code=poli_code,
            doctor_code=decision.session.doctor_code,
            session_start=decision.session.start,
            number=number,
            label=numbering.format_number(poli.letter, number),
            noka=participant.noka,
            priority=priority_for(participant, day),
            source=TicketSource.KIOSK,
            booking_id=None,
            kiosk_id=kiosk_id,
            issued_at=now,
            status=TicketStatus.WAITING,
        )
        _insert_ticket(tx, ticket, lease_id)
        tx.emit(EventKind.TICKET_ISSUED, _ticket_payload(ticket, decision.session, lease_id))
        ahead, wait = _estimate(tx, poli, day, ticket.ticket_id, policy.max_priority_run)
    log.info("ticket %s issued at %s by %s", ticket.label, poli_code, kiosk_id)
    return Issued(ticket, ahead, wait)


def _need_aware(now: datetime) -> None:
    """Arrival times are compared across kiosks: they must carry their UTC offset."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (datetime.now().astimezone())")


def _insert_ticket(tx: Tx, t: Ticket, lease_id: str | None) -> None:
    tx.execute(
        """INSERT INTO tickets (ticket_id, day, poli_code, doctor_code, session_start, number,
               label, noka, priority, source, booking_id, kiosk_id, lease_id, issued_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (t.ticket_id, t.day.isoformat(), t.poli_code, t.doctor_code,
         f"{t.session_start:%H:%M}" if t.session_start else None, t.number, t.label, t.noka,
         t.priority.value, t.source.value, t.booking_id, t.kiosk_id, lease_id,
         t.issued_at.isoformat(), t.status.value),
    )


def _ticket_payload(t: Ticket, session: Session | None, lease_id: str | None) -> dict[str, Any]:
    return {
        "ticket_id": t.ticket_id,
        "day": t.day.isoformat(),
        "poli_code": t.poli_code,
        "doctor_code": t.doctor_code,
        "jam_praktek": session.jam_praktek if session else None,
        "number": t.number,
        "label": t.label,
        "noka": t.noka,
        "priority": t.priority.value,
        "source": t.source.value,
        "booking_id": t.booking_id,
        "kiosk_id": t.kiosk_id,
        "lease_id": lease_id,
        "issued_at": t.issued_at.isoformat(),
    }


# -- bookings ---------------------------------------------------------------------------------


def _booking(row: dict[str, Any]) -> Booking:
    return Booking(
        booking_id=row["booking_id"],
        day=date.fromisoformat(row["day"]),
        poli_code=row["poli_code"],
        doctor_code=row["doctor_code"],
        noka=row["noka"],
        number=row["number"],
        label=row["label"],
        jam_praktek=row["jam_praktek"],
        checked_in_at=datetime.fromisoformat(row["checked_in_at"]) if row["checked_in_at"]
        else None,
        ticket_id=row["ticket_id"],
    )


def upsert_booking(tx: Tx, b: Booking, *, nik: str | None = None, source: str = "jkn",
                   created_at: datetime | None = None) -> None:
    """A booking from the server. Check-in state stays the kiosk's."""
    tx.execute(
        """INSERT INTO bookings (booking_id, day, poli_code, doctor_code, noka, nik, number,
               label, jam_praktek, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (booking_id) DO UPDATE SET day = excluded.day,
               poli_code = excluded.poli_code, doctor_code = excluded.doctor_code,
               noka = excluded.noka, nik = excluded.nik, number = excluded.number,
               label = excluded.label, jam_praktek = excluded.jam_praktek""",
        (b.booking_id, b.day.isoformat(), b.poli_code, b.doctor_code, b.noka, nik, b.number,
         b.label, b.jam_praktek, source,
         (created_at or datetime.now().astimezone()).isoformat()),
    )


def cancel_booking(tx: Tx, booking_id: str, at: datetime) -> None:
    tx.execute("UPDATE bookings SET cancelled_at = ? WHERE booking_id = ? AND cancelled_at IS NULL",
               (at.isoformat(), booking_id))


def booking_today(store: Store, noka: str, day: date, poli_code: str | None = None
                  ) -> list[Booking]:
    """The participant's live bookings for ``day`` (one per poli at most), by number."""
    sql = ("SELECT * FROM bookings WHERE noka = ? AND day = ? AND cancelled_at IS NULL"
           + (" AND poli_code = ?" if poli_code else "") + " ORDER BY number")
    params: tuple[str, ...] = (noka, day.isoformat()) + ((poli_code,) if poli_code else ())
    return [_booking(r) for r in store.query(sql, params)]


def check_in_booking(store: Store, *, booking_id: str, participant: Participant,
                     membership: MembershipState, kiosk_id: str, now: datetime,
                     max_priority_run: int = 3) -> Issued | Refused:
    """Turn today's booking into a waiting ticket (its number, arrival = now) and emit
    BOOKING_CHECKED_IN, in one transaction. Checking in twice answers ALREADY_HAS_TICKET."""
    _need_aware(now)
    day = now.date()
    with store.transaction() as tx:
        rows = _rows(tx, "SELECT * FROM bookings WHERE booking_id = ? AND cancelled_at IS NULL",
                     (booking_id,))
        if not rows or rows[0]["noka"] != participant.noka:
            raise ValueError(f"no live booking {booking_id} for this participant")
        b = _booking(rows[0])
        if b.day != day:
            raise ValueError(f"booking {booking_id} is for {b.day}, not today ({day})")
        existing = b.ticket_id or _live_ticket_id(tx, day, b.poli_code, participant.noka)
        if existing is not None:
            return Refused(Refusal.ALREADY_HAS_TICKET, existing)
        if not membership.may_take_ticket:
            return Refused(Refusal.INACTIVE_STATUS)
        poli_rows = _rows(tx, "SELECT * FROM polis WHERE code = ?", (b.poli_code,))
        if not poli_rows:
            return Refused(Refusal.UNKNOWN_POLI)
        poli = _poli(poli_rows[0])
        session = _booking_session(sessions_for(store, b.poli_code, day), b.doctor_code,
                                   b.jam_praktek)
        ticket = Ticket(
            ticket_id=uuid.uuid4().hex,
            day=day,
            poli_code=b.poli_code,
            doctor_code=b.doctor_code or (session.doctor_code if session else None),
            session_start=session.start if session else None,
            number=b.number,
            label=b.label,
            noka=participant.noka,
            priority=priority_for(participant, day),
            source=TicketSource.BOOKING,
            booking_id=b.booking_id,
            kiosk_id=kiosk_id,
            issued_at=now,
            status=TicketStatus.WAITING,
        )
        _insert_ticket(tx, ticket, None)
        tx.execute("UPDATE bookings SET checked_in_at = ?, ticket_id = ? WHERE booking_id = ?",
                   (now.isoformat(), ticket.ticket_id, b.booking_id))
        payload = _ticket_payload(ticket, session, None)
        payload["checked_in_at"] = now.isoformat()
        tx.emit(EventKind.BOOKING_CHECKED_IN, payload)
        ahead, wait = _estimate(tx, poli, day, ticket.ticket_id, max_priority_run)
    log.info("booking %s checked in as %s", booking_id, ticket.label)
    return Issued(ticket, ahead, wait)


# -- leases -----------------------------------------------------------------------------------


def add_lease(tx: Tx, lease: Lease, *, origin: str = "server") -> None:
    """Store a block granted by the server. The same lease again is a no-op; one overlapping
    another block for the same poli and day is refused (ServerProtocolError), never merged."""
    if lease.first_number > lease.last_number or lease.first_number < 1:
        raise ServerProtocolError(
            f"lease {lease.lease_id}: bad block {lease.first_number}-{lease.last_number}")
    d = lease.day.isoformat()
    for r in _rows(tx, "SELECT * FROM number_leases WHERE poli_code = ? AND day = ?",
                   (lease.poli_code, d)):
        if r["lease_id"] == lease.lease_id:
            if (r["first_number"], r["last_number"], r["kiosk_id"]) != (
                    lease.first_number, lease.last_number, lease.kiosk_id):
                raise ServerProtocolError(f"lease {lease.lease_id} changed its block")
            return
        if numbering.blocks_overlap((r["first_number"], r["last_number"]),
                                    (lease.first_number, lease.last_number)):
            raise ServerProtocolError(
                f"lease {lease.lease_id} ({lease.first_number}-{lease.last_number}) overlaps"
                f" lease {r['lease_id']} ({r['first_number']}-{r['last_number']})")
    tx.execute(
        """INSERT INTO number_leases (lease_id, kiosk_id, poli_code, day, first_number,
               last_number, next_number, granted_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (lease.lease_id, lease.kiosk_id, lease.poli_code, d, lease.first_number,
         lease.last_number, lease.next_number, datetime.now().astimezone().isoformat(), origin))


def remaining_numbers(store: Store, kiosk_id: str, day: date) -> dict[str, int]:
    """Unused leased numbers per poli for this kiosk today (the sync engine refills low ones)."""
    out = {p.code: 0 for p in list_polis(store)}
    for r in store.query(
            """SELECT poli_code, sum(last_number - next_number + 1) AS n FROM number_leases
               WHERE kiosk_id = ? AND day = ? GROUP BY poli_code""", (kiosk_id, day.isoformat())):
        out[r["poli_code"]] = int(r["n"])
    return out


# -- printing, calling, serving ---------------------------------------------------------------


def mark_printed(store: Store, ticket_id: str, now: datetime) -> int:
    """Record a (re)print and emit TICKET_PRINTED; returns how many times it has printed."""
    with store.transaction() as tx:
        cur = tx.execute("UPDATE tickets SET printed_at = ?, print_count = print_count + 1"
                         " WHERE ticket_id = ?", (now.isoformat(), ticket_id))
        if cur.rowcount != 1:
            raise ValueError(f"no ticket {ticket_id}")
        count = int(tx.execute("SELECT print_count FROM tickets WHERE ticket_id = ?",
                               (ticket_id,)).fetchone()[0])
        tx.emit(EventKind.TICKET_PRINTED, {"ticket_id": ticket_id, "print_count": count,
                                           "printed_at": now.isoformat()})
    return count


def _waiting(tx: Tx, poli_code: str, day: date) -> list[Waiting]:
    return [Waiting(r["ticket_id"], datetime.fromisoformat(r["issued_at"]),
                    Priority(r["priority"]), r["number"])
            for r in _rows(tx, "SELECT ticket_id, issued_at, priority, number FROM tickets"
                           " WHERE day = ? AND poli_code = ? AND status = 'waiting'",
                           (day.isoformat(), poli_code))]


def _run(tx: Tx, poli_code: str, day: date, max_run: int) -> int:
    rows = tx.execute("SELECT priority FROM tickets WHERE day = ? AND poli_code = ? AND"
                      " called_at IS NOT NULL ORDER BY called_at DESC, number DESC LIMIT ?",
                      (day.isoformat(), poli_code, max_run + 1)).fetchall()
    return trailing_priority_run(Priority(r[0]) for r in rows)


def _stats(tx: Tx, poli: Poli) -> ServiceStats:
    row = tx.execute("SELECT mean_s, var_s2, samples FROM service_stats WHERE poli_code = ?",
                     (poli.code,)).fetchone()
    return ServiceStats(row[0], row[1], row[2]) if row else ServiceStats.prior(poli)


def _estimate(tx: Tx, poli: Poli, day: date, ticket_id: str, max_run: int
              ) -> tuple[int, WaitBand]:
    order = call_order(_waiting(tx, poli.code, day), max_run=max_run,
                       run=_run(tx, poli.code, day, max_run))
    ahead = next((i for i, w in enumerate(order) if w.ticket_id == ticket_id), len(order))
    return ahead, wait_band(ahead, _stats(tx, poli), poli.open_counters)


def estimate(store: Store, ticket_id: str, max_priority_run: int = 3) -> tuple[int, WaitBand]:
    """Tickets ahead and the wait band for a waiting ticket (read-only)."""
    t = get_ticket(store, ticket_id)
    poli = get_poli(store, t.poli_code) if t else None
    if t is None or poli is None:
        raise ValueError(f"no ticket {ticket_id}")
    with store.transaction() as tx:
        return _estimate(tx, poli, t.day, ticket_id, max_priority_run)


def waiting_order(store: Store, poli_code: str, day: date, max_priority_run: int = 3
                  ) -> list[Ticket]:
    """The waiting tickets of a poli in the order they will be called."""
    with store.transaction() as tx:
        order = call_order(_waiting(tx, poli_code, day), max_run=max_priority_run,
                           run=_run(tx, poli_code, day, max_priority_run))
        by_id = {r["ticket_id"]: _ticket(r) for r in _rows(
            tx, "SELECT * FROM tickets WHERE day = ? AND poli_code = ? AND status = 'waiting'",
            (day.isoformat(), poli_code))}
    return [by_id[w.ticket_id] for w in order]


def call_next(store: Store, poli_code: str, now: datetime, max_priority_run: int = 3
              ) -> Ticket | None:
    """Mark the next ticket in call order as called (TICKET_CALLED); None when nobody waits."""
    with store.transaction() as tx:
        return call_next_in(tx, poli_code, now, max_priority_run)


def call_next_in(tx: Tx, poli_code: str, now: datetime, max_priority_run: int = 3
                 ) -> Ticket | None:
    """``call_next`` inside the caller's transaction (the staff console audits in the same one)."""
    day = now.date()
    order = call_order(_waiting(tx, poli_code, day), max_run=max_priority_run,
                       run=_run(tx, poli_code, day, max_priority_run))
    if not order:
        return None
    nxt = order[0]
    tx.execute("UPDATE tickets SET status = 'called', called_at = ? WHERE ticket_id = ?",
               (now.isoformat(), nxt.ticket_id))
    row = _rows(tx, "SELECT * FROM tickets WHERE ticket_id = ?", (nxt.ticket_id,))[0]
    tx.emit(EventKind.TICKET_CALLED, {"ticket_id": nxt.ticket_id, "label": row["label"],
                                      "poli_code": poli_code, "noka": row["noka"],
                                      "called_at": now.isoformat()})
    return _ticket(row)


def finish(store: Store, ticket_id: str, now: datetime, status: TicketStatus) -> None:
    """Close a called ticket as SERVED (feeds the service-time EWMA) or ABSENT."""
    with store.transaction() as tx:
        finish_in(tx, ticket_id, now, status)


def finish_in(tx: Tx, ticket_id: str, now: datetime, status: TicketStatus) -> Ticket:
    """``finish`` inside the caller's transaction; returns the closed ticket."""
    if status not in (TicketStatus.SERVED, TicketStatus.ABSENT):
        raise ValueError(f"finish with served or absent, not {status.value}")
    rows = _rows(tx, "SELECT * FROM tickets WHERE ticket_id = ?", (ticket_id,))
    if not rows or rows[0]["status"] != TicketStatus.CALLED.value:
        raise ValueError(f"ticket {ticket_id} is not being served")
    row = rows[0]
    tx.execute("UPDATE tickets SET status = ?, served_at = ? WHERE ticket_id = ?",
               (status.value, now.isoformat(), ticket_id))
    kind = EventKind.TICKET_SERVED if status is TicketStatus.SERVED else EventKind.TICKET_ABSENT
    tx.emit(kind, {"ticket_id": ticket_id, "poli_code": row["poli_code"],
                   "noka": row["noka"], "at": now.isoformat()})
    if status is TicketStatus.SERVED:
        prow = _rows(tx, "SELECT * FROM polis WHERE code = ?", (row["poli_code"],))
        if prow:
            spent = (now - datetime.fromisoformat(row["called_at"])).total_seconds()
            new = update_service(_stats(tx, _poli(prow[0])), spent)
            tx.execute(
                """INSERT INTO service_stats (poli_code, mean_s, var_s2, samples, updated_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT (poli_code) DO UPDATE SET
                   mean_s = excluded.mean_s, var_s2 = excluded.var_s2,
                   samples = excluded.samples, updated_at = excluded.updated_at""",
                (row["poli_code"], new.mean_s, new.var_s2, new.samples, now.isoformat()))
    return _ticket(_rows(tx, "SELECT * FROM tickets WHERE ticket_id = ?", (ticket_id,))[0])

