"""Per-frame analysis: detect on a downscaled frame, track between detections, measure.

A full-frame HOG search on a frame downscaled to ``detect_width`` (4.5 ms at 320x240) runs
every ``detect_every`` frames (default: every frame, it is that cheap): it finds new faces and
counts people. Whenever it does not confirm the tracked face (a head turned past the frontal
detector, or a frame in between), the face is re-found in a small crop around its last box
(scaled to about 90 px, a lowered score threshold so a head turned 40 degrees still counts:
~3.5 ms). The 68 landmarks are then fitted in the track's box, whose size is the median of the
last few detections (HOG box sizes jump between pyramid levels). A track the crop search misses
for ``max_misses`` frames is dropped, and landmarks are never fitted to an unconfirmed box.
A face that moved further than box overlap can follow (a fast move that blurred a frame or two,
or frames skipped while the machine is busy) is still the same track when it is the one face of
its size within ``max_jump`` face widths of where the track was, and a face re-found that close
to where a track was lost a moment ago keeps its id: a lost frame is not a new person. Whether
it really is the same person is the descriptors' job (``session.decide``). The slower fallback
search (small, far faces) runs only while nobody is tracked, on every ``fallback_every``-th frame.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.face import geometry
from kiosk.face.engine import Box, FaceModels, RGBFrame, as_rgb

log = logging.getLogger(__name__)

_NEAR_FACE_PX = 90  # the tracked face is scaled to about this width for the crop search


@dataclass(frozen=True)
class AnalyzerConfig:
    detect_width: int = 320  # full-frame HOG runs on the frame scaled to this width
    detect_every: int = 1  # frames between full-frame searches while a face is tracked
    # A slower search when the fast one finds nobody (far or small faces), on a frame scaled
    # to ``fallback_width`` with ``fallback_upsample``: 480 px, 0 finds faces from ~107 px in a
    # 640 px frame for ~9 ms; -1 disables it.
    fallback_width: int = 480
    fallback_upsample: int = 0
    fallback_every: int = 3  # ... on every n-th frame, and only while nobody is tracked
    near_threshold: float = -0.2  # HOG score threshold in the crop around the track
    max_misses: int = 3  # consecutive frames the crop search may fail before the track drops
    reacquire_s: float = 1.0  # a face re-found where the track was lost keeps its id this long
    # The same face after a jump: centre within this many face widths, size within ``max_resize``.
    max_jump: float = 1.0
    max_resize: float = 1.5
    other_face_ratio: float = 0.6  # a second face counts if at least this wide relative to ours


@dataclass(frozen=True)
class FrameAnalysis:
    """What one frame shows. Everything a quality gate or liveness check needs, nothing more."""

    index: int
    t: float
    frame_size: tuple[int, int]  # (width, height)
    faces: int  # faces of comparable size seen at the last full search (0 = nobody)
    detected: bool  # the full-frame search ran on this frame
    track_id: int | None = None
    box: Box | None = None
    landmarks: npt.NDArray[np.float64] | None = field(default=None, compare=False, repr=False)
    ear: float | None = None  # mean eye aspect ratio of both eyes
    mar: float | None = None  # mouth aspect ratio
    pose: geometry.HeadPose | None = None
    sharpness: float = 0.0  # variance of the Laplacian of the face scaled to 96 px
    face_brightness: float = 0.0  # mean grey level of the face, 0-255
    background_brightness: float = 0.0  # mean grey level outside the face box
    eye_contrast: float = 1.0  # eye region over cheek brightness: dark glasses drive it down
    lower_face_shift: float = 0.0  # colour distance (Lab) between cheeks and mouth/chin: masks

    @property
    def has_face(self) -> bool:
        return self.landmarks is not None


@dataclass
class _Track:
    id: int
    box: Box
    misses: int = 0
    sizes: list[int] = field(default_factory=list)  # recent detector box widths

    def settle(self, found: Box) -> Box:
        """The detector's box with a steadier size: HOG box sizes jump between pyramid levels
        (86/104/124 px for one 100 px face), and landmarks fitted in a box of the wrong size
        distort the eye ratios. The median of the last few sizes, centred on ``found``."""
        self.sizes = [*self.sizes[-4:], found.width]
        size = sorted(self.sizes)[len(self.sizes) // 2]
        cx, cy = found.centre
        half = size / 2.0
        return Box(round(cx - half), round(cy - half), round(cx + half), round(cy + half))


class FrameAnalyzer:
    """Stateful per-camera analyser; call ``analyse(frame, t)`` for each frame in order."""

    def __init__(self, models: FaceModels, config: AnalyzerConfig | None = None) -> None:
        self.models = models
        self.config = config or AnalyzerConfig()
        self._track: _Track | None = None
        self._lost: tuple[Box, float] | None = None  # where and when the last track was lost
        self._next_id = 1
        self._index = 0
        self._since_search = 0
        self._faces = 0

    def reset(self) -> None:
        self._track = None
        self._lost = None
        self._faces = 0
        self._since_search = 0

    def analyse(self, frame: npt.NDArray[Any], t: float) -> FrameAnalysis:
        rgb = as_rgb(frame)
        h, w = rgb.shape[:2]
        index = self._index
        self._index += 1
        searched = self._track is None or self._since_search + 1 >= self.config.detect_every
        confirmed = False
        boxes: list[Box] = []
        if searched:
            self._since_search = 0
            # While a face is tracked, the cheap crop search covers what the fast full search
            # misses; the slow full-resolution fallback is only for finding someone new.
            fallback = self._track is None and index % self.config.fallback_every == 0
            boxes = self._search(rgb, fallback)
            confirmed = self._on_search(boxes, t)
        else:
            self._since_search += 1
        track = self._track
        if track is not None and not confirmed:
            # The crop search first: a turned head next to a bystander's frontal face stays ours.
            near = self._near(rgb, track.box)
            if near is None:
                near = self._successor(track.box, boxes)
                if near is not None:  # ours is one of ``boxes``, not one more face
                    self._faces = self._count(boxes, near)
            if near is not None:
                track.box, track.misses = track.settle(near), 0
            else:
                track.misses += 1
                if track.misses > self.config.max_misses:
                    self._drop(t)
                track = None  # never fit landmarks in an empty box: they invent movements
        if track is None:
            tid = self._track.id if self._track else None
            return FrameAnalysis(index, t, (w, h), self._faces, searched, tid)
        points = self.models.landmarks(rgb, track.box)
        return self._measure(rgb, index, t, searched, track, points)

    # -- detection and tracking ---------------------------------------------------------
    def _search(self, rgb: RGBFrame, fallback: bool) -> list[Box]:
        h, w = rgb.shape[:2]
        scale = min(1.0, self.config.detect_width / w)
        small = rgb if scale >= 1.0 else cv2.resize(
            rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA
        )
        boxes = self.models.detect(np.ascontiguousarray(small), 0)
        if boxes and scale < 1.0:
            boxes = [_scaled(b, 1.0 / scale) for b in boxes]
        wide = min(1.0, self.config.fallback_width / w)
        up = self.config.fallback_upsample
        if not boxes and fallback and up >= 0 and (wide > scale or up > 0):
            mid = rgb if wide >= 1.0 else cv2.resize(
                rgb, (round(w * wide), round(h * wide)), interpolation=cv2.INTER_AREA
            )
            boxes = self.models.detect(np.ascontiguousarray(mid), up)
            if wide < 1.0:
                boxes = [_scaled(b, 1.0 / wide) for b in boxes]
        return boxes

    def _near(self, rgb: RGBFrame, box: Box) -> Box | None:
        """The tracked face re-found in a crop twice its size around its last box."""
        h, w = rgb.shape[:2]
        cx, cy = box.centre
        half = box.width
        left, top = int(max(0, cx - half)), int(max(0, cy - half))
        right, bottom = int(min(w, cx + half)), int(min(h, cy + half))
        if right - left < 16 or bottom - top < 16:
            return None
        crop: npt.NDArray[Any] = rgb[top:bottom, left:right]
        scale = min(1.0, _NEAR_FACE_PX / max(box.width, 1))
        if scale < 1.0:
            size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
            crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
        found = self.models.detect_scored(
            np.ascontiguousarray(crop), 0, self.config.near_threshold
        )
        if not found:
            return None
        b = _scaled(found[0][0], 1.0 / scale)
        return Box(b.left + left, b.top + top, b.right + left, b.bottom + top)

    def _on_search(self, boxes: list[Box], t: float) -> bool:
        """Update the track from a full search; True when it confirmed (or started) one."""
        track = self._track
        widest = boxes[0].width if boxes else 0
        self._faces = sum(1 for b in boxes if b.width >= self.config.other_face_ratio * widest)
        if track is not None:
            match = max(boxes, key=track.box.iou, default=None)
            if match is not None and track.box.iou(match) > 0.3:
                track.box, track.misses = track.settle(match), 0
                return True
            # Not found by the full search (a turned head): the crop search decides.
            if boxes and track.box.width >= self.config.other_face_ratio * widest:
                self._faces += 1
            elif not boxes:
                self._faces = 1
            return False
        if not boxes:
            return False
        box = boxes[0]
        lost = self._lost
        if lost is not None and t - lost[1] <= self.config.reacquire_s and self._continues(
            lost[0], box
        ):
            track_id = self._next_id - 1  # the same face, back after a short loss
        else:
            track_id = self._next_id
            self._next_id += 1
        self._track = _Track(track_id, box, sizes=[box.width])
        self._lost = None
        return True

    def _continues(self, was: Box, box: Box) -> bool:
        """``box`` can be the face that was at ``was`` a moment ago: overlapping, or of a
        similar size and at most ``max_jump`` face widths away."""
        if was.iou(box) > 0.3:
            return True
        c = self.config
        ratio = box.width / max(was.width, 1)
        if not 1.0 / c.max_resize <= ratio <= c.max_resize:
            return False
        (ax, ay), (bx, by) = was.centre, box.centre
        return float(np.hypot(ax - bx, ay - by)) <= c.max_jump * was.width

    def _successor(self, was: Box, boxes: list[Box]) -> Box | None:
        """The one face of the full search that continues the track (None if none, or if two
        could: then it is not ours to guess)."""
        found = [b for b in boxes if self._continues(was, b)]
        return found[0] if len(found) == 1 else None

    def _count(self, boxes: list[Box], ours: Box) -> int:
        """Faces of comparable size, ``ours`` being one of ``boxes``."""
        widest = max(b.width for b in boxes)
        return sum(1 for b in boxes if b.width >= self.config.other_face_ratio * widest)

    def _drop(self, t: float) -> None:
        if self._track is not None:
            self._lost = (self._track.box, t)
            log.debug("face track %d lost", self._track.id)
        self._track = None

    # -- measurements -------------------------------------------------------------------
    def _measure(
        self,
        rgb: RGBFrame,
        index: int,
        t: float,
        detected: bool,
        track: _Track,
        points: npt.NDArray[np.float64],
    ) -> FrameAnalysis:
        h, w = rgb.shape[:2]
        right, left = geometry.eye_ratios(points)
        grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        x0, y0 = np.clip(points.min(axis=0), 0, (w - 1, h - 1)).astype(int)
        x1, y1 = np.clip(points.max(axis=0), 0, (w - 1, h - 1)).astype(int)
        face = grey[y0 : y1 + 1, x0 : x1 + 1]
        face_mean = float(face.mean()) if face.size else 0.0
        return FrameAnalysis(
            index=index,
            t=t,
            frame_size=(w, h),
            faces=self._faces,
            detected=detected,
            track_id=track.id,
            box=track.box,
            landmarks=points,
            ear=(right + left) / 2.0,
            mar=geometry.mouth_aspect_ratio(points),
            pose=geometry.head_pose(points, (w, h)),
            sharpness=_sharpness(face),
            face_brightness=face_mean,
            background_brightness=_background_mean(grey, track.box),
            eye_contrast=_eye_contrast(grey, points),
            lower_face_shift=_lower_face_shift(rgb, points),
        )


def _patch(img: npt.NDArray[Any], pts: npt.NDArray[np.float64], grow: float = 0.0) -> Any:
    """The axis-aligned region around ``pts`` (grown by a fraction of its size), clipped."""
    h, w = img.shape[:2]
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    gx, gy = (x1 - x0) * grow, (y1 - y0) * grow
    left, top = int(max(0, x0 - gx)), int(max(0, y0 - gy))
    right, bottom = int(min(w, x1 + gx + 1)), int(min(h, y1 + gy + 1))
    return img[top:bottom, left:right]


def _sharpness(face: npt.NDArray[Any]) -> float:
    """Laplacian variance on the face scaled to 96 px wide, so distance does not change it."""
    if face.shape[0] < 8 or face.shape[1] < 8:
        return 0.0
    scale = 96.0 / face.shape[1]
    size = (96, max(8, round(face.shape[0] * scale)))
    small = cv2.resize(face, size, interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(small, cv2.CV_64F).var())


def _background_mean(grey: npt.NDArray[Any], box: Box) -> float:
    h, w = grey.shape
    total = float(grey.sum(dtype=np.float64))
    inner = grey[max(0, box.top) : min(h, box.bottom), max(0, box.left) : min(w, box.right)]
    n = grey.size - inner.size
    return (total - float(inner.sum(dtype=np.float64))) / n if n > 0 else 0.0


def _cheeks(points: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """Skin under each eye: between the lower eyelid, the nose side and the jaw line."""
    return [points[[1, 2, 31, 40, 41]], points[[14, 15, 35, 46, 47]]]


def _eye_contrast(grey: npt.NDArray[Any], points: npt.NDArray[np.float64]) -> float:
    eyes = [_patch(grey, points[s], 0.3) for s in (geometry.RIGHT_EYE, geometry.LEFT_EYE)]
    cheeks = [_patch(grey, c) for c in _cheeks(points)]
    if any(p.size == 0 for p in eyes + cheeks):
        return 1.0
    eye = float(np.mean([p.mean() for p in eyes]))
    cheek = float(np.mean([p.mean() for p in cheeks]))
    return eye / cheek if cheek > 0 else 1.0


def _lower_face_shift(rgb: RGBFrame, points: npt.NDArray[np.float64]) -> float:
    """Lab distance between the cheeks' colour and the mouth-and-chin colour (a mask shows)."""
    cheeks = [_patch(rgb, c) for c in _cheeks(points)]
    lower = _patch(rgb, points[[5, 6, 7, 8, 9, 10, 11, 48, 54, 57]])
    if any(p.size == 0 for p in [*cheeks, lower]):
        return 0.0

    def lab(patch: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        mean = patch.reshape(-1, 3).mean(axis=0).astype(np.uint8).reshape(1, 1, 3)
        lab_px = cv2.cvtColor(mean, cv2.COLOR_RGB2LAB)
        return np.asarray(lab_px, dtype=np.float64).reshape(3)

    cheek = (lab(cheeks[0]) + lab(cheeks[1])) / 2.0
    diff = lab(lower) - cheek
    # Chroma counts fully, lightness half: a beard or shadow darkens the chin without a hue.
    return float(np.hypot(np.hypot(diff[1], diff[2]), diff[0] / 2.0))


def _scaled(b: Box, k: float) -> Box:
    return Box(round(b.left * k), round(b.top * k), round(b.right * k), round(b.bottom * k))
