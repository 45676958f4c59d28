"""Passive liveness signals on real recorded clips, and a photo held up to the camera."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.camera import VideoFileSource
from kiosk.errors import CameraUnavailable
from kiosk.face import offline
from kiosk.face.analyzer import AnalyzerConfig, FrameAnalyzer
from kiosk.face.engine import Box
from kiosk.face.liveness import EventKind, LivenessConfig, LivenessSession, Phase, Sample


@pytest.fixture(scope="module")
def selfie_report(models, faces_dir: Path) -> offline.ClipReport:
    with VideoFileSource(faces_dir / "openmpf" / "new_face_video-90.mp4") as src:
        return offline.analyse_clip(models, src, fps=src.fps)


def _events(report, kind, lo, hi):
    return [e for e in report.events if e.kind is kind and lo <= e.index <= hi]


def test_known_blink_and_turns_are_found(selfie_report):
    r = selfie_report
    assert r.frames == 511
    # The MANIFEST counts faces in ~203 frames with HOG alone; tracking through turns adds some.
    assert 190 <= r.frames_with_face <= 300
    assert _events(r, EventKind.BLINK, 118, 125), "the eye closure at frames ~121-122"
    # Head turned to the subject's own left (raw solvePnP yaw towards -52) at frames 113-137.
    assert _events(r, EventKind.TURN_LEFT, 113, 140)
    turns = (EventKind.TURN_LEFT, EventKind.TURN_RIGHT)
    assert any(e.kind in turns and 44 <= e.index <= 90 for e in r.events), "turn at ~44-71"


def test_rotation_tag_is_applied(faces_dir: Path):
    with VideoFileSource(faces_dir / "openmpf" / "new_face_video-90.mp4") as src:
        frame = src.read()
        assert src.rotation == 90
    cap = cv2.VideoCapture(str(faces_dir / "openmpf" / "new_face_video-90.mp4"))
    cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
    ok, raw = cap.read()
    cap.release()
    assert ok and frame is not None
    assert frame.shape[:2] == raw.shape[1::-1]  # width and height swapped: upright


def test_glasses_clip_has_no_blink(models, faces_dir: Path):
    with VideoFileSource(faces_dir / "eye_blink_detector" / "output.avi") as src:
        r = offline.analyse_clip(models, src, fps=src.fps)
    assert r.frames == 16 and r.frames_with_face == 16
    assert [e for e in r.events if e.kind is EventKind.BLINK] == []


def test_missing_and_broken_clips_are_reported(tmp_path: Path):
    with pytest.raises(CameraUnavailable, match="does not exist"):
        VideoFileSource(tmp_path / "nope.mp4")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video at all" * 100)
    with pytest.raises(CameraUnavailable, match=r"junk\.mp4"):
        VideoFileSource(junk)


def _photo_attack_frames(
    photo: np.ndarray | list[np.ndarray],
    face: Box,
    background: np.ndarray,
    seconds: float,
    seed: int,
):
    """A printed photo (or a phone screen playing ``photo``'s frames back and forth) held up
    to a 640x480 camera so its face is about 190 px wide (big enough for the quality gate):
    drifting, tilting, scaling, hand shake."""
    rng = np.random.default_rng(seed)
    bg = cv2.resize(background, (640, 480))
    pictures = photo if isinstance(photo, list) else [photo]
    bounce = pictures + pictures[-2:0:-1]
    ph, pw = pictures[0].shape[:2]
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    n = int(seconds * 30)
    for i in range(n):
        t = i / 30.0
        shown = bounce[i % len(bounce)]
        scale = 190.0 / face.width * (1.0 + 0.15 * np.sin(0.9 * t))
        cx = 320 + 40 * np.sin(0.7 * t) + rng.normal(0, 2)
        cy = 240 + 20 * np.sin(1.3 * t) + rng.normal(0, 2)
        tilt = 0.25 * np.sin(1.1 * t)  # the photo swings about its vertical axis
        roll = np.radians(12 * np.sin(0.5 * t))
        # Photo corners around the face centre, so the face stays in view.
        fx, fy = face.centre
        x0, x1 = -fx * scale, (pw - fx) * scale
        y0, y1 = -fy * scale, (ph - fy) * scale
        corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        corners[:, 1] *= 1 + tilt * np.sign(corners[:, 0]) * 0.5
        corners[:, 0] *= 1 - abs(tilt) * 0.5
        rot = np.array([[np.cos(roll), -np.sin(roll)], [np.sin(roll), np.cos(roll)]])
        dst = (corners @ rot.T + [cx, cy]).astype(np.float32)
        m = cv2.getPerspectiveTransform(src, dst)
        frame = bg.copy()
        cv2.warpPerspective(shown, m, (640, 480), dst=frame, borderMode=cv2.BORDER_TRANSPARENT)
        yield t, np.ascontiguousarray(frame)


@pytest.mark.parametrize(
    ("photo", "seed"),
    # (obama.jpg held up goes through the whole VerificationSession in test_session.py)
    [("openmpf/meds-aa-S001-01.jpg", 1), ("eye_blink_detector/output.avi", 3)],
)
def test_photo_or_screen_held_up_never_passes_liveness(
    models, faces_dir: Path, photo: str, seed: int
):
    if photo.endswith(".avi"):  # a phone screen replaying a real clip of a real face
        frames = []
        with VideoFileSource(faces_dir / photo) as src:
            while (f := src.read()) is not None:
                frames.append(f)
        image: np.ndarray | list[np.ndarray] = frames
        first = frames[0]
    else:
        image = first = offline.read_image(faces_dir / photo)
    (face,) = offline.find_faces(models, first)
    background = offline.read_image(faces_dir / "dlib_faces" / "2008_001322.jpg")
    background = cv2.GaussianBlur(background, (0, 0), 6)  # out of focus, faces unfindable
    analyzer = FrameAnalyzer(models, AnalyzerConfig())
    cfg = LivenessConfig()
    session = LivenessSession(random.Random(seed), cfg)
    seen_face = 0
    seconds = cfg.max_attempts * (cfg.baseline_s + 3 * (cfg.delay_s[1] + cfg.response_s)) + 1
    for t, frame in _photo_attack_frames(image, face, background, seconds, seed):
        a = analyzer.analyse(frame, t)
        seen_face += a.has_face
        yaw = a.pose.yaw if a.pose else None
        st = session.feed(Sample(t, a.index, a.track_id, a.ear, a.mar, yaw))
        assert st.phase is not Phase.PASSED
        if st.done:
            break
    assert seen_face > 30, "the photo's face must be tracked, or this test proves nothing"
    assert session.state.phase is Phase.FAILED
    assert session.state.reason is not None
