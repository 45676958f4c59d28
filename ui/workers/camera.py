"""Camera capture in a QThread that owns the device.

The FrameSource is opened inside ``run()`` (so a slow or missing device never blocks the GUI) and
only the newest frame is offered: while the GUI has not acknowledged the previous frame, newer
frames replace it instead of piling up in the event queue.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QThread, Signal

from kiosk.errors import CameraUnavailable, KioskError

log = logging.getLogger(__name__)


class FrameSource(Protocol):
    def read(self) -> Any: ...

    def close(self) -> None: ...


class CameraWorker(QThread):
    """Emits ``frameReady(ndarray)`` (RGB, newest only) and ``unavailable(str)`` once on failure."""

    frameReady = Signal(object)
    unavailable = Signal(str)

    def __init__(self, open_source: Callable[[], FrameSource], fps_cap: float = 30.0) -> None:
        super().__init__()
        self.setObjectName("camera")
        self._open = open_source
        self._period = 1.0 / fps_cap
        self._in_flight = threading.Event()
        self.frames_read = 0
        self.frames_emitted = 0

    def ack(self) -> None:
        """The GUI has drawn the last frame: the next one may be sent."""
        self._in_flight.clear()

    def stop(self) -> None:
        self.requestInterruption()
        self.wait()

    def run(self) -> None:
        try:
            source = self._open()
        except CameraUnavailable as exc:
            log.warning("camera unavailable: %s", exc.detail)
            self.unavailable.emit(exc.detail)
            return
        except KioskError as exc:
            log.error("camera could not be opened: %s", exc.detail)
            self.unavailable.emit(exc.detail)
            return
        try:
            self._loop(source)
        finally:
            source.close()

    def _loop(self, source: FrameSource) -> None:
        failures = 0
        next_at = time.monotonic()
        while not self.isInterruptionRequested():
            try:
                frame = _frame_of(source.read())
            except KioskError as exc:
                frame = None
                log.warning("camera read failed: %s", exc.detail)
            if frame is None:
                failures += 1
                if failures >= 50:
                    self.unavailable.emit("the camera stopped delivering frames")
                    return
                time.sleep(0.05)
                continue
            failures = 0
            self.frames_read += 1
            if not self._in_flight.is_set():
                self._in_flight.set()
                self.frames_emitted += 1
                self.frameReady.emit(frame)
            # Pace replayed files like a live camera (a device paces itself; this is a no-op).
            next_at += self._period
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                next_at = time.monotonic()


def _frame_of(item: Any) -> np.ndarray | None:
    """Sources return an array, or an object with ``.image``/``.rgb``, or None at a hiccup."""
    if item is None:
        return None
    if isinstance(item, np.ndarray):
        return item
    for name in ("rgb", "image", "frame"):
        value = getattr(item, name, None)
        if isinstance(value, np.ndarray):
            return value
    raise TypeError(f"camera source returned {type(item).__name__}")
