"""What each check-in effect does against the store and the printer: jobs for the I/O worker.

Each function turns one effect from ``kiosk.checkin.decide`` into a job (a function of the store)
that returns the event to feed back. They hold no Qt and no state of their own; ``Context``
carries the settings, the clock and the printer that the composition root chose.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.checkin import (
    BookingFound,
    CheckInBooking,
    FetchStatus,
    FindQueue,
    IdKind,
    IssueTicket,
    LookUp,
    LookupFailed,
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
)
from kiosk.config import Settings
from kiosk.errors import PrinterOffline, PrinterOutOfPaper
from kiosk.membership.roster import family_for, find_participant, status_of
from kiosk.membership.status import MembershipState, MembershipStatus
from kiosk.queue import store as qstore
from kiosk.queue.model import Booking, Doctor, Participant, Poli
from kiosk.queue.printer import TicketPrinter, print_ticket
from kiosk.queue.rules import Refused
from kiosk.queue.ticket import TicketView, ticket_view
from kiosk.staff.exceptions import ExceptionKind, raise_exception
from kiosk.store import Store

log = logging.getLogger(__name__)

Job = Callable[[Store], object]


@dataclass(frozen=True)
class Context:
    settings: Settings
    printer: TicketPrinter
    has_template: Callable[[Store, str], bool]
    now: Callable[[], datetime] = lambda: datetime.now().astimezone()


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


def look_up(ctx: Context, eff: LookUp) -> Job:
    def job(store: Store) -> object:
        if eff.kind is IdKind.TOKEN:
            # Only the central server's Dukcapil verifier can resolve an IKD token.
            return LookupFailed(eff.session, "IKD token: no verifier configured on this kiosk")
        if eff.kind is IdKind.NIK:
            p = find_participant(store, nik=eff.value)
        else:
            p = find_participant(store, noka=eff.value)
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
