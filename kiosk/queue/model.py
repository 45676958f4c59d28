"""Plain data for the queue: polis, doctors' sessions, tickets, bookings, leases, refusals."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time


class Priority(enum.Enum):
    """Groups called ahead of the rest (without starving it). NONE sorts last."""

    NONE = "none"
    ELDERLY = "elderly"  # age >= 60 from the birth date
    DISABLED = "disabled"
    PREGNANT = "pregnant"

    @property
    def is_priority(self) -> bool:
        return self is not Priority.NONE


class TicketStatus(enum.Enum):
    WAITING = "waiting"
    CALLED = "called"
    SERVED = "served"
    ABSENT = "absent"
    CANCELLED = "cancelled"


class TicketSource(enum.Enum):
    KIOSK = "kiosk"  # issued by a kiosk from a leased block
    BOOKING = "booking"  # an online (Mobile JKN) booking checked in at the kiosk
    SERVER = "server"  # allocated by the central server (counter, online kiosk)


class Refusal(enum.Enum):
    """Why no ticket was issued. The UI shows the reason and the action next to it."""

    OUTSIDE_HOURS = "outside_hours"  # before tickets open or after the last session ended
    QUOTA_FULL = "quota_full"
    HOLIDAY = "holiday"
    CLOSED_FOR_NEW_TICKETS = "closed_for_new_tickets"  # session running, ticket desk closed
    NO_SESSION_TODAY = "no_session_today"  # no doctor of this poli practises today
    INACTIVE_STATUS = "inactive_status"  # membership does not allow a ticket: go to the counter
    ALREADY_HAS_TICKET = "already_has_ticket"  # reprint the existing ticket instead
    UNKNOWN_POLI = "unknown_poli"
    NO_NUMBER_AVAILABLE = "no_number_available"  # offline and every leased number used


class NextAction(enum.Enum):
    GO_TO_COUNTER = "go_to_counter"
    REPRINT = "reprint"
    CHOOSE_OTHER = "choose_other"  # another poli or doctor may still be open
    COME_BACK_LATER = "come_back_later"


REFUSAL_ACTION: dict[Refusal, NextAction] = {
    Refusal.OUTSIDE_HOURS: NextAction.COME_BACK_LATER,
    Refusal.QUOTA_FULL: NextAction.CHOOSE_OTHER,
    Refusal.HOLIDAY: NextAction.COME_BACK_LATER,
    Refusal.CLOSED_FOR_NEW_TICKETS: NextAction.CHOOSE_OTHER,
    Refusal.NO_SESSION_TODAY: NextAction.CHOOSE_OTHER,
    Refusal.INACTIVE_STATUS: NextAction.GO_TO_COUNTER,
    Refusal.ALREADY_HAS_TICKET: NextAction.REPRINT,
    Refusal.UNKNOWN_POLI: NextAction.GO_TO_COUNTER,
    Refusal.NO_NUMBER_AVAILABLE: NextAction.GO_TO_COUNTER,
}


@dataclass(frozen=True)
class Poli:
    code: str
    name: str
    letter: str  # number prefix: "A" -> "A-012"
    open_counters: int = 1
    service_min: float = 10.0  # prior for the service time before any visit is measured


@dataclass(frozen=True)
class Doctor:
    code: str
    name: str
    poli_code: str


@dataclass(frozen=True)
class Session:
    """One weekly practice slot of a doctor. Weekday 0 = Monday (``date.weekday()``).

    Tickets for it are issued from ``tickets_from`` until ``last_ticket``; the doctor practises
    from ``start`` to ``end``; ``capacity`` counts every ticket and booking for the slot.
    """

    doctor_code: str
    poli_code: str
    weekday: int
    start: time
    end: time
    capacity: int
    tickets_from: time
    last_ticket: time

    @property
    def jam_praktek(self) -> str:
        """BPJS style "08:00-12:00"."""
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Participant:
    noka: str
    nik: str | None
    kk_number: str | None
    name: str
    birth_date: date | None
    sex: str | None  # "L" or "P"
    disabled: bool = False
    pregnant: bool = False


@dataclass(frozen=True)
class Ticket:
    ticket_id: str
    day: date
    poli_code: str
    doctor_code: str | None
    session_start: time | None
    number: int
    label: str  # "A-012"
    noka: str | None
    priority: Priority
    source: TicketSource
    booking_id: str | None
    kiosk_id: str
    issued_at: datetime
    status: TicketStatus
    print_count: int = 0


@dataclass(frozen=True)
class Booking:
    booking_id: str
    day: date
    poli_code: str
    doctor_code: str | None
    noka: str
    number: int
    label: str
    jam_praktek: str | None
    checked_in_at: datetime | None
    ticket_id: str | None


@dataclass(frozen=True)
class Lease:
    lease_id: str
    kiosk_id: str
    poli_code: str
    day: date
    first_number: int
    last_number: int
    next_number: int

    @property
    def remaining(self) -> int:
        return self.last_number - self.next_number + 1


@dataclass(frozen=True)
class WaitBand:
    """Expected wait as a band in whole minutes (the UI shows "15-25 menit")."""

    low_min: int
    high_min: int
