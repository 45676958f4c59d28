"""Pure queue rules: ticket decisions, priority groups, call order, service time and waits."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from queue_support import MONDAY, at, person

from kiosk.membership import MembershipState
from kiosk.queue.model import Poli, Priority, Refusal, Session, WaitBand
from kiosk.queue.rules import (
    DayFacts,
    Granted,
    Refused,
    ServiceStats,
    Waiting,
    call_order,
    decide_ticket,
    priority_for,
    sessions_on,
    trailing_priority_run,
    update_service,
    wait_band,
)

POLI = Poli("001", "Poli Umum", "A", 2, 8.0)
MORNING = Session("D1", "001", 0, time(8), time(12), 3, time(7), time(11, 30))
AFTERNOON = Session("D2", "001", 0, time(13), time(17), 2, time(12), time(16, 30))
AKTIF = MembershipState.AKTIF


def facts(**kw: object) -> DayFacts:
    base: dict[str, object] = {"poli": POLI, "sessions": (MORNING, AFTERNOON), "holiday": None,
                               "used": {}, "existing_ticket_id": None}
    base.update(kw)
    return DayFacts(**base)  # type: ignore[arg-type]


# -- decide_ticket ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hhmm", "expected"),
    [
        ((6, 59), Refusal.OUTSIDE_HOURS),  # before the ticket desk opens
        ((7, 0), MORNING),
        ((11, 30), MORNING),  # the last minute for new tickets
        ((11, 31), Refusal.CLOSED_FOR_NEW_TICKETS),  # doctor still practising
        ((11, 59), Refusal.CLOSED_FOR_NEW_TICKETS),
        ((12, 0), AFTERNOON),  # afternoon desk opens as the morning ends
        ((16, 31), Refusal.CLOSED_FOR_NEW_TICKETS),
        ((17, 0), Refusal.OUTSIDE_HOURS),
        ((22, 0), Refusal.OUTSIDE_HOURS),
    ],
)
def test_hours(hhmm: tuple[int, int], expected: Refusal | Session) -> None:
    d = decide_ticket(at(*hhmm), AKTIF, facts())
    if isinstance(expected, Refusal):
        assert d == Refused(expected)
    else:
        assert d == Granted(expected)


def test_gap_between_sessions_is_outside_hours() -> None:
    late = Session("D2", "001", 0, time(15), time(17), 2, time(14), time(16, 30))
    assert decide_ticket(at(12, 30), AKTIF, facts(sessions=(MORNING, late))) == Refused(
        Refusal.OUTSIDE_HOURS)


def test_quota() -> None:
    assert decide_ticket(at(9), AKTIF, facts(used={("D1", time(8)): 2})) == Granted(MORNING)
    assert decide_ticket(at(9), AKTIF, facts(used={("D1", time(8)): 3})) == Refused(
        Refusal.QUOTA_FULL)


def test_overlapping_sessions_fill_in_start_order() -> None:
    second = Session("D3", "001", 0, time(9), time(12), 1, time(7), time(11, 30))
    f = facts(sessions=(MORNING, second), used={("D1", time(8)): 3})
    assert decide_ticket(at(9), AKTIF, f) == Granted(second)
    f = facts(sessions=(MORNING, second), used={("D1", time(8)): 3, ("D3", time(9)): 1})
    assert decide_ticket(at(9), AKTIF, f) == Refused(Refusal.QUOTA_FULL)


def test_zero_capacity_is_quota_full() -> None:
    closed = Session("D1", "001", 0, time(8), time(12), 0, time(7), time(11, 30))
    assert decide_ticket(at(9), AKTIF, facts(sessions=(closed,))) == Refused(Refusal.QUOTA_FULL)


@pytest.mark.parametrize("state", list(MembershipState))
def test_membership(state: MembershipState) -> None:
    d = decide_ticket(at(9), state, facts())
    if state in (MembershipState.AKTIF, MembershipState.DENDA_PELAYANAN):
        assert d == Granted(MORNING)
    else:
        assert d == Refused(Refusal.INACTIVE_STATUS)


def test_rule_precedence() -> None:
    """Existing ticket first (reprint), then status, holiday, schedule, hours, quota."""
    everything_wrong = facts(existing_ticket_id="t1", holiday="Natal", sessions=(),
                             used={("D1", time(8)): 99})
    inactive = MembershipState.NON_AKTIF
    assert decide_ticket(at(3), inactive, everything_wrong) == Refused(
        Refusal.ALREADY_HAS_TICKET, "t1")
    f = facts(holiday="Natal", sessions=())
    assert decide_ticket(at(3), inactive, f) == Refused(Refusal.INACTIVE_STATUS)
    assert decide_ticket(at(9), AKTIF, f) == Refused(Refusal.HOLIDAY)
    assert decide_ticket(at(9), AKTIF, facts(sessions=())) == Refused(Refusal.NO_SESSION_TODAY)
    assert decide_ticket(at(9), AKTIF, facts(poli=None)) == Refused(Refusal.UNKNOWN_POLI)


def test_sessions_on_filters_weekday_poli_and_doctor() -> None:
    tuesday = Session("D1", "001", 1, time(8), time(12), 3, time(7), time(11))
    other = Session("D9", "002", 0, time(8), time(12), 3, time(7), time(11))
    all_ = [AFTERNOON, tuesday, other, MORNING]
    assert sessions_on(all_, "001", MONDAY) == [MORNING, AFTERNOON]
    assert sessions_on(all_, "001", MONDAY, "D2") == [AFTERNOON]
    assert sessions_on(all_, "001", MONDAY + timedelta(days=1)) == [tuesday]
    assert sessions_on(all_, "001", MONDAY + timedelta(days=6)) == []


# -- priority groups ----------------------------------------------------------------------


def test_priority_groups() -> None:
    today = date(2026, 11, 23)
    assert priority_for(person(1), today) is Priority.NONE
    assert priority_for(person(1, pregnant=True), today) is Priority.PREGNANT
    assert priority_for(person(1, disabled=True), today) is Priority.DISABLED
    assert priority_for(person(1, birth_date=date(1966, 11, 23)), today) is Priority.ELDERLY
    assert priority_for(person(1, birth_date=date(1966, 11, 24)), today) is Priority.NONE
    assert priority_for(person(1, birth_date=None), today) is Priority.NONE
    leap = person(1, birth_date=date(1964, 2, 29))
    assert priority_for(leap, date(2024, 2, 28)) is Priority.NONE
    assert priority_for(leap, date(2024, 2, 29)) is Priority.ELDERLY


# -- call order ---------------------------------------------------------------------------

T0 = datetime(2026, 11, 23, 7, 0)


def w(i: int, prio: Priority = Priority.NONE, minute: int | None = None) -> Waiting:
    return Waiting(f"t{i:03d}", T0 + timedelta(minutes=i if minute is None else minute), prio,
                   300 + i)


def ids(ws: list[Waiting]) -> list[str]:
    return [x.ticket_id for x in ws]


def test_arrival_order_not_digit_order() -> None:
    early_high = Waiting("x", T0, Priority.NONE, 305)
    late_low = Waiting("y", T0 + timedelta(minutes=3), Priority.NONE, 12)
    assert ids(call_order([late_low, early_high], max_run=3)) == ["x", "y"]


def test_priority_ahead_but_at_most_k_in_a_row() -> None:
    E = Priority.ELDERLY
    waiting = [w(0), w(1), w(2, E), w(3, E), w(4, E), w(5, E), w(6, Priority.PREGNANT), w(7)]
    assert ids(call_order(waiting, max_run=3)) == [
        "t002", "t003", "t004", "t000", "t005", "t006", "t001", "t007"]
    assert ids(call_order(waiting, max_run=1)) == [
        "t002", "t000", "t003", "t001", "t004", "t007", "t005", "t006"]


def test_current_run_carries_over() -> None:
    waiting = [w(0), w(1, Priority.DISABLED)]
    assert ids(call_order(waiting, max_run=2, run=2)) == ["t000", "t001"]
    assert ids(call_order(waiting, max_run=2, run=1)) == ["t001", "t000"]
    assert trailing_priority_run([Priority.ELDERLY, Priority.PREGNANT, Priority.NONE,
                                  Priority.ELDERLY]) == 2
    assert trailing_priority_run([]) == 0


def test_only_priority_waiting_all_go() -> None:
    waiting = [w(i, Priority.ELDERLY) for i in range(5)]
    assert ids(call_order(waiting, max_run=2)) == [f"t{i:03d}" for i in range(5)]


def test_bad_max_run() -> None:
    with pytest.raises(ValueError, match="max_run"):
        call_order([], max_run=0)


def test_exhaustive_small_queues() -> None:
    """Every mix of up to 7 tickets, every K in 1-3: invariants hold."""
    for n in range(8):
        for mask in itertools.product((False, True), repeat=n):
            waiting = [w(i, Priority.ELDERLY if p else Priority.NONE) for i, p in enumerate(mask)]
            for k in (1, 2, 3):
                _check_order(waiting, call_order(waiting, max_run=k), k)


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 50)), max_size=40),
       st.integers(1, 5), st.integers(0, 5))
def test_order_invariants(spec: list[tuple[bool, int]], k: int, run: int) -> None:
    waiting = [w(i, Priority.PREGNANT if p else Priority.NONE, minute)
               for i, (p, minute) in enumerate(spec)]
    _check_order(waiting, call_order(waiting, max_run=k, run=run), k, run)


def _check_order(waiting: list[Waiting], order: list[Waiting], k: int, run: int = 0) -> None:
    assert sorted(ids(order)) == sorted(ids(waiting))  # a permutation: nobody lost or doubled
    key = lambda x: (x.arrived, x.number, x.ticket_id)  # noqa: E731
    prio = [x for x in order if x.priority.is_priority]
    rest = [x for x in order if not x.priority.is_priority]
    assert prio == sorted(prio, key=key) and rest == sorted(rest, key=key)  # FIFO in each group
    streak = run
    for pos, x in enumerate(order):
        regular_left = any(not y.priority.is_priority for y in order[pos:])
        if x.priority.is_priority:
            streak += 1
            if regular_left:
                assert streak <= k  # never more than K in a row while others wait
        else:
            # a regular ticket is only called when K priority calls just happened or none wait
            prio_left = any(y.priority.is_priority for y in order[pos:])
            assert not prio_left or streak >= k
            streak = 0
    # no starvation: the j-th regular ticket is called within (j+1)*(K+1) calls
    for j, x in enumerate(rest):
        assert order.index(x) < (j + 1) * (k + 1)


# -- service time and wait ----------------------------------------------------------------


def test_ewma_converges_and_ignores_outliers() -> None:
    s = ServiceStats.prior(POLI)
    assert (s.mean_s, s.samples) == (480.0, 0)
    for _ in range(40):
        s = update_service(s, 300.0)
    assert abs(s.mean_s - 300.0) < 1.0 and s.var_s2 < 100 and s.samples == 40
    assert update_service(s, 5.0) == s  # a double click, not a visit
    assert update_service(s, 4 * 3600.0) == s  # forgotten ticket


def test_wait_band() -> None:
    s = ServiceStats(600.0, 0.0, 10)
    assert wait_band(0, s, 1) == WaitBand(0, 0)
    assert wait_band(3, s, 1) == WaitBand(30, 31)  # no variance: a one-minute band
    assert wait_band(3, s, 2) == WaitBand(15, 16)
    noisy = ServiceStats(600.0, 300.0**2, 10)
    band = wait_band(4, noisy, 1)  # 40 min +- sqrt(4)*5 min
    assert band == WaitBand(30, 50)
    with pytest.raises(ValueError, match="counters"):
        wait_band(1, s, 0)


@given(st.integers(0, 200), st.floats(30, 3600), st.floats(0, 1e6), st.integers(1, 6))
def test_wait_band_ordered_and_monotone(ahead: int, mean: float, var: float, c: int) -> None:
    s = ServiceStats(mean, var, 5)
    b = wait_band(ahead, s, c)
    assert 0 <= b.low_min <= b.high_min
    more = wait_band(ahead + 1, s, c)
    assert more.high_min >= b.high_min


# -- words for the patient ------------------------------------------------------------------


@pytest.mark.parametrize("reason", list(Refusal))
def test_every_refusal_is_explained_in_both_languages(reason: Refusal) -> None:
    from kiosk.config import Language
    from kiosk.queue.texts import next_action, refusal_text

    texts = [refusal_text(reason, lang) for lang in Language]
    assert all(t.reason and t.next_step for t in texts) and texts[0] != texts[1]
    assert next_action(reason) is not None


def test_wait_and_priority_words() -> None:
    from kiosk.config import Language
    from kiosk.queue.texts import PRIORITY_NAMES, wait_text

    assert wait_text(WaitBand(15, 25), Language.ID) == "15-25 menit"
    assert wait_text(WaitBand(15, 25), Language.EN) == "15-25 minutes"
    assert wait_text(WaitBand(0, 0), Language.ID) == "Segera dipanggil"
    assert set(PRIORITY_NAMES) == set(Priority)
