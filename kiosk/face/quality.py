"""Quality gate: is this frame good enough to judge and match, and if not, what to tell the
person. Pure: it reads a ``FrameAnalysis`` and returns one instruction the UI translates.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.face.analyzer import FrameAnalysis


class Guidance(enum.Enum):
    """One short instruction per failure, in the order they are checked (first one wins)."""

    NO_FACE = "no_face"  # look at the camera
    ONLY_ONE_PERSON = "only_one_person"
    COME_CLOSER = "come_closer"
    MOVE_BACK = "move_back"
    CENTRE_FACE = "centre_face"
    LOOK_STRAIGHT = "look_straight"
    REMOVE_COVERING = "remove_covering"  # mask, cap, sunglasses
    AVOID_BACKLIGHT = "avoid_backlight"  # a bright window behind the person
    MORE_LIGHT = "more_light"
    LESS_LIGHT = "less_light"
    HOLD_STILL = "hold_still"  # blurred


@dataclass(frozen=True)
class QualityConfig:
    # Face width as a fraction of the frame width (640 px: 160-416 px).
    min_face: float = 0.25
    max_face: float = 0.65
    # The oval guide: centre and half-axes as fractions of the frame size.
    oval_centre: tuple[float, float] = (0.5, 0.45)
    oval_axes: tuple[float, float] = (0.22, 0.30)
    max_yaw: float = 20.0
    max_pitch: float = 25.0
    # Real faces measured 0.41-0.92 and 1.4-30 on the test photos (beards push the second up).
    min_eye_contrast: float = 0.30  # dark glasses make the eyes far darker than the cheeks
    max_lower_face_shift: float = 40.0  # a mask makes the mouth and chin another colour
    min_brightness: float = 60.0
    max_brightness: float = 215.0
    backlight_gap: float = 60.0  # background this much brighter than the face = backlit
    min_sharpness: float = 40.0


@dataclass(frozen=True)
class Verdict:
    ok: bool
    guidance: Guidance | None  # None when ok
    score: float  # higher = better frame for matching (only meaningful when ok)


def assess(a: FrameAnalysis, cfg: QualityConfig | None = None) -> Verdict:
    c = cfg or QualityConfig()
    if not a.has_face or a.box is None or a.faces == 0:
        return Verdict(False, Guidance.NO_FACE, 0.0)
    if a.faces > 1:
        return Verdict(False, Guidance.ONLY_ONE_PERSON, 0.0)
    w, h = a.frame_size
    size = a.box.width / w
    if size < c.min_face:
        return Verdict(False, Guidance.COME_CLOSER, 0.0)
    if size > c.max_face:
        return Verdict(False, Guidance.MOVE_BACK, 0.0)
    cx, cy = a.box.centre
    dx = (cx / w - c.oval_centre[0]) / c.oval_axes[0]
    dy = (cy / h - c.oval_centre[1]) / c.oval_axes[1]
    if dx * dx + dy * dy > 1.0:
        return Verdict(False, Guidance.CENTRE_FACE, 0.0)
    if a.pose is None or abs(a.pose.yaw) > c.max_yaw or abs(a.pose.pitch) > c.max_pitch:
        return Verdict(False, Guidance.LOOK_STRAIGHT, 0.0)
    if a.eye_contrast < c.min_eye_contrast or a.lower_face_shift > c.max_lower_face_shift:
        return Verdict(False, Guidance.REMOVE_COVERING, 0.0)
    if a.background_brightness - a.face_brightness > c.backlight_gap:
        return Verdict(False, Guidance.AVOID_BACKLIGHT, 0.0)
    if a.face_brightness < c.min_brightness:
        return Verdict(False, Guidance.MORE_LIGHT, 0.0)
    if a.face_brightness > c.max_brightness:
        return Verdict(False, Guidance.LESS_LIGHT, 0.0)
    if a.sharpness < c.min_sharpness:
        return Verdict(False, Guidance.HOLD_STILL, 0.0)
    # Prefer sharp, frontal, well-exposed frames for the descriptor.
    frontal = 1.0 - (abs(a.pose.yaw) / c.max_yaw + abs(a.pose.pitch) / c.max_pitch) / 2.0
    exposure = 1.0 - abs(a.face_brightness - 128.0) / 128.0
    sharp = min(a.sharpness / (4 * c.min_sharpness), 1.0)
    return Verdict(True, None, frontal + exposure + sharp)
