"""Applying pulled records to the kiosk's tables, each under its own SAVEPOINT.

Records are states, not operations: applying one twice leaves the same rows, so a page replayed
after a crash changes nothing. A record that cannot be applied (a foreign key to an unknown
poli, a second live ticket for the same participant from two offline kiosks, ...) is rolled back
alone, written to ``sync_rejected`` for staff, and the rest of the page goes on.

Where a kiosk-owned fact is newer than the server's copy it is kept: a booking's check-in, a
lease's next number, a ticket's status never moving backwards, a fresher cached PCare status.
Face templates arrive and stay AES-GCM ciphertext (``face_templates.template``); entities without a
table here (the facility record) are kept in ``sync_records.data`` (staging).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import sqlite3
from datetime import datetime
from typing import Any

from kiosk.store import EventKind, Tx

log = logging.getLogger(__name__)

# entity -> (table, primary key column)
TABLES: dict[str, tuple[str, str]] = {
    "participant": ("participants", "noka"),
    "poli": ("polis", "code"),
    "doctor": ("doctors", "code"),
    "holiday": ("holidays", "day"),
    "booking": ("bookings", "booking_id"),
    "ticket": ("tickets", "ticket_id"),
    "lease": ("number_leases", "lease_id"),
}
_STATUS_RANK = {"waiting": 0, "called": 1, "served": 2, "absent": 2, "cancelled": 2}
_PESERTA = ("pst_aktif", "pst_ket_aktif", "pst_tunggakan", "pst_kd_provider", "pst_jns_peserta",
            "pst_status_code", "status_fetched_at")


class ApplyError(Exception):
    """This record cannot be applied here; the reason goes to staff."""


def digest(data: dict[str, Any] | None) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Columns:
    """Column facts of the kiosk's tables, read once per connection."""

    def __init__(self) -> None:
        self._cache: dict[str, dict[str, tuple[bool, bool]]] = {}

    def of(self, tx: Tx, table: str) -> dict[str, tuple[bool, bool]]:
        """column -> (required: NOT NULL without default, primary key)."""
        if table not in self._cache:
            rows = tx.execute(f"PRAGMA table_info({table})").fetchall()
            self._cache[table] = {r[1]: (bool(r[3]) and r[4] is None and not r[5], bool(r[5]))
                                  for r in rows}
        return self._cache[table]


def apply_record(tx: Tx, cols: Columns, entity: str, key: str,
                 data: dict[str, Any] | None) -> bool:
    """Apply one record; returns False when there is no table for it (caller stages it)."""
    if entity == "schedule":
        _schedule(tx, cols, key, data)
        return True
    if entity == "template":
        return _template(tx, cols, key, data)
    target = TABLES.get(entity)
    if target is None or not cols.of(tx, target[0]):
        return False
    table, pk = target
    if data is None:
        tx.execute(f"DELETE FROM {table} WHERE {pk} = ?", (key,))
        return True
    if entity == "lease":  # next_number is the kiosk's own from here on
        data = {**data, "next_number": data.get("first_number"), "origin": "server"}
    row = _row_for(tx, cols, table, pk, key, data)
    if entity == "lease":
        if _insert(tx, table, row, pk, update=()):
            tx.emit(EventKind.LEASE_RECEIVED, {**data, "lease_id": key})
        existing = tx.execute("SELECT first_number, last_number FROM number_leases"
                              " WHERE lease_id = ?", (key,)).fetchone()
        if existing is not None and tuple(existing) != (row["first_number"], row["last_number"]):
            raise ApplyError(f"lease {key} changed its block")
        return True
    update = [c for c in row if c != pk]
    if entity == "booking":
        if data.get("status") == "cancelled" and row.get("cancelled_at") is None:
            row["cancelled_at"] = data.get("updated_at") or _now()
        update = [c for c in row if c not in (pk, "checked_in_at", "ticket_id", "created_at")]
        _insert(tx, table, row, pk, update,
                keep_local=("checked_in_at", "ticket_id"))
        return True
    if entity == "ticket":
        old = tx.execute("SELECT status FROM tickets WHERE ticket_id = ?", (key,)).fetchone()
        if old is not None and _STATUS_RANK.get(str(row.get("status")), 0) <= _STATUS_RANK.get(
                old[0], 0):
            return True  # ours is as far along or further
        _insert(tx, table, row, pk, update)
        return True
    if entity == "participant":
        local = tx.execute("SELECT status_fetched_at FROM participants WHERE noka = ?",
                           (key,)).fetchone()
        incoming = row.get("status_fetched_at")
        if local is not None and local[0] and (not incoming or str(incoming) < local[0]):
            update = [c for c in update if c not in _PESERTA]
    _insert(tx, table, row, pk, update)
    return True


def _row_for(tx: Tx, cols: Columns, table: str, pk: str, key: str,
             data: dict[str, Any]) -> dict[str, Any]:
    known = cols.of(tx, table)
    row = {c: v for c, v in data.items() if c in known}
    row[pk] = key
    for column, (required, _) in known.items():
        if required and row.get(column) is None:
            if column in ("updated_at", "created_at", "granted_at"):
                row[column] = _now()
            else:
                raise ApplyError(f"{table}.{column} missing in the server's record")
    for column, value in row.items():
        if isinstance(value, dict | list):
            row[column] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[column] = int(value)
    return row


def _insert(tx: Tx, table: str, row: dict[str, Any], pk: str, update: Any,
            keep_local: tuple[str, ...] = ()) -> int:
    names = list(row)
    sets = [f"{c} = excluded.{c}" for c in update]
    sets += [f"{c} = coalesce({table}.{c}, excluded.{c})" for c in keep_local if c in row]
    action = f"DO UPDATE SET {', '.join(sets)}" if sets else "DO NOTHING"
    return tx.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        f" ON CONFLICT ({pk}) {action}",
        [row[c] for c in names],
    ).rowcount


def _template(tx: Tx, cols: Columns, subject: str, data: dict[str, Any] | None) -> bool:
    """An enrolled face template: still AES-GCM ciphertext, stored as the blob it was."""
    if not cols.of(tx, "face_templates"):
        return False
    if data is None:
        tx.execute("DELETE FROM face_templates WHERE subject = ?", (subject,))
        return True
    try:
        blob = base64.b64decode(str(data["template"]), validate=True)
        row = (subject, blob, int(data["n_descriptors"]), str(data["model"]),
               str(data.get("consent_version") or ""), str(data.get("staff") or ""),
               str(data["enrolled_at"]))
    except (KeyError, ValueError, TypeError, binascii.Error) as exc:
        raise ApplyError(f"template record unusable: {exc!r}") from exc
    tx.execute(
        "INSERT INTO face_templates (subject, template, n_descriptors, model, consent_version,"
        " enrolled_by, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject) DO UPDATE"
        " SET template = excluded.template, n_descriptors = excluded.n_descriptors,"
        " model = excluded.model, consent_version = excluded.consent_version,"
        " enrolled_by = excluded.enrolled_by, enrolled_at = excluded.enrolled_at", row)
    return True


def _schedule(tx: Tx, cols: Columns, doctor: str, data: dict[str, Any] | None) -> None:
    if not cols.of(tx, "schedules"):
        raise ApplyError("this kiosk has no schedules table")
    tx.execute("DELETE FROM schedules WHERE doctor_code = ?", (doctor,))
    if data is None:
        return
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise ApplyError("schedule record without a sessions list")
    for s in sessions:
        if not isinstance(s, dict):
            raise ApplyError("schedule session is not an object")
        row = _row_for(tx, cols, "schedules", "doctor_code", doctor, s)
        names = list(row)
        tx.execute(f"INSERT INTO schedules ({', '.join(names)}) VALUES"
                   f" ({', '.join('?' * len(names))})", [row[c] for c in names])


def sweepable(tx: Tx, entity: str, key: str, kiosk_id: str) -> bool:
    """After a full re-sync, may a record the server no longer has be dropped here? Never this
    kiosk's own tickets and leases: its outbox re-sends them, and the numbers stay promised."""
    if entity == "ticket":
        row = tx.execute("SELECT kiosk_id FROM tickets WHERE ticket_id = ?", (key,)).fetchone()
        return row is None or row[0] != kiosk_id
    return entity != "lease"


def apply_in_savepoint(tx: Tx, cols: Columns, entity: str, key: str,
                       data: dict[str, Any] | None) -> tuple[bool, str | None]:
    """(applied to a domain table, reason it was refused or None)."""
    tx.execute("SAVEPOINT sync_record")
    try:
        applied = apply_record(tx, cols, entity, key, data)
    except (ApplyError, sqlite3.IntegrityError) as exc:
        tx.execute("ROLLBACK TO sync_record")
        tx.execute("RELEASE sync_record")
        return False, str(exc)
    tx.execute("RELEASE sync_record")
    return applied, None
