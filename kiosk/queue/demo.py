"""Load the fictional demo facility (resources/demo/facility.json) into a store.

``kiosk --demo`` calls ``load_demo(store, today)``. Relative facts in the file are resolved
against ``now``: how long ago each status was fetched, and bookings "for today". With
``open_all_day`` every doctor practises all day, every day (holidays today ignored), so a demo
shown at night or on Sunday still issues tickets.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.errors import ConfigError
from kiosk.membership.roster import save_status, upsert_participant
from kiosk.membership.status import parse_pcare_peserta
from kiosk.queue import numbering
from kiosk.queue import store as qstore
from kiosk.queue.model import Booking, Doctor, Participant, Poli, Session
from kiosk.store import Store

log = logging.getLogger(__name__)

_ANCHOR = date(2000, 1, 3)  # any date: only the time of day is used


@dataclass(frozen=True)
class DemoFacility:
    code: str
    name: str
    polis: int
    doctors: int
    participants: int
    bookings: int


def load_demo(store: Store, today: date | datetime, *, path: Path | None = None,
              open_all_day: bool = False) -> DemoFacility:
    """Load (or reload: every write is an upsert) the demo facility. ``today`` may be a datetime
    (its time is "now" for the status ages) or a date (now = 08:00 local that day)."""
    now = today if isinstance(today, datetime) else datetime.combine(
        today, time(8, 0)).astimezone()
    path = path or paths.demo_facility_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _load(store, data, now, open_all_day)
    except FileNotFoundError as exc:
        raise ConfigError("", f"demo facility file missing: {path}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError("", f"demo facility file {path} is invalid: {exc!r}") from exc


def _load(store: Store, data: dict[str, Any], now: datetime, open_all_day: bool) -> DemoFacility:
    today = now.date()
    with store.transaction() as tx:
        for p in data["polis"]:
            qstore.upsert_poli(tx, Poli(p["code"], p["name"], p["letter"],
                                        int(p["open_counters"]), float(p["service_min"])))
        for d in data["doctors"]:
            qstore.upsert_doctor(tx, Doctor(d["code"], d["name"], d["poli"]))
            qstore.replace_schedule(tx, d["code"], _sessions(d, open_all_day))
        for h in data["holidays"]:
            qstore.upsert_holiday(tx, date.fromisoformat(h["day"]), h["name"])
        if open_all_day:
            tx.execute("DELETE FROM holidays WHERE day = ?", (today.isoformat(),))
        for p in data["participants"]:
            person = Participant(
                noka=p["noka"], nik=p["nik"], kk_number=p.get("kk"), name=p["name"],
                birth_date=date.fromisoformat(p["birth_date"]), sex=p["sex"],
                disabled=bool(p.get("disabled", False)), pregnant=bool(p.get("pregnant", False)),
            )
            upsert_participant(tx, person, now, phone=p.get("phone"))
            if "status" in p:
                fetched = now - timedelta(hours=float(p["fetched_hours_ago"]))
                save_status(tx, person.noka, parse_pcare_peserta(p["status"]), fetched)
        letters = {p["code"]: p["letter"] for p in data["polis"]}
        for b in data["bookings"]:
            day = today + timedelta(days=int(b["days_from_today"]))
            qstore.upsert_booking(tx, Booking(
                booking_id=f"{b['booking_id']}-{day.isoformat()}", day=day, poli_code=b["poli"],
                doctor_code=b.get("doctor"), noka=b["noka"], number=int(b["number"]),
                label=numbering.format_number(letters[b["poli"]], int(b["number"])),
                jam_praktek=b.get("jam_praktek"), checked_in_at=None, ticket_id=None,
            ), nik=b.get("nik"), created_at=now)
    facility = data["facility"]
    log.info("demo facility %s loaded for %s", facility["code"], today)
    return DemoFacility(facility["code"], facility["name"], len(data["polis"]),
                        len(data["doctors"]), len(data["participants"]), len(data["bookings"]))


def _sessions(d: dict[str, Any], open_all_day: bool) -> list[Session]:
    out: list[Session] = []
    if open_all_day:
        cap = max(int(s["capacity"]) for s in d["sessions"])
        return [Session(d["code"], d["poli"], wd, time(0, 0), time(23, 59), cap, time(0, 0),
                        time(23, 59)) for wd in range(7)]
    for s in d["sessions"]:
        start, end = time.fromisoformat(s["start"]), time.fromisoformat(s["end"])
        tickets_from = time.fromisoformat(s["tickets_from"]) if "tickets_from" in s else (
            datetime.combine(_ANCHOR, start) - timedelta(hours=1)).time()
        last_ticket = time.fromisoformat(s["last_ticket"]) if "last_ticket" in s else (
            datetime.combine(_ANCHOR, end) - timedelta(minutes=30)).time()
        out.extend(Session(d["code"], d["poli"], int(wd), start, end, int(s["capacity"]),
                           tickets_from, last_ticket) for wd in s["days"])
    return out
