"""A whole verification: the decision on real descriptors, and a photo attack end to end."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.face import engine, matching, offline
from kiosk.face.analyzer import FrameAnalyzer
from kiosk.face.liveness import Phase
from kiosk.face.session import Outcome, VerificationSession, decide

from .test_clips import _photo_attack_frames


def _descriptor_variants(models, path: Path) -> list[np.ndarray]:
    """Several 'frames' of one real face: the photo, its mirror, a softer copy."""
    rgb = offline.read_image(path)
    (box,) = offline.find_faces(models, rgb)
    chip = models.chip(rgb, box)
    soft = cv2.GaussianBlur(chip, (0, 0), 1.0)
    return models.descriptors([chip, np.ascontiguousarray(chip[:, ::-1]), soft])


@pytest.fixture(scope="module")
def people(models, faces_dir: Path) -> dict[str, list[np.ndarray]]:
    fr = faces_dir / "face_recognition"
    return {
        "obama_live": _descriptor_variants(models, fr / "test_obama1.jpg"),
        "obama_enrolled": _descriptor_variants(models, fr / "obama.jpg"),
        "biden": _descriptor_variants(models, fr / "biden.jpg"),
    }


def test_decide_on_real_descriptors(people):
    template = matching.mean_descriptor(people["obama_enrolled"])
    live = [(float(i), d) for i, d in enumerate(people["obama_live"])]
    d = decide(live, template, matching.DEFAULT_THRESHOLD)
    assert d.outcome is Outcome.MATCH and d.distance is not None and d.distance < 0.6
    impostor = [(float(i), d) for i, d in enumerate(people["biden"])]
    d = decide(impostor, template, matching.DEFAULT_THRESHOLD)
    assert d.outcome is Outcome.NO_MATCH and d.distance is not None and d.distance > 0.6
    # One person starts, another finishes: whoever the template is, that is not a match.
    mixed = live[:2] + impostor[:1]
    assert decide(mixed, template, matching.DEFAULT_THRESHOLD).outcome is Outcome.FACE_CHANGED
    with pytest.raises(ValueError):
        decide([], template, matching.DEFAULT_THRESHOLD)


def test_photo_of_the_enrolled_person_is_refused(models, faces_dir: Path):
    """The printed photo matches the template (d < 0.6) but must never get past liveness."""
    photo = offline.read_image(faces_dir / "face_recognition" / "obama.jpg")
    (face,) = offline.find_faces(models, photo)
    enrolled = offline.read_image(faces_dir / "face_recognition" / "test_obama1.jpg")
    (ebox,) = offline.find_faces(models, enrolled)
    template = models.descriptors([models.chip(enrolled, ebox)])[0]
    printed = models.descriptors([models.chip(photo, face)])[0]
    assert matching.distance(printed, template) < matching.DEFAULT_THRESHOLD
    background = cv2.GaussianBlur(
        offline.read_image(faces_dir / "dlib_faces" / "2008_001322.jpg"), (0, 0), 6)
    updates = []
    with engine.DescriptorWorker() as worker:
        session = VerificationSession(FrameAnalyzer(models), worker, template, random.Random(2))
        for t, frame in _photo_attack_frames(photo, face, background, 80.0, 2):
            u = session.feed(frame, t)
            updates.append(u)
            if u.outcome is not None:
                break
    final = updates[-1]
    assert final.outcome is Outcome.LIVENESS_FAILED
    assert final.liveness.phase is Phase.FAILED and final.liveness.reason is not None
    assert final.distance is None
    assert all(u.outcome is None for u in updates[:-1])
    assert session.feed(frame, 99.0) is final  # a finished session stays finished


def test_config_comes_from_settings():
    from kiosk.config import settings_from_dict
    from kiosk.face.session import VerifyConfig

    settings = settings_from_dict(
        {"face": {"match_threshold": 0.55, "max_attempts": 2}, "timeouts": {"face_s": 20}})
    cfg = VerifyConfig.from_settings(settings)
    assert (cfg.threshold, cfg.liveness.max_attempts, cfg.liveness.attempt_s) == (0.55, 2, 20.0)


def test_never_a_good_frame_times_out_with_guidance(models, faces_dir: Path):
    from kiosk.face.liveness import FailReason, LivenessConfig
    from kiosk.face.quality import Guidance
    from kiosk.face.session import VerifyConfig

    # A real face, but far too small for the oval: the person never comes closer.
    photo = offline.read_image(faces_dir / "openmpf" / "meds-aa-S001-01.jpg")
    frame = np.full((480, 640, 3), 120, np.uint8)
    small = cv2.resize(photo, (192, 240))
    frame[120:360, 224:416] = small
    cfg = VerifyConfig(liveness=LivenessConfig(attempt_s=4.0, max_attempts=1))
    with engine.DescriptorWorker() as worker:
        session = VerificationSession(FrameAnalyzer(models), worker, np.zeros(128),
                                      random.Random(0), cfg)
        updates = [session.feed(frame, i / 30.0) for i in range(200)]
    assert updates[0].guidance is Guidance.COME_CLOSER
    ends = [u for u in updates if u.outcome is not None]
    assert ends and ends[0].outcome is Outcome.LIVENESS_FAILED
    assert ends[0].liveness.reason is FailReason.TIMEOUT
