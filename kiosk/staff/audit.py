"""The audit log: who did what, when, and why, for every staff action.

Rows are written with ``record(tx, ...)`` inside the transaction that makes the change (and emits
its outbox event), so an action is either fully recorded or did not happen.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.store import Store, Tx


class AuditAction(enum.Enum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"
    LOGOUT = "logout"
    PIN_SET = "pin_set"
    OVERRIDE = "override"
    EXCEPTION_RESOLVED = "exception_resolved"
    ENROLMENT = "enrolment"
    TEMPLATE_DELETED = "template_deleted"
    TICKET_CALLED = "ticket_called"
    TICKET_RECALLED = "ticket_recalled"
    TICKET_ABSENT = "ticket_absent"
    TICKET_SERVED = "ticket_served"
    TICKET_REPRINTED = "ticket_reprinted"
    REPORT_EXPORTED = "report_exported"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    staff: str
    action: AuditAction
    subject: str | None
    reason: str | None
    detail: dict[str, Any]
    event_id: str | None


def record(
    tx: Tx,
    *,
    at: datetime,
    staff: str,
    action: AuditAction,
    subject: str | None = None,
    reason: str | None = None,
    detail: dict[str, Any] | None = None,
    event_id: str | None = None,
) -> int:
    """Append one audit row in ``tx``; returns its id."""
    cur = tx.execute(
        "INSERT INTO audit (at, staff, action, subject, reason, detail, event_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at.isoformat(), staff, action.value, subject, reason,
         json.dumps(detail or {}, sort_keys=True), event_id),
    )
    return int(cur.lastrowid or 0)


def entries(store: Store, limit: int = 200, action: AuditAction | None = None) -> list[AuditEntry]:
    """The most recent entries first."""
    where, params = ("WHERE action = ?", [action.value]) if action else ("", [])
    rows = store.query(f"SELECT * FROM audit {where} ORDER BY id DESC LIMIT ?", (*params, limit))
    return [
        AuditEntry(
            id=r["id"],
            at=datetime.fromisoformat(r["at"]),
            staff=r["staff"],
            action=AuditAction(r["action"]),
            subject=r["subject"],
            reason=r["reason"],
            detail=json.loads(r["detail"]),
            event_id=r["event_id"],
        )
        for r in rows
    ]
