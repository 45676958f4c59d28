"""Roster in a real SQLite store: cached status (newest wins), lookups, family card."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.membership import MembershipState, PesertaRecord, Reason
from kiosk.membership.roster import (
    family_for,
    family_members,
    find_participant,
    save_status,
    status_of,
    upsert_participant,
)
from kiosk.queue.demo import load_demo
from kiosk.queue.model import Participant
from kiosk.store import Store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FAC = "DEMO0001"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "kiosk.db")
    load_demo(s, NOW)
    return s


def test_lookup_by_noka_and_nik(store: Store) -> None:
    by_noka = find_participant(store, noka="0009990000011")
    by_nik = find_participant(store, nik="3171011403850001")
    assert by_noka == by_nik and by_noka is not None
    assert by_noka.name == "Budi Santoso" and by_noka.birth_date == date(1985, 3, 14)
    assert find_participant(store, nik="3171011403850099") is None
    with pytest.raises(ValueError, match="exactly one"):
        find_participant(store)


def test_newer_status_wins_older_is_ignored(store: Store) -> None:
    noka = "0009990000011"
    inactive = PesertaRecord(aktif=False, ket_aktif="NON AKTIF")
    with store.transaction() as tx:
        save_status(tx, noka, inactive, NOW - timedelta(days=1))  # older than the cached one
    assert status_of(store, noka, NOW, stale_after_h=72,
                     facility_code=FAC).state is MembershipState.AKTIF
    with store.transaction() as tx:
        save_status(tx, noka, inactive, NOW)
    assert status_of(store, noka, NOW, stale_after_h=72,
                     facility_code=FAC).state is MembershipState.NON_AKTIF
    # the row survives a reopen: it is on disk, not in memory
    store.close()
    again = Store.open(store.path)
    assert status_of(again, noka, NOW, stale_after_h=72,
                     facility_code=FAC).state is MembershipState.NON_AKTIF


def test_unknown_participant_status_is_grey(store: Store) -> None:
    s = status_of(store, "0000000000000", NOW, stale_after_h=72, facility_code=FAC)
    assert (s.state, s.reason) == (MembershipState.UNKNOWN, Reason.NO_RECORD)


def test_upsert_keeps_cached_status(store: Store) -> None:
    p = find_participant(store, noka="0009990000044")
    assert p is not None
    with store.transaction() as tx:
        upsert_participant(tx, Participant(p.noka, p.nik, p.kk_number, "Siti Aminah (ubah)",
                                           p.birth_date, p.sex, disabled=True), NOW)
    q = find_participant(store, noka=p.noka)
    assert q is not None and q.name == "Siti Aminah (ubah)" and q.disabled
    assert status_of(store, p.noka, NOW, stale_after_h=72,
                     facility_code=FAC).state is MembershipState.AKTIF


def test_family_of_a_verified_adult_lists_others_with_own_status(store: Store) -> None:
    budi = find_participant(store, noka="0009990000011")
    assert budi is not None
    fam = family_for(store, budi, NOW, stale_after_h=72, facility_code=FAC)
    assert [(m.participant.name, m.age, m.status.state) for m in fam] == [
        ("Dewi Lestari", 38, MembershipState.DENDA_PELAYANAN),
        ("Sari Santoso", 10, MembershipState.AKTIF),
    ]


def test_child_may_not_act_for_family(store: Store) -> None:
    sari = find_participant(store, noka="0009990000022")
    assert sari is not None
    assert family_for(store, sari, NOW, stale_after_h=72, facility_code=FAC) == []
    # ...but the family query itself still lists her with the others
    everyone = family_members(store, "3171010101200001", NOW, stale_after_h=72,
                              facility_code=FAC)
    assert {m.participant.name for m in everyone} == {"Budi Santoso", "Dewi Lestari",
                                                      "Sari Santoso"}


def test_family_status_goes_grey_when_stale(store: Store) -> None:
    later = NOW + timedelta(hours=80)
    budi = find_participant(store, noka="0009990000011")
    assert budi is not None
    fam = family_for(store, budi, later, stale_after_h=72, facility_code=FAC)
    assert {m.status.state for m in fam} == {MembershipState.UNKNOWN}


def test_no_kk_number_no_family(store: Store) -> None:
    loner = Participant("0009990000999", None, None, "Tanpa KK", date(1980, 1, 1), "L")
    assert family_for(store, loner, NOW, stale_after_h=72, facility_code=FAC) == []
