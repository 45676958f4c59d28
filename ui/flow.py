"""The flow controller: feeds events into ``kiosk.checkin.decide`` and carries out its effects.

It is the only holder of the check-in state. Patient actions come from the window, results from
the workers (each tagged with the session it was started for); a one-second timer sends Tick,
any touch sends Touch, and a face in view during verification counts as a touch. Every face
attempt's result (pass, fail, or the attempt's time limit) is recorded for the staff daily
summary by the I/O worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime

import numpy as np
from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk import checkin
from kiosk.checkin import (
    Cancel,
    CheckInBooking,
    FaceFailed,
    FaceVerified,
    FetchStatus,
    FindQueue,
    IdentityGiven,
    IdKind,
    IssueTicket,
    LookUp,
    NotifyStaff,
    PrintTicket,
    State,
    Step,
    StopFace,
    Tick,
    Touch,
    VerifyFace,
    Wipe,
)
from kiosk.face.liveness import Challenge
from kiosk.identity.nik import is_valid_noka, parse_nik
from kiosk.identity.payload import PayloadKind, classify
from ui import face_setup, services
from ui.screens.face import challenge_text
from ui.speaker import Speaker
from ui.window import KioskWindow
from ui.workers.face import FaceProgress, FaceResult, FaceWorker
from ui.workers.io import IoWorker
from ui.workers.scanner import ScanWorker

log = logging.getLogger(__name__)


def identity_event(text: str, online: bool, today: date | None = None) -> IdentityGiven | None:
    """A scanned or typed payload as a check-in event; None when it is no card at all."""
    c = classify(text)
    if c.kind is PayloadKind.NIK and c.value:
        return IdentityGiven(IdKind.NIK, c.value, parse_nik(c.value, today).valid, online)
    if c.kind is PayloadKind.NOKA and c.value:
        return IdentityGiven(IdKind.NOKA, c.value, is_valid_noka(c.value), online)
    if c.kind is PayloadKind.OPAQUE_TOKEN:
        return IdentityGiven(IdKind.TOKEN, text.strip(), True, online)
    return None


class FlowController(QObject):
    stateChanged = Signal(object)
    wiped = Signal()  # a session ended: personal data gone, the next patient starts fresh

    def __init__(
        self,
        window: KioskWindow,
        *,
        io: IoWorker,
        face: FaceWorker,
        scanner: ScanWorker,
        context: services.Context,
        speaker: Speaker,
        timeouts: checkin.Timeouts,
        online: Callable[[], bool] = lambda: False,
        language: Callable[[], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        super().__init__()
        self.window = window
        self.io = io
        self.face = face
        self.scanner = scanner
        self.ctx = context
        self.speaker = speaker
        self.online = online
        self.clock = clock
        self.wall_clock = wall_clock
        self._language = language
        self.state: State = checkin.initial_state(clock(), timeouts)
        self.events_fed = 0
        self._spoken_challenge: Challenge | None = None
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(lambda: self.feed(Tick()))
        window.flowEvent.connect(self.feed)
        window.keypad.numberEntered.connect(self.typed)
        io.done.connect(self._work_done)
        face.result.connect(self._face_result)
        face.progress.connect(self._face_progress)
        scanner.codeFound.connect(self.scanned)
        self.window.show_state(self.state)

    def start(self) -> None:
        self.tick.start()

    # -- events in ---------------------------------------------------------------------------
    def feed(self, event: object) -> None:
        before = self.state
        new, effects = checkin.decide(before, event, self.clock())  # type: ignore[arg-type]
        self.events_fed += 1
        self.state = new
        # A touch only moves the idle clock: nothing on screen changes.
        if new.step is not before.step or new.session is not before.session:
            changed = self.window.show_state(new)
            if changed or new.step is not before.step:
                self._speak(new)
            self.stateChanged.emit(new)
        if _attempt_timed_out(before, event, new):
            self._record_attempt(before, False, "time limit reached")
        for eff in effects:
            self._run(eff)

    def _work_done(self, event: object) -> None:
        if event is not None:
            self.feed(event)

    def typed(self, text: str) -> None:
        ev = identity_event(text, self.online())
        if ev is None:
            ev = IdentityGiven(IdKind.NIK, text, False, self.online())
        self.feed(ev)

    def scanned(self, text: str) -> None:
        """A code from the camera or a keyboard-wedge scanner."""
        ev = identity_event(text, self.online())
        if ev is None:
            if self.state.step is Step.ATTRACT:
                self.window.attract.show_notice("unrecognised")
            log.info("scanned code is not an identity card (%d chars)", len(text))
            return
        self.window.attract.show_notice(None)
        self.feed(ev)

    def frame(self, frame: np.ndarray) -> None:
        """A camera frame (GUI thread): to the visible preview and to whoever analyses it."""
        step = self.state.step
        if step is Step.FACE:
            self.window.face.preview.set_frame(frame)
            self.face.offer(frame)
        elif step in (Step.ATTRACT, Step.KEYPAD):
            if step is Step.ATTRACT:
                self.window.attract.preview.set_frame(frame)
            self.scanner.offer(frame)

    def _current_attempt(self, session: int, attempt: int) -> bool:
        s = self.state.session
        return (self.state.step is Step.FACE and session == s.number
                and attempt == s.face_attempts)

    def _face_progress(self, p: FaceProgress) -> None:
        if not self._current_attempt(p.session, p.attempt):
            return  # from an attempt that has ended
        self.window.face.set_progress(p)
        if p.challenge is not None and p.challenge != self._spoken_challenge:
            self._say(challenge_text(p.challenge))  # each prompt once, as it appears
        self._spoken_challenge = p.challenge
        if p.face_in_view:
            self.feed(Touch())

    def _face_result(self, r: FaceResult) -> None:
        """One attempt's end: recorded (a pass or a fail; not a models problem), then fed."""
        if not self._current_attempt(r.session, r.attempt):
            return  # the attempt already ended on the clock, or the patient left
        if isinstance(r.event, (FaceVerified, FaceFailed)):
            self._record_attempt(self.state, isinstance(r.event, FaceVerified), r.detail)
        self.feed(r.event)

    def _record_attempt(self, state: State, passed: bool, detail: str) -> None:
        adult = state.session.adult
        if adult is None:
            return
        self.io.submit(state.session.number, "verification record", face_setup.record_job(
            adult.participant_id, passed, self.wall_clock(), detail))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                            QEvent.Type.KeyPress) and self.state.step is not Step.ATTRACT:
            self.feed(Touch())
        return False

    def reset(self) -> None:
        """Back to the attract screen with a fresh session (staff's request)."""
        self.feed(Cancel())

    def recover(self) -> None:
        """After a bug: a fresh session on the attract screen without trusting ``decide``."""
        old = self.state
        self.face.stop_check(old.session.number)
        self.window.wipe()
        self.scanner.forget()
        self.wiped.emit()
        self.state = checkin.initial_state(self.clock(), old.timeouts, old.session.number + 1)
        self.window.show_state(self.state)
        self.stateChanged.emit(self.state)

    # -- effects out -------------------------------------------------------------------------
    def _run(self, eff: object) -> None:
        ctx = self.ctx
        if isinstance(eff, LookUp):
            self.io.submit(eff.session, "lookup", services.look_up(ctx, eff))
        elif isinstance(eff, VerifyFace):
            self.face.start_check(eff.session, eff.participant_id, eff.attempt)
        elif isinstance(eff, StopFace):
            self.face.stop_check(eff.session)
        elif isinstance(eff, FetchStatus):
            self.io.submit(eff.session, "status", services.fetch_status(ctx, eff))
        elif isinstance(eff, FindQueue):
            self.io.submit(eff.session, "queue", services.find_queue(ctx, eff))
        elif isinstance(eff, IssueTicket):
            self.io.submit(eff.session, "ticket", services.issue_ticket(ctx, eff))
        elif isinstance(eff, CheckInBooking):
            self.io.submit(eff.session, "booking check-in", services.check_in_booking(ctx, eff))
        elif isinstance(eff, PrintTicket):
            self.io.submit(eff.session, "print", services.print_job(ctx, eff))
        elif isinstance(eff, NotifyStaff):
            self.io.submit(self.state.session.number, "staff exception",
                           services.notify_staff(ctx, eff))
        elif isinstance(eff, Wipe):
            self.window.wipe()
            self.scanner.forget()
            self.wiped.emit()
        else:
            raise TypeError(f"unknown effect {eff!r}")

    def _speak(self, state: State) -> None:
        self._say(self.window.screen_for(state.step).spoken(state))

    def _say(self, text: str) -> None:
        if text and self._language is not None:
            self.speaker.say(text, self._language())  # type: ignore[arg-type]


def _attempt_timed_out(before: State, event: object, after: State) -> bool:
    """A Tick ended the face attempt on its time limit (a retry or the counter; not a wipe)."""
    return (isinstance(event, Tick) and before.step is Step.FACE
            and after.session.number == before.session.number
            and (after.step is not Step.FACE
                 or after.session.face_attempts != before.session.face_attempts))
