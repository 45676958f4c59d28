"""The quality gate on real photos placed in a 640x480 kiosk frame, and on the same photos
with the problem the instruction is for (too far, off-centre, dark, backlit, blurred, covered)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.face import offline
from kiosk.face.analyzer import AnalyzerConfig, FrameAnalyzer
from kiosk.face.quality import Guidance, assess


def kiosk_frame(photo: np.ndarray, face_px: float, centre=(320, 216), canvas=128, models=None):
    """The photo scaled so its (first) face is ``face_px`` wide, face centred at ``centre``."""
    (box, *_) = offline.find_faces(models, photo)
    k = face_px / box.width
    scaled = cv2.resize(photo, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    fx, fy = box.centre[0] * k, box.centre[1] * k
    m = np.float32([[1, 0, centre[0] - fx], [0, 1, centre[1] - fy]])
    frame = np.full((480, 640, 3), canvas, np.uint8)
    cv2.warpAffine(scaled, m, (640, 480), dst=frame, borderMode=cv2.BORDER_TRANSPARENT)
    return np.ascontiguousarray(frame)


def verdict(models, frame):
    a = FrameAnalyzer(models, AnalyzerConfig()).analyse(frame, 0.0)
    return assess(a), a


@pytest.fixture(scope="module")
def mugshot(faces_dir: Path) -> np.ndarray:
    return offline.read_image(faces_dir / "openmpf" / "meds-aa-S001-01.jpg")


@pytest.mark.parametrize(
    "name", ["openmpf/meds-aa-S001-01.jpg", "openmpf/meds-aa-S001-02.jpg",
             "face_recognition/obama.jpg", "face_recognition/rose_leslie_img1.jpg"])
def test_good_frontal_faces_pass(models, faces_dir: Path, name: str):
    photo = offline.read_image(faces_dir / name)
    v, a = verdict(models, kiosk_frame(photo, 220, models=models))
    assert v.ok and v.guidance is None and v.score > 0, (v, a)


def test_each_problem_gets_its_instruction(models, mugshot, faces_dir: Path):
    def check(frame, expected):
        v, a = verdict(models, frame)
        assert v.guidance is expected, (v, a)

    check(np.full((480, 640, 3), 90, np.uint8), Guidance.NO_FACE)
    check(kiosk_frame(mugshot, 120, models=models), Guidance.COME_CLOSER)
    check(kiosk_frame(mugshot, 220, centre=(150, 330), models=models), Guidance.CENTRE_FACE)
    good = kiosk_frame(mugshot, 220, models=models)
    check((good * 0.3).astype(np.uint8), Guidance.MORE_LIGHT)
    backlit = kiosk_frame((mugshot * 0.55).astype(np.uint8), 220, canvas=250, models=models)
    check(backlit, Guidance.AVOID_BACKLIGHT)
    check(cv2.GaussianBlur(good, (0, 0), 3.0), Guidance.HOLD_STILL)
    turned = offline.read_image(faces_dir / "face_recognition" / "kit_harington_john2.jpeg")
    check(kiosk_frame(turned, 220, models=models), Guidance.LOOK_STRAIGHT)
    two = offline.read_image(faces_dir / "face_recognition" / "two_people.jpg")
    check(kiosk_frame(two, 150, centre=(80, 216), models=models), Guidance.ONLY_ONE_PERSON)


def test_dark_glasses_and_masks_ask_to_remove_the_covering(models, mugshot):
    good = kiosk_frame(mugshot, 220, models=models)
    _, a = verdict(models, good)
    p = a.landmarks.astype(np.int32)
    glasses = good.copy()
    for eye in (p[36:42], p[42:48]):
        cx, cy = eye.mean(axis=0)
        dx, dy = eye[3] - eye[0]
        w, ang = float(np.hypot(dx, dy)), float(np.degrees(np.arctan2(dy, dx)))
        cv2.ellipse(glasses, ((float(cx), float(cy)), (w * 1.6, w * 1.0), ang), (20, 20, 25), -1)
    v, a2 = verdict(models, glasses)
    assert v.guidance is Guidance.REMOVE_COVERING, (v, a2)
    mask = good.copy()
    cv2.fillPoly(mask, [np.vstack([p[2:15], p[[35, 33, 31]]])], (150, 190, 225))
    v, a3 = verdict(models, mask)
    assert v.guidance is Guidance.REMOVE_COVERING, (v, a3)
