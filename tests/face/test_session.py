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


def _close_eyes(img: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The same photo with both eyes shut: skin from just above each eye over it, a lid line."""
    out = img.copy()
    for eye in (p[36:42], p[42:48]):
        x0, y0 = eye.min(axis=0)
        x1, y1 = eye.max(axis=0)
        w, h = x1 - x0, max(y1 - y0, 4)
        x0, x1 = int(x0 - 0.15 * w), int(x1 + 0.15 * w)
        y0, y1 = int(y0 - 0.6 * h), int(y1 + 0.6 * h)
        out[y0:y1, x0:x1] = cv2.GaussianBlur(img[2 * y0 - y1 : y0, x0:x1], (0, 0), 2)
        lid = np.array([eye[0], eye[5], eye[4], eye[3]]).astype(np.int32)
        cv2.polylines(out, [lid], False, (50, 35, 30), 3)
    return out


def _open_mouth(img: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = img.copy()
    lips = p[48:60]
    cx, cy = lips.mean(axis=0)
    w = lips[:, 0].max() - lips[:, 0].min()
    cv2.ellipse(out, (int(cx), int(cy + 0.25 * w)), (int(0.36 * w), int(0.5 * w)), 0, 0, 360,
                (40, 20, 25), -1)
    return out


@pytest.mark.parametrize(("enrolled", "expected"), [
    ("meds-aa-S001-02.jpg", Outcome.MATCH),  # the same person, enrolled from another photo
    ("meds-aa-S029-01.jpg", Outcome.NO_MATCH),  # someone else's template
])
def test_a_face_that_answers_the_prompts_is_matched(models, faces_dir: Path, enrolled, expected):
    """The whole session on a real face that does what it is asked: a real mugshot in kiosk
    framing with a little hand-held jitter, whose eyes close (4 frames) or mouth opens (20
    frames) 0.4 s after each prompt. Head turns cannot be made from one photo, so the seed is
    one whose challenges are a blink and an open mouth."""
    from kiosk.face.liveness import EventKind, LivenessConfig, draw_challenges

    from .test_quality import kiosk_frame

    seed = next(s for s in range(200) if set(draw_challenges(random.Random(s), LivenessConfig()))
                == {EventKind.BLINK, EventKind.MOUTH_OPEN})
    base = kiosk_frame(offline.read_image(faces_dir / "openmpf" / "meds-aa-S001-01.jpg"), 220,
                       models=models)
    p = FrameAnalyzer(models).analyse(base, 0.0).landmarks
    looks = {None: base, EventKind.BLINK: _close_eyes(base, p),
             EventKind.MOUTH_OPEN: _open_mouth(base, p)}
    frames = {EventKind.BLINK: 4, EventKind.MOUTH_OPEN: 20}
    ref = offline.read_image(faces_dir / "openmpf" / enrolled)
    (rbox,) = offline.find_faces(models, ref)
    template = models.descriptors([models.chip(ref, rbox)])[0]
    jitter = np.random.default_rng(seed)
    acting: tuple[EventKind, int] | None = None  # (what, frames left)
    prompted_at: dict[int, int] = {}
    with engine.DescriptorWorker() as worker:
        worker.wait_ready(timeout=120)
        session = VerificationSession(FrameAnalyzer(models), worker, template,
                                      random.Random(seed))
        for i in range(30 * 30):
            look = base
            if acting is not None:
                look = looks[acting[0]]
                acting = (acting[0], acting[1] - 1) if acting[1] > 1 else None
            dx, dy = jitter.normal(0, 1.5, 2)
            frame = cv2.warpAffine(look, np.float32([[1, 0, dx], [0, 1, dy]]), (640, 480),
                                   borderMode=cv2.BORDER_REPLICATE)
            u = session.feed(frame, i / 30.0)
            st = u.liveness
            if st.phase is Phase.PROMPT and st.challenge is not None:
                first = prompted_at.setdefault(st.step, i)
                if i - first == 12 and acting is None and st.challenge in frames:  # 0.4 s
                    acting = (st.challenge, frames[st.challenge])
            if u.outcome is not None:
                break
    assert u.outcome is expected, u
    assert u.liveness.phase is Phase.PASSED and u.liveness.attempt == 1
    assert u.distance is not None and (u.distance < 0.6) == (expected is Outcome.MATCH)
    # The decision follows the last answer within a second of camera time.
    assert u.liveness.passed_t is not None and u.analysis.t - u.liveness.passed_t <= 1.0
