"""Face enrolment from the staff desk with real dlib on real recorded frames and a real store:
consent first, one person only, template + event + audit row in one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.face import templates
from kiosk.face.engine import FaceModels
from kiosk.face.offline import read_image
from kiosk.staff.audit import AuditAction, entries
from kiosk.staff.consent import CONSENT_VERSION
from kiosk.staff.enrolment import (
    EnrolmentFailed,
    Problem,
    capture_descriptors,
    delete_on_request,
    enrol_with_consent,
)
from kiosk.staff.exceptions import ReasonRequired
from kiosk.store import EventKind, Store
from tests.staff.staff_support import OPEN

SUBJECT = "0001234567890"


@pytest.fixture(scope="module")
def descriptors(models: FaceModels, clip: list[Any]) -> list[Any]:
    return capture_descriptors(models, clip)


def test_enrol_with_consent_writes_template_event_and_audit_together(
        descriptors: list[Any], store: Store) -> None:
    assert len(descriptors) == 5 and all(d.shape == (128,) for d in descriptors)
    with pytest.raises(templates.ConsentMissing):
        enrol_with_consent(store, SUBJECT, descriptors, consent=False, staff="siti", now=OPEN)
    assert not templates.has_template(store, SUBJECT)
    assert not entries(store, action=AuditAction.ENROLMENT)
    event_id = enrol_with_consent(store, SUBJECT, descriptors, consent=True, staff="siti",
                                  now=OPEN)
    assert templates.has_template(store, SUBJECT)
    (row,) = entries(store, action=AuditAction.ENROLMENT)
    (ev,) = [e for e in store.pending_events() if e.kind is EventKind.TEMPLATE_ENROLLED]
    assert row.event_id == ev.event_id == event_id
    assert row.detail == {"consent_version": CONSENT_VERSION}
    assert ev.payload["consent_version"] == CONSENT_VERSION and ev.payload["staff"] == "siti"
    # no image and no plaintext descriptor anywhere in the store
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    assert np.asarray(descriptors[0], dtype="<f4").tobytes()[:16] not in raw
    again = templates.load_descriptors(store, SUBJECT)
    assert again is not None and np.allclose(again[0], descriptors[0], atol=1e-6)


def test_deletion_on_request_needs_a_reason_and_is_audited(
        descriptors: list[Any], store: Store) -> None:
    enrol_with_consent(store, SUBJECT, descriptors, consent=True,
                       staff="siti", now=OPEN)
    with pytest.raises(ReasonRequired):
        delete_on_request(store, SUBJECT, reason="minta", staff="siti", now=OPEN)
    assert templates.has_template(store, SUBJECT)
    assert delete_on_request(store, SUBJECT, reason="pasien minta data wajah dihapus",
                             staff="budi", now=OPEN)
    assert not templates.has_template(store, SUBJECT)
    (row,) = entries(store, action=AuditAction.TEMPLATE_DELETED)
    (ev,) = [e for e in store.pending_events() if e.kind is EventKind.TEMPLATE_DELETED]
    assert row.event_id == ev.event_id and row.staff == "budi"
    assert not delete_on_request(store, SUBJECT, reason="pasien minta data wajah dihapus",
                                 staff="budi", now=OPEN)
    assert len(entries(store, action=AuditAction.TEMPLATE_DELETED)) == 1


def test_capture_refuses_two_people_a_crowd_and_no_face(
        models: FaceModels, clip: list[Any], faces_dir: Path) -> None:
    other = read_image(faces_dir / "openmpf" / "meds-aa-S029-01.jpg")
    with pytest.raises(EnrolmentFailed) as err:
        capture_descriptors(models, [*clip, *([other] * len(clip))])
    assert err.value.problem is Problem.FACE_CHANGED
    pair = read_image(faces_dir / "face_recognition" / "two_people.jpg")
    with pytest.raises(EnrolmentFailed) as err:
        capture_descriptors(models, [pair] * 6)
    assert err.value.problem is Problem.SEVERAL_FACES
    blank = np.zeros((480, 640, 3), dtype=np.uint8)
    with pytest.raises(EnrolmentFailed) as err:
        capture_descriptors(models, [blank] * 8)
    assert err.value.problem is Problem.NO_FACE and "0 of 8" in str(err.value)
