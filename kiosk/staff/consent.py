"""Explicit consent for face enrolment (UU PDP 27/2022: biometric data is specific personal data).

The staff desk shows ``CONSENT_TEXT`` to the patient (read aloud if needed) and enrolment only
starts once staff tick that the patient agreed. ``record_enrolment`` / ``record_deletion`` write
the audit row naming the consent version (or the deletion request's reason) in the transaction
that stores or deletes the template and emits its outbox event.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.config import Language
from kiosk.staff.audit import AuditAction, record
from kiosk.staff.exceptions import check_reason
from kiosk.store import Tx

CONSENT_VERSION = "2026-11-1"

CONSENT_TEXT: dict[Language, str] = {
    Language.ID: (
        "Saya setuju wajah saya dipindai untuk membuat templat wajah yang dipakai hanya untuk "
        "memastikan identitas saya saat pendaftaran di fasilitas kesehatan ini. Foto wajah tidak "
        "disimpan; templat disimpan terenkripsi. Saya dapat meminta templat ini dihapus kapan "
        "saja di loket pendaftaran, dan saya tetap dapat dilayani tanpa verifikasi wajah."
    ),
    Language.EN: (
        "I agree to have my face scanned to create a face template that is used only to confirm "
        "my identity when I check in at this facility. No face photo is stored; the template is "
        "stored encrypted. I can ask at the registration counter for it to be deleted at any "
        "time, and I can still be served without face verification."
    ),
}


def record_enrolment(tx: Tx, *, participant_id: str, staff: str, now: datetime,
                     event_id: str | None, consent_version: str = CONSENT_VERSION) -> int:
    """Audit an enrolment done with the patient's consent (call inside the enrolment's tx)."""
    return record(tx, at=now, staff=staff, action=AuditAction.ENROLMENT, subject=participant_id,
                  detail={"consent_version": consent_version}, event_id=event_id)


def record_deletion(tx: Tx, *, participant_id: str, staff: str, reason: str, now: datetime,
                    event_id: str | None) -> int:
    """Audit a template deletion (on the patient's request); the reason is required."""
    return record(tx, at=now, staff=staff, action=AuditAction.TEMPLATE_DELETED,
                  subject=participant_id, reason=check_reason(reason), event_id=event_id)
