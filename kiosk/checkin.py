"""The patient check-in flow as a pure state machine.

``decide(state, event, now) -> (state, effects)`` holds every transition, timeout and reset; it does
no I/O. The UI feeds it events (touches, scans, results of work it started) and carries out the
effects it returns (look a participant up, start face verification, issue and print a ticket, raise
an exception for staff, wipe the screen). Keeping the flow here lets it be tested exhaustively
without Qt, cameras or databases.

Results of work started for one patient carry that session's number; a result that arrives after
the session ended (the patient walked away, the screen reset) is ignored, so it can never show one
patient's data to the next.

``now`` is a monotonic clock in seconds; only differences matter.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any


class Step(enum.Enum):
    ATTRACT = "attract"  # live preview, "scan your IKD QR / JKN card", "type NIK"
    KEYPAD = "keypad"  # typing a NIK or card number
    LOOKING_UP = "looking_up"  # participant lookup in progress
    FAMILY = "family"  # for myself, or for a family member on the same KK
    FACE = "face"  # verifying the face of the identified adult
    STATUS = "status"  # membership status with colour, icon, words, next step
    FINDING_QUEUE = "finding_queue"  # looking for today's booking / available polis
    QUEUE = "queue"  # choosing poli (and doctor)
    ISSUING = "issuing"  # committing the ticket or checking the booking in
    TICKET = "ticket"  # the number, estimate, printing state
    COUNTER = "counter"  # "please go to the registration counter", with the reason


class IdKind(enum.Enum):
    NIK = "nik"
    NOKA = "noka"
    TOKEN = "token"  # opaque token (IKD QR): only the central server's verifier can resolve it


class StaffReason(enum.Enum):
    """Why a patient is sent to the counter; each becomes an exception on the staff desk."""

    UNKNOWN_PARTICIPANT = "unknown_participant"
    NO_FACE_TEMPLATE = "no_face_template"
    FACE_FAILED = "face_failed"
    INACTIVE_STATUS = "inactive_status"
    STATUS_NEEDS_STAFF = "status_needs_staff"  # suspended, other FKTP, unknown or stale status
    TICKET_REFUSED = "ticket_refused"  # quota full, outside hours, ... (the refusal says which)
    SYSTEM_PROBLEM = "system_problem"


class Prompt(enum.Enum):
    """Messages the attract/keypad screens show after a problem (the UI translates them)."""

    INVALID_NUMBER = "invalid_number"
    TOKEN_NEEDS_TYPED_NIK = "token_needs_typed_nik"  # offline or unverifiable IKD QR
    FACE_RETRY = "face_retry"


@dataclass(frozen=True)
class Timeouts:
    screen_s: float = 45.0
    ticket_s: float = 20.0
    face_s: float = 30.0
    busy_s: float = 20.0  # a lookup or issue that never answers
    face_attempts: int = 3


@dataclass(frozen=True)
class Person:
    """What the flow needs to know about a participant; the UI shows the rest."""

    participant_id: str
    name: str
    has_template: bool


@dataclass(frozen=True)
class StatusView:
    """The membership status of the patient being checked in.

    ``may_queue`` is the decision (active, or service penalty only); ``staff_reason`` says why not.
    ``detail`` is the membership module's own value for the UI to render (colour, icon, words).
    """

    may_queue: bool
    staff_reason: StaffReason | None
    detail: object = None


@dataclass(frozen=True)
class Session:
    """Everything personal about the current patient. Replaced wholesale on reset."""

    number: int
    id_kind: IdKind | None = None
    id_value: str | None = None
    adult: Person | None = None
    family: tuple[Person, ...] = ()
    patient: Person | None = None  # the adult, or the family member they check in
    face_attempts: int = 0
    status: StatusView | None = None
    queue_options: object = None
    ticket: object = None
    printed: bool | None = None
    reason: StaffReason | None = None
    reason_detail: str = ""
    prompt: Prompt | None = None


@dataclass(frozen=True)
class State:
    step: Step
    session: Session
    entered_at: float  # when this step began
    last_activity: float  # last touch or scan (idle timeout counts from here)
    timeouts: Timeouts = field(default_factory=Timeouts)


def initial_state(now: float, timeouts: Timeouts | None = None, session_number: int = 1) -> State:
    return State(Step.ATTRACT, Session(session_number), now, now, timeouts or Timeouts())


# ---------------------------------------------------------------------------------------------
# Events: what happened. Results of work carry the session number they were started for.


@dataclass(frozen=True)
class Tick:
    """Time passes (the UI sends one every second or so)."""


@dataclass(frozen=True)
class Touch:
    """Any interaction: keeps the idle timer from firing while the patient is busy."""


@dataclass(frozen=True)
class OpenKeypad:
    pass


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class Cancel:
    pass


@dataclass(frozen=True)
class IdentityGiven:
    """A scanned code, a scanner burst or a confirmed keypad entry, already classified.

    ``valid`` is False for a number that is well-formed but impossible (a NIK with a bad date).
    """

    kind: IdKind
    value: str
    valid: bool = True
    online: bool = True


@dataclass(frozen=True)
class ParticipantFound:
    session: int
    adult: Person
    family: tuple[Person, ...] = ()


@dataclass(frozen=True)
class ParticipantNotFound:
    session: int


@dataclass(frozen=True)
class TokenNotResolved:
    """The server could not vouch for the IKD token (no verifier, rejected, unreachable)."""

    session: int
    detail: str


@dataclass(frozen=True)
class FamilyChosen:
    participant_id: str  # the adult's own id for "for myself"


@dataclass(frozen=True)
class FaceVerified:
    session: int


@dataclass(frozen=True)
class FaceFailed:
    session: int
    detail: str  # the reason for staff: "no blink", "different face", "match distance 0.71"


@dataclass(frozen=True)
class StatusKnown:
    session: int
    status: StatusView


@dataclass(frozen=True)
class Continue:
    """The patient pressed "continue" on the status screen."""


@dataclass(frozen=True)
class BookingFound:
    session: int
    booking: object


@dataclass(frozen=True)
class QueueOptions:
    session: int
    options: object


@dataclass(frozen=True)
class PoliChosen:
    poli_code: str
    doctor_code: str | None = None


@dataclass(frozen=True)
class TicketReady:
    session: int
    ticket: object


@dataclass(frozen=True)
class TicketRefused:
    session: int
    detail: str
    existing_ticket: object = None  # already has a ticket today for that poli: reprint it


@dataclass(frozen=True)
class PrintDone:
    session: int
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class WorkFailed:
    """A bug or environment problem while doing an effect: never a dead end for the patient."""

    session: int
    detail: str


Event = (
    Tick | Touch | OpenKeypad | Back | Cancel | IdentityGiven | ParticipantFound |
    ParticipantNotFound | TokenNotResolved | FamilyChosen | FaceVerified |
    FaceFailed | StatusKnown | Continue | BookingFound | QueueOptions | PoliChosen |
    TicketReady | TicketRefused | PrintDone | WorkFailed
)

# ---------------------------------------------------------------------------------------------
# Effects: what the UI must do. Each carries the session number to put on its result.


@dataclass(frozen=True)
class LookUp:
    session: int
    kind: IdKind
    value: str


@dataclass(frozen=True)
class VerifyFace:
    session: int
    participant_id: str
    attempt: int


@dataclass(frozen=True)
class StopFace:
    session: int


@dataclass(frozen=True)
class FetchStatus:
    session: int
    participant_id: str


@dataclass(frozen=True)
class FindQueue:
    """Find today's booking for the patient, else the polis they can choose from."""

    session: int
    participant_id: str


@dataclass(frozen=True)
class IssueTicket:
    session: int
    participant_id: str
    poli_code: str
    doctor_code: str | None


@dataclass(frozen=True)
class CheckInBooking:
    session: int
    participant_id: str
    booking: object


@dataclass(frozen=True)
class PrintTicket:
    session: int
    ticket: object


@dataclass(frozen=True)
class NotifyStaff:
    """Put an exception on the staff desk."""

    reason: StaffReason
    detail: str
    participant_id: str | None


@dataclass(frozen=True)
class Wipe:
    """Clear personal data from every screen and widget (the session has ended)."""


Effect = (
    LookUp | VerifyFace | StopFace | FetchStatus | FindQueue | IssueTicket | CheckInBooking |
    PrintTicket | NotifyStaff | Wipe
)

_NO_EFFECTS: tuple[Effect, ...] = ()

# Steps where the kiosk waits on its own work rather than on the patient.
_BUSY = {Step.LOOKING_UP, Step.FINDING_QUEUE, Step.ISSUING}


def decide(state: State, event: Event, now: float) -> tuple[State, tuple[Effect, ...]]:
    """The next state and the effects to carry out, for ``event`` arriving at ``now``."""
    s = state.session
    session_of = getattr(event, "session", s.number)
    if session_of != s.number:
        return state, _NO_EFFECTS  # a late answer for a patient who has gone
    if isinstance(event, Tick):
        return _on_tick(state, now)
    if isinstance(event, Touch):
        return replace(state, last_activity=now), _NO_EFFECTS
    if isinstance(event, Cancel):
        return _reset(state, now)
    if isinstance(event, Back):
        return _on_back(state, now)
    handler = _HANDLERS.get((state.step, type(event)))
    if handler is None:
        return state, _NO_EFFECTS  # not meaningful here (a double tap, a scan mid-flow)
    return handler(state, event, now)


def _go(state: State, step: Step, now: float, **changes: Any) -> State:
    session = replace(state.session, **changes) if changes else state.session
    return replace(state, step=step, session=session, entered_at=now, last_activity=now)


def _reset(state: State, now: float) -> tuple[State, tuple[Effect, ...]]:
    effects: list[Effect] = []
    if state.step == Step.FACE:
        effects.append(StopFace(state.session.number))
    effects.append(Wipe())
    fresh = Session(state.session.number + 1)
    return State(Step.ATTRACT, fresh, now, now, state.timeouts), tuple(effects)


def _to_counter(
    state: State, now: float, reason: StaffReason, detail: str, pid: str | None
) -> tuple[State, tuple[Effect, ...]]:
    new = _go(state, Step.COUNTER, now, reason=reason, reason_detail=detail)
    return new, (NotifyStaff(reason, detail, pid),)


def _on_tick(state: State, now: float) -> tuple[State, tuple[Effect, ...]]:
    t = state.timeouts
    step = state.step
    if step == Step.ATTRACT:
        return state, _NO_EFFECTS
    if step in (Step.TICKET, Step.COUNTER):
        if now - state.entered_at >= t.ticket_s:
            return _reset(state, now)
        return state, _NO_EFFECTS
    if step in _BUSY:
        if now - state.entered_at >= t.busy_s:
            pid = state.session.patient.participant_id if state.session.patient else None
            return _to_counter(
                state, now, StaffReason.SYSTEM_PROBLEM, f"no answer while {step.value}", pid
            )
        return state, _NO_EFFECTS
    if step == Step.FACE and now - state.entered_at >= t.face_s:
        # A retry after a time limit is not activity: the UI sends Touch while a face is in
        # view, so a patient who walked away is wiped after screen_s, not after every attempt.
        new, effects = _face_failed(state, now, "time limit reached")
        if new.step == Step.FACE:
            new = replace(new, last_activity=state.last_activity)
        return new, effects
    if now - state.last_activity >= t.screen_s:
        return _reset(state, now)
    return state, _NO_EFFECTS


def _on_back(state: State, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    if state.step == Step.QUEUE:
        return _go(state, Step.STATUS, now), _NO_EFFECTS
    if state.step == Step.FACE and s.family:
        return _go(state, Step.FAMILY, now, patient=None), (StopFace(s.number),)
    return _reset(state, now)


def _identity(state: State, ev: IdentityGiven, now: float) -> tuple[State, tuple[Effect, ...]]:
    if ev.kind == IdKind.TOKEN and not ev.online:
        return _go(state, Step.KEYPAD, now, prompt=Prompt.TOKEN_NEEDS_TYPED_NIK), _NO_EFFECTS
    if not ev.valid:
        return _go(state, Step.KEYPAD, now, prompt=Prompt.INVALID_NUMBER), _NO_EFFECTS
    new = _go(state, Step.LOOKING_UP, now, id_kind=ev.kind, id_value=ev.value, prompt=None)
    return new, (LookUp(state.session.number, ev.kind, ev.value),)


def _found(state: State, ev: ParticipantFound, now: float) -> tuple[State, tuple[Effect, ...]]:
    if ev.family:
        return _go(state, Step.FAMILY, now, adult=ev.adult, family=ev.family), _NO_EFFECTS
    return _start_face(_go(state, state.step, now, adult=ev.adult, patient=ev.adult), now)


def _start_face(state: State, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    assert s.adult is not None
    if not s.adult.has_template:
        return _to_counter(
            state, now, StaffReason.NO_FACE_TEMPLATE, "no enrolled face template",
            s.adult.participant_id,
        )
    new = _go(state, Step.FACE, now, face_attempts=s.face_attempts + 1, prompt=None)
    return new, (VerifyFace(s.number, s.adult.participant_id, s.face_attempts + 1),)


def _not_found(
    state: State, ev: ParticipantNotFound, now: float
) -> tuple[State, tuple[Effect, ...]]:
    return _to_counter(state, now, StaffReason.UNKNOWN_PARTICIPANT, "not in the roster", None)


def _token_not_resolved(
    state: State, ev: TokenNotResolved, now: float
) -> tuple[State, tuple[Effect, ...]]:
    # Never a guess: the patient types the NIK (face verification follows as usual).
    new = _go(state, Step.KEYPAD, now, id_kind=None, id_value=None,
              prompt=Prompt.TOKEN_NEEDS_TYPED_NIK)
    return new, _NO_EFFECTS


def _family_chosen(state: State, ev: FamilyChosen, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    assert s.adult is not None
    candidates = (s.adult, *s.family)
    chosen = next((p for p in candidates if p.participant_id == ev.participant_id), None)
    if chosen is None:
        return state, _NO_EFFECTS
    return _start_face(_go(state, Step.FAMILY, now, patient=chosen), now)


def _face_ok(state: State, ev: FaceVerified, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    assert s.patient is not None
    return _go(state, Step.STATUS, now), (FetchStatus(s.number, s.patient.participant_id),)


def _face_failed(state: State, now: float, detail: str) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    assert s.adult is not None
    stop = StopFace(s.number)
    if s.face_attempts >= state.timeouts.face_attempts:
        new, effects = _to_counter(
            state, now, StaffReason.FACE_FAILED,
            f"{detail} (after {s.face_attempts} attempts)", s.adult.participant_id,
        )
        return new, (stop, *effects)
    new = _go(state, Step.FACE, now, face_attempts=s.face_attempts + 1, prompt=Prompt.FACE_RETRY)
    return new, (stop, VerifyFace(s.number, s.adult.participant_id, s.face_attempts + 1))


def _face_failed_event(
    state: State, ev: FaceFailed, now: float
) -> tuple[State, tuple[Effect, ...]]:
    return _face_failed(state, now, ev.detail)


def _status_known(state: State, ev: StatusKnown, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    new = _go(state, Step.STATUS, now, status=ev.status)
    if ev.status.may_queue:
        return new, _NO_EFFECTS
    assert s.patient is not None
    reason = ev.status.staff_reason or StaffReason.STATUS_NEEDS_STAFF
    # Stay on the status screen (it says what to do next); staff hear about it at once.
    return new, (NotifyStaff(reason, "membership status", s.patient.participant_id),)


def _continue(state: State, ev: Continue, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    if s.status is None:
        return state, _NO_EFFECTS
    if not s.status.may_queue:
        reason = s.status.staff_reason or StaffReason.STATUS_NEEDS_STAFF
        return _go(state, Step.COUNTER, now, reason=reason, reason_detail="membership status"), ()
    assert s.patient is not None
    return _go(state, Step.FINDING_QUEUE, now), (FindQueue(s.number, s.patient.participant_id),)


def _booking(state: State, ev: BookingFound, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    assert s.patient is not None
    new = _go(state, Step.ISSUING, now)
    return new, (CheckInBooking(s.number, s.patient.participant_id, ev.booking),)


def _options(state: State, ev: QueueOptions, now: float) -> tuple[State, tuple[Effect, ...]]:
    return _go(state, Step.QUEUE, now, queue_options=ev.options), _NO_EFFECTS


def _poli(state: State, ev: PoliChosen, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    assert s.patient is not None
    new = _go(state, Step.ISSUING, now)
    return new, (IssueTicket(s.number, s.patient.participant_id, ev.poli_code, ev.doctor_code),)


def _ticket(state: State, ev: TicketReady, now: float) -> tuple[State, tuple[Effect, ...]]:
    new = _go(state, Step.TICKET, now, ticket=ev.ticket, printed=None)
    return new, (PrintTicket(state.session.number, ev.ticket),)


def _refused(state: State, ev: TicketRefused, now: float) -> tuple[State, tuple[Effect, ...]]:
    if ev.existing_ticket is not None:
        return _ticket(state, TicketReady(ev.session, ev.existing_ticket), now)
    s = state.session
    pid = s.patient.participant_id if s.patient else None
    return _to_counter(state, now, StaffReason.TICKET_REFUSED, ev.detail, pid)


def _printed(state: State, ev: PrintDone, now: float) -> tuple[State, tuple[Effect, ...]]:
    # The ticket is committed and on screen whatever the printer did; staff hear of problems.
    new = replace(state, session=replace(state.session, printed=ev.ok))
    if ev.ok:
        return new, _NO_EFFECTS
    return new, (NotifyStaff(StaffReason.SYSTEM_PROBLEM, f"printer: {ev.detail}", None),)


def _work_failed(state: State, ev: WorkFailed, now: float) -> tuple[State, tuple[Effect, ...]]:
    s = state.session
    pid = s.patient.participant_id if s.patient else None
    new, effects = _to_counter(state, now, StaffReason.SYSTEM_PROBLEM, ev.detail, pid)
    if state.step == Step.FACE:
        return new, (StopFace(s.number), *effects)
    return new, effects


def _open_keypad(state: State, ev: OpenKeypad, now: float) -> tuple[State, tuple[Effect, ...]]:
    return _go(state, Step.KEYPAD, now, prompt=None), _NO_EFFECTS


_Handler = Callable[[State, Any, float], tuple[State, tuple[Effect, ...]]]
_HANDLERS: dict[tuple[Step, type], _Handler] = {
    (Step.ATTRACT, OpenKeypad): _open_keypad,
    (Step.ATTRACT, IdentityGiven): _identity,
    (Step.KEYPAD, IdentityGiven): _identity,
    (Step.LOOKING_UP, ParticipantFound): _found,
    (Step.LOOKING_UP, ParticipantNotFound): _not_found,
    (Step.LOOKING_UP, TokenNotResolved): _token_not_resolved,
    (Step.LOOKING_UP, WorkFailed): _work_failed,
    (Step.FAMILY, FamilyChosen): _family_chosen,
    (Step.FACE, FaceVerified): _face_ok,
    (Step.FACE, FaceFailed): _face_failed_event,
    (Step.FACE, WorkFailed): _work_failed,
    (Step.STATUS, StatusKnown): _status_known,
    (Step.STATUS, Continue): _continue,
    (Step.STATUS, WorkFailed): _work_failed,
    (Step.FINDING_QUEUE, BookingFound): _booking,
    (Step.FINDING_QUEUE, QueueOptions): _options,
    (Step.FINDING_QUEUE, WorkFailed): _work_failed,
    (Step.QUEUE, PoliChosen): _poli,
    (Step.ISSUING, TicketReady): _ticket,
    (Step.ISSUING, TicketRefused): _refused,
    (Step.ISSUING, WorkFailed): _work_failed,
    (Step.TICKET, PrintDone): _printed,
}
