"""The challenge state machine, fed measurement streams frame by frame (no dlib: it is pure).

The streams are built from the rules a real face follows (an open-eye ratio with a little
noise, a blink that dips and recovers within 150 ms, a head turn over ~300 ms), at 30 fps.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from kiosk.face.liveness import (
    EventKind,
    FailReason,
    LivenessConfig,
    LivenessSession,
    LivenessState,
    Phase,
    Sample,
    draw_challenges,
)

FPS = 30.0


class Person:
    """A simulated face answering (or not) the prompts it is shown."""

    def __init__(self, ear: float = 0.30, seed: int = 0, track: int | None = 1) -> None:
        self.ear, self.track = ear, track
        self.noise = random.Random(seed)
        self.action: tuple[EventKind, float] | None = None  # (what, when it started)
        self.i = 0

    def start(self, kind: EventKind, t: float) -> None:
        self.action = (kind, t)

    def sample(self, t: float) -> Sample:
        ear = self.ear * (1 + self.noise.uniform(-0.04, 0.04))
        mar, yaw = 0.05 + self.noise.uniform(0, 0.02), self.noise.uniform(-2, 2)
        if self.action is not None:
            kind, t0 = self.action
            dt = t - t0
            if dt < 0:
                pass  # not started yet
            elif kind is EventKind.BLINK and 0.03 <= dt < 0.15:
                ear = self.ear * 0.35
            elif kind is EventKind.MOUTH_OPEN and 0.1 <= dt < 0.8:
                mar = 0.7
            elif kind in (EventKind.TURN_LEFT, EventKind.TURN_RIGHT) and dt < 1.0:
                angle = min(dt / 0.3, 1.0) * 35.0
                yaw += angle if kind is EventKind.TURN_LEFT else -angle
            if dt > 1.2:
                self.action = None
        self.i += 1
        if self.track is None:
            return Sample(t, self.i)
        return Sample(t, self.i, self.track, ear, mar, yaw)


Policy = Callable[[LivenessState, Person, float], None]


def run(session: LivenessSession, person: Person, policy: Policy, seconds: float = 120.0):
    t = 0.0
    prompted: list[EventKind] = []
    while t < seconds and not session.state.done:
        st = session.feed(person.sample(t))
        if st.phase is Phase.PROMPT and st.challenge is not None and (
            not prompted or prompted[-1] is not st.challenge or person.action is None
        ):
            policy(st, person, t)
            if not prompted or prompted[-1] is not st.challenge:
                prompted.append(st.challenge)
        t += 1.0 / FPS
    return session.state, t


def obey(reaction_s: float = 0.4) -> Policy:
    pending: dict[int, float] = {}

    def policy(st: LivenessState, person: Person, t: float) -> None:
        key = st.attempt * 10 + st.step
        pending.setdefault(key, t + reaction_s)
        if t >= pending[key] and person.action is None:
            assert st.challenge is not None
            person.start(st.challenge, t)

    return policy


def ignore(st: LivenessState, person: Person, t: float) -> None:
    return None


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("ear", [0.20, 0.39])  # the range of open-eye ratios between people
def test_a_person_who_follows_the_prompts_passes(seed: int, ear: float):
    session = LivenessSession(random.Random(seed))
    state, t = run(session, Person(ear=ear, seed=seed), obey())
    assert state.phase is Phase.PASSED, state
    assert state.attempt == 1 and state.passed_t is not None and state.passed_t <= t


@pytest.mark.parametrize("seed", range(5))
def test_a_face_that_never_moves_fails_after_max_attempts(seed: int):
    cfg = LivenessConfig()
    session = LivenessSession(random.Random(seed), cfg)
    state, _ = run(session, Person(seed=seed), ignore)
    assert state.phase is Phase.FAILED
    assert state.reason is FailReason.NO_RESPONSE
    assert state.attempt == cfg.max_attempts


def test_responses_started_before_the_prompt_do_not_count():
    """A replayed video blinking on its own schedule: every movement starts just before each
    prompt (as if it had anticipated it), so none of them may count."""
    session = LivenessSession(random.Random(3))
    person = Person(seed=3)
    t = 0.0
    last = session.state
    while t < 120 and not session.state.done:
        st = session.feed(person.sample(t))
        if st.phase is Phase.WAITING and last.phase is not Phase.WAITING:
            upcoming = st.challenges[st.step]
            # start the right movement 20 ms before the earliest possible prompt
            person.start(upcoming, t + session.config.delay_s[0] - 0.02 - 1 / FPS)
        last = st
        t += 1.0 / FPS
    assert session.state.phase is Phase.FAILED
    assert session.state.reason is FailReason.NO_RESPONSE


def test_another_face_taking_over_fails_the_attempt():
    session = LivenessSession(random.Random(1), LivenessConfig(max_attempts=1))
    person = Person()
    t = 0.0
    while t < 30 and not session.state.done:
        st = session.feed(person.sample(t))
        if st.phase is Phase.PROMPT:
            person.track = 2  # someone else steps in to answer
        t += 1.0 / FPS
    assert session.state.phase is Phase.FAILED
    assert session.state.reason is FailReason.FACE_CHANGED


def test_face_lost_during_the_challenges_fails_the_attempt():
    session = LivenessSession(random.Random(2), LivenessConfig(max_attempts=1))
    person = Person()
    t = 0.0
    while t < 30 and not session.state.done:
        st = session.feed(person.sample(t))
        if st.phase is Phase.PROMPT:
            person.track = None
        t += 1.0 / FPS
    assert session.state.reason is FailReason.FACE_LOST


def test_turning_the_wrong_way_fails_the_attempt():
    def contrary(st: LivenessState, person: Person, t: float) -> None:
        if person.action is None:
            opposite = {EventKind.TURN_LEFT: EventKind.TURN_RIGHT,
                        EventKind.TURN_RIGHT: EventKind.TURN_LEFT}
            assert st.challenge is not None
            person.start(opposite.get(st.challenge, st.challenge), t + 0.3)

    for seed in range(20):
        rng = random.Random(seed)
        if draw_challenges(rng, LivenessConfig())[0] in (EventKind.TURN_LEFT,
                                                          EventKind.TURN_RIGHT):
            break
    session = LivenessSession(random.Random(seed), LivenessConfig(max_attempts=1))
    state, _ = run(session, Person(), contrary)
    assert state.reason is FailReason.WRONG_RESPONSE


def test_same_seed_same_session_and_challenges_always_include_a_non_rigid_one():
    a = LivenessSession(random.Random(42))
    b = LivenessSession(random.Random(42))
    sa, _ = run(a, Person(seed=1), obey())
    sb, _ = run(b, Person(seed=1), obey())
    assert sa == sb
    rng = random.Random(0)
    draws = [draw_challenges(rng, LivenessConfig()) for _ in range(300)]
    assert all(2 <= len(d) <= 3 and len(set(d)) == len(d) for d in draws)
    assert all(any(c in (EventKind.BLINK, EventKind.MOUTH_OPEN) for c in d) for d in draws)
    assert len({d for d in draws}) > 20  # order and choice really vary
