"""Liveness: blink, mouth and head-turn events, and the random challenge state machine.

Pure code, no dlib: it is fed per-frame measurements with timestamps, so it runs the same on a
live camera, a recorded clip or a list of numbers in a test. Thresholds are relative to the
person's own recent baseline (open-eye aspect ratios range from 0.20 to 0.39 between people).
A photo or a screen cannot blink or open its mouth, so every challenge set holds at least one of
those; a response counts only if it *starts* after its prompt; the same tracked face must do
every step; wrong-way turns, timeouts and lost faces fail the attempt, and after
``max_attempts`` the session ends FAILED with a reason for staff.
"""

from __future__ import annotations

import enum
import random
import statistics
from collections import deque
from dataclasses import dataclass, field, replace


class EventKind(enum.Enum):
    BLINK = "blink"
    MOUTH_OPEN = "mouth_open"
    TURN_LEFT = "turn_left"  # the subject's own left
    TURN_RIGHT = "turn_right"


Challenge = EventKind  # a challenge asks for exactly one event kind
_NON_RIGID = (EventKind.BLINK, EventKind.MOUTH_OPEN)
_OPPOSITE = {EventKind.TURN_LEFT: EventKind.TURN_RIGHT, EventKind.TURN_RIGHT: EventKind.TURN_LEFT}


@dataclass(frozen=True)
class Sample:
    """One frame's measurements; ``track_id`` None means no face on this frame."""

    t: float
    index: int = 0
    track_id: int | None = None
    ear: float | None = None
    mar: float | None = None
    yaw: float | None = None


@dataclass(frozen=True)
class Event:
    kind: EventKind
    index: int  # frame where the movement started
    t_start: float  # when the movement started (must be after the prompt to count)
    t: float  # when it was recognised as complete


@dataclass(frozen=True)
class DetectorConfig:
    window_s: float = 1.5  # baseline = median over this much recent, calm signal
    min_baseline: int = 5  # samples needed before anything can be judged
    blink_close: float = 0.72  # eyes count as closing below this fraction of the baseline
    blink_depth: float = 0.68  # ... and must reach this fraction at the deepest point
    blink_reopen: float = 0.85  # ... and come back above this fraction
    blink_min_frames: int = 2  # one low frame is landmark noise, not a blink
    blink_max_s: float = 0.5  # longer closures are squints or looking down
    # Eyelids move, the head does not: a dip while the estimated yaw jumps is a landmark fit
    # gone wrong (a bad box on a tilting photo: 11-22 deg seen), not a blink. Medians, because
    # solvePnP yaw jitters by +-4 deg from frame to frame; real blinks moved it under 3 deg.
    blink_max_yaw_change: float = 10.0
    mouth_rise: float = 0.25  # mouth open = MAR above baseline + this ...
    mouth_min: float = 0.45  # ... and above this absolute value
    mouth_min_frames: int = 2
    turn_deg: float = 20.0  # yaw away from the baseline yaw that counts as a turn
    turn_min_frames: int = 2
    settle_deg: float = 10.0  # a new turn needs the head back within this of the baseline


class EventDetector:
    """Streaming event recogniser for one face (call ``reset`` when the face changes)."""

    def __init__(self, config: DetectorConfig | None = None) -> None:
        self.config = config or DetectorConfig()
        self.reset()

    def reset(self) -> None:
        self._ear: deque[tuple[float, float]] = deque()
        self._mar: deque[tuple[float, float]] = deque()
        self._yaw: deque[tuple[float, float]] = deque()
        self._blink: list[tuple[int, float, float, float]] = []  # (index, t, ear, yaw) closing
        self._open_yaws: deque[float] = deque(maxlen=5)  # yaw on the last open-eye frames
        self._blink_long = False  # the current closure outlasted a blink
        self._mouth: list[tuple[int, float]] = []
        self._mouth_from: tuple[int, float] | None = None
        self._mouth_open = False
        self._turn: list[tuple[int, float, EventKind]] = []
        self._turn_from: tuple[int, float] | None = None
        self._turned = False

    def feed(self, s: Sample) -> list[Event]:
        if s.ear is None or s.mar is None or s.yaw is None:
            self._blink.clear()
            self._mouth.clear()
            self._turn.clear()
            self._mouth_from = self._turn_from = None
            return []
        found = (
            self._feed_blink(s, s.ear, s.yaw),
            self._feed_mouth(s, s.mar),
            self._feed_turn(s, s.yaw),
        )
        return [ev for ev in found if ev is not None]

    def baselines(self) -> tuple[float | None, float | None, float | None]:
        """(open-eye ratio, mouth ratio, yaw) the detector currently judges against."""
        return _median(self._ear, self.config), _median(self._mar, self.config), _median(
            self._yaw, self.config
        )

    def _remember(self, q: deque[tuple[float, float]], t: float, v: float) -> None:
        q.append((t, v))
        while q and q[0][0] < t - self.config.window_s:
            q.popleft()

    def _feed_blink(self, s: Sample, ear: float, yaw: float) -> Event | None:
        c = self.config
        base = _median(self._ear, c)
        if base is None:
            self._remember(self._ear, s.t, ear)
            self._open_yaws.append(yaw)
            return None
        if ear < c.blink_close * base:
            self._blink.append((s.index, s.t, ear, yaw))
            if s.t - self._blink[0][1] > c.blink_max_s:
                self._blink = self._blink[-1:]  # a long closure: restart, do not count it
                self._blink_long = True
            return None  # closing frames never enter the open-eye baseline
        ev = None
        if self._blink and ear >= c.blink_reopen * base:
            closed = self._blink
            self._blink = []
            deepest = min(e for _, _, e, _ in closed)
            long_closure, self._blink_long = self._blink_long, False
            shut_yaw = statistics.median(y for *_, y in closed)
            open_yaw = statistics.median(self._open_yaws) if self._open_yaws else shut_yaw
            steady = abs(shut_yaw - open_yaw) <= c.blink_max_yaw_change
            if (
                len(closed) >= c.blink_min_frames
                and deepest <= c.blink_depth * base
                and not long_closure
                and steady
            ):
                ev = Event(EventKind.BLINK, closed[0][0], closed[0][1], s.t)
        if not self._blink:
            self._remember(self._ear, s.t, ear)
            self._open_yaws.append(yaw)
        return ev

    def _feed_mouth(self, s: Sample, mar: float) -> Event | None:
        c = self.config
        base = _median(self._mar, c)
        if base is None:
            self._remember(self._mar, s.t, mar)
            return None
        if mar < base + c.mouth_rise / 2:
            self._mouth.clear()
            self._mouth_from = None
            self._mouth_open = False
            self._remember(self._mar, s.t, mar)
            return None
        if self._mouth_from is None:
            self._mouth_from = (s.index, s.t)  # the lips start to part: the response's start
        if mar <= max(base + c.mouth_rise, c.mouth_min):
            self._mouth.clear()
            return None
        self._mouth.append((s.index, s.t))
        if len(self._mouth) == c.mouth_min_frames and not self._mouth_open:
            self._mouth_open = True
            return Event(EventKind.MOUTH_OPEN, self._mouth_from[0], self._mouth_from[1], s.t)
        return None

    def _feed_turn(self, s: Sample, yaw: float) -> Event | None:
        c = self.config
        base = _median(self._yaw, c)
        if base is None:
            self._remember(self._yaw, s.t, yaw)
            return None
        rel = yaw - base
        if abs(rel) <= c.settle_deg:
            self._turn.clear()
            self._turn_from = None
            self._turned = False
            self._remember(self._yaw, s.t, yaw)
            return None
        if self._turn_from is None:
            self._turn_from = (s.index, s.t)  # the head starts to leave: the response's start
        if abs(rel) < c.turn_deg:
            self._turn.clear()
            return None
        kind = EventKind.TURN_LEFT if rel > 0 else EventKind.TURN_RIGHT
        if self._turn and self._turn[-1][2] != kind:
            self._turn.clear()
        self._turn.append((s.index, s.t, kind))
        if len(self._turn) == c.turn_min_frames and not self._turned:
            self._turned = True
            return Event(kind, self._turn_from[0], self._turn_from[1], s.t)
        return None  # a turned head does not move the frontal baseline


def _median(q: deque[tuple[float, float]], c: DetectorConfig) -> float | None:
    if len(q) < c.min_baseline:
        return None
    return statistics.median(v for _, v in q)


# -- the challenge state machine ----------------------------------------------------------
class Phase(enum.Enum):
    BASELINE = "baseline"  # hold still, look at the camera: learning this face's baselines
    WAITING = "waiting"  # a random pause before the next prompt
    PROMPT = "prompt"  # the UI shows ``challenge``; waiting for the response
    PASSED = "passed"
    FAILED = "failed"


class FailReason(enum.Enum):
    NO_RESPONSE = "no_response"  # a prompt timed out (a photo or a screen ends here)
    WRONG_RESPONSE = "wrong_response"  # turned the other way
    FACE_LOST = "face_lost"
    FACE_CHANGED = "face_changed"  # another face (track) took over mid-session
    TIMEOUT = "timeout"  # the whole attempt took too long


@dataclass(frozen=True)
class LivenessConfig:
    challenges_min: int = 2
    challenges_max: int = 3
    delay_s: tuple[float, float] = (0.4, 1.5)  # random pause before each prompt
    response_s: float = 5.0  # time to respond to one prompt
    baseline_s: float = 0.8
    lost_grace_s: float = 0.5  # the face may vanish this long (a fast turn) without failing
    attempt_s: float = 30.0
    max_attempts: int = 3
    detector: DetectorConfig = field(default_factory=DetectorConfig)


@dataclass(frozen=True)
class LivenessState:
    phase: Phase
    attempt: int  # 1-based
    challenges: tuple[Challenge, ...]
    step: int  # index into ``challenges`` of the current/next prompt
    challenge: Challenge | None = None  # what to show while ``phase`` is PROMPT
    reason: FailReason | None = None  # why the last attempt failed (final when FAILED)
    passed_t: float | None = None  # when the last challenge was answered
    track_id: int | None = None

    @property
    def done(self) -> bool:
        return self.phase in (Phase.PASSED, Phase.FAILED)


def draw_challenges(rng: random.Random, cfg: LivenessConfig) -> tuple[Challenge, ...]:
    """2-3 distinct challenges in random order, at least one a photo cannot do."""
    n = rng.randint(cfg.challenges_min, cfg.challenges_max)
    while True:
        picked = tuple(rng.sample(list(EventKind), n))
        if any(c in _NON_RIGID for c in picked):
            return picked


class LivenessSession:
    """Deterministic given ``rng``: feed every frame's ``Sample`` in time order."""

    def __init__(self, rng: random.Random, config: LivenessConfig | None = None) -> None:
        self.config = config or LivenessConfig()
        self._rng = rng
        self._detector = EventDetector(self.config.detector)
        self._state = self._new_attempt(1, None, None)
        self._phase_t: float | None = None  # when the current phase started
        self._attempt_t: float | None = None
        self._wait_s = 0.0
        self._last_face_t: float | None = None

    @property
    def state(self) -> LivenessState:
        return self._state

    def _new_attempt(
        self, attempt: int, reason: FailReason | None, t: float | None
    ) -> LivenessState:
        self._phase_t = t
        self._attempt_t = t
        self._detector = EventDetector(self.config.detector)
        return LivenessState(
            Phase.BASELINE, attempt, draw_challenges(self._rng, self.config), 0, reason=reason
        )

    def _fail(self, reason: FailReason, t: float) -> LivenessState:
        st = self._state
        if st.attempt >= self.config.max_attempts:
            self._state = replace(st, phase=Phase.FAILED, challenge=None, reason=reason)
        else:
            self._state = self._new_attempt(st.attempt + 1, reason, t)
        return self._state

    def feed(self, s: Sample) -> LivenessState:
        st = self._state
        if st.done:
            return st
        if self._attempt_t is None:
            self._attempt_t = self._phase_t = s.t
        if s.t - self._attempt_t > self.config.attempt_s:
            return self._fail(FailReason.TIMEOUT, s.t)
        if s.track_id is None or s.ear is None:
            if self._last_face_t is not None and s.t - self._last_face_t > self.config.lost_grace_s:
                if st.phase is Phase.BASELINE:
                    self._phase_t = s.t  # nobody yet: keep waiting for a face
                    return st
                return self._fail(FailReason.FACE_LOST, s.t)
            self._detector.feed(s)
            return st
        self._last_face_t = s.t
        if st.track_id is None:
            st = self._state = replace(st, track_id=s.track_id)
        elif s.track_id != st.track_id:
            return self._fail(FailReason.FACE_CHANGED, s.t)
        events = self._detector.feed(s)
        assert self._phase_t is not None
        if st.phase is Phase.BASELINE:
            ready = all(b is not None for b in self._detector.baselines())
            if ready and s.t - self._phase_t >= self.config.baseline_s:
                self._wait(s.t)
            return self._state
        if st.phase is Phase.WAITING:
            if s.t - self._phase_t >= self._wait_s:
                self._phase_t = s.t
                self._state = replace(st, phase=Phase.PROMPT, challenge=st.challenges[st.step])
            return self._state
        # PROMPT
        want = st.challenge
        assert want is not None
        for ev in events:
            if ev.t_start < self._phase_t:
                continue  # started before the prompt: a replay or a coincidence, not an answer
            if ev.kind is want:
                if st.step + 1 == len(st.challenges):
                    self._state = replace(
                        st, phase=Phase.PASSED, challenge=None, step=st.step + 1, passed_t=s.t
                    )
                else:
                    self._state = replace(st, step=st.step + 1, challenge=None)
                    self._wait(s.t)
                return self._state
            if _OPPOSITE.get(want) is ev.kind:
                return self._fail(FailReason.WRONG_RESPONSE, s.t)
        if s.t - self._phase_t > self.config.response_s:
            return self._fail(FailReason.NO_RESPONSE, s.t)
        return self._state

    def _wait(self, t: float) -> None:
        lo, hi = self.config.delay_s
        self._wait_s = self._rng.uniform(lo, hi)
        self._phase_t = t
        self._state = replace(self._state, phase=Phase.WAITING, challenge=None)
