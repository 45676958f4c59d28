"""Code scanning (IKD QR, JKN card) on the newest camera frame, off the GUI thread."""

from __future__ import annotations

import logging
import time

import numpy as np
from PySide6.QtCore import QThread, Signal

from ui.workers.slot import LatestSlot

log = logging.getLogger(__name__)

REPEAT_S = 3.0  # the same code held in front of the camera counts once


class ScanWorker(QThread):
    """``offer(frame)`` from the GUI; emits ``codeFound(str)`` with each new payload."""

    codeFound = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scanner")
        self._slot: LatestSlot[np.ndarray] = LatestSlot()
        self._last: tuple[str, float] | None = None
        self.frames_scanned = 0

    def offer(self, frame: np.ndarray) -> None:
        self._slot.put(frame)

    def forget(self) -> None:
        """A new session: the same code may be scanned again at once."""
        self._slot.clear()
        self._last = None

    def stop(self) -> None:
        self.requestInterruption()
        self._slot.close()
        self.wait()

    def run(self) -> None:
        from kiosk.identity.decode import decode_frame

        while not self.isInterruptionRequested():
            frame = self._slot.take(0.2)
            if frame is None:
                continue
            try:
                codes = decode_frame(frame)
            except Exception:
                log.exception("code decoding failed on a frame")
                continue
            self.frames_scanned += 1
            now = time.monotonic()
            for code in codes:
                if self._last and self._last[0] == code.payload and now - self._last[1] < REPEAT_S:
                    continue
                self._last = (code.payload, now)
                self.codeFound.emit(code.payload)
                break
