"""One face verification, frame by frame: quality gate, liveness challenges, then the 1:1 match
on descriptors from the best frames of the face that answered them.

Made for a worker thread: ``feed(frame, t)`` never blocks (descriptors are computed by the
``DescriptorWorker`` child process while the challenges run) and returns a frozen
``VerifyUpdate`` for the UI. Frames themselves are never kept: only 150x150 chips in flight to
the descriptor process, and descriptors.
"""

from __future__ import annotations

import enum
import logging
import random
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import numpy.typing as npt

from kiosk.config import Settings
from kiosk.face import matching
from kiosk.face.analyzer import FrameAnalysis, FrameAnalyzer
from kiosk.face.engine import Descriptor, DescriptorWorker, as_rgb
from kiosk.face.liveness import LivenessConfig, LivenessSession, LivenessState, Phase, Sample
from kiosk.face.quality import Guidance, QualityConfig, assess

log = logging.getLogger(__name__)


class Outcome(enum.Enum):
    MATCH = "match"
    NO_MATCH = "no_match"  # a live face, but not the enrolled person
    LIVENESS_FAILED = "liveness_failed"  # see ``VerifyUpdate.liveness.reason``
    FACE_CHANGED = "face_changed"  # the descriptors show more than one person took part
    NO_GOOD_FRAME = "no_good_frame"  # passed the challenges, but never a frame fit to match


@dataclass(frozen=True)
class VerifyConfig:
    threshold: float = matching.DEFAULT_THRESHOLD
    probe_frames: int = 5  # descriptors averaged for the match (best-scored good frames)
    sample_every_s: float = 0.35  # how often a good frame is sent for a descriptor
    max_samples: int = 12
    final_frame_s: float = 3.0  # after the last challenge, wait this long for a good frame
    quality: QualityConfig = field(default_factory=QualityConfig)
    liveness: LivenessConfig = field(default_factory=LivenessConfig)

    @staticmethod
    def from_settings(settings: Settings) -> VerifyConfig:
        """Threshold and attempts from ``[face]``, the per-attempt limit from ``[timeouts]``."""
        return VerifyConfig(
            threshold=settings.face.match_threshold,
            liveness=LivenessConfig(
                max_attempts=settings.face.max_attempts, attempt_s=settings.timeouts.face_s
            ),
        )


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    distance: float | None


def decide(
    scored: Sequence[tuple[float, Descriptor]],
    template: Descriptor,
    threshold: float,
    probe_frames: int = 5,
) -> Decision:
    """Pure: every sampled descriptor must be one person (else FACE_CHANGED); the mean of the
    best ``probe_frames`` of them is compared with the template."""
    if not scored:
        raise ValueError("no descriptors to decide on")
    descriptors = [d for _, d in scored]
    if not matching.same_person(descriptors, threshold):
        return Decision(Outcome.FACE_CHANGED, None)
    best = [d for _, d in sorted(scored, key=lambda sd: sd[0], reverse=True)[:probe_frames]]
    result = matching.compare(best, [template], threshold)
    return Decision(Outcome.MATCH if result.match else Outcome.NO_MATCH, result.distance)


@dataclass(frozen=True)
class VerifyUpdate:
    analysis: FrameAnalysis
    guidance: Guidance | None  # what to tell the person now (before the challenges start)
    liveness: LivenessState
    outcome: Outcome | None = None  # set once, on the update that ends the session
    distance: float | None = None


class VerificationSession:
    def __init__(
        self,
        analyzer: FrameAnalyzer,
        worker: DescriptorWorker,
        template: Descriptor,
        rng: random.Random,
        config: VerifyConfig | None = None,
    ) -> None:
        self.config = config or VerifyConfig()
        self._analyzer = analyzer
        self._worker = worker
        self._template = template
        self._liveness = LivenessSession(rng, self.config.liveness)
        self._pending: list[tuple[float, Future[list[Descriptor]]]] = []
        self._last_sample_t: float | None = None
        self._final_sent = False
        self._attempt = 1
        self.done: VerifyUpdate | None = None

    def feed(self, frame: npt.NDArray[Any], t: float) -> VerifyUpdate:
        if self.done is not None:
            return self.done
        a = self._analyzer.analyse(frame, t)
        verdict = assess(a, self.config.quality)
        st = self._liveness.state
        if st.attempt != self._attempt:  # a failed attempt: its samples may be someone else
            self._attempt = st.attempt
            self._cancel()
        if st.phase is Phase.BASELINE and not verdict.ok:
            # The challenges start from a good frame; until then only guidance is shown, and
            # the attempt's clock runs (someone who never gets a good frame times out).
            st = self._liveness.feed(Sample(t, a.index))
            if st.phase is Phase.FAILED:
                return self._finish(VerifyUpdate(a, verdict.guidance, st,
                                                 Outcome.LIVENESS_FAILED))
            return VerifyUpdate(a, verdict.guidance, st)
        yaw = a.pose.yaw if a.pose is not None else None
        st = self._liveness.feed(Sample(t, a.index, a.track_id, a.ear, a.mar, yaw))
        if st.phase is Phase.FAILED:
            self._cancel()
            return self._finish(VerifyUpdate(a, None, st, Outcome.LIVENESS_FAILED))
        same_track = a.track_id is not None and a.track_id == st.track_id
        if verdict.ok and same_track and a.box is not None:
            due = self._last_sample_t is None or (
                t - self._last_sample_t >= self.config.sample_every_s
            )
            final = st.phase is Phase.PASSED and not self._final_sent
            if final or (due and len(self._pending) < self.config.max_samples):
                chip = self._analyzer.models.chip(as_rgb(frame), a.box)
                self._pending.append((verdict.score, self._worker.submit([chip])))
                self._last_sample_t = t
                self._final_sent = self._final_sent or final
        if st.phase is Phase.PASSED and st.passed_t is not None and not self._final_sent and (
            t - st.passed_t > self.config.final_frame_s
        ):
            if not self._pending:
                return self._finish(VerifyUpdate(a, None, st, Outcome.NO_GOOD_FRAME))
            self._final_sent = True  # decide on the frames sampled during the challenges
        if (
            st.phase is Phase.PASSED
            and self._final_sent
            and all(f.done() for _, f in self._pending)
        ):
            scored = [(s, f.result()[0]) for s, f in self._pending]
            d = decide(scored, self._template, self.config.threshold, self.config.probe_frames)
            log.info("face verification: %s (distance %s, %d frames)", d.outcome.value,
                     "n/a" if d.distance is None else f"{d.distance:.3f}", len(scored))
            return self._finish(VerifyUpdate(a, None, st, d.outcome, d.distance))
        return VerifyUpdate(a, verdict.guidance if st.phase is Phase.BASELINE else None, st)

    def close(self) -> None:
        """Abandoned (the patient left, the screen reset): drop descriptor work still queued."""
        self._cancel()

    def _finish(self, update: VerifyUpdate) -> VerifyUpdate:
        self.done = update
        return update

    def _cancel(self) -> None:
        for _, f in self._pending:
            f.cancel()
        self._pending = []
        self._final_sent = False
        self._last_sample_t = None


