"""Import reference data: the facility file format of resources/demo/facility.json.

One JSON object; every list is optional::

    {
      "facility": {"code": "DEMO0001", "name": "Klinik Pratama Demo"},
      "polis": [{"code": "001", "name": "Poli Umum", "letter": "A", "open_counters": 2,
                 "service_min": 8}],
      "doctors": [{"code": "D001", "name": "dr. Andi", "poli": "001",
                   "sessions": [{"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "12:00",
                                 "capacity": 40, "tickets_from": "07:00",
                                 "last_ticket": "11:30"}]}],
      "holidays": [{"day": "2026-12-25", "name": "Hari Raya Natal"}],
      "participants": [{"noka": "0009990000011", "nik": "3171...", "kk": "3171...",
                        "name": "Budi", "birth_date": "1985-03-14", "sex": "L",
                        "phone": "0812...", "disabled": false, "pregnant": false,
                        "status": {<PCare peserta answer>},
                        "status_fetched_at": "2026-11-21T08:00:00+07:00"}],
      "bookings": [{"booking_id": "B1", "noka": "...", "nik": "...", "poli": "001",
                    "doctor": "D001", "number": 201, "jam_praktek": "08:00-12:00",
                    "day": "2026-11-23"}]
    }

``fetched_hours_ago`` (instead of ``status_fetched_at``) and ``days_from_today`` (instead of
``day``) are the demo file's relative forms, resolved against the server's clock. Days of the
week are 0 = Monday. The document is converted exactly as the kiosk's own demo loader does (it
is loaded into a scratch kiosk store and read back), so each record reaches kiosks as kiosk rows.
The import is all or nothing; an unchanged record makes no new change; a problem is reported
with its place (``polis[2].letter: required``).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError
from kiosk.server import domain
from kiosk.server.db import Database, Tx

log = logging.getLogger(__name__)


class ImportProblem(ValueError):
    """The document cannot be imported; the message names the place."""


_REQUIRED: dict[str, tuple[str, ...]] = {
    "polis": ("code", "name", "letter"),
    "doctors": ("code", "name", "poli"),
    "holidays": ("day", "name"),
    "participants": ("noka", "nik", "name", "birth_date", "sex"),
    "bookings": ("booking_id", "noka", "poli", "number"),
}
_KNOWN = {"_comment", "format", "facility", *_REQUIRED}


def _items(doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = doc.get(name, [])
    if not isinstance(value, list):
        raise ImportProblem(f"{name}: expected a list")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ImportProblem(f"{name}[{i}]: expected an object")
        for f in _REQUIRED[name]:
            if item.get(f) in (None, ""):
                raise ImportProblem(f"{name}[{i}].{f}: required")
    return value


def _validate(doc: Any, now: datetime) -> dict[str, Any]:
    """A normalised copy in the demo loader's shape, or ImportProblem naming the place."""
    if not isinstance(doc, dict):
        raise ImportProblem("the document must be a JSON object")
    unknown = sorted(set(doc) - _KNOWN)
    if unknown:
        raise ImportProblem(f"{unknown[0]}: unknown key (known: {', '.join(sorted(_KNOWN))})")
    facility = doc.get("facility") or {"code": "UNKNOWN", "name": "unnamed facility"}
    if not isinstance(facility, dict) or not isinstance(facility.get("code"), str):
        raise ImportProblem("facility: expected an object with a code")
    out: dict[str, Any] = {"facility": facility}
    for name in _REQUIRED:
        out[name] = [dict(item) for item in _items(doc, name)]
    letters = {p["code"] for p in out["polis"]}
    for p in out["polis"]:
        p.setdefault("open_counters", 1)
        p.setdefault("service_min", 10)
    for i, d in enumerate(out["doctors"]):
        if d["poli"] not in letters:
            raise ImportProblem(f"doctors[{i}].poli: unknown poli {d['poli']!r}")
        sessions = d.setdefault("sessions", [])
        if not isinstance(sessions, list):
            raise ImportProblem(f"doctors[{i}].sessions: expected a list")
        for j, s in enumerate(sessions):
            where = f"doctors[{i}].sessions[{j}]"
            if not isinstance(s, dict):
                raise ImportProblem(f"{where}: expected an object")
            for f in ("days", "start", "end", "capacity"):
                if s.get(f) in (None, ""):
                    raise ImportProblem(f"{where}.{f}: required")
            days = s["days"]
            if not isinstance(days, list) or not all(
                    isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 6 for x in days):
                raise ImportProblem(f"{where}.days: expected weekdays 0 (Monday) to 6")
    for i, p in enumerate(out["participants"]):
        if "status" in p:
            if "status_fetched_at" in p:
                try:
                    fetched = datetime.fromisoformat(str(p.pop("status_fetched_at")))
                except ValueError as exc:
                    raise ImportProblem(f"participants[{i}].status_fetched_at: {exc}") from exc
                if fetched.tzinfo is None:
                    raise ImportProblem(f"participants[{i}].status_fetched_at: needs an offset")
                p["fetched_hours_ago"] = (now - fetched).total_seconds() / 3600
            p.setdefault("fetched_hours_ago", 0)
    for i, b in enumerate(out["bookings"]):
        if b["poli"] not in letters:
            raise ImportProblem(f"bookings[{i}].poli: unknown poli {b['poli']!r}")
        if not isinstance(b["number"], int) or isinstance(b["number"], bool) or b["number"] < 1:
            raise ImportProblem(f"bookings[{i}].number: expected a positive integer")
        if "day" in b:
            try:
                date.fromisoformat(str(b["day"]))
            except ValueError as exc:
                raise ImportProblem(f"bookings[{i}].day: {exc}") from exc
        elif not isinstance(b.get("days_from_today"), int):
            raise ImportProblem(f"bookings[{i}]: needs day (YYYY-MM-DD) or days_from_today")
    return out


def _kiosk_rows(doc: dict[str, Any], now: datetime) -> dict[str, list[dict[str, Any]]]:
    """Load into a scratch kiosk store with the kiosk's own loader; read the rows back."""
    from kiosk.queue.demo import load_demo
    from kiosk.store import Store

    scratch = dict(doc, bookings=[])
    with tempfile.TemporaryDirectory(prefix="anjungan-import-") as tmp:
        src = Path(tmp) / "facility.json"
        src.write_text(json.dumps(scratch), encoding="utf-8")
        store = Store.open(Path(tmp) / "scratch.db")
        try:
            load_demo(store, now, path=src)
            rows = {t: store.query(f"SELECT * FROM {t}") for t in (
                "polis", "doctors", "holidays", "participants", "schedules")}
        except ConfigError as exc:
            raise ImportProblem(exc.problem) from exc
        finally:
            store.close()
    for p in rows["participants"]:
        p.pop("updated_at", None)  # the kiosk stamps its own writes
    return rows


def _put(tx: Tx, entity: domain.Entity, key: str, data: dict[str, Any],
         counts: dict[str, int], name: str) -> None:
    if domain.get_record(tx, entity, key) == json.loads(domain.dumps(data)):
        return
    domain.record_change(tx, entity, key, data)
    counts[name] += 1


def import_document(db: Database, doc: Any, now: datetime | None = None) -> dict[str, int]:
    """Validate and convert everything first, then write; returns changed records per list."""
    now = now or datetime.now().astimezone()
    clean = _validate(doc, now)
    rows = _kiosk_rows(clean, now)
    letters = {p["code"]: p["letter"] for p in clean["polis"]}
    counts: dict[str, int] = defaultdict(int)
    with db.transaction() as tx:
        _put(tx, domain.Entity.FACILITY, "facility", clean["facility"], counts, "facility")
        for name, entity, pk in (("polis", domain.Entity.POLI, "code"),
                                 ("doctors", domain.Entity.DOCTOR, "code"),
                                 ("holidays", domain.Entity.HOLIDAY, "day"),
                                 ("participants", domain.Entity.PARTICIPANT, "noka")):
            for row in rows[name]:
                _put(tx, entity, str(row[pk]), row, counts, name)
        per_doctor: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in rows["schedules"]:
            per_doctor[s["doctor_code"]].append(s)
        for doctor in sorted(per_doctor):
            sessions = sorted(per_doctor[doctor], key=lambda s: (s["weekday"], s["start_time"]))
            _put(tx, domain.Entity.SCHEDULE, doctor, {"doctor_code": doctor,
                                                      "sessions": sessions}, counts, "schedules")
        for b in clean["bookings"]:
            if "day" in b:
                day, booking_id = str(b["day"]), str(b["booking_id"])
            else:
                day = (now.date() + timedelta(days=int(b["days_from_today"]))).isoformat()
                booking_id = f"{b['booking_id']}-{day}"  # as kiosk.queue.demo names it
            domain.upsert_booking(tx, domain.Booking(
                booking_id=booking_id, source=str(b.get("source", "import")),
                poli_code=str(b["poli"]), day=day, noka=str(b["noka"]), nik=b.get("nik"),
                doctor_code=b.get("doctor"), number=int(b["number"]),
                label=domain.format_number(letters[b["poli"]], int(b["number"])),
                extra=(("jam_praktek", b.get("jam_praktek")), ("created_at", now.isoformat())),
            ))
            counts["bookings"] += 1
    log.info("imported reference data: %s", dict(counts))
    return dict(counts)
