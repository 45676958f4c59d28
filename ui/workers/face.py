"""Face verification off the GUI thread.

The worker feeds the newest camera frame only to the current check (``kiosk.face.session``'s
``VerificationSession``: analysis, quality gate and liveness in this thread, the 128-D
descriptors in the face module's separate process) and sends plain frozen data to the GUI:
``FaceProgress`` for the screen and one ``FaceResult`` per attempt, both tagged with the
session and attempt they belong to. It never touches a widget. A check for a session that has
ended is dropped as soon as the GUI says so (``stop_check``).
"""

from __future__ import annotations

import enum
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
from kiosk.face.liveness import Challenge
from kiosk.face.quality import Guidance
from ui.workers.slot import LatestSlot

log = logging.getLogger(__name__)


class FaceStage(enum.Enum):
    PREPARING = "preparing"  # the face models are still loading
    POSITIONING = "positioning"  # the quality gate's guidance until a good frame
    CHALLENGES = "challenges"  # a random pause or a prompt
    MATCHING = "matching"  # the prompts are answered; waiting for the descriptors
    DONE = "done"


@dataclass(frozen=True)
class FaceProgress:
    """What the face screen shows: one instruction at a time, the prompt, how far along."""

    session: int
    attempt: int
    stage: FaceStage
    guidance: Guidance | None = None  # the gate's instruction (POSITIONING); None = fine
    challenge: Challenge | None = None  # the prompt on screen now
    step: int = 0  # prompts answered
    steps: int = 0  # prompts in this attempt
    face_in_view: bool = False


@dataclass(frozen=True)
class FaceResult:
    """How one attempt ended: the check-in event to feed, and what to record for staff."""

    session: int
    attempt: int
    event: FaceVerified | FaceFailed | WorkFailed
    detail: str = ""  # the reason, or the match distance of a pass


class FaceCheck(Protocol):
    """One verification attempt, fed frame by frame (created and used in the worker thread)."""

    def feed(self, frame: np.ndarray, t: float) -> tuple[FaceProgress, FaceResult | None]: ...

    def close(self) -> None: ...


CheckFactory = Callable[[int, str, int], FaceCheck]  # (session, participant_id, attempt)


class FaceWorker(QThread):
    progress = Signal(object)  # FaceProgress
    result = Signal(object)  # FaceResult

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
                session, _, attempt = wanted
                if factory is None:
                    self.progress.emit(FaceProgress(session, attempt, FaceStage.PREPARING))
                    continue
                if check is None:
                    try:
                        check = factory(*wanted)
                    except KioskError as exc:
                        self._finish(wanted, FaceResult(
                            session, attempt, WorkFailed(session, f"face check: {exc.detail}")))
                        continue
                    running = wanted
                if frame is None or frame.shape[0] < 2:
                    continue
                try:
                    progress, result = check.feed(frame, time.monotonic())
                except Exception as exc:
                    log.exception("face analysis failed (a bug)")
                    self._finish(wanted, FaceResult(
                        session, attempt, WorkFailed(session, f"face check: {exc!r}")))
                    continue
                self.frames_analysed += 1
                self.progress.emit(progress)
                if result is not None:
                    self._finish(wanted, result)
        finally:
            if check is not None:
                check.close()

    def _finish(self, wanted: tuple[int, str, int], result: FaceResult) -> None:
        """One result per attempt, and none for an attempt the GUI has already given up on."""
        with self._lock:
            if self._wanted != wanted:
                return
            self._wanted = None
        self.result.emit(result)
