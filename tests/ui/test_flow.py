"""The whole patient flow, end to end, on the real kiosk: a real recorded clip as the camera,
the demo facility in a real SQLite store, real face analysis, liveness and matching, a PDF
printer folder. The window is driven by touches, exactly as a patient would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.checkin import Step, Tick
from kiosk.membership import MembershipState
from kiosk.store import Store
from tests.ui.conftest import FakeClock
from ui.screens.simple import reason_text

FACE_TIMEOUT_MS = 90_000

PUTRI = ("3471014410990009", "0009990000099", "Putri Anggraini")  # AKTIF, no family
SITI = ("3174024202550004", "0009990000044", "Siti Aminah")  # AKTIF, booking today
AGUS = ("3273013008790005", "0009990000055", "Agus Prasetyo")  # NON-AKTIF (arrears)
BUDI = ("3171011403850001", "0009990000011", "Budi Santoso")  # AKTIF, two family members


def click(qtbot: Any, button: Any) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_number(qtbot: Any, kiosk: Any, number: str) -> None:
    click(qtbot, kiosk.window.attract.keypad_button)
    assert kiosk.flow.state.step is Step.KEYPAD
    pad = kiosk.window.keypad.keypad
    for d in number:
        click(qtbot, pad.digit_buttons[d])
    click(qtbot, pad.next_button)
    click(qtbot, pad.confirm_button)


def wait_step(qtbot: Any, kiosk: Any, step: Step, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: kiosk.flow.state.step is step, timeout=timeout)


def outbox_kinds(settings: Any) -> list[str]:
    with Store.open(settings.db_path) as store:
        return [r["kind"] for r in store.query("SELECT kind FROM outbox ORDER BY seq")]


def exceptions(settings: Any) -> list[dict[str, Any]]:
    with Store.open(settings.db_path) as store:
        return store.query("SELECT kind, reason, subject FROM staff_exceptions ORDER BY id")


def verifications(settings: Any) -> list[dict[str, Any]]:
    """The VERIFICATION events the kiosk recorded, in order."""
    with Store.open(settings.db_path) as store:
        return [json.loads(r["payload"]) for r in store.query(
            "SELECT payload FROM outbox WHERE kind = 'verification' ORDER BY seq")]


def summary_today(settings: Any) -> Any:
    from datetime import datetime

    from kiosk.staff.summary import daily_summary

    with Store.open(settings.db_path) as store:
        return daily_summary(store, datetime.now().astimezone().date())


def personal_texts(kiosk: Any, person: tuple[str, str, str]) -> list[str]:
    nik, noka, name = person
    grouped = {nik, noka, name, " ".join(nik[i:i + 4] for i in range(0, 16, 4))}
    return [t for t in kiosk.window.texts() if any(p in t for p in grouped)]


def test_aktif_patient_gets_a_new_ticket_printed(qtbot, start_kiosk, demo_settings):
    kiosk = start_kiosk(demo_settings)
    qtbot.waitUntil(lambda: kiosk.window.attract.preview.frames_shown > 3, timeout=10_000)
    face = kiosk.window.face
    shown: set[tuple[str, str, str]] = set()  # (instruction, prompt, step) after each update
    kiosk.face.progress.connect(
        lambda _p: shown.add((face.guide.text(), face.challenge.text(), face.step.text())))
    type_number(qtbot, kiosk, PUTRI[0])
    wait_step(qtbot, kiosk, Step.FACE)
    qtbot.waitUntil(lambda: kiosk.window.face.preview.frames_shown > 3, timeout=10_000)
    wait_step(qtbot, kiosk, Step.STATUS, FACE_TIMEOUT_MS)
    status = kiosk.window.status
    qtbot.waitUntil(lambda: status.proceed.isEnabled(), timeout=10_000)
    assert kiosk.flow.state.session.status.detail.status.state is MembershipState.AKTIF
    assert status.state_title.text() == "AKTIF" and status.who.text() == PUTRI[2]
    assert status.icon.pixmap() is not None and not status.icon.pixmap().isNull()
    click(qtbot, status.proceed)
    wait_step(qtbot, kiosk, Step.QUEUE)
    umum = next(b for b in kiosk.window.queue.choices if b.text() == "Poli Umum")
    click(qtbot, umum)  # two doctors practise there: the doctor choice comes next
    doctor = next(b for b in kiosk.window.queue.choices if b.text() == "dr. Andi Wijaya")
    click(qtbot, doctor)
    wait_step(qtbot, kiosk, Step.TICKET)
    qtbot.waitUntil(lambda: kiosk.flow.state.session.printed is True, timeout=10_000)
    ticket = kiosk.window.ticket
    label = ticket.number.text()
    assert label.startswith("A-")
    pdfs = list(Path(demo_settings.ticket_dir).rglob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    with Store.open(demo_settings.db_path) as store:
        (row,) = store.query("SELECT label, noka, doctor_code, print_count FROM tickets")
    assert (row["label"], row["noka"], row["doctor_code"], row["print_count"]) == (
        label, PUTRI[1], "D001", 1)
    assert outbox_kinds(demo_settings)[-2:] == ["ticket_issued", "ticket_printed"]
    said = [text for text, _ in kiosk.speaker.said]
    assert any(label in text for text in said)
    from kiosk.face.liveness import EventKind
    from ui.screens.face import challenge_text

    assert challenge_text(EventKind.MOUTH_OPEN) == "Buka mulut Anda" and "Buka mulut Anda" in said
    # One instruction at a time: the prompt with its step, never under a gate instruction.
    assert ("", "Buka mulut Anda", "Langkah 1 dari 1") in shown
    assert all(not (guide and prompt) for guide, prompt, _ in shown)
    assert not exceptions(demo_settings)
    # One recorded result per attempt; the last one passed with the match distance.
    attempts = kiosk.flow.state.session.face_attempts
    records = verifications(demo_settings)
    assert len(records) == attempts and records[-1]["passed"] is True
    assert records[-1]["participant_id"] == PUTRI[1]
    assert records[-1]["detail"].startswith("verified (match distance 0.")
    summary = summary_today(demo_settings)
    assert (summary.verifications, summary.verification_failures) == (attempts, attempts - 1)


def test_booking_is_checked_in_with_its_own_number(qtbot, start_kiosk, demo_settings):
    kiosk = start_kiosk(demo_settings)
    type_number(qtbot, kiosk, SITI[1])  # by JKN card number this time
    wait_step(qtbot, kiosk, Step.STATUS, FACE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: kiosk.window.status.proceed.isEnabled(), timeout=10_000)
    click(qtbot, kiosk.window.status.proceed)
    wait_step(qtbot, kiosk, Step.TICKET)
    assert kiosk.window.ticket.number.text() == "A-201"
    assert kiosk.window.ticket.kind.text() == kiosk.window.ticket.tr("Online booking checked in")
    qtbot.waitUntil(lambda: kiosk.flow.state.session.printed is True, timeout=10_000)
    with Store.open(demo_settings.db_path) as store:
        (b,) = store.query("SELECT checked_in_at, ticket_id FROM bookings")
    assert b["checked_in_at"] and b["ticket_id"]
    assert "booking_checked_in" in outbox_kinds(demo_settings)


def test_non_aktif_is_sent_to_the_counter_and_staff_are_told(qtbot, start_kiosk, demo_settings):
    kiosk = start_kiosk(demo_settings)
    type_number(qtbot, kiosk, AGUS[0])
    wait_step(qtbot, kiosk, Step.STATUS, FACE_TIMEOUT_MS)
    status = kiosk.window.status
    qtbot.waitUntil(lambda: status.proceed.isEnabled(), timeout=10_000)
    assert status.state_title.text() == "NON-AKTIF"
    assert "#C62828" in status.banner.styleSheet()  # red, and the words and icon say it too
    qtbot.waitUntil(lambda: len(exceptions(demo_settings)) == 1, timeout=5_000)
    (exc,) = exceptions(demo_settings)
    assert (exc["kind"], exc["subject"]) == ("inactive_status", AGUS[1])
    click(qtbot, status.proceed)
    wait_step(qtbot, kiosk, Step.COUNTER)
    from kiosk.checkin import StaffReason

    assert kiosk.window.counter.reason.text() == reason_text(StaffReason.INACTIVE_STATUS, "")
    assert "exception_raised" in outbox_kinds(demo_settings)
    assert not list(Path(demo_settings.ticket_dir).rglob("*.pdf"))


def test_failed_liveness_sends_the_patient_to_staff(qtbot, start_kiosk, demo_settings):
    from dataclasses import replace

    settings = replace(demo_settings, face=replace(demo_settings.face, max_attempts=2))
    kiosk = start_kiosk(settings, passable=False)
    type_number(qtbot, kiosk, PUTRI[0])
    wait_step(qtbot, kiosk, Step.FACE)
    wait_step(qtbot, kiosk, Step.COUNTER, FACE_TIMEOUT_MS)
    assert kiosk.flow.state.session.face_attempts == 2
    from kiosk.checkin import StaffReason

    assert kiosk.window.counter.reason.text() == reason_text(StaffReason.FACE_FAILED, "")
    qtbot.waitUntil(lambda: len(exceptions(settings)) == 1, timeout=5_000)
    (exc,) = exceptions(settings)
    assert exc["kind"] == "face_failed" and exc["subject"] == PUTRI[1]
    assert exc["reason"] == "liveness: no_response (after 2 attempts)"
    assert not list(Path(settings.ticket_dir).rglob("*.pdf"))
    assert not [k for k in outbox_kinds(settings) if k.startswith("ticket")]
    # Both failed attempts are in the staff daily summary, with the reason.
    qtbot.waitUntil(lambda: len(verifications(settings)) == 2, timeout=5_000)
    assert [(r["passed"], r["detail"]) for r in verifications(settings)] == [
        (False, "liveness: no_response")] * 2
    summary = summary_today(settings)
    assert (summary.verifications, summary.verification_failures) == (2, 2)
    assert summary.failure_rate == 1.0


def test_daily_failure_rate_counts_every_patients_attempts(qtbot, start_kiosk, demo_settings):
    """Two patients on one kiosk: one verified, one who never answers the prompt (production
    mouth thresholds) and goes to staff after 3 attempts. The summary staff print shows it."""
    from dataclasses import replace

    from kiosk.face.session import VerifyConfig

    kiosk = start_kiosk(demo_settings)
    type_number(qtbot, kiosk, PUTRI[0])
    wait_step(qtbot, kiosk, Step.STATUS, FACE_TIMEOUT_MS)
    passed_attempts = kiosk.flow.state.session.face_attempts
    qtbot.waitUntil(lambda: len(verifications(demo_settings)) == passed_attempts, timeout=5_000)
    kiosk.flow.reset()
    # The same kiosk, now with a patient who does not respond: production liveness thresholds.
    kit = kiosk.loader.kit
    kit.config = replace(kit.config, liveness=replace(
        kit.config.liveness, detector=VerifyConfig().liveness.detector))
    type_number(qtbot, kiosk, AGUS[0])
    wait_step(qtbot, kiosk, Step.COUNTER, FACE_TIMEOUT_MS)
    total = passed_attempts + 3
    qtbot.waitUntil(lambda: len(verifications(demo_settings)) == total, timeout=5_000)
    records = verifications(demo_settings)
    assert [r["participant_id"] for r in records] == [PUTRI[1]] * passed_attempts + [AGUS[1]] * 3
    summary = summary_today(demo_settings)
    assert summary.verifications == total
    assert summary.verification_failures == total - 1
    assert summary.failure_rate == (total - 1) / total
    from kiosk.staff.summary import fmt_rate

    assert fmt_rate(summary.failure_rate) == f"{(total - 1) / total * 100:.1f}%"


def test_the_face_screen_gives_the_quality_gates_instruction(qtbot, start_kiosk, clip,
                                                             demo_settings):
    """The unzoomed clip: her face is 72 px in a crowd, too small for the kiosk to work with.
    The screen says what to do (one instruction) and no prompt starts."""
    from kiosk.camera import VideoFileSource
    from kiosk.face.quality import Guidance
    from ui.screens.face import guide_text
    from ui.workers.face import FaceStage

    kiosk = start_kiosk(demo_settings, open_source=lambda: VideoFileSource(clip, loop=True))
    qtbot.waitUntil(lambda: kiosk.face.ready, timeout=30_000)
    type_number(qtbot, kiosk, PUTRI[0])
    wait_step(qtbot, kiosk, Step.FACE)
    face = kiosk.window.face
    seen: list[FaceStage] = []
    kiosk.face.progress.connect(lambda p: seen.append(p.stage))
    qtbot.waitUntil(lambda: len(seen) >= 15, timeout=10_000)  # analysed, not just shown
    assert set(seen) == {FaceStage.POSITIONING}
    assert face.guide.text() == guide_text(Guidance.NO_FACE)
    assert face.guide.text() == "Berdirilah di depan kamera, wajah Anda di dalam oval."
    assert face.challenge.text() == "" and face.step.text() == ""
    assert not face.preview.oval_ok
    assert kiosk.flow.state.step is Step.FACE and not verifications(demo_settings)


def test_walking_away_wipes_every_screen(qtbot, start_kiosk, demo_settings):
    clock = FakeClock()
    kiosk = start_kiosk(demo_settings, clock=clock)
    type_number(qtbot, kiosk, BUDI[0])
    wait_step(qtbot, kiosk, Step.FAMILY)
    names = [b.text() for b in kiosk.window.family.choices]
    assert any(BUDI[2] in n for n in names) and "Sari Santoso" in names
    assert personal_texts(kiosk, BUDI)
    clock.advance(demo_settings.timeouts.screen_s - 1)
    kiosk.flow.feed(Tick())
    assert kiosk.flow.state.step is Step.FAMILY  # not yet
    clock.advance(2)
    kiosk.flow.feed(Tick())
    assert kiosk.flow.state.step is Step.ATTRACT
    qtbot.wait(50)
    assert personal_texts(kiosk, BUDI) == []
    assert not any("Sari Santoso" in t or "Dewi Lestari" in t for t in kiosk.window.texts())
    assert kiosk.flow.state.session.adult is None
    assert json.dumps([t for t in kiosk.window.texts()]).count("3171") == 0


def test_a_bug_is_logged_and_the_flow_restarts_wiped(qtbot, start_kiosk, demo_settings, caplog):
    import sys

    from ui.app import _install_excepthook

    kiosk = start_kiosk(demo_settings)
    type_number(qtbot, kiosk, BUDI[0])
    wait_step(qtbot, kiosk, Step.FAMILY)
    session = kiosk.flow.state.session.number
    saved = sys.excepthook
    _install_excepthook([kiosk])
    try:
        try:
            raise RuntimeError("a bug in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = saved
    assert kiosk.flow.state.step is Step.ATTRACT
    assert kiosk.flow.state.session.number == session + 1
    assert personal_texts(kiosk, BUDI) == []
    assert "uncaught exception (a bug)" in caplog.text and "a bug in a slot" in caplog.text


def test_ikd_token_offline_asks_for_the_typed_nik(qtbot, start_kiosk, tmp_path, demo_settings):
    """With the central server unreachable an IKD token cannot be verified: type the NIK."""
    import socket
    from dataclasses import replace

    from kiosk.checkin import Prompt

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = replace(demo_settings, server=replace(
        demo_settings.server, url=f"http://127.0.0.1:{port}", token="t", timeout_s=0.5))
    kiosk = start_kiosk(settings)
    assert kiosk.sync is not None
    qtbot.waitUntil(lambda: kiosk.sync.engine.status().error is not None, timeout=10_000)
    assert not kiosk.online()
    kiosk.wedge.scanned.emit("ikd:eyJhbGciOiJIUzI1NiJ9.b3BhcXVlLXRva2VuLWZyb20tZHVrY2FwaWw")
    assert kiosk.flow.state.step is Step.KEYPAD
    assert kiosk.flow.state.session.prompt is Prompt.TOKEN_NEEDS_TYPED_NIK
    assert kiosk.window.keypad.prompt.isVisible() and "NIK" in kiosk.window.keypad.prompt.text()


class ShownCode:
    """A camera looking at a phone that shows a QR code (rendered, not photographed)."""

    def __init__(self, payload: str) -> None:
        import numpy as np

        from kiosk.identity.synth import qr_modules

        modules = qr_modules(payload)
        big = np.kron(modules, np.ones((8, 8), dtype=np.uint8))
        frame = np.full((480, 640), 255, dtype=np.uint8)
        y, x = (480 - big.shape[0]) // 2, (640 - big.shape[1]) // 2
        frame[y:y + big.shape[0], x:x + big.shape[1]] = big
        self.frame = np.ascontiguousarray(np.dstack([frame] * 3))

    def read(self):  # type: ignore[no-untyped-def]
        return self.frame

    def close(self) -> None:
        pass


def test_qr_code_shown_to_the_camera_starts_the_check_in(qtbot, start_kiosk, demo_settings):
    kiosk = start_kiosk(demo_settings, open_source=lambda: ShownCode(PUTRI[0]))
    qtbot.waitUntil(lambda: kiosk.flow.state.step is not Step.ATTRACT, timeout=10_000)
    assert kiosk.flow.state.session.id_value == PUTRI[0]
    wait_step(qtbot, kiosk, Step.FACE)


def test_a_code_that_is_no_card_is_explained(qtbot, start_kiosk, demo_settings):
    kiosk = start_kiosk(demo_settings)
    kiosk.wedge.scanned.emit("hello")
    assert kiosk.flow.state.step is Step.ATTRACT
    notice = kiosk.window.attract.notice
    assert notice.isVisible() and "IKD" in notice.text()


def test_printer_failure_keeps_the_ticket_and_tells_staff(qtbot, start_kiosk, tmp_path,
                                                        demo_settings):
    from dataclasses import replace

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the ticket folder should be")
    settings = replace(demo_settings, printer=replace(demo_settings.printer, output_dir=blocker))
    kiosk = start_kiosk(settings)
    type_number(qtbot, kiosk, SITI[0])  # booking today: straight to her ticket
    wait_step(qtbot, kiosk, Step.STATUS, FACE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: kiosk.window.status.proceed.isEnabled(), timeout=10_000)
    click(qtbot, kiosk.window.status.proceed)
    wait_step(qtbot, kiosk, Step.TICKET)
    qtbot.waitUntil(lambda: kiosk.flow.state.session.printed is False, timeout=10_000)
    ticket = kiosk.window.ticket
    assert ticket.number.text() == "A-201"  # still on screen, still valid
    assert ticket.printing.text() == ticket.tr(
        "The printer has a problem: show this screen at the counter. Your number is kept.")
    qtbot.waitUntil(lambda: len(exceptions(settings)) == 1, timeout=5_000)
    (exc,) = exceptions(settings)
    assert exc["kind"] == "printer_problem" and "cannot write ticket" in exc["reason"]
    with Store.open(settings.db_path) as store:
        (row,) = store.query("SELECT label, print_count FROM tickets")
    assert (row["label"], row["print_count"]) == ("A-201", 0)


def test_impossible_nik_is_refused_with_a_clear_message(qtbot, start_kiosk, demo_settings):
    kiosk = start_kiosk(demo_settings)
    type_number(qtbot, kiosk, "3171011385000001")  # month 85: no such date of birth
    assert kiosk.flow.state.step is Step.KEYPAD
    prompt = kiosk.window.keypad.prompt
    assert prompt.isVisible() and prompt.text() == kiosk.window.keypad.tr(
        "That number is not valid. Please check it and type it again.")
    assert not exceptions(demo_settings)  # nothing looked up, nobody bothered


def test_an_attempt_ended_by_its_time_limit_is_recorded_once(qtbot, start_kiosk, demo_settings):
    """The flow's clock ends the attempt ([timeouts] face_s): that is a failed attempt for the
    summary, and the worker's late answer for it is not counted again."""
    clock = FakeClock()
    kiosk = start_kiosk(demo_settings, clock=clock, passable=False)
    qtbot.waitUntil(lambda: kiosk.face.ready, timeout=30_000)
    type_number(qtbot, kiosk, PUTRI[0])
    wait_step(qtbot, kiosk, Step.FACE)
    qtbot.waitUntil(lambda: kiosk.face.frames_analysed > 5, timeout=10_000)
    clock.advance(demo_settings.timeouts.face_s)
    kiosk.flow.feed(Tick())
    assert kiosk.flow.state.step is Step.FACE and kiosk.flow.state.session.face_attempts == 2
    qtbot.waitUntil(lambda: len(verifications(demo_settings)) == 1, timeout=5_000)
    assert [(r["passed"], r["detail"]) for r in verifications(demo_settings)] == [
        (False, "time limit reached")]
    kiosk.flow.reset()  # walking away mid-attempt is no verification result
    qtbot.wait(300)
    assert len(verifications(demo_settings)) == 1


def test_a_live_face_that_is_not_the_participant_goes_to_staff(qtbot, start_kiosk, demo_settings,
                                                              face_models, descriptors,
                                                              faces_dir):
    """Putri's number, but her enrolled template is another woman's (a real photo): the woman
    at the camera answers every prompt and still never matches; after the production 3
    attempts staff get the case with the distance."""
    from kiosk.face import offline, templates

    photo = offline.read_image(faces_dir / "openmpf" / "meds-aa-S001-01.jpg")
    (box,) = offline.find_faces(face_models, photo)
    (other,) = descriptors.submit([face_models.chip(photo, box)]).result(timeout=60)
    with Store.open(demo_settings.db_path) as store:
        templates.enrol(store, PUTRI[1], [other], consent=True, staff="test")
    kiosk = start_kiosk(demo_settings)
    type_number(qtbot, kiosk, PUTRI[0])
    wait_step(qtbot, kiosk, Step.COUNTER, FACE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(exceptions(demo_settings)) == 1, timeout=5_000)
    (exc,) = exceptions(demo_settings)
    assert exc["kind"] == "face_failed" and exc["subject"] == PUTRI[1]
    assert exc["reason"].startswith("different person (match distance ")
    assert exc["reason"].endswith("(after 3 attempts)")
    distance = float(exc["reason"].split("match distance ")[1][:4])
    assert distance > demo_settings.face.match_threshold
    qtbot.waitUntil(lambda: len(verifications(demo_settings)) == 3, timeout=5_000)
    assert [r["passed"] for r in verifications(demo_settings)] == [False] * 3
    assert not list(Path(demo_settings.ticket_dir).rglob("*.pdf"))
