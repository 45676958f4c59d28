"""The check-in state machine: every step against every event, the main paths, timeouts, resets."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import checkin as c

T = c.Timeouts(screen_s=45, ticket_s=20, face_s=30, busy_s=20, face_attempts=3)
ADULT = c.Person("p-adult", "Siti Aminah", has_template=True)
CHILD = c.Person("p-child", "Budi", has_template=False)
NO_TEMPLATE = c.Person("p-new", "Joko", has_template=False)
OK_STATUS = c.StatusView(may_queue=True, staff_reason=None, detail="AKTIF")
INACTIVE = c.StatusView(may_queue=False, staff_reason=c.StaffReason.INACTIVE_STATUS, detail="NA")


def run(events, state=None, start=0.0):
    """Feed events at one-second intervals; return the final state and all effects."""
    state = state or c.initial_state(start, T)
    effects = []
    now = start
    for ev in events:
        now += 1.0
        state, eff = c.decide(state, ev, now)
        effects.extend(eff)
    return state, effects


def sess(state):
    return state.session.number


def test_happy_path_new_ticket():
    s = c.initial_state(0.0, T)
    n = sess(s)
    s, eff = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")], s)
    assert s.step is c.Step.LOOKING_UP
    assert eff == [c.LookUp(n, c.IdKind.NIK, "3171014508900001")]
    s, eff = run([c.ParticipantFound(n, ADULT)], s)
    assert s.step is c.Step.FACE and eff == [c.VerifyFace(n, "p-adult", 1)]
    s, eff = run([c.FaceVerified(n)], s)
    assert s.step is c.Step.STATUS and eff == [c.FetchStatus(n, "p-adult")]
    s, eff = run([c.StatusKnown(n, OK_STATUS)], s)
    assert s.step is c.Step.STATUS and eff == [] and s.session.status == OK_STATUS
    s, eff = run([c.Continue()], s)
    assert s.step is c.Step.FINDING_QUEUE and eff == [c.FindQueue(n, "p-adult")]
    s, eff = run([c.QueueOptions(n, ["A", "B"])], s)
    assert s.step is c.Step.QUEUE and s.session.queue_options == ["A", "B"]
    s, eff = run([c.PoliChosen("A", "D1")], s)
    assert s.step is c.Step.ISSUING and eff == [c.IssueTicket(n, "p-adult", "A", "D1")]
    s, eff = run([c.TicketReady(n, "A-012")], s)
    assert s.step is c.Step.TICKET and eff == [c.PrintTicket(n, "A-012")]
    s, eff = run([c.PrintDone(n, ok=True)], s)
    assert s.session.printed is True and eff == []


def test_booking_is_checked_in_instead_of_a_new_ticket():
    s, _ = run([c.IdentityGiven(c.IdKind.NOKA, "0001234567890")])
    n = sess(s)
    s, eff = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, OK_STATUS),
                  c.Continue(), c.BookingFound(n, "booking-7")], s)
    assert s.step is c.Step.ISSUING
    assert eff[-1] == c.CheckInBooking(n, "p-adult", "booking-7")
    s, eff = run([c.TicketReady(n, "B-003")], s)
    assert s.step is c.Step.TICKET and eff == [c.PrintTicket(n, "B-003")]


def test_inactive_status_is_shown_then_sent_to_counter_and_staff_told():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, eff = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, INACTIVE)], s)
    assert s.step is c.Step.STATUS  # the patient first reads what to do
    assert eff[-1] == c.NotifyStaff(c.StaffReason.INACTIVE_STATUS, "membership status", "p-adult")
    s, eff = run([c.Continue()], s)
    assert s.step is c.Step.COUNTER and s.session.reason is c.StaffReason.INACTIVE_STATUS
    assert not any(isinstance(e, c.FindQueue) for e in eff)


def test_unknown_participant_goes_to_counter():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    s, eff = run([c.ParticipantNotFound(sess(s))], s)
    assert s.step is c.Step.COUNTER
    assert eff == [c.NotifyStaff(c.StaffReason.UNKNOWN_PARTICIPANT, "not in the roster", None)]


def test_no_template_goes_to_staff_enrolment():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    s, eff = run([c.ParticipantFound(sess(s), NO_TEMPLATE)], s)
    assert s.step is c.Step.COUNTER and s.session.reason is c.StaffReason.NO_FACE_TEMPLATE
    assert eff[0].participant_id == "p-new"


def test_face_failures_retry_then_go_to_staff_with_reason():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, eff = run([c.ParticipantFound(n, ADULT), c.FaceFailed(n, "no blink")], s)
    assert s.step is c.Step.FACE and s.session.prompt is c.Prompt.FACE_RETRY
    assert eff[-2:] == [c.StopFace(n), c.VerifyFace(n, "p-adult", 2)]
    s, eff = run([c.FaceFailed(n, "no blink"), c.FaceFailed(n, "different face")], s)
    assert s.step is c.Step.COUNTER and s.session.reason is c.StaffReason.FACE_FAILED
    assert eff[-1] == c.NotifyStaff(
        c.StaffReason.FACE_FAILED, "different face (after 3 attempts)", "p-adult")
    assert sum(isinstance(e, c.VerifyFace) for e in eff) == 1  # attempt 3 only


def test_patient_who_walks_away_during_face_check_is_wiped_after_the_idle_limit():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT)], s)
    t0 = s.last_activity
    s, _ = c.decide(s, c.Tick(), t0 + T.face_s)  # attempt 1 timed out -> attempt 2
    assert s.step is c.Step.FACE and s.session.face_attempts == 2
    s, eff = c.decide(s, c.Tick(), t0 + T.screen_s)  # nobody in view since t0
    assert s.step is c.Step.ATTRACT and eff == (c.StopFace(n), c.Wipe())


def test_face_time_limit_counts_as_a_failed_attempt():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT)], s)
    start = s.entered_at
    s2, eff = c.decide(s, c.Tick(), start + T.face_s - 0.1)
    assert s2 is s and eff == ()
    s2, eff = c.decide(s, c.Tick(), start + T.face_s)
    assert s2.step is c.Step.FACE and s2.session.face_attempts == 2
    assert eff == (c.StopFace(n), c.VerifyFace(n, "p-adult", 2))


def test_family_member_checked_in_by_verified_parent():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, eff = run([c.ParticipantFound(n, ADULT, (CHILD,))], s)
    assert s.step is c.Step.FAMILY and eff == []
    s, eff = run([c.FamilyChosen("not-on-this-kk")], s)
    assert s.step is c.Step.FAMILY and eff == []
    s, eff = run([c.FamilyChosen("p-child")], s)
    # The parent's face is verified (the child has no template), for the child's visit.
    assert s.step is c.Step.FACE and eff == [c.VerifyFace(n, "p-adult", 1)]
    s, eff = run([c.FaceVerified(n)], s)
    assert eff == [c.FetchStatus(n, "p-child")]
    s, eff = run([c.StatusKnown(n, OK_STATUS), c.Continue()], s)
    assert eff[-1] == c.FindQueue(n, "p-child")


def test_back_from_face_returns_to_family_choice_when_there_is_one():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT, (CHILD,)), c.FamilyChosen("p-adult")], s)
    s, eff = run([c.Back()], s)
    assert s.step is c.Step.FAMILY and s.session.patient is None and eff == [c.StopFace(n)]


def test_back_from_queue_returns_to_status():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, OK_STATUS),
                c.Continue(), c.QueueOptions(n, ["A"]), c.Back()], s)
    assert s.step is c.Step.STATUS and s.session.status == OK_STATUS


def test_offline_ikd_token_guides_to_typing_the_nik():
    s, eff = run([c.IdentityGiven(c.IdKind.TOKEN, "opaque", online=False)])
    assert s.step is c.Step.KEYPAD and s.session.prompt is c.Prompt.TOKEN_NEEDS_TYPED_NIK
    assert eff == []
    s, eff = run([c.IdentityGiven(c.IdKind.TOKEN, "opaque", online=True)])
    assert s.step is c.Step.LOOKING_UP and eff[0].kind is c.IdKind.TOKEN


def test_unresolved_ikd_token_guides_to_typing_the_nik_and_forgets_the_token():
    s, _ = run([c.IdentityGiven(c.IdKind.TOKEN, "opaque-token", online=True)])
    n = sess(s)
    assert s.session.id_value == "opaque-token"
    s, eff = run([c.TokenNotResolved(n, "no IKD verifier is configured on this server")], s)
    assert s.step is c.Step.KEYPAD and s.session.prompt is c.Prompt.TOKEN_NEEDS_TYPED_NIK
    assert eff == [] and s.session.id_kind is None and s.session.id_value is None
    assert sess(s) == n  # the same patient goes on: typed NIK, then the face as usual
    s, eff = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")], s)
    assert s.step is c.Step.LOOKING_UP and s.session.prompt is None
    assert eff == [c.LookUp(n, c.IdKind.NIK, "3171014508900001")]


def test_unresolved_token_means_nothing_outside_a_lookup():
    for step in c.Step:
        if step is c.Step.LOOKING_UP:
            continue
        s = state_at(step)
        assert c.decide(s, c.TokenNotResolved(sess(s), "x"), 1.0) == (s, ())


def test_impossible_number_stays_on_keypad_with_a_prompt():
    s, eff = run([c.OpenKeypad(), c.IdentityGiven(c.IdKind.NIK, "3171019999900001", valid=False)])
    assert s.step is c.Step.KEYPAD and s.session.prompt is c.Prompt.INVALID_NUMBER and eff == []


def test_already_has_ticket_reprints_it():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, OK_STATUS),
                c.Continue(), c.QueueOptions(n, ["A"]), c.PoliChosen("A")], s)
    s, eff = run([c.TicketRefused(n, "already has a ticket", existing_ticket="A-004")], s)
    assert s.step is c.Step.TICKET and eff == [c.PrintTicket(n, "A-004")]


def test_refusal_without_ticket_goes_to_counter_with_the_reason():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, OK_STATUS),
                c.Continue(), c.QueueOptions(n, ["A"]), c.PoliChosen("A")], s)
    s, _ = run([c.TicketRefused(n, "quota full")], s)
    assert s.step is c.Step.COUNTER and s.session.reason_detail == "quota full"


def test_printer_problem_keeps_ticket_on_screen_and_tells_staff():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, OK_STATUS),
                c.Continue(), c.QueueOptions(n, ["A"]), c.PoliChosen("A"),
                c.TicketReady(n, "A-001")], s)
    s, eff = run([c.PrintDone(n, ok=False, detail="out of paper")], s)
    assert s.step is c.Step.TICKET and s.session.ticket == "A-001" and s.session.printed is False
    assert eff == [c.NotifyStaff(c.StaffReason.SYSTEM_PROBLEM, "printer: out of paper", None)]


def test_ticket_screen_resets_and_wipes_after_its_timeout():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT), c.FaceVerified(n), c.StatusKnown(n, OK_STATUS),
                c.Continue(), c.QueueOptions(n, ["A"]), c.PoliChosen("A"),
                c.TicketReady(n, "A-001")], s)
    t0 = s.entered_at
    s2, eff = c.decide(s, c.Tick(), t0 + T.ticket_s - 0.5)
    assert s2.step is c.Step.TICKET
    s2, eff = c.decide(s, c.Tick(), t0 + T.ticket_s)
    assert s2.step is c.Step.ATTRACT and eff == (c.Wipe(),)
    assert s2.session == c.Session(n + 1)


def test_idle_patient_screen_times_out_but_activity_keeps_it():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT, (CHILD,))], s)  # FAMILY: waiting for the patient
    t0 = s.last_activity
    s, _ = c.decide(s, c.Touch(), t0 + 40)
    s, eff = c.decide(s, c.Tick(), t0 + 80)
    assert s.step is c.Step.FAMILY and eff == ()
    s, eff = c.decide(s, c.Tick(), t0 + 40 + T.screen_s)
    assert s.step is c.Step.ATTRACT and eff == (c.Wipe(),)


def test_busy_step_that_never_answers_goes_to_counter():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    s, _ = c.decide(s, c.Tick(), s.entered_at + T.busy_s)
    assert s.step is c.Step.COUNTER and s.session.reason is c.StaffReason.SYSTEM_PROBLEM


def test_late_answer_for_a_previous_patient_is_ignored():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    old = sess(s)
    s, eff = run([c.Cancel()], s)
    assert eff == [c.Wipe()] and sess(s) == old + 1
    s2, eff = run([c.ParticipantFound(old, ADULT)], s)
    assert s2.step is c.Step.ATTRACT and s2.session.adult is None and eff == []


def test_work_failure_is_never_a_dead_end():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT)], s)
    s, eff = run([c.WorkFailed(n, "descriptor process died")], s)
    assert s.step is c.Step.COUNTER
    assert eff[0] == c.StopFace(n) and isinstance(eff[1], c.NotifyStaff)


def test_cancel_during_face_stops_the_camera_work():
    s, _ = run([c.IdentityGiven(c.IdKind.NIK, "3171014508900001")])
    n = sess(s)
    s, _ = run([c.ParticipantFound(n, ADULT)], s)
    s, eff = run([c.Cancel()], s)
    assert s.step is c.Step.ATTRACT and eff == [c.StopFace(n), c.Wipe()]


# -- exhaustive: every step meets every kind of event ----------------------------------------

EVENT_TYPES = typing.get_args(c.Event)


def sample_event(cls, session):
    values = {
        "session": session, "adult": ADULT, "family": (CHILD,), "detail": "x", "kind": c.IdKind.NIK,
        "value": "3171014508900001", "valid": True, "online": True, "participant_id": "p-child",
        "status": OK_STATUS, "booking": "bk", "options": ["A"], "poli_code": "A",
        "doctor_code": None, "ticket": "A-001", "existing_ticket": None, "ok": True,
    }
    fields = {f.name: values[f.name] for f in dataclasses.fields(cls)}
    return cls(**fields)


def state_at(step):
    """A plausible state for each step, with the session data that step implies."""
    base = c.initial_state(0.0, T)
    sess_data = dict(adult=ADULT, family=(CHILD,), patient=ADULT, status=OK_STATUS,
                     id_kind=c.IdKind.NIK, id_value="3171014508900001", face_attempts=1)
    if step is c.Step.ATTRACT:
        return base
    return dataclasses.replace(base, step=step,
                               session=dataclasses.replace(base.session, **sess_data))


@pytest.mark.parametrize("step", list(c.Step))
@pytest.mark.parametrize("cls", EVENT_TYPES, ids=lambda k: k.__name__)
def test_every_step_handles_every_event(step, cls):
    s = state_at(step)
    new, effects = c.decide(s, sample_event(cls, sess(s)), 1.0)
    assert isinstance(new, c.State) and isinstance(effects, tuple)
    for e in effects:
        assert isinstance(e, typing.get_args(c.Effect))
    if cls is c.Cancel:
        assert new.step is c.Step.ATTRACT and c.Wipe() in effects
    if new.step is c.Step.ATTRACT and step is not c.Step.ATTRACT:
        assert new.session == c.Session(sess(s) + 1), "personal data survived a reset"
        assert c.Wipe() in effects
    # Answers for another session never change anything.
    if "session" in {f.name for f in dataclasses.fields(cls)}:
        stale = sample_event(cls, sess(s) + 7)
        assert c.decide(s, stale, 1.0) == (s, ())


events_strategy = st.one_of(
    st.builds(c.Tick), st.builds(c.Touch), st.builds(c.Back), st.builds(c.Cancel),
    st.builds(c.OpenKeypad), st.builds(c.Continue),
    st.builds(c.IdentityGiven, st.sampled_from(list(c.IdKind)), st.just("3171014508900001"),
              st.booleans(), st.booleans()),
    st.builds(c.FamilyChosen, st.sampled_from(["p-adult", "p-child", "zz"])),
    st.builds(c.PoliChosen, st.sampled_from(["A", "B"])),
)
answers = [
    lambda n: c.ParticipantFound(n, ADULT, (CHILD,)), lambda n: c.ParticipantFound(n, ADULT),
    lambda n: c.ParticipantFound(n, NO_TEMPLATE), c.ParticipantNotFound,
    lambda n: c.TokenNotResolved(n, "x"), c.FaceVerified,
    lambda n: c.FaceFailed(n, "x"),
    lambda n: c.StatusKnown(n, OK_STATUS), lambda n: c.StatusKnown(n, INACTIVE),
    lambda n: c.BookingFound(n, "bk"), lambda n: c.QueueOptions(n, ["A"]),
    lambda n: c.TicketReady(n, "A-1"), lambda n: c.TicketRefused(n, "quota"),
    lambda n: c.PrintDone(n, False, "paper"), lambda n: c.WorkFailed(n, "bug"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(events_strategy, st.sampled_from(answers)),
                          st.floats(0.0, 60.0)), max_size=40))
def test_random_sequences_keep_the_invariants(steps):
    s = c.initial_state(0.0, T)
    now = 0.0
    for item, dt in steps:
        now += dt
        ev = item(sess(s)) if callable(item) and not isinstance(item, type) else item
        before = s
        s, effects = c.decide(s, ev, now)
        if s.step is c.Step.ATTRACT:
            assert s.session.adult is None and s.session.ticket is None
        if s.step is c.Step.TICKET:
            assert s.session.ticket is not None
        if s.step is c.Step.KEYPAD:  # nothing held: no token, no number, no person
            assert s.session.id_kind is None and s.session.id_value is None
            assert s.session.adult is None and s.session.patient is None
        if s.step in (c.Step.FACE, c.Step.STATUS, c.Step.QUEUE, c.Step.ISSUING):
            assert s.session.patient is not None and s.session.adult is not None
        if s.step is c.Step.FACE:
            assert 1 <= s.session.face_attempts <= T.face_attempts
        if sess(s) != sess(before):
            assert sess(s) == sess(before) + 1 and c.Wipe() in effects
        # However the patient behaves, an idle kiosk is back at the attract screen in time.
    # Worst case: face time limits until the attempts run out, then the counter screen's timeout.
    for _ in range(T.face_attempts + 2):
        now += max(T.screen_s, T.ticket_s, T.face_s, T.busy_s) + 1
        s, _ = c.decide(s, c.Tick(), now)
    assert s.step is c.Step.ATTRACT
