"""Frame sources: a camera device, or a recorded clip replayed as if it were one.

The UI's camera thread owns one source and opens it inside its ``run()``; ``read()`` returns a
contiguous RGB ``uint8`` frame, or None at the end of a non-looping clip (or a device hiccup).
Orientation tags in files (phone clips carry a rotation) are applied here, explicitly, so every
OpenCV build and backend delivers the same upright frames.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.errors import CameraUnavailable

log = logging.getLogger(__name__)

RGBFrame = npt.NDArray[np.uint8]

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


class FrameSource(Protocol):
    def read(self) -> RGBFrame | None: ...

    def close(self) -> None: ...


def _rgb(bgr: npt.NDArray[Any]) -> RGBFrame:
    return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


class VideoFileSource:
    """Replays a recorded clip: optional looping and real-time pacing (at the clip's fps)."""

    def __init__(self, path: Path | str, *, loop: bool = False, realtime: bool = False) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise CameraUnavailable(f"video file {self.path} does not exist")
        self._cap = cv2.VideoCapture(str(self.path))
        if not self._cap.isOpened():
            raise CameraUnavailable(f"cannot open video file {self.path} (not a video?)")
        # Rotate ourselves from the stream's tag rather than trust the backend's auto-rotation.
        self._cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
        meta = int(self._cap.get(cv2.CAP_PROP_ORIENTATION_META)) % 360
        self._rotate = _ROTATE.get(meta)
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        self.fps = fps if fps and fps > 0 else 30.0
        self.loop = loop
        self.realtime = realtime
        self.frame_count = int(self._cap.get(cv2.CAP_PROP_FRAME_COUNT))
        self.rotation = meta if self._rotate is not None else 0
        self._next_at: float | None = None
        ok, first = self._cap.read()
        if not ok:
            self._cap.release()
            raise CameraUnavailable(f"video file {self.path} holds no readable frame")
        self._pending: npt.NDArray[Any] | None = first

    def read(self) -> RGBFrame | None:
        if self._pending is not None:
            bgr, self._pending = self._pending, None
        else:
            ok, bgr = self._cap.read()
            if not ok and self.loop:
                self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, bgr = self._cap.read()
            if not ok:
                return None
        if self.realtime:
            now = time.monotonic()
            if self._next_at is not None and self._next_at > now:
                time.sleep(self._next_at - now)
            self._next_at = max(now, self._next_at or now) + 1.0 / self.fps
        if self._rotate is not None:
            bgr = cv2.rotate(bgr, self._rotate)
        return _rgb(bgr)

    def close(self) -> None:
        self._cap.release()

    def __enter__(self) -> VideoFileSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def quiet_device_probe() -> None:
    """OpenCV's own warnings only: probing an absent device is expected (the kiosk then says
    so itself, in words a person can act on), not console noise."""
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)


class DeviceSource:
    """A V4L2/UVC camera by index; ``CameraUnavailable`` when it is absent or gives no frame."""

    def __init__(self, index: int = 0, width: int = 640, height: int = 480) -> None:
        self.index = index
        quiet_device_probe()
        self._cap = cv2.VideoCapture(index)
        if not self._cap.isOpened():
            self._cap.release()
            raise CameraUnavailable(
                f"camera {index} is not available (unplugged, in use by another program,"
                " or no permission on /dev/video*)"
            )
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        ok, _ = self._cap.read()
        if not ok:
            self._cap.release()
            raise CameraUnavailable(f"camera {index} opened but delivers no frames")

    def read(self) -> RGBFrame | None:
        ok, bgr = self._cap.read()
        if not ok:
            log.warning("camera %d: frame grab failed", self.index)
            return None
        return _rgb(bgr)

    def close(self) -> None:
        self._cap.release()

    def __enter__(self) -> DeviceSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FramedSource:
    """Digital zoom: a fixed region of another source, scaled to the analysis size.

    A camera mounted far from where the patient stands (or a clip filmed across a room) frames
    the face small; cropping to the patient's place gives the face size the quality gate asks for
    without touching the gate. The crop is clamped to the frame.
    """

    def __init__(
        self, source: FrameSource, crop: tuple[int, int, int, int],
        size: tuple[int, int] = (640, 480),
    ) -> None:
        x, y, w, h = crop
        if w <= 0 or h <= 0 or x < 0 or y < 0:
            raise ValueError(f"crop {crop} must have a non-negative origin and a positive size")
        self._source = source
        self._crop = crop
        self._size = size

    def read(self) -> RGBFrame | None:
        frame = self._source.read()
        if frame is None:
            return None
        x, y, w, h = self._crop
        region = frame[y : y + h, x : x + w]
        if region.size == 0:
            return None  # the crop lies outside this frame: nothing of the patient to show
        return np.ascontiguousarray(cv2.resize(region, self._size, interpolation=cv2.INTER_CUBIC))

    def close(self) -> None:
        self._source.close()
