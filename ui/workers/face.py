"""Face verification off the GUI thread.

The worker analyses the newest camera frame only (per-frame analysis, quality gate and liveness
in this thread; the 128-D descriptor in the face module's separate process) and reports
progress and the outcome as check-in events tagged with the session they belong to. A check
for a session that has ended is dropped as soon as the GUI says so (``stop_check``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PySide6.QtCore import QThread, Signal

from kiosk.checkin import FaceFailed, FaceVerified, WorkFailed
from kiosk.errors import KioskError
from ui.workers.slot import LatestSlot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FaceProgress:
    """What the face screen shows: one instruction at a time, the challenge, how far along."""

    session: int
    guide: str | None  # a guidance key ("too_far", "too_dark", ...); None = position is fine
    challenge: str | None  # a challenge key ("blink", "open_mouth", "turn_left", ...)
    step: int  # challenges passed
    steps: int  # challenges in this check
    face_in_view: bool
    outcome: bool | None = None  # True verified, False failed, None still going
    detail: str = ""  # why it failed (for staff)


class FaceCheck(Protocol):
    """One verification attempt, fed frame by frame (created and used in the worker thread)."""

    def feed(self, frame: np.ndarray, t: float) -> FaceProgress: ...

    def close(self) -> None: ...


CheckFactory = Callable[[int, str, int], FaceCheck]  # (session, participant_id, attempt)


class FaceWorker(QThread):
    progress = Signal(object)  # FaceProgress
    result = Signal(object)  # FaceVerified | FaceFailed | WorkFailed

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("face")
        self._slot: LatestSlot[np.ndarray] = LatestSlot()
        self._lock = threading.Lock()
        self._wanted: tuple[int, str, int] | None = None  # (session, participant, attempt)
        self._factory: CheckFactory | None = None
        self.frames_analysed = 0

    def set_factory(self, factory: CheckFactory) -> None:
        """Called once the models have loaded (any thread)."""
        with self._lock:
            self._factory = factory
        self._slot.put(np.zeros((1, 1, 3), np.uint8))  # wake the loop

    @property
    def ready(self) -> bool:
        with self._lock:
            return self._factory is not None

    def start_check(self, session: int, participant_id: str, attempt: int) -> None:
        with self._lock:
            self._wanted = (session, participant_id, attempt)
        self._slot.clear()

    def stop_check(self, session: int) -> None:
        with self._lock:
            if self._wanted is not None and self._wanted[0] == session:
                self._wanted = None

    def offer(self, frame: np.ndarray) -> None:
        with self._lock:
            active = self._wanted is not None
        if active:
            self._slot.put(frame)

    def stop(self) -> None:
        self.requestInterruption()
        self._slot.close()
        self.wait()

    def run(self) -> None:
        check: FaceCheck | None = None
        running: tuple[int, str, int] | None = None
        try:
            while not self.isInterruptionRequested():
                frame = self._slot.take(0.2)
                with self._lock:
                    wanted, factory = self._wanted, self._factory
                if wanted != running:
                    if check is not None:
                        check.close()
                    check, running = None, None
                if wanted is None:
                    continue
                if factory is None:
                    self.progress.emit(FaceProgress(wanted[0], "preparing", None, 0, 0, False))
                    continue
                if check is None:
                    try:
                        check = factory(*wanted)
                    except KioskError as exc:
                        self._finish(wanted, WorkFailed(wanted[0], f"face check: {exc.detail}"))
                        continue
                    running = wanted
                if frame is None or frame.shape[0] < 2:
                    continue
                try:
                    p = check.feed(frame, time.monotonic())
                except Exception as exc:
                    log.exception("face analysis failed (a bug)")
                    self._finish(wanted, WorkFailed(wanted[0], f"face check: {exc!r}"))
                    continue
                self.frames_analysed += 1
                self.progress.emit(p)
                if p.outcome is not None:
                    event = (FaceVerified(wanted[0]) if p.outcome
                             else FaceFailed(wanted[0], p.detail))
                    self._finish(wanted, event)
        finally:
            if check is not None:
                check.close()

    def _finish(self, wanted: tuple[int, str, int], event: object) -> None:
        with self._lock:
            if self._wanted == wanted:
                self._wanted = None
        self.result.emit(event)
