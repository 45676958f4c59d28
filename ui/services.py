"""What each check-in effect does against the store and the printer: jobs for the I/O worker.

Each function turns one effect from ``kiosk.checkin.decide`` into a job (a function of the store)
that returns the event to feed back. They hold no Qt and no state of their own; ``Context``
carries the settings, the clock and the printer that the composition root chose.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.checkin import (
    BookingFound,
    CheckInBooking,
    FetchStatus,
    FindQueue,
    IdKind,
    IssueTicket,
    LookUp,
    NotifyStaff,
    ParticipantFound,
    ParticipantNotFound,
    Person,
    PrintDone,
    PrintTicket,
    QueueOptions,
    StaffReason,
    StatusKnown,
    StatusView,
    TicketReady,
    TicketRefused,
    TokenNotResolved,
)
from kiosk.config import ServerSection, Settings
from kiosk.errors import KioskError, PrinterOffline, PrinterOutOfPaper, ServerUnreachable
from kiosk.membership.roster import family_for, find_participant, status_of
from kiosk.membership.status import MembershipState, MembershipStatus
from kiosk.queue import store as qstore
from kiosk.queue.model import Booking, Doctor, Participant, Poli
from kiosk.queue.printer import TicketPrinter, print_ticket
from kiosk.queue.rules import Refused
from kiosk.queue.ticket import TicketView, ticket_view
from kiosk.staff.exceptions import ExceptionKind, raise_exception
from kiosk.store import Store
from kiosk.sync.apply import Columns, apply_in_savepoint
from kiosk.sync.client import SyncClient
from kiosk.sync.identity_wire import ParticipantLookup, ResolveResponse, TokenStatus
from kiosk.sync.protocol import PROTOCOL_VERSION

log = logging.getLogger(__name__)

Job = Callable[[Store], object]


@dataclass(frozen=True)
class Context:
    """``server``: the line for on-demand lookups; by default one from ``settings.server``
    (None for a standalone kiosk)."""

    settings: Settings
    printer: TicketPrinter
    has_template: Callable[[Store, str], bool]
    now: Callable[[], datetime] = lambda: datetime.now().astimezone()
    server: ServerLink | None = field(default=None)

    def __post_init__(self) -> None:
        if self.server is None and self.settings.server.url:
            object.__setattr__(self, "server", ServerLink(self.settings.server))


@dataclass(frozen=True)
class PoliOption:
    """A poli the patient may choose today, with its doctors (a choice only when several)."""

    poli: Poli
    doctors: tuple[Doctor, ...]


@dataclass(frozen=True)
class StatusDetail:
    """What the status screen shows: the membership status and whose it is."""

    status: MembershipStatus
    name: str


def _person(store: Store, ctx: Context, p: Participant) -> Person:
    return Person(p.noka, p.name, ctx.has_template(store, p.noka))


def _participant(store: Store, noka: str) -> Participant:
    p = find_participant(store, noka=noka)
    if p is None:
        raise LookupError(f"participant {noka} vanished from the roster")
    return p


def _status(store: Store, ctx: Context, noka: str) -> MembershipStatus:
    s = ctx.settings
    return status_of(store, noka, ctx.now(), stale_after_h=s.membership.stale_after_h,
                     facility_code=s.kiosk.facility_code)


class ServerLink:
    """The I/O worker's own line to the central server for on-demand identity calls.

    The sync engine keeps its own client in its own thread; this one opens a short-lived client
    per call, with short timeouts, so a patient never waits long on the network. After the
    server could not be reached it rests ``rest_s``: the next patients use the local store at
    once instead of each waiting for the same timeout.
    """

    LOOKUP_TIMEOUT_S = 3.0
    RESOLVE_TIMEOUT_S = 5.0

    def __init__(self, server: ServerSection, rest_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.server = server
        self.rest_s = rest_s
        self._clock = clock
        self._resting_until = 0.0

    def _client(self) -> SyncClient:
        if self._clock() < self._resting_until:
            raise ServerUnreachable("central server did not answer a moment ago")
        s = self.server
        return SyncClient(s.url, s.token, s.timeout_s, s.ca_file)

    def _failed(self, exc: KioskError) -> None:
        log.warning("central server: %s", exc.detail)
        if isinstance(exc, ServerUnreachable):
            self._resting_until = self._clock() + self.rest_s

    def resolve(self, token: str) -> ResolveResponse:
        """The verifier's verdict; a problem on the way is reported as unverifiable."""
        try:
            with self._client() as client:
                return client.resolve_token(
                    token, min(self.server.timeout_s, self.RESOLVE_TIMEOUT_S))
        except KioskError as exc:
            self._failed(exc)
            return ResolveResponse(protocol=PROTOCOL_VERSION, status=TokenStatus.UNVERIFIABLE,
                                   reason=f"central server: {exc.detail}"[:500])

    def refresh(self, store: Store, kind: IdKind, value: str) -> None:
        """Bring the participant's roster records up to date from the server, best effort:
        without an answer the local store is used as it is."""
        wait = min(self.server.timeout_s, self.LOOKUP_TIMEOUT_S)
        try:
            with self._client() as client:
                if kind is IdKind.NIK:
                    found = client.lookup_participant(nik=value, timeout_s=wait)
                else:
                    found = client.lookup_participant(noka=value, timeout_s=wait)
        except KioskError as exc:
            self._failed(exc)
            return
        if found is not None:
            apply_lookup(store, found)


def apply_lookup(store: Store, found: ParticipantLookup) -> None:
    """Apply a lookup's records as a pull would (same code), in one transaction; a record the
    pull already brought in a newer version is left alone."""
    cols = Columns()
    with store.transaction() as tx:
        for ch in (found.participant, *found.family):
            if ch.entity != "participant" or ch.data is None:
                continue
            seen = tx.execute("SELECT seq FROM sync_records WHERE entity = ? AND key = ?",
                              (ch.entity, ch.key)).fetchone()
            if seen is not None and int(seen[0]) >= ch.seq:
                continue
            _, reason = apply_in_savepoint(tx, cols, ch.entity, ch.key, ch.data)
            if reason is not None:
                log.warning("looked-up participant %s not applied: %s", ch.key, reason)


def look_up(ctx: Context, eff: LookUp) -> Job:
    def job(store: Store) -> object:
        kind, value = eff.kind, eff.value
        if kind is IdKind.TOKEN:
            # Only the central server's verifier can resolve an IKD token; never a guess.
            if ctx.server is None:
                return TokenNotResolved(eff.session, "no central server to verify the IKD code")
            verdict = ctx.server.resolve(value)
            if verdict.nik is None:
                log.info("IKD token not resolved (%s): %s", verdict.status.value, verdict.reason)
                return TokenNotResolved(eff.session, verdict.reason or verdict.status.value)
            kind, value = IdKind.NIK, verdict.nik
        if ctx.server is not None:
            ctx.server.refresh(store, kind, value)
        if kind is IdKind.NIK:
            p = find_participant(store, nik=value)
        else:
            p = find_participant(store, noka=value)
        if p is None:
            return ParticipantNotFound(eff.session)
        s = ctx.settings
        family = family_for(store, p, ctx.now(), stale_after_h=s.membership.stale_after_h,
                            facility_code=s.kiosk.facility_code)
        return ParticipantFound(
            eff.session, _person(store, ctx, p),
            tuple(_person(store, ctx, m.participant) for m in family),
        )

    return job


_STAFF_REASON = {
    MembershipState.NON_AKTIF: StaffReason.INACTIVE_STATUS,
}


def fetch_status(ctx: Context, eff: FetchStatus) -> Job:
    def job(store: Store) -> object:
        p = _participant(store, eff.participant_id)
        status = _status(store, ctx, p.noka)
        may = status.state.may_take_ticket
        reason = None if may else _STAFF_REASON.get(status.state, StaffReason.STATUS_NEEDS_STAFF)
        return StatusKnown(eff.session, StatusView(may, reason, StatusDetail(status, p.name)))

    return job


def find_queue(ctx: Context, eff: FindQueue) -> Job:
    def job(store: Store) -> object:
        today = ctx.now().date()
        bookings = [b for b in qstore.booking_today(store, eff.participant_id, today)
                    if b.ticket_id is None]
        if bookings:
            return BookingFound(eff.session, bookings[0])
        options = tuple(
            PoliOption(p, tuple(qstore.doctors_of(store, p.code)))
            for p in qstore.list_polis(store)
            if qstore.sessions_for(store, p.code, today)
        )
        return QueueOptions(eff.session, options)

    return job


def _issued_or_refused(store: Store, ctx: Context, session: int, result: object) -> object:
    name = ctx.settings.kiosk.facility_name
    if isinstance(result, Refused):
        existing = None
        if result.ticket_id is not None:
            existing = ticket_view(store, result.ticket_id, name)
        return TicketRefused(session, result.reason.value, existing)
    ticket = result.ticket  # type: ignore[attr-defined]
    return TicketReady(session, ticket_view(store, ticket.ticket_id, name,
                                            ctx.settings.queue.max_priority_run))


def issue_ticket(ctx: Context, eff: IssueTicket) -> Job:
    def job(store: Store) -> object:
        s = ctx.settings
        p = _participant(store, eff.participant_id)
        policy = qstore.NumberPolicy(self_lease=not s.server.url,
                                     lease_block=s.queue.lease_block,
                                     max_priority_run=s.queue.max_priority_run)
        result = qstore.issue_ticket(
            store, participant=p, membership=_status(store, ctx, p.noka).state,
            poli_code=eff.poli_code, doctor_code=eff.doctor_code, kiosk_id=s.kiosk.kiosk_id,
            now=ctx.now(), policy=policy,
        )
        return _issued_or_refused(store, ctx, eff.session, result)

    return job


def check_in_booking(ctx: Context, eff: CheckInBooking) -> Job:
    def job(store: Store) -> object:
        s = ctx.settings
        p = _participant(store, eff.participant_id)
        booking = eff.booking
        assert isinstance(booking, Booking)
        result = qstore.check_in_booking(
            store, booking_id=booking.booking_id, participant=p,
            membership=_status(store, ctx, p.noka).state, kiosk_id=s.kiosk.kiosk_id,
            now=ctx.now(), max_priority_run=s.queue.max_priority_run,
        )
        return _issued_or_refused(store, ctx, eff.session, result)

    return job


def print_job(ctx: Context, eff: PrintTicket) -> Job:
    def job(store: Store) -> object:
        view = eff.ticket
        assert isinstance(view, TicketView)
        try:
            print_ticket(store, ctx.printer, view.ticket_id,
                         facility_name=ctx.settings.kiosk.facility_name, now=ctx.now(),
                         max_priority_run=ctx.settings.queue.max_priority_run)
        except (PrinterOffline, PrinterOutOfPaper) as exc:
            return PrintDone(eff.session, False, exc.detail)
        return PrintDone(eff.session, True)

    return job


def notify_staff(ctx: Context, eff: NotifyStaff) -> Job:
    """A case on the staff desk (exception row and its outbox event in one transaction)."""

    def job(store: Store) -> object:
        kind = ExceptionKind.of(eff.reason)
        if eff.reason is StaffReason.SYSTEM_PROBLEM and eff.detail.startswith("printer:"):
            kind = ExceptionKind.PRINTER_PROBLEM
        raise_exception(store, kind, eff.detail, eff.participant_id, ctx.now())
        return None

    return job
