"""Face enrolment at the staff desk: frames -> descriptors -> encrypted template, with consent.

Staff start it only after the patient agreed to ``kiosk.staff.consent.CONSENT_TEXT``. Frames
with exactly one large enough face are turned into descriptors (5-point aligned chips, the same
as verification); they must all be the same person, or the capture is refused. The template
(through ``kiosk.face.templates``), its TEMPLATE_ENROLLED event and the audit row are written in
one transaction; deletion on request works the same way with TEMPLATE_DELETED.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.face import templates
from kiosk.face.matching import DEFAULT_THRESHOLD, Descriptor, same_person
from kiosk.staff.consent import CONSENT_VERSION, record_deletion, record_enrolment
from kiosk.staff.exceptions import check_reason
from kiosk.store import Store

if TYPE_CHECKING:
    from kiosk.face.engine import FaceModels

log = logging.getLogger(__name__)

ENROL_FRAMES = 5
MIN_FACE_PX = 80


class Problem(enum.Enum):
    NO_FACE = "no_face"  # too few frames with one clear face
    SEVERAL_FACES = "several_faces"  # someone else is in view
    FACE_CHANGED = "face_changed"  # the captured frames are not all the same person


class EnrolmentFailed(ValueError):
    def __init__(self, problem: Problem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem


def capture_descriptors(models: FaceModels, frames: Sequence[Any], want: int = ENROL_FRAMES,
                        threshold: float = DEFAULT_THRESHOLD) -> list[Descriptor]:
    """Descriptors of ``want`` frames spread over the capture, each with one clear face."""
    from kiosk.face.engine import as_rgb

    chips: list[Any] = []
    crowded = 0
    for frame in frames:
        rgb = as_rgb(frame)
        boxes = models.detect(rgb, 0)
        if len(boxes) > 1 and boxes[1].width >= MIN_FACE_PX * 0.6:
            crowded += 1
            continue
        if not boxes or boxes[0].width < MIN_FACE_PX:
            continue
        chips.append(models.chip(rgb, boxes[0]))
    if len(chips) < want:
        if crowded:
            raise EnrolmentFailed(Problem.SEVERAL_FACES,
                                  f"another face was in view in {crowded} frames")
        raise EnrolmentFailed(Problem.NO_FACE, f"only {len(chips)} of {len(frames)} frames "
                              f"showed one face at least {MIN_FACE_PX} px wide")
    step = len(chips) / want
    picked = [chips[int(i * step)] for i in range(want)]
    descriptors = models.descriptors(picked)
    if not same_person(descriptors, threshold):
        raise EnrolmentFailed(Problem.FACE_CHANGED, "the frames are not all the same person")
    return descriptors


def enrol_with_consent(store: Store, subject: str, descriptors: Sequence[Descriptor], *,
                       consent: bool, staff: str, now: datetime,
                       threshold: float = DEFAULT_THRESHOLD, key_path: Path | None = None) -> str:
    """Store the template, its event and the audit row together; returns the event id."""
    if not consent:
        raise templates.ConsentMissing("face enrolment needs the patient's explicit consent")
    if not same_person(descriptors, threshold):
        raise EnrolmentFailed(Problem.FACE_CHANGED, "the frames are not all the same person")
    key = templates.load_key(key_path or templates.default_key_path(store), create=True)
    with store.transaction() as tx:
        event_id = templates.write_template(tx, key, subject, descriptors, consent=True,
                                            consent_version=CONSENT_VERSION, staff=staff)
        record_enrolment(tx, participant_id=subject, staff=staff, now=now, event_id=event_id)
    log.info("face enrolled for %s by %s", subject, staff)
    return event_id


def delete_on_request(store: Store, subject: str, *, reason: str, staff: str,
                      now: datetime) -> bool:
    """Delete a template at the patient's request (reason required); False if none existed."""
    text = check_reason(reason)
    with store.transaction() as tx:
        event_id = templates.delete_template_in(tx, subject, reason=text, staff=staff)
        if event_id is not None:
            record_deletion(tx, participant_id=subject, staff=staff, reason=text, now=now,
                            event_id=event_id)
    if event_id is not None:
        log.info("face template of %s deleted by %s on request", subject, staff)
    return event_id is not None
