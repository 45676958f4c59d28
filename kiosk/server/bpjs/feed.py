"""Turn kiosk events and bookings into Antrean FKTP calls (``antrean/add``, ``panggil``, ``batal``).

The payloads are built when the fact is known (names, codes and numbers as they were then) and
stored in the outbox. Dedupe keys come from stable ids, so reading an event twice, or a booking
made in Mobile JKN and later checked in at a kiosk, still gives one call. Walk-in patients without
a JKN card number are not reported to BPJS.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from kiosk.queue.numbering import bpjs_number
from kiosk.server.bpjs.outbox import Action, enqueue, iso
from kiosk.server.db import Database, Tx
from kiosk.server.domain import Entity, get_record

log = logging.getLogger(__name__)

CURSOR = "events"
# On PostgreSQL a lower server_seq can commit after a higher one was read, so each pass also
# re-reads events behind the cursor that arrived in the last LATE_S seconds (at most OVERLAP of
# them). Enqueueing is idempotent, so re-reading only costs the reading.
OVERLAP = 200
LATE_S = 600.0

Planned = tuple[Action, dict[str, Any], str]


def bpjs_code(record: dict[str, Any] | None, fallback: str) -> str:
    """A poli's or doctor's code at BPJS (``bpjs_code`` in the import) or our own code."""
    if record and record.get("bpjs_code"):
        return str(record["bpjs_code"])
    return fallback


def _doctor_code(code: str) -> int | str:
    return int(code) if code.isdigit() else code  # HFIS doctor codes are integers


def epoch_ms(stamp: str | None, fallback_s: float) -> int:
    if stamp:
        try:
            return int(datetime.fromisoformat(stamp).timestamp() * 1000)
        except ValueError:
            log.warning("unreadable time %r in a kiosk event; using the current time", stamp)
    return int(fallback_s * 1000)


def add_payload(tx: Tx, t: dict[str, Any], *, nik: str | None = None, nohp: str | None = None,
                norm: str | None = None, keterangan: str = "") -> dict[str, Any]:
    """``antrean/add`` body for a ticket or booking (``t`` uses our field names)."""
    poli = get_record(tx, Entity.POLI, str(t["poli_code"]))
    letter = str((poli or {}).get("letter") or str(t["poli_code"])[:1].upper())
    nomor, angka = bpjs_number(letter, int(t["number"]))
    doctor_code = t.get("doctor_code")
    doctor = get_record(tx, Entity.DOCTOR, str(doctor_code)) if doctor_code else None
    person = get_record(tx, Entity.PARTICIPANT, str(t["noka"])) or {}
    return {
        "nomorkartu": t["noka"],
        "nik": nik or person.get("nik") or "",
        "nohp": nohp or person.get("phone") or "",
        "kodepoli": bpjs_code(poli, str(t["poli_code"])),
        "namapoli": (poli or {}).get("name") or str(t["poli_code"]),
        "norm": norm or person.get("norm") or "",
        "tanggalperiksa": t["day"],
        "kodedokter": _doctor_code(bpjs_code(doctor, str(doctor_code or ""))),
        "namadokter": (doctor or {}).get("name") or "",
        "jampraktek": t.get("jam_praktek") or t.get("jampraktek") or "",
        "nomorantrean": nomor,
        "angkaantrean": angka,
        "keterangan": keterangan,
    }


def _key_fields(tx: Tx, t: dict[str, Any]) -> dict[str, Any]:
    poli = get_record(tx, Entity.POLI, str(t["poli_code"]))
    return {"tanggalperiksa": t["day"], "kodepoli": bpjs_code(poli, str(t["poli_code"])),
            "nomorkartu": t["noka"]}


def _ticket(tx: Tx, ticket_id: str) -> dict[str, Any] | None:
    row = tx.one("SELECT data FROM tickets WHERE ticket_id = ?", (ticket_id,))
    if row is None:
        return None
    data: dict[str, Any] = json.loads(row["data"])
    return data


def plan_event(tx: Tx, event_id: str, kind: str, payload: dict[str, Any],
               now_s: float) -> list[Planned]:
    """The BPJS calls one kiosk event stands for (often none)."""
    if kind in ("ticket_issued", "booking_checked_in"):
        if not payload.get("noka") or not payload.get("day") or not payload.get("number"):
            return []
        booking_id = payload.get("booking_id")
        key = f"booking:{booking_id}:add" if booking_id else f"ticket:{payload['ticket_id']}:add"
        return [(Action.ADD, add_payload(tx, payload), key)]
    if kind in ("ticket_called", "ticket_absent", "ticket_cancelled"):
        ticket = _ticket(tx, str(payload.get("ticket_id")))
        merged = {**(ticket or {}), **payload}
        if not merged.get("noka") or not merged.get("day") or not merged.get("poli_code"):
            return []
        fields = _key_fields(tx, merged)
        if kind == "ticket_cancelled":
            alasan = str(payload.get("reason") or "Dibatalkan di fasilitas")
            return [(Action.BATAL, {**fields, "alasan": alasan}, f"event:{event_id}")]
        status = 1 if kind == "ticket_called" else 2
        when = payload.get("called_at") if kind == "ticket_called" else payload.get("at")
        return [(Action.PANGGIL, {**fields, "status": status, "waktu": epoch_ms(when, now_s)},
                 f"event:{event_id}")]
    return []


def feed_events(db: Database, now_s: float, limit: int = 500) -> int:
    """Enqueue the calls for kiosk events not seen yet; returns how many rows were added."""
    added = 0
    with db.transaction() as tx:
        row = tx.one("SELECT value FROM bpjs_cursor WHERE name = ?", (CURSOR,))
        cursor = int(row["value"]) if row else 0
        events = tx.all(
            "SELECT server_seq, event_id, kind, payload FROM events WHERE server_seq > ?"
            " OR (server_seq > ? AND received_at >= ?) ORDER BY server_seq LIMIT ?",
            (cursor, max(0, cursor - OVERLAP), iso(now_s - LATE_S), limit + OVERLAP),
        )
        for ev in events:
            for action, body, key in plan_event(tx, ev["event_id"], ev["kind"],
                                                json.loads(ev["payload"]), now_s):
                added += enqueue(tx, action, body, key, now_s)
        if events:
            top = max(cursor, max(int(e["server_seq"]) for e in events))
            tx.execute(
                "INSERT INTO bpjs_cursor (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (CURSOR, top),
            )
    if added:
        log.info("BPJS outbox: %d new call(s) from kiosk events", added)
    return added
