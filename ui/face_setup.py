"""Glue between the face module and the face worker: one ``LiveCheck`` per verification attempt.

Each attempt is one ``kiosk.face.session.VerificationSession`` (quality gate, random challenges
done by one tracked face, then the 1:1 match of the mean descriptor of its best 3-5 frames,
aligned with the 5-point model). Its liveness allows one attempt: ``kiosk.checkin`` counts the
attempts, shows "try again" and sends the patient to staff after ``[face] max_attempts``. Here
the session's updates only become plain data for the screen and the check-in flow.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
import numpy.typing as npt

from kiosk.checkin import FaceFailed, FaceVerified
from kiosk.errors import KioskError, ModelMissing
from kiosk.face import templates
from kiosk.face.analyzer import FrameAnalyzer
from kiosk.face.engine import DescriptorWorker, FaceModels
from kiosk.face.liveness import Phase
from kiosk.face.session import Outcome, VerificationSession, VerifyConfig, VerifyUpdate
from kiosk.store import Store
from ui.workers.face import FaceProgress, FaceResult, FaceStage

log = logging.getLogger(__name__)

Template = npt.NDArray[np.float64]
TemplateSource = Callable[[str], Template | None]

_STAGES = {
    Phase.BASELINE: FaceStage.POSITIONING,
    Phase.WAITING: FaceStage.CHALLENGES,
    Phase.PROMPT: FaceStage.CHALLENGES,
    Phase.PASSED: FaceStage.MATCHING,
    Phase.FAILED: FaceStage.DONE,
}


def has_template(store: Store, noka: str) -> bool:
    """An enrolled face template exists for ``noka``."""
    return templates.has_template(store, noka)


def progress_of(session: int, attempt: int, u: VerifyUpdate) -> FaceProgress:
    st = u.liveness
    return FaceProgress(
        session, attempt, FaceStage.DONE if u.outcome is not None else _STAGES[st.phase],
        u.guidance, st.challenge, st.step, len(st.challenges), u.analysis.has_face)


def detail_of(u: VerifyUpdate) -> str:
    """Why an attempt ended, in the words staff read on the case."""
    distance = "" if u.distance is None else f" (match distance {u.distance:.2f})"
    if u.outcome is Outcome.LIVENESS_FAILED:
        reason = u.liveness.reason
        return f"liveness: {reason.value if reason else 'failed'}"
    if u.outcome is Outcome.NO_MATCH:
        return f"different person{distance}"
    if u.outcome is Outcome.FACE_CHANGED:
        return "face changed during the check"
    if u.outcome is Outcome.NO_GOOD_FRAME:
        return "no frame good enough to match"
    return f"verified{distance}"


def result_of(session: int, attempt: int, u: VerifyUpdate) -> FaceResult | None:
    if u.outcome is None:
        return None
    detail = detail_of(u)
    event = FaceVerified(session) if u.outcome is Outcome.MATCH else FaceFailed(session, detail)
    return FaceResult(session, attempt, event, detail)


@dataclass
class LiveCheck:
    """One attempt; fed in the face worker thread only."""

    session: int
    attempt: int
    verification: VerificationSession

    def feed(self, frame: np.ndarray, t: float) -> tuple[FaceProgress, FaceResult | None]:
        u = self.verification.feed(frame, t)
        result = result_of(self.session, self.attempt, u)
        if result is not None:
            log.info("face attempt %d: %s", self.attempt, result.detail)
        return progress_of(self.session, self.attempt, u), result

    def close(self) -> None:
        self.verification.close()


@dataclass
class FaceKit:
    """The loaded models and the descriptor process, shared by every check."""

    models: FaceModels
    descriptors: DescriptorWorker
    templates: TemplateSource
    config: VerifyConfig  # ``VerifyConfig.from_settings(settings)`` in production
    rng: random.Random = field(default_factory=random.SystemRandom)
    owns_descriptors: bool = True  # False when the descriptor process outlives the kiosk

    def check(self, session: int, participant_id: str, attempt: int) -> LiveCheck:
        template = self.templates(participant_id)
        if template is None:
            raise ModelMissing(f"no face template for participant {participant_id}")
        one = replace(self.config, liveness=replace(self.config.liveness, max_attempts=1))
        verification = VerificationSession(
            FrameAnalyzer(self.models), self.descriptors, template, self.rng, one)
        return LiveCheck(session, attempt, verification)

    def close(self) -> None:
        if self.owns_descriptors:
            self.descriptors.close()


def record_job(participant_id: str, passed: bool, now: datetime,
               detail: str) -> Callable[[Store], None]:
    """An I/O-worker job writing one attempt's result for the staff daily summary. A store
    that cannot take it is logged: the patient's check-in does not wait on a statistic."""

    def job(store: Store) -> None:
        from kiosk.staff.summary import record_verification  # reportlab: not at start-up

        try:
            record_verification(store, participant_id, passed, now, detail)
        except KioskError as exc:
            log.error("verification result not recorded: %s", exc.detail)

    return job
