"""Cases the kiosk hands to front-desk staff, and manual verification overrides.

The kiosk raises an exception whenever it sends a patient to the counter (``raise_exception``);
staff see the open ones, newest last, and resolve each with a ``Resolution``. A manual
verification override needs a written reason. Resolutions and overrides write the change, an
audit row and an outbox event in one transaction.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from kiosk.checkin import StaffReason
from kiosk.staff.audit import AuditAction, record
from kiosk.store import EventKind, Store, Tx

log = logging.getLogger(__name__)

REASON_MIN_LEN = 10


class ExceptionKind(enum.Enum):
    """Why a patient is at the counter: the check-in flow's reasons plus printer problems."""

    UNKNOWN_PARTICIPANT = "unknown_participant"
    NO_FACE_TEMPLATE = "no_face_template"
    FACE_FAILED = "face_failed"
    INACTIVE_STATUS = "inactive_status"
    STATUS_NEEDS_STAFF = "status_needs_staff"
    TICKET_REFUSED = "ticket_refused"
    SYSTEM_PROBLEM = "system_problem"
    PRINTER_PROBLEM = "printer_problem"

    @staticmethod
    def of(reason: StaffReason) -> ExceptionKind:
        return ExceptionKind(reason.value)


class Resolution(enum.Enum):
    VERIFIED_MANUALLY = "verified_manually"  # staff checked the ID card; see the override
    REGISTERED = "registered"  # participant registered or data corrected at the counter
    GENERAL_PATIENT = "general_patient"  # served as a general (non-JKN) patient
    ENROLLED = "enrolled"  # face template enrolled with consent
    REFERRED = "referred"  # sent to their own FKTP, BPJS office or PANDAWA
    TICKET_GIVEN = "ticket_given"  # ticket issued or reprinted at the counter
    PRINTER_FIXED = "printer_fixed"
    PATIENT_LEFT = "patient_left"
    OTHER = "other"


class ReasonRequired(ValueError):
    """An override or resolution note that is missing or too short."""


class AlreadyResolved(ValueError):
    pass


@dataclass(frozen=True)
class StaffException:
    id: int
    kind: ExceptionKind
    reason: str
    subject: str | None  # participant id (card number or NIK) when known
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: Resolution | None = None


def _exc(row: dict[str, object]) -> StaffException:
    resolved = row["resolved_at"]
    res = row["resolution"]
    return StaffException(
        id=int(str(row["id"])),
        kind=ExceptionKind(row["kind"]),
        reason=str(row["reason"]),
        subject=None if row["subject"] is None else str(row["subject"]),
        created_at=datetime.fromisoformat(str(row["created_at"])),
        resolved_at=datetime.fromisoformat(str(resolved)) if resolved else None,
        resolved_by=None if row["resolved_by"] is None else str(row["resolved_by"]),
        resolution=Resolution(res) if res else None,
    )


def check_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if len(text) < REASON_MIN_LEN:
        raise ReasonRequired(
            f"write a reason of at least {REASON_MIN_LEN} characters (got {len(text)})")
    return text


def raise_exception(store: Store, kind: ExceptionKind, reason: str, subject: str | None,
                    now: datetime) -> int:
    """Put a case on the staff desk (with its EXCEPTION_RAISED event); returns its id."""
    with store.transaction() as tx:
        cur = tx.execute(
            "INSERT INTO staff_exceptions (kind, reason, subject, created_at) VALUES (?, ?, ?, ?)",
            (kind.value, reason, subject, now.isoformat()))
        eid = int(cur.lastrowid or 0)
        tx.emit(EventKind.EXCEPTION_RAISED, {"exception_id": eid, "kind": kind.value,
                                             "reason": reason, "subject": subject,
                                             "at": now.isoformat()})
    log.info("staff exception %d raised: %s (%s)", eid, kind.value, reason)
    return eid


def open_exceptions(store: Store) -> list[StaffException]:
    """Unresolved cases, oldest first (the patient who has waited longest)."""
    return [_exc(r) for r in store.query(
        "SELECT * FROM staff_exceptions WHERE resolved_at IS NULL ORDER BY created_at, id")]


def get_exception(store: Store, exception_id: int) -> StaffException | None:
    rows = store.query("SELECT * FROM staff_exceptions WHERE id = ?", (exception_id,))
    return _exc(rows[0]) if rows else None


def resolve(store: Store, exception_id: int, resolution: Resolution, note: str, staff: str,
            now: datetime) -> None:
    """Close a case. ``Resolution.OTHER`` needs a note that says what was done."""
    note = " ".join(note.split())
    if resolution is Resolution.OTHER:
        note = check_reason(note)
    with store.transaction() as tx:
        _resolve(tx, exception_id, resolution, note, staff, now)
    log.info("staff exception %d resolved by %s: %s", exception_id, staff, resolution.value)


def _resolve(tx: Tx, exception_id: int, resolution: Resolution, note: str, staff: str,
             now: datetime) -> None:
    row = tx.execute("SELECT resolved_at, kind, subject FROM staff_exceptions WHERE id = ?",
                     (exception_id,)).fetchone()
    if row is None:
        raise ValueError(f"no staff exception {exception_id}")
    if row[0] is not None:
        raise AlreadyResolved(f"exception {exception_id} was already resolved at {row[0]}")
    tx.execute("UPDATE staff_exceptions SET resolved_at = ?, resolved_by = ?, resolution = ?"
               " WHERE id = ?", (now.isoformat(), staff, resolution.value, exception_id))
    event_id = tx.emit(EventKind.EXCEPTION_RESOLVED, {
        "exception_id": exception_id, "kind": row[1], "resolution": resolution.value,
        "note": note, "staff": staff, "at": now.isoformat()})
    record(tx, at=now, staff=staff, action=AuditAction.EXCEPTION_RESOLVED, subject=row[2],
           reason=note or None, detail={"exception_id": exception_id,
                                        "resolution": resolution.value},
           event_id=event_id)


@dataclass(frozen=True)
class Override:
    participant_id: str
    reason: str
    event_id: str


def override_verification(store: Store, participant_id: str, reason: str, staff: str,
                          now: datetime, exception_id: int | None = None) -> Override:
    """Staff vouch for a patient's identity (e.g. after checking the KTP) when the face check
    could not. Needs a reason; writes the audit row and a STAFF_OVERRIDE event together, and
    resolves ``exception_id`` in the same transaction when given."""
    participant_id = participant_id.strip()
    if not participant_id:
        raise ValueError("say whose verification is overridden (card number or NIK)")
    text = check_reason(reason)
    with store.transaction() as tx:
        event_id = tx.emit(EventKind.STAFF_OVERRIDE, {
            "participant_id": participant_id, "reason": text, "staff": staff,
            "exception_id": exception_id, "at": now.isoformat()})
        record(tx, at=now, staff=staff, action=AuditAction.OVERRIDE, subject=participant_id,
               reason=text, detail={"exception_id": exception_id}, event_id=event_id)
        if exception_id is not None:
            _resolve(tx, exception_id, Resolution.VERIFIED_MANUALLY, text, staff, now)
    log.info("verification of %s overridden by %s", participant_id, staff)
    return Override(participant_id, text, event_id)
