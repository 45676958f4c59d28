"""Import reference data (facility, polis, doctors, schedules, holidays, participants, bookings).

The document is one JSON object; every list is optional; field names are the kiosk store's
column names (kiosk/queue/store.py, kiosk/membership/roster.py) so a record reaches the kiosk
unchanged::

    {
      "facility": {"code": "DEMO0001", "name": "Klinik Pratama Demo"},
      "polis": [{"code": "UMU", "name": "Poli Umum", "letter": "A", "open_counters": 2,
                 "service_min": 8}],
      "doctors": [{"code": "D001", "name": "dr. Sari", "poli_code": "UMU"}],
      "schedules": [{"doctor_code": "D001", "poli_code": "UMU", "weekday": 0,
                     "start_time": "08:00", "end_time": "12:00", "capacity": 40}],
      "holidays": [{"day": "2026-12-25", "name": "Natal"}],
      "participants": [{"noka": "0001234567890", "nik": "3174...", "name": "...",
                        "birth_date": "1980-02-01", "sex": "L", "kk_number": "...",
                        "pst_aktif": 1, "pst_ket_aktif": "AKTIF", "status_fetched_at": "..."}],
      "bookings": [{"booking_id": "B1", "day": "2026-11-23", "poli_code": "UMU",
                    "noka": "0001234567890", "number": 3, "label": "A-003"}]
    }

A schedule reaches kiosks as one record per doctor (``{"doctor_code", "sessions": [...]}``),
the whole weekly schedule, because the kiosk replaces a doctor's schedule as a unit.
The import is all or nothing (one transaction); an unchanged record makes no new change.
Any problem is reported with its place: ``polis[2].letter: required``.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from typing import Any

from kiosk.server import domain
from kiosk.server.db import Database, Tx

log = logging.getLogger(__name__)


class ImportProblem(ValueError):
    """The document cannot be imported; the message names the place."""


# list name -> (entity, key field, required fields)
_SIMPLE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "polis": (domain.Entity.POLI, "code", ("code", "name", "letter")),
    "doctors": (domain.Entity.DOCTOR, "code", ("code", "name", "poli_code")),
    "holidays": (domain.Entity.HOLIDAY, "day", ("day", "name")),
    "participants": (domain.Entity.PARTICIPANT, "noka", ("noka", "name")),
}
_SCHEDULE_FIELDS = ("doctor_code", "poli_code", "weekday", "start_time", "end_time", "capacity")
_BOOKING_FIELDS = ("booking_id", "day", "poli_code", "noka", "number", "label")
_KNOWN = {"format", "facility", "schedules", "bookings", *_SIMPLE}


def _items(doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = doc.get(name, [])
    if not isinstance(value, list):
        raise ImportProblem(f"{name}: expected a list")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ImportProblem(f"{name}[{i}]: expected an object")
    return value


def _require(item: dict[str, Any], where: str, fields: tuple[str, ...]) -> None:
    for f in fields:
        if item.get(f) is None or item.get(f) == "":
            raise ImportProblem(f"{where}.{f}: required")


def _put(tx: Tx, entity: str, key: str, data: dict[str, Any], counts: dict[str, int],
         name: str) -> None:
    if domain.get_record(tx, entity, key) == json.loads(domain.dumps(data)):
        return
    domain.record_change(tx, entity, key, data)
    counts[name] += 1


def import_document(db: Database, doc: Any) -> dict[str, int]:
    """Validate everything first, then write; returns how many records changed per list."""
    if not isinstance(doc, dict):
        raise ImportProblem("the document must be a JSON object")
    unknown = sorted(set(doc) - _KNOWN)
    if unknown:
        raise ImportProblem(f"{unknown[0]}: unknown list (known: {', '.join(sorted(_KNOWN))})")
    lists = {name: _items(doc, name) for name in (*_SIMPLE, "schedules", "bookings")}
    for name, (_, _, required) in _SIMPLE.items():
        for i, item in enumerate(lists[name]):
            _require(item, f"{name}[{i}]", required)
            key = item[_SIMPLE[name][1]]
            if not isinstance(key, str):
                raise ImportProblem(f"{name}[{i}].{_SIMPLE[name][1]}: expected a string")
    for i, item in enumerate(lists["schedules"]):
        _require(item, f"schedules[{i}]", _SCHEDULE_FIELDS)
        wd = item["weekday"]
        if not isinstance(wd, int) or isinstance(wd, bool) or not 0 <= wd <= 6:
            raise ImportProblem(f"schedules[{i}].weekday: expected 0 (Monday) to 6")
    for i, item in enumerate(lists["bookings"]):
        _require(item, f"bookings[{i}]", _BOOKING_FIELDS)
        if not isinstance(item["number"], int) or isinstance(item["number"], bool):
            raise ImportProblem(f"bookings[{i}].number: expected an integer")
    facility = doc.get("facility")
    if facility is not None and not isinstance(facility, dict):
        raise ImportProblem("facility: expected an object")

    counts: dict[str, int] = defaultdict(int)
    with db.transaction() as tx:
        if facility:
            _put(tx, domain.Entity.FACILITY, "facility", facility, counts, "facility")
        for name in ("polis", "doctors", "holidays", "participants"):
            entity, key_field, _ = _SIMPLE[name]
            for item in lists[name]:
                _put(tx, entity, item[key_field], item, counts, name)
        per_doctor: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in lists["schedules"]:
            per_doctor[str(item["doctor_code"])].append(item)
        for doctor, sessions in per_doctor.items():
            sessions.sort(key=lambda s: (s["weekday"], s["start_time"]))
            _put(tx, domain.Entity.SCHEDULE, doctor, {"doctor_code": doctor,
                                                      "sessions": sessions}, counts, "schedules")
        for item in lists["bookings"]:
            extra = {k: v for k, v in item.items() if k not in (
                "booking_id", "source", "poli_code", "day", "status", "noka", "nik",
                "doctor_code", "number", "label")}
            domain.upsert_booking(tx, domain.Booking(
                booking_id=str(item["booking_id"]), source=str(item.get("source", "import")),
                poli_code=str(item["poli_code"]), day=str(item["day"]),
                status=str(item.get("status", "booked")), noka=item.get("noka"),
                nik=item.get("nik"), doctor_code=item.get("doctor_code"),
                number=item["number"], label=item["label"], extra=tuple(sorted(extra.items())),
            ))
            counts["bookings"] += 1
    log.info("imported reference data: %s", dict(counts))
    return dict(counts)
