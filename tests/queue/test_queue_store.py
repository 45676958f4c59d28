"""Ticket issuing, bookings, leases and calling on a real SQLite store with the demo facility."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from queue_support import MONDAY, add_test_poli, at, person

from kiosk.errors import ServerProtocolError
from kiosk.membership import MembershipState
from kiosk.membership.roster import find_participant
from kiosk.queue import store as q
from kiosk.queue.model import (
    Lease,
    Participant,
    Priority,
    Refusal,
    TicketSource,
    TicketStatus,
)
from kiosk.queue.rules import Refused
from kiosk.store import EventKind, Store

AKTIF = MembershipState.AKTIF
LOCAL = q.NumberPolicy(self_lease=True, lease_block=20)
SERVER = q.NumberPolicy(self_lease=False)


def issue(store: Store, p: Participant, poli: str = "001", hour: int = 9, minute: int = 0,
          kiosk: str = "k1", policy: q.NumberPolicy = LOCAL, doctor: str | None = None,
          membership: MembershipState = AKTIF, day: date = MONDAY) -> q.Issued | Refused:
    return q.issue_ticket(store, participant=p, membership=membership, poli_code=poli,
                          doctor_code=doctor, kiosk_id=kiosk, now=at(hour, minute, day),
                          policy=policy)


def events(store: Store, kind: EventKind) -> list[dict[str, object]]:
    return [e.payload for e in store.pending_events() if e.kind is kind]


def test_issue_commits_ticket_and_event_together(store: Store) -> None:
    r = issue(store, person(1))
    assert isinstance(r, q.Issued)
    t = r.ticket
    assert (t.label, t.number, t.source, t.priority) == ("A-300", 300, TicketSource.KIOSK,
                                                          Priority.NONE)
    assert t.doctor_code == "D001" and r.ahead == 0
    assert q.get_ticket(store, t.ticket_id) == t
    (ev,) = events(store, EventKind.TICKET_ISSUED)
    assert ev["ticket_id"] == t.ticket_id and ev["label"] == "A-300"
    assert ev["jam_praktek"] == "08:00-12:00" and ev["kiosk_id"] == "k1"
    r2 = issue(store, person(2), minute=1)
    assert isinstance(r2, q.Issued) and r2.ticket.label == "A-301" and r2.ahead == 1
    # a different poli numbers on its own, with its own letter
    r3 = issue(store, person(3), poli="002")
    assert isinstance(r3, q.Issued) and r3.ticket.label == "B-300"


def test_one_ticket_per_participant_per_poli_per_day(store: Store) -> None:
    first = issue(store, person(1))
    assert isinstance(first, q.Issued)
    again = issue(store, person(1), minute=5)
    assert again == Refused(Refusal.ALREADY_HAS_TICKET, first.ticket.ticket_id)
    assert isinstance(issue(store, person(1), poli="002"), q.Issued)  # another poli is fine
    assert isinstance(issue(store, person(1), day=MONDAY + timedelta(days=1)), q.Issued)
    assert len(events(store, EventKind.TICKET_ISSUED)) == 3


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"membership": MembershipState.NON_AKTIF}, Refusal.INACTIVE_STATUS),
        ({"membership": MembershipState.UNKNOWN}, Refusal.INACTIVE_STATUS),
        ({"hour": 6}, Refusal.OUTSIDE_HOURS),
        ({"hour": 11, "minute": 45, "doctor": "D001"}, Refusal.CLOSED_FOR_NEW_TICKETS),
        ({"hour": 20}, Refusal.OUTSIDE_HOURS),
        ({"poli": "004"}, Refusal.NO_SESSION_TODAY),  # Poli Lansia: Tue/Thu/Sat only
        ({"day": MONDAY + timedelta(days=6)}, Refusal.NO_SESSION_TODAY),  # Sunday
        ({"day": date(2026, 12, 25)}, Refusal.HOLIDAY),
        ({"poli": "999"}, Refusal.UNKNOWN_POLI),
    ],
)
def test_refusals_write_nothing(store: Store, kw: dict[str, object], reason: Refusal) -> None:
    r = issue(store, person(1), **kw)  # type: ignore[arg-type]
    assert r == Refused(reason)
    assert store.query("SELECT count(*) AS n FROM tickets")[0]["n"] == 0
    assert store.outbox_depth() == 0


def test_quota_counts_tickets_and_pending_bookings(store: Store) -> None:
    add_test_poli(store, capacity=3)
    booking = _booking(store, "T01", "b1", person(50), number=200)
    assert isinstance(issue(store, person(1), poli="T01"), q.Issued)
    assert isinstance(issue(store, person(2), poli="T01"), q.Issued)
    assert issue(store, person(3), poli="T01") == Refused(Refusal.QUOTA_FULL)
    with store.transaction() as tx:
        q.cancel_booking(tx, booking, at(9))
    assert isinstance(issue(store, person(3), poli="T01"), q.Issued)


def test_server_leases_only_when_not_standalone(store: Store) -> None:
    assert issue(store, person(1), policy=SERVER) == Refused(Refusal.NO_NUMBER_AVAILABLE)
    with store.transaction() as tx:
        q.add_lease(tx, Lease("L1", "k1", "001", MONDAY, 320, 321, 320))
        q.add_lease(tx, Lease("L1", "k1", "001", MONDAY, 320, 321, 320))  # replay: no-op
        q.add_lease(tx, Lease("L2", "k1", "001", MONDAY, 400, 400, 400))
        q.add_lease(tx, Lease("L9", "k2", "001", MONDAY, 340, 359, 340))  # another kiosk's
    labels = []
    for i in range(1, 4):
        r = issue(store, person(i), policy=SERVER, minute=i)
        assert isinstance(r, q.Issued)
        labels.append(r.ticket.label)
    assert labels == ["A-320", "A-321", "A-400"]
    assert issue(store, person(9), policy=SERVER) == Refused(Refusal.NO_NUMBER_AVAILABLE)
    assert q.remaining_numbers(store, "k1", MONDAY)["001"] == 0
    assert q.remaining_numbers(store, "k2", MONDAY)["001"] == 20


def test_bad_leases_are_refused_loudly(store: Store) -> None:
    with store.transaction() as tx:
        q.add_lease(tx, Lease("L1", "k1", "001", MONDAY, 300, 319, 300))
    for bad, msg in [
        (Lease("L2", "k2", "001", MONDAY, 310, 329, 310), "overlaps"),
        (Lease("L1", "k1", "001", MONDAY, 300, 339, 300), "changed"),
        (Lease("L3", "k1", "001", MONDAY, 9, 5, 9), "bad block"),
    ]:
        with pytest.raises(ServerProtocolError, match=msg), store.transaction() as tx:
            q.add_lease(tx, bad)
    assert len(store.query("SELECT * FROM number_leases")) == 1


def test_local_leases_refill_in_blocks(store: Store) -> None:
    small = q.NumberPolicy(self_lease=True, lease_block=2)
    labels = []
    for i in range(5):
        r = issue(store, person(i), policy=small, kiosk="k1" if i % 2 == 0 else "k2", minute=i)
        assert isinstance(r, q.Issued)
        labels.append(r.ticket.label)
    # k1 leased 300-301, k2 302-303, k1 304-305
    assert labels == ["A-300", "A-302", "A-301", "A-303", "A-304"]
    leases = store.query("SELECT kiosk_id, first_number, last_number, origin FROM number_leases"
                         " ORDER BY first_number")
    assert [(r["kiosk_id"], r["first_number"], r["last_number"]) for r in leases] == [
        ("k1", 300, 301), ("k2", 302, 303), ("k1", 304, 305)]
    assert {r["origin"] for r in leases} == {"local"}


def test_lease_number_already_taken_is_skipped(store: Store) -> None:
    """Overlapping blocks from a misbehaving server never produce a duplicate."""
    with store.transaction() as tx:
        q.add_lease(tx, Lease("L1", "k1", "001", MONDAY, 300, 301, 300))
    r1 = issue(store, person(1), policy=SERVER)
    assert isinstance(r1, q.Issued) and r1.ticket.number == 300
    with store.transaction() as tx:  # a second kiosk's row sharing the store sits on 301
        tx.execute("UPDATE number_leases SET next_number = 300 WHERE lease_id = 'L1'")
    r2 = issue(store, person(2), policy=SERVER)
    assert isinstance(r2, q.Issued) and r2.ticket.number == 301


def _booking(store: Store, poli: str, bid: str, p: Participant, number: int,
             day: date = MONDAY, doctor: str | None = None) -> str:
    from kiosk.queue.model import Booking

    letter = q.get_poli(store, poli).letter  # type: ignore[union-attr]
    with store.transaction() as tx:
        q.upsert_booking(tx, Booking(bid, day, poli, doctor, p.noka, number,
                                     f"{letter}-{number:03d}", None, None, None))
    return bid


def test_booking_check_in(store: Store) -> None:
    siti = find_participant(store, noka="0009990000044")
    assert siti is not None
    (b,) = q.booking_today(store, siti.noka, MONDAY)
    assert (b.label, b.poli_code) == ("A-201", "001")
    assert q.booking_today(store, siti.noka, MONDAY + timedelta(days=1)) == []
    walk_in = issue(store, person(1), hour=8)
    assert isinstance(walk_in, q.Issued)
    r = q.check_in_booking(store, booking_id=b.booking_id, participant=siti, membership=AKTIF,
                           kiosk_id="k1", now=at(9))
    assert isinstance(r, q.Issued)
    t = r.ticket
    assert (t.label, t.source, t.priority, t.booking_id) == (
        "A-201", TicketSource.BOOKING, Priority.ELDERLY, b.booking_id)
    assert r.ahead == 0  # elderly: called ahead of the walk-in who came earlier
    (ev,) = events(store, EventKind.BOOKING_CHECKED_IN)
    assert ev["booking_id"] == b.booking_id and ev["ticket_id"] == t.ticket_id
    assert events(store, EventKind.TICKET_ISSUED)[0]["label"] == "A-300"  # only the walk-in
    again = q.check_in_booking(store, booking_id=b.booking_id, participant=siti,
                               membership=AKTIF, kiosk_id="k2", now=at(9, 5))
    assert again == Refused(Refusal.ALREADY_HAS_TICKET, t.ticket_id)
    # having checked in, the kiosk will not issue her a second ticket for the same poli
    assert issue(store, siti, minute=10) == Refused(Refusal.ALREADY_HAS_TICKET, t.ticket_id)


def test_booking_check_in_refusals(store: Store) -> None:
    siti = find_participant(store, noka="0009990000044")
    assert siti is not None
    (b,) = q.booking_today(store, siti.noka, MONDAY)
    r = q.check_in_booking(store, booking_id=b.booking_id, participant=siti,
                           membership=MembershipState.PENANGGUHAN, kiosk_id="k1", now=at(9))
    assert r == Refused(Refusal.INACTIVE_STATUS)
    with pytest.raises(ValueError, match="not today"):
        q.check_in_booking(store, booking_id=b.booking_id, participant=siti, membership=AKTIF,
                           kiosk_id="k1", now=at(9, day=MONDAY + timedelta(days=1)))
    with pytest.raises(ValueError, match="no live booking"):
        q.check_in_booking(store, booking_id=b.booking_id, participant=person(1),
                           membership=AKTIF, kiosk_id="k1", now=at(9))
    with store.transaction() as tx:
        q.cancel_booking(tx, b.booking_id, at(8))
    assert q.booking_today(store, siti.noka, MONDAY) == []
    assert store.outbox_depth() == 0


def test_call_order_priority_and_service_stats(store: Store) -> None:
    add_test_poli(store)
    elderly = person(9, birth_date=date(1950, 1, 1))
    issued = {}
    for i, p in enumerate([person(1), person(2), elderly, person(3, pregnant=True)]):
        r = issue(store, p, poli="T01", minute=i)
        assert isinstance(r, q.Issued)
        issued[p.noka] = r
    assert issued[elderly.noka].ahead == 0
    assert [t.label for t in q.waiting_order(store, "T01", MONDAY, 1)] == [
        "T-302", "T-300", "T-303", "T-301"]
    called = []
    now = at(10)
    while (t := q.call_next(store, "T01", now, max_priority_run=1)) is not None:
        called.append(t.label)
        now += timedelta(minutes=6)
        q.finish(store, t.ticket_id, now, TicketStatus.SERVED)
    assert called == ["T-302", "T-300", "T-303", "T-301"]
    stats = store.query("SELECT * FROM service_stats WHERE poli_code = 'T01'")[0]
    assert stats["samples"] == 4 and 300 < stats["mean_s"] < 360
    assert len(events(store, EventKind.TICKET_CALLED)) == 4
    assert len(events(store, EventKind.TICKET_SERVED)) == 4
    with pytest.raises(ValueError, match="not being served"):
        q.finish(store, issued[elderly.noka].ticket.ticket_id, now, TicketStatus.SERVED)


def test_wait_estimate_grows_with_queue(store: Store) -> None:
    add_test_poli(store)
    bands = []
    for i in range(6):
        r = issue(store, person(i), poli="T01", minute=i)
        assert isinstance(r, q.Issued)
        assert r.ahead == i
        bands.append(r.wait)
    assert bands[0].high_min == 0
    assert all(b.low_min <= b.high_min for b in bands)
    assert [b.high_min for b in bands] == sorted(b.high_min for b in bands)
    # prior 5 min per visit, 1 counter: 5 ahead ~ 25 min inside the band
    assert bands[5].low_min <= 25 <= bands[5].high_min


def test_absent_and_estimate_of_unknown_ticket(store: Store) -> None:
    r = issue(store, person(1))
    assert isinstance(r, q.Issued)
    t = q.call_next(store, "001", at(9, 30))
    assert t is not None and t.ticket_id == r.ticket.ticket_id
    q.finish(store, t.ticket_id, at(9, 31), TicketStatus.ABSENT)
    assert q.get_ticket(store, t.ticket_id).status is TicketStatus.ABSENT  # type: ignore[union-attr]
    assert store.query("SELECT count(*) AS n FROM service_stats")[0]["n"] == 0
    with pytest.raises(ValueError, match="no ticket"):
        q.estimate(store, "nope")
    with pytest.raises(ValueError, match="served or absent"):
        q.finish(store, t.ticket_id, at(9, 32), TicketStatus.CALLED)


def test_mark_printed_counts_and_emits(store: Store) -> None:
    r = issue(store, person(1))
    assert isinstance(r, q.Issued)
    assert q.mark_printed(store, r.ticket.ticket_id, at(9)) == 1
    assert q.mark_printed(store, r.ticket.ticket_id, at(9, 2)) == 2
    printed = events(store, EventKind.TICKET_PRINTED)
    assert [p["print_count"] for p in printed] == [1, 2]
    with pytest.raises(ValueError, match="no ticket"):
        q.mark_printed(store, "nope", at(9))


def test_outbox_payload_is_json_and_in_order(store: Store) -> None:
    issue(store, person(1))
    raw = store.query("SELECT kind, payload FROM outbox ORDER BY seq")
    assert [r["kind"] for r in raw] == ["ticket_issued"]
    assert json.loads(raw[0]["payload"])["number"] == 300


def test_naive_time_is_rejected(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        q.issue_ticket(store, participant=person(1), membership=AKTIF, poli_code="001",
                       doctor_code=None, kiosk_id="k1", now=at(9).replace(tzinfo=None),
                       policy=LOCAL)
