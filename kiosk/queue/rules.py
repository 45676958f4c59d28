"""Pure queue rules: may this participant have a ticket now, who is called next, how long.

Everything here takes plain data and returns plain data; ``kiosk.queue.store`` reads the facts
from SQLite, calls these functions inside one transaction and writes the outcome.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from kiosk.membership.status import MembershipState, age_in_years
from kiosk.queue.model import Participant, Poli, Priority, Refusal, Session, WaitBand

ELDERLY_AGE = 60


def priority_for(p: Participant, today: date) -> Priority:
    """The participant's priority group (pregnancy and disability are flags kept by staff)."""
    if p.pregnant:
        return Priority.PREGNANT
    if p.disabled:
        return Priority.DISABLED
    if p.birth_date is not None and age_in_years(p.birth_date, today) >= ELDERLY_AGE:
        return Priority.ELDERLY
    return Priority.NONE


def sessions_on(
    sessions: Iterable[Session], poli_code: str, day: date, doctor_code: str | None = None
) -> list[Session]:
    """The poli's sessions on ``day``'s weekday (one doctor's, when given), by start time."""
    wd = day.weekday()
    return sorted(
        (s for s in sessions
         if s.poli_code == poli_code and s.weekday == wd
         and (doctor_code is None or s.doctor_code == doctor_code)),
        key=lambda s: (s.start, s.doctor_code),
    )


SessionKey = tuple[str, time]  # (doctor_code, start)


def session_key(s: Session) -> SessionKey:
    return s.doctor_code, s.start


@dataclass(frozen=True)
class DayFacts:
    """What the store knows that a ticket decision depends on."""

    poli: Poli | None
    sessions: tuple[Session, ...]  # today's sessions of the poli (and doctor, if chosen)
    holiday: str | None  # name of today's holiday, if any
    used: Mapping[SessionKey, int]  # tickets + not-yet-checked-in bookings per session
    existing_ticket_id: str | None  # this participant's live ticket for this poli today


@dataclass(frozen=True)
class Granted:
    session: Session


@dataclass(frozen=True)
class Refused:
    reason: Refusal
    ticket_id: str | None = None  # the existing ticket, for ALREADY_HAS_TICKET


def decide_ticket(now: datetime, membership: MembershipState, facts: DayFacts) -> Granted | Refused:
    """Grant a session or refuse with the reason; the first failing rule is the one reported."""
    if facts.poli is None:
        return Refused(Refusal.UNKNOWN_POLI)
    if facts.existing_ticket_id is not None:
        return Refused(Refusal.ALREADY_HAS_TICKET, facts.existing_ticket_id)
    if not membership.may_take_ticket:
        return Refused(Refusal.INACTIVE_STATUS)
    if facts.holiday is not None:
        return Refused(Refusal.HOLIDAY)
    if not facts.sessions:
        return Refused(Refusal.NO_SESSION_TODAY)
    t = now.time().replace(tzinfo=None)
    accepting = [s for s in facts.sessions if s.tickets_from <= t <= s.last_ticket]
    if not accepting:
        if any(s.last_ticket < t < s.end for s in facts.sessions):
            return Refused(Refusal.CLOSED_FOR_NEW_TICKETS)
        return Refused(Refusal.OUTSIDE_HOURS)
    for s in accepting:
        if facts.used.get(session_key(s), 0) < s.capacity:
            return Granted(s)
    return Refused(Refusal.QUOTA_FULL)


# -- call order -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    ticket_id: str
    arrived: datetime  # issue time, or check-in time for a booking
    priority: Priority
    number: int


def trailing_priority_run(called_latest_first: Iterable[Priority]) -> int:
    """How many priority tickets were called in a row most recently."""
    run = 0
    for p in called_latest_first:
        if not p.is_priority:
            break
        run += 1
    return run


def call_order(waiting: Sequence[Waiting], *, max_run: int, run: int = 0) -> list[Waiting]:
    """The order in which ``waiting`` will be called.

    Arrival order, except that priority tickets go first, at most ``max_run`` in a row: after
    that many, the longest-waiting regular ticket is called (if any), so nobody starves.
    ``run`` is the current streak of priority calls (``trailing_priority_run``).
    """
    if max_run < 1:
        raise ValueError(f"max_run must be at least 1, got {max_run}")

    def key(w: Waiting) -> tuple[datetime, int, str]:
        return w.arrived, w.number, w.ticket_id

    prio = sorted((w for w in waiting if w.priority.is_priority), key=key)
    rest = sorted((w for w in waiting if not w.priority.is_priority), key=key)
    out: list[Waiting] = []
    i = j = 0
    while i < len(prio) or j < len(rest):
        if i < len(prio) and (run < max_run or j >= len(rest)):
            out.append(prio[i])
            i += 1
            run += 1
        else:
            out.append(rest[j])
            j += 1
            run = 0
    return out


# -- service time and wait ------------------------------------------------------------------

EWMA_ALPHA = 0.2
# Service times outside this window are recording mistakes (a ticket served twice, a forgotten
# one), not information about the poli.
MIN_SERVICE_S = 20.0
MAX_SERVICE_S = 3 * 3600.0


@dataclass(frozen=True)
class ServiceStats:
    mean_s: float
    var_s2: float
    samples: int

    @staticmethod
    def prior(poli: Poli) -> ServiceStats:
        mean = poli.service_min * 60.0
        return ServiceStats(mean, (0.5 * mean) ** 2, 0)


def update_service(stats: ServiceStats, sample_s: float, alpha: float = EWMA_ALPHA) -> ServiceStats:
    """Exponentially weighted mean and variance of the time one visit takes."""
    if not MIN_SERVICE_S <= sample_s <= MAX_SERVICE_S:
        return stats
    diff = sample_s - stats.mean_s
    incr = alpha * diff
    return ServiceStats(
        mean_s=stats.mean_s + incr,
        var_s2=(1 - alpha) * (stats.var_s2 + diff * incr),
        samples=stats.samples + 1,
    )


def wait_band(ahead: int, stats: ServiceStats, open_counters: int, z: float = 1.0) -> WaitBand:
    """Tickets ahead x smoothed service time / open counters, +- z standard deviations."""
    if ahead < 0 or open_counters < 1:
        raise ValueError(f"bad wait input: ahead={ahead}, counters={open_counters}")
    if ahead == 0:
        return WaitBand(0, 0)
    mean = ahead * stats.mean_s / open_counters
    sd = math.sqrt(ahead * max(stats.var_s2, 0.0)) / open_counters
    low = max(0.0, mean - z * sd) / 60.0
    high = (mean + z * sd) / 60.0
    return WaitBand(math.floor(low), max(math.ceil(high), math.floor(low) + 1))
