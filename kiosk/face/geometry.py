"""Pure landmark geometry: eye and mouth aspect ratios, head pose. No model, no I/O.

Landmark indices follow the iBUG 68-point layout (any ``LandmarkModel`` must return it).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Points = npt.NDArray[np.float64]  # (68, 2) pixel coordinates

RIGHT_EYE = slice(36, 42)  # the subject's right eye (image left in an unmirrored camera)
LEFT_EYE = slice(42, 48)
INNER_MOUTH = slice(60, 68)

# A generic head in millimetres, in camera-like axes (x to the image right, y down, z away
# from the camera), so a frontal face has a near-identity rotation: nose tip, chin, outer eye
# corners, mouth corners.
_MODEL_3D = np.array(
    [
        (0.0, 0.0, 0.0),  # 30 nose tip
        (0.0, 63.6, 12.5),  # 8 chin
        (-43.3, -32.7, 26.0),  # 36 outer corner of the subject's right eye
        (43.3, -32.7, 26.0),  # 45 outer corner of the subject's left eye
        (-28.9, 28.9, 24.1),  # 48 right mouth corner
        (28.9, 28.9, 24.1),  # 54 left mouth corner
    ],
    dtype=np.float64,
)
_PNP_INDEX = (30, 8, 36, 45, 48, 54)


@dataclass(frozen=True)
class HeadPose:
    """Degrees. ``yaw`` > 0: the subject turned to *their* left; ``pitch`` > 0: looking up."""

    yaw: float
    pitch: float
    roll: float


def _dist(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    return float(np.hypot(*(a - b)))


def eye_aspect_ratio(eye: Points) -> float:
    """Soukupova & Cech: eyelid opening over eye width (about 0.2-0.4 open, under 0.15 shut)."""
    width = _dist(eye[0], eye[3])
    if width <= 0:
        return 0.0
    return (_dist(eye[1], eye[5]) + _dist(eye[2], eye[4])) / (2.0 * width)


def eye_ratios(points: Points) -> tuple[float, float]:
    """(subject's right eye, subject's left eye) aspect ratios."""
    return eye_aspect_ratio(points[RIGHT_EYE]), eye_aspect_ratio(points[LEFT_EYE])


def mouth_aspect_ratio(points: Points) -> float:
    """Inner-lip opening over mouth width: about 0 closed, above 0.5 wide open."""
    m = points[INNER_MOUTH]
    width = _dist(m[0], m[4])
    if width <= 0:
        return 0.0
    return (_dist(m[1], m[7]) + _dist(m[2], m[6]) + _dist(m[3], m[5])) / (3.0 * width)


def head_pose(points: Points, frame_size: tuple[int, int]) -> HeadPose | None:
    """Yaw/pitch/roll from six landmarks with a pinhole camera guess (focal = frame width)."""
    w, h = frame_size
    image_pts = np.ascontiguousarray(points[list(_PNP_INDEX)], dtype=np.float64)
    cam = np.array([[w, 0, w / 2.0], [0, w, h / 2.0], [0, 0, 1]], dtype=np.float64)
    # Start from "frontal, about half a metre away": without a guess the iterative solver
    # sometimes lands on the mirror solution (face upside down, roll near 180 degrees).
    rvec0 = np.zeros((3, 1))
    tvec0 = np.array([[0.0], [0.0], [600.0]])
    ok, rvec, _tvec = cv2.solvePnP(
        _MODEL_3D, image_pts, cam, np.zeros((4, 1)), rvec0, tvec0, True, cv2.SOLVEPNP_ITERATIVE
    )
    if not ok:
        return None
    rot, _ = cv2.Rodrigues(rvec)
    sy = float(np.hypot(rot[0, 0], rot[1, 0]))
    pitch = float(np.degrees(np.arctan2(rot[2, 1], rot[2, 2])))
    yaw = float(np.degrees(np.arctan2(-rot[2, 0], sy)))
    roll = float(np.degrees(np.arctan2(rot[1, 0], rot[0, 0])))
    # Signs checked on real photos: the nose moving to the image right (the subject's left in an
    # unmirrored camera) gives a negative raw yaw; looking down gives a positive raw pitch.
    return HeadPose(yaw=-yaw, pitch=-pitch, roll=roll)
