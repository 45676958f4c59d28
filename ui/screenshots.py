"""Save a PNG of every kiosk screen in Bahasa Indonesia, English and the pseudo-translation.

    python -m ui.screenshots [--out screenshots] [--frame VIDEO]   (scripts/screenshots.sh runs
    it under Xvfb)

Screens are filled from fictional demo data through the same ``render`` path the flow uses; no
store, camera or model is needed. ``--frame`` puts the first frame of a video into the previews.
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QApplication

from kiosk import checkin
from kiosk.checkin import Person, Prompt, StaffReason, State, StatusView, Step
from kiosk.config import Language
from kiosk.errors import ConfigError
from kiosk.face.liveness import EventKind
from kiosk.face.quality import Guidance
from kiosk.membership.status import MembershipState, MembershipStatus, Reason
from kiosk.queue.model import Doctor, Poli, Priority, WaitBand
from kiosk.queue.ticket import TicketView
from ui import style
from ui.i18n import Languages
from ui.services import PoliOption, StatusDetail
from ui.window import KioskWindow
from ui.workers.face import FaceProgress, FaceStage

log = logging.getLogger(__name__)

SIZE = (1280, 800)
ADULT = Person("0009990000011", "Budi Santoso", True)
FAMILY = (Person("0009990000022", "Sari Santoso", True),
          Person("0009990000033", "Dewi Lestari", True))


def first_frame(video: Path | None) -> np.ndarray:
    if video is not None:
        from kiosk.camera import VideoFileSource

        with VideoFileSource(video) as src:
            frame = src.read()
        if frame is not None:
            return frame
    ramp = np.linspace(40, 200, 640, dtype=np.uint8)
    return np.ascontiguousarray(np.dstack([np.tile(ramp, (480, 1))] * 3))


def _state(step: Step, **session: object) -> State:
    s = checkin.initial_state(0.0)
    return replace(s, step=step, session=replace(s.session, **session))  # type: ignore[arg-type]


def _status(state: MembershipState) -> State:
    st = MembershipStatus(state, Reason.FROM_FLAGS, None, datetime.now().astimezone(),
                          timedelta(hours=2))
    view = StatusView(state.may_take_ticket, None, StatusDetail(st, ADULT.name))
    return _state(Step.STATUS, adult=ADULT, patient=ADULT, status=view)


def _ticket(printed: bool | None, booking: bool = False) -> State:
    view = TicketView("Klinik Pratama Demo", "Poli Umum", "dr. Andi Wijaya", "A-012",
                      Priority.NONE, 4, WaitBand(15, 25), datetime.combine(
                          date(2026, 11, 21), time(8, 40)).astimezone(), "0" * 32, booking,
                      False)
    return _state(Step.TICKET, adult=ADULT, patient=ADULT, ticket=view, printed=printed)


def scenes() -> list[tuple[str, State, object]]:
    polis = (
        PoliOption(Poli("001", "Poli Umum", "A"), (Doctor("D001", "dr. Andi Wijaya", "001"),
                                                  Doctor("D002", "dr. Maya Kusuma", "001"))),
        PoliOption(Poli("002", "Poli Gigi", "B"), (Doctor("D003", "drg. Fitri Handayani",
                                                          "002"),)),
        PoliOption(Poli("003", "Poli KIA", "C"), ()),
        PoliOption(Poli("004", "Poli Lansia", "D"), ()),
    )
    face = FaceProgress(1, 1, FaceStage.CHALLENGES, None, EventKind.MOUTH_OPEN, 1, 3, True)
    return [
        ("01-attract", _state(Step.ATTRACT), None),
        ("02-attract-no-camera", _state(Step.ATTRACT), "no-camera"),
        ("03-keypad", _state(Step.KEYPAD), "digits"),
        ("04-keypad-invalid", _state(Step.KEYPAD, prompt=Prompt.INVALID_NUMBER), None),
        ("05-looking-up", _state(Step.LOOKING_UP), None),
        ("06-family", _state(Step.FAMILY, adult=ADULT, family=FAMILY), None),
        ("07-face", _state(Step.FACE, adult=ADULT, patient=ADULT, face_attempts=1), face),
        ("08-face-guidance", _state(Step.FACE, adult=ADULT, patient=ADULT, face_attempts=2,
                                    prompt=Prompt.FACE_RETRY),
         FaceProgress(1, 2, FaceStage.POSITIONING, Guidance.COME_CLOSER, None, 0, 2, True)),
        *[(f"09-status-{s.value}", _status(s), None) for s in MembershipState],
        ("10-queue", _state(Step.QUEUE, adult=ADULT, patient=ADULT, queue_options=polis), None),
        ("11-ticket-printing", _ticket(None), None),
        ("12-ticket-printed", _ticket(True, booking=True), None),
        ("13-ticket-printer-problem", _ticket(False), None),
        ("14-counter", _state(Step.COUNTER, reason=StaffReason.FACE_FAILED), None),
        ("15-counter-refused", _state(Step.COUNTER, reason=StaffReason.TICKET_REFUSED,
                                      reason_detail="quota_full"), None),
        ("16-error", _state(Step.ATTRACT), ConfigError("timeouts.screen_s",
                                                       "must be between 5 and 600 seconds")),
    ]


def stage(window: KioskWindow, state: State, extra: object, frame: np.ndarray) -> None:
    """Put ``window`` in one scene (shared with the layout test)."""
    window.attract.preview.set_frame(frame)
    window.face.preview.set_frame(frame)
    if isinstance(extra, ConfigError):
        window.show_error(extra)
    else:
        window.show_state(state)
    if extra == "no-camera":
        window.attract.set_camera_missing(True)
    elif extra == "digits":
        for d in "3171011403":
            window.keypad.keypad.press(d)
    elif isinstance(extra, FaceProgress):
        window.face.set_progress(extra)


def shoot(out: Path, frame: np.ndarray, app: QApplication) -> list[Path]:
    style.apply(app)
    saved: list[Path] = []
    for tag, lang, pseudo in (("id", Language.ID, False), ("en", Language.EN, False),
                              ("pseudo", Language.ID, True)):
        languages = Languages(pseudo_mode=pseudo)
        languages.switch(lang)
        for name, state, extra in scenes():
            window = KioskWindow("Klinik Pratama Demo")
            window.set_language(lang)
            window.resize(*SIZE)
            window.show()
            app.processEvents()
            stage(window, state, extra, frame)
            app.processEvents()
            path = out / tag / f"{name}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(path))
            saved.append(path)
            window.allow_close = True
            window.close()
            window.deleteLater()
            app.processEvents()
        languages.uninstall()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--frame", type=Path, help="a video whose first frame fills previews")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    saved = shoot(args.out, first_frame(args.frame), app)
    sys.stdout.write(f"{len(saved)} screenshots in {args.out}/{{id,en,pseudo}}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
