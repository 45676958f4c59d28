"""Offline analysis of files (photos, recorded clips) for kiosk-tool, tests and benchmarks."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.camera import FrameSource
from kiosk.errors import ImageUnreadable
from kiosk.face.analyzer import AnalyzerConfig, FrameAnalyzer
from kiosk.face.engine import CHIP_SIZE, Box, Descriptor, FaceModels, RGBFrame
from kiosk.face.liveness import Event, EventDetector, Sample


def read_image(path: Path) -> RGBFrame:
    """An image file as contiguous RGB, or ``ImageUnreadable`` saying why."""
    if not path.is_file():
        raise ImageUnreadable(f"{path}: no such file")
    data = np.fromfile(str(path), dtype=np.uint8)
    bgr: npt.NDArray[Any] | None = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if bgr is None:
        raise ImageUnreadable(f"{path}: not a readable image")
    return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


def find_faces(models: FaceModels, rgb: RGBFrame, max_side: int = 1024) -> list[Box]:
    """Faces in a still, left to right: HOG with upsample 1 on a copy at most ``max_side``
    pixels (a 2000 px photo costs seconds otherwise), boxes mapped back to full resolution."""
    h, w = rgb.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    small = rgb
    if scale < 1.0:
        small = np.ascontiguousarray(
            cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        )
    boxes = [
        Box(round(b.left / scale), round(b.top / scale), round(b.right / scale),
            round(b.bottom / scale))
        for b in models.detect(small, 1)
    ]
    return sorted(boxes, key=lambda b: b.left)


@dataclass(frozen=True)
class PhotoFaces:
    faces: int
    descriptor: Descriptor | None  # only when exactly one face


def describe_photo(models: FaceModels, rgb: RGBFrame, *, aligned: bool = False) -> PhotoFaces:
    """Descriptor of the single face in a still (HOG upsample 1, 5-point alignment).

    ``aligned``: the image already is a 150x150 dlib face chip; it goes straight to the
    descriptor (the detector is meaningless on chips).
    """
    if aligned:
        chip = rgb
        if chip.shape[:2] != (CHIP_SIZE, CHIP_SIZE):
            chip = np.ascontiguousarray(cv2.resize(rgb, (CHIP_SIZE, CHIP_SIZE)))
        return PhotoFaces(1, models.descriptors([chip])[0])
    boxes = find_faces(models, rgb)
    if len(boxes) != 1:
        return PhotoFaces(len(boxes), None)
    return PhotoFaces(1, models.descriptors([models.chip(rgb, boxes[0])])[0])


@dataclass(frozen=True)
class ClipReport:
    frames: int
    frames_with_face: int
    events: tuple[Event, ...]
    ms_per_frame: tuple[float, ...]

    def as_json(self) -> dict[str, Any]:
        ms = sorted(self.ms_per_frame)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))] if ms else 0.0
        return {
            "frames": self.frames,
            "frames_with_face": self.frames_with_face,
            "events": [
                {"kind": e.kind.value, "frame": e.index}
                for e in sorted(self.events, key=lambda e: e.index)
            ],
            "ms_per_frame": {
                "median": round(statistics.median(ms), 2) if ms else 0.0,
                "p95": round(p95, 2),
            },
        }


def analyse_clip(
    models: FaceModels,
    source: FrameSource,
    *,
    fps: float = 30.0,
    config: AnalyzerConfig | None = None,
) -> ClipReport:
    """Passive liveness signals in a clip: every blink, mouth opening and head turn, per face
    (the baselines restart when the tracked face changes)."""
    analyzer = FrameAnalyzer(models, config)
    detector = EventDetector()
    track: int | None = None
    events: list[Event] = []
    times: list[float] = []
    n = with_face = 0
    while (frame := source.read()) is not None:
        t0 = time.perf_counter()
        a = analyzer.analyse(frame, n / fps)
        if a.track_id is not None and a.track_id != track:
            detector.reset()
            track = a.track_id
        yaw = a.pose.yaw if a.pose else None
        events.extend(detector.feed(Sample(a.t, a.index, a.track_id, a.ear, a.mar, yaw)))
        times.append((time.perf_counter() - t0) * 1000.0)
        with_face += a.has_face
        n += 1
    return ClipReport(n, with_face, tuple(events), tuple(times))
