"""Glue between the face module and the face worker: one ``FaceCheck`` per verification attempt.

Per frame (in the face worker thread): the face module's analyser measures the frame, the
liveness session asks for random challenges; once they pass, the best frontal frame of the same
face is aligned to a chip and its 128-D descriptor is computed in the descriptor process, then
compared with the enrolled template. Nothing here keeps an image after the attempt.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kiosk.errors import ModelMissing
from kiosk.face import quality, templates
from kiosk.face.analyzer import FrameAnalysis, FrameAnalyzer
from kiosk.face.engine import Box, DescriptorWorker, FaceModels
from kiosk.face.liveness import EventKind, LivenessConfig, LivenessSession, Phase, Sample
from kiosk.store import Store
from ui.workers.face import FaceProgress

log = logging.getLogger(__name__)

Template = npt.NDArray[np.float64]
TemplateSource = Callable[[str], Template | None]

_CHALLENGE_KEYS = {
    EventKind.BLINK: "blink",
    EventKind.MOUTH_OPEN: "open_mouth",
    EventKind.TURN_LEFT: "turn_left",
    EventKind.TURN_RIGHT: "turn_right",
}


def has_template(store: Store, noka: str) -> bool:
    """An enrolled face template exists for ``noka``."""
    return templates.has_template(store, noka)


def guide_of(a: FrameAnalysis) -> tuple[str | None, float]:
    """The quality gate's one instruction (None when the frame is good) and the frame's score."""
    verdict = quality.assess(a)
    return (None if verdict.guidance is None else verdict.guidance.value), verdict.score


@dataclass
class LiveCheck:
    """One attempt: liveness challenges, then a 1:1 match of the same face."""

    session: int
    analyzer: FrameAnalyzer
    liveness: LivenessSession
    descriptors: DescriptorWorker
    template: Template
    threshold: float
    _best: tuple[float, np.ndarray, Box] | None = None  # (score, frame, box) best for matching
    _future: Future[list[Template]] | None = field(default=None)

    def feed(self, frame: np.ndarray, t: float) -> FaceProgress:
        a = self.analyzer.analyse(frame, t)
        yaw = a.pose.yaw if a.pose is not None else None
        if self._future is not None:
            return self._matching(a)
        st = self.liveness.feed(Sample(t, a.index, a.track_id, a.ear, a.mar, yaw))
        guide, score = guide_of(a)
        if a.has_face and a.box is not None and yaw is not None and st.track_id == a.track_id:
            # Gate-approved frames first (by the gate's score), else the most frontal one.
            rank = score + 10.0 if guide is None else -abs(yaw)
            if self._best is None or rank > self._best[0]:
                self._best = (rank, frame, a.box)
        steps = len(st.challenges)
        if st.phase is Phase.FAILED:
            reason = st.reason.value if st.reason else "liveness failed"
            log.info("liveness attempt failed: %s (challenges %s, step %d)", reason,
                     [c.value for c in st.challenges], st.step)
            return self._progress(a, None, st.step, steps, False, f"liveness: {reason}")
        if st.phase is Phase.PASSED:
            if self._best is None:
                return self._progress(a, None, steps, steps, False, "liveness: no frontal frame")
            _, best, box = self._best
            chip = self.analyzer.models.chip(np.ascontiguousarray(best), box)
            self._best = None  # no image kept beyond what the match needs
            self._future = self.descriptors.submit([chip])
            return self._progress(a, "matching", steps, steps, None)
        return self._progress(a, guide, st.step, steps, None)

    def _matching(self, a: FrameAnalysis) -> FaceProgress:
        fut = self._future
        assert fut is not None
        n = len(self.liveness.state.challenges)
        if not fut.done():
            return self._progress(a, "matching", n, n, None)
        (descriptor,) = fut.result()
        distance = float(np.linalg.norm(descriptor - self.template))
        ok = distance < self.threshold
        log.info("face match distance %.3f (threshold %.2f): %s", distance, self.threshold,
                 "same person" if ok else "different person")
        return self._progress(a, "matching", n, n, ok, f"match distance {distance:.2f}")

    def _progress(self, a: FrameAnalysis, guide: str | None, step: int, steps: int,
                  outcome: bool | None, detail: str = "") -> FaceProgress:
        st = self.liveness.state
        challenge = _CHALLENGE_KEYS.get(st.challenge) if st.challenge else None
        return FaceProgress(self.session, guide, challenge, step, steps, a.has_face,
                            outcome, detail)

    def close(self) -> None:
        if self._future is not None:
            self._future.cancel()
        self._best = None


@dataclass
class FaceKit:
    """The loaded models and the descriptor process, shared by every check."""

    models: FaceModels
    descriptors: DescriptorWorker
    templates: TemplateSource
    threshold: float
    liveness: LivenessConfig = field(default_factory=LivenessConfig)
    rng: random.Random = field(default_factory=random.SystemRandom)
    owns_descriptors: bool = True  # False when the descriptor process outlives the kiosk

    def check(self, session: int, participant_id: str, attempt: int) -> LiveCheck:
        template = self.templates(participant_id)
        if template is None:
            raise ModelMissing(f"no face template for participant {participant_id}")
        cfg = self.liveness
        # The check-in flow counts attempts; each check is one attempt.
        single = LivenessConfig(**{**cfg.__dict__, "max_attempts": 1})
        return LiveCheck(session, FrameAnalyzer(self.models), LivenessSession(self.rng, single),
                         self.descriptors, template, self.threshold)

    def close(self) -> None:
        if self.owns_descriptors:
            self.descriptors.close()
