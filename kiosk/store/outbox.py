"""Outbox events: the immutable record of every state change, pushed to the central server.

Events are written by ``Tx.emit`` inside the same transaction as the change they describe, so
either both are on disk or neither is. The sync engine reads them in ``seq`` order.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any


class EventKind(enum.Enum):
    TICKET_ISSUED = "ticket_issued"
    TICKET_PRINTED = "ticket_printed"
    TICKET_CALLED = "ticket_called"
    TICKET_RECALLED = "ticket_recalled"  # called again from the staff desk; status unchanged
    TICKET_SERVED = "ticket_served"
    TICKET_ABSENT = "ticket_absent"
    TICKET_CANCELLED = "ticket_cancelled"
    BOOKING_CHECKED_IN = "booking_checked_in"
    VERIFICATION = "verification"
    TEMPLATE_ENROLLED = "template_enrolled"
    TEMPLATE_DELETED = "template_deleted"
    EXCEPTION_RAISED = "exception_raised"
    EXCEPTION_RESOLVED = "exception_resolved"
    STAFF_OVERRIDE = "staff_override"
    # A number block granted by the server, echoed back: a server restored from an older backup
    # relearns it from the kiosk and never hands those numbers out again (kiosk/sync).
    LEASE_RECEIVED = "lease_received"


@dataclass(frozen=True)
class OutboxEvent:
    seq: int
    event_id: str
    kind: EventKind
    payload: dict[str, Any]
    created_at: str
    attempts: int

    @staticmethod
    def from_row(row: dict[str, Any]) -> OutboxEvent:
        return OutboxEvent(
            seq=row["seq"],
            event_id=row["event_id"],
            kind=EventKind(row["kind"]),
            payload=json.loads(row["payload"]),
            created_at=row["created_at"],
            attempts=row["attempts"],
        )
