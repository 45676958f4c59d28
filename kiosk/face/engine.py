"""dlib models, loaded once and explicitly: HOG detector, landmark predictors, ResNet descriptor.

Frames are contiguous ``uint8`` RGB arrays (H, W, 3). The 68-point predictor sits behind the
``LandmarkModel`` protocol because its training set (iBUG 300-W) excludes commercial use: a
differently licensed model can replace it there. Descriptors are always aligned with the
5-point model, which has no such restriction.

The ResNet descriptor holds Python's GIL (~73 ms per face), so ``DescriptorWorker`` runs it in a
spawned child process that loads the network once; callers get ``concurrent.futures.Future``s.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from kiosk import paths
from kiosk.errors import ModelMissing

log = logging.getLogger(__name__)

RGBFrame = npt.NDArray[np.uint8]  # (H, W, 3) contiguous RGB
Descriptor = npt.NDArray[np.float64]  # (128,)

PREDICTOR_68 = "shape_predictor_68_face_landmarks.dat"
PREDICTOR_5 = "shape_predictor_5_face_landmarks.dat"
RESNET = "dlib_face_recognition_resnet_model_v1.dat"
CHIP_SIZE = 150
CHIP_PADDING = 0.25


@dataclass(frozen=True)
class Box:
    """A face rectangle in frame pixels (right/bottom exclusive, like dlib)."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0

    def iou(self, other: Box) -> float:
        ix = max(0, min(self.right, other.right) - max(self.left, other.left))
        iy = max(0, min(self.bottom, other.bottom) - max(self.top, other.top))
        inter = ix * iy
        union = self.width * self.height + other.width * other.height - inter
        return inter / union if union > 0 else 0.0


class LandmarkModel(Protocol):
    """The seam for the 68-point model: (68, 2) float64 pixel points in iBUG order."""

    def __call__(self, frame: RGBFrame, box: Box) -> npt.NDArray[np.float64]: ...


def model_file(name: str, models_dir: Path | None = None) -> Path:
    """The path of one model file, or ``ModelMissing`` naming it and where it was looked for."""
    folder = models_dir if models_dir is not None else paths.face_models_dir()
    path = folder / name
    if not path.is_file():
        raise ModelMissing(
            f"face model file {name} not found in {folder} "
            "(install the face_recognition_models package or fix the bundle)"
        )
    return path


def as_rgb(frame: npt.NDArray[Any]) -> RGBFrame:
    """dlib wants C-contiguous uint8 RGB; views from slicing or cv2.flip are not."""
    if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[2] != 3:
        raise ValueError(f"expected an (H, W, 3) uint8 RGB frame, got {frame.dtype} {frame.shape}")
    return np.ascontiguousarray(frame)


def _rect(box: Box) -> Any:
    import dlib

    return dlib.rectangle(int(box.left), int(box.top), int(box.right), int(box.bottom))


def _points(shape: Any) -> npt.NDArray[np.float64]:
    return np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float64)


class DlibLandmarks68:
    """The iBUG 300-W trained 68-point predictor (non-commercial training data, see README)."""

    def __init__(self, path: Path) -> None:
        import dlib

        self._predictor = dlib.shape_predictor(str(path))

    def __call__(self, frame: RGBFrame, box: Box) -> npt.NDArray[np.float64]:
        return _points(self._predictor(frame, _rect(box)))


class FaceModels:
    """Detector + landmark models in this process (the descriptor net only where asked)."""

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        landmarks: LandmarkModel | None = None,
        with_descriptor: bool = False,
    ) -> None:
        import dlib

        # Resolve every file first so the error names the first missing one before any loading.
        p5 = model_file(PREDICTOR_5, models_dir)
        p68 = None if landmarks is not None else model_file(PREDICTOR_68, models_dir)
        pnet = model_file(RESNET, models_dir) if with_descriptor else None
        self._detector = dlib.get_frontal_face_detector()
        self._predictor5 = dlib.shape_predictor(str(p5))
        self.landmarks: LandmarkModel = landmarks if landmarks is not None else DlibLandmarks68(
            p68  # type: ignore[arg-type]
        )
        self._net = dlib.face_recognition_model_v1(str(pnet)) if pnet is not None else None

    def detect(self, frame: RGBFrame, upsample: int = 0) -> list[Box]:
        """HOG frontal faces, largest first. Releases the GIL while it runs."""
        rects = self._detector(frame, upsample)
        boxes = [Box(r.left(), r.top(), r.right(), r.bottom()) for r in rects]
        return sorted(boxes, key=lambda b: b.width * b.height, reverse=True)

    def detect_scored(
        self, frame: RGBFrame, upsample: int = 0, threshold: float = 0.0
    ) -> list[tuple[Box, float]]:
        """HOG faces with their scores; a negative ``threshold`` also finds turned faces."""
        rects, scores, _ = self._detector.run(frame, upsample, threshold)
        found = [
            (Box(r.left(), r.top(), r.right(), r.bottom()), float(s))
            for r, s in zip(rects, scores, strict=True)
        ]
        return sorted(found, key=lambda bs: bs[1], reverse=True)

    def chip(self, frame: RGBFrame, box: Box) -> RGBFrame:
        """The 150x150 face chip aligned with the 5-point model (what the descriptor expects)."""
        import dlib

        shape = self._predictor5(frame, _rect(box))
        chip: RGBFrame = np.ascontiguousarray(
            dlib.get_face_chip(frame, shape, size=CHIP_SIZE, padding=CHIP_PADDING)
        )
        return chip

    def descriptors(self, chips: Sequence[RGBFrame]) -> list[Descriptor]:
        """In-process descriptors (CLI, tests). Interactive code uses ``DescriptorWorker``."""
        if self._net is None:
            raise RuntimeError("FaceModels was created without the descriptor network")
        return _describe(self._net, chips)


def load_models(
    models_dir: Path | None = None,
    *,
    landmarks: LandmarkModel | None = None,
    with_descriptor: bool = False,
) -> FaceModels:
    """Load the models once (raises ``ModelMissing`` naming the file); log what was loaded."""
    models = FaceModels(models_dir, landmarks=landmarks, with_descriptor=with_descriptor)
    log.info(
        "face models loaded from %s (descriptor in-process: %s)",
        models_dir or paths.face_models_dir(),
        with_descriptor,
    )
    return models


def _describe(net: Any, chips: Sequence[RGBFrame]) -> list[Descriptor]:
    out: list[Descriptor] = []
    for chip in chips:
        if chip.shape != (CHIP_SIZE, CHIP_SIZE, 3):
            raise ValueError(f"face chips must be {CHIP_SIZE}x{CHIP_SIZE} RGB, got {chip.shape}")
        out.append(np.array(net.compute_face_descriptor(np.ascontiguousarray(chip)), dtype=float))
    return out


# -- descriptor child process -------------------------------------------------------------
_worker_net: Any = None


def _worker_init(resnet_path: str) -> None:
    import dlib

    global _worker_net
    _worker_net = dlib.face_recognition_model_v1(resnet_path)


def _worker_describe(chips: list[RGBFrame]) -> list[Descriptor]:
    return _describe(_worker_net, chips)


def _worker_ping() -> bool:
    return _worker_net is not None


class DescriptorWorker:
    """ResNet descriptors computed in one spawned child process (loads the net once there).

    ``submit(chips)`` returns a ``Future[list[Descriptor]]`` so a Qt worker thread can wait
    on it without blocking the preview. Use as a context manager or call ``close()``.
    """

    def __init__(self, models_dir: Path | None = None) -> None:
        path = model_file(RESNET, models_dir)
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init,
            initargs=(str(path),),
        )
        # Starts the child and loads the network now, not on the first real request.
        self._ready = self._pool.submit(_worker_ping)

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the child has loaded the network (raises if it could not)."""
        if not self._ready.result(timeout=timeout):
            raise RuntimeError("descriptor worker failed to load the network")

    def submit(self, chips: Sequence[RGBFrame]) -> Future[list[Descriptor]]:
        return self._pool.submit(_worker_describe, [np.ascontiguousarray(c) for c in chips])

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> DescriptorWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
