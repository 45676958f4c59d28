"""Face verification: live preview with an oval guide, one instruction at a time, the current
challenge and how many are done."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar

from kiosk.checkin import Prompt, State
from kiosk.face.liveness import Challenge, EventKind
from kiosk.face.quality import Guidance
from ui.screens.base import Screen, label
from ui.widgets.camera_view import CameraView
from ui.workers.face import FaceProgress, FaceStage

translate = QCoreApplication.translate


def guide_text(guidance: Guidance | None) -> str:
    """The quality gate's one instruction in words (None: the position is fine)."""
    texts = {
        None: translate("Face", "Hold still, looking at the camera."),
        Guidance.NO_FACE: translate(
            "Face", "Stand in front of the camera, your face inside the oval."),
        Guidance.ONLY_ONE_PERSON: translate(
            "Face", "Only one person in front of the camera, please."),
        Guidance.COME_CLOSER: translate("Face", "Come a little closer."),
        Guidance.MOVE_BACK: translate("Face", "Move back a little."),
        Guidance.CENTRE_FACE: translate("Face", "Move so your face is inside the oval."),
        Guidance.LOOK_STRAIGHT: translate("Face", "Look straight at the camera."),
        Guidance.REMOVE_COVERING: translate(
            "Face", "Please take off your mask, cap or dark glasses."),
        Guidance.AVOID_BACKLIGHT: translate(
            "Face", "Too much light behind you: turn towards the light."),
        Guidance.MORE_LIGHT: translate("Face", "It is too dark: face the light."),
        Guidance.LESS_LIGHT: translate(
            "Face", "Too much light on your face: step out of the glare."),
        Guidance.HOLD_STILL: translate("Face", "Hold still."),
    }
    return texts[guidance]


def stage_text(stage: FaceStage) -> str:
    """What the screen says while there is no instruction of the gate's to give."""
    if stage is FaceStage.PREPARING:
        return translate("Face", "Preparing the face check…")
    if stage in (FaceStage.MATCHING, FaceStage.DONE):
        return translate("Face", "Checking your face…")
    return guide_text(None)


def challenge_text(challenge: Challenge | None) -> str:
    texts = {
        EventKind.BLINK: translate("Face", "Blink your eyes"),
        EventKind.MOUTH_OPEN: translate("Face", "Open your mouth"),
        EventKind.TURN_LEFT: translate("Face", "Turn your head to the left"),
        EventKind.TURN_RIGHT: translate("Face", "Turn your head to the right"),
    }
    return "" if challenge is None else texts[challenge]


class FaceScreen(Screen):
    def __init__(self) -> None:
        super().__init__("face")
        self.preview = CameraView(oval=True)
        self.body.addWidget(self.preview, 1)
        self.guide = label("guide")
        self.challenge = label("challenge")
        self.progress = QProgressBar()
        self.progress.setObjectName("faceProgress")
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(24)
        self.step = label("body")
        self.attempt = label("body")
        for w in (self.challenge, self.guide, self.progress, self.step, self.attempt):
            self.body.addWidget(w)
        self._last: FaceProgress | None = None
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Look at the camera"))
        self._show(self._last)

    def present(self, state: State) -> None:
        s = state.session
        if self._last is not None and (
            self._last.session != s.number or self._last.attempt != s.face_attempts
        ):
            self._last = None  # a new attempt starts from the first instruction
        text = ""
        if s.prompt is Prompt.FACE_RETRY:
            text = self.tr("Let's try again (attempt %1 of %2).").replace(
                "%1", str(s.face_attempts)).replace("%2", str(state.timeouts.face_attempts))
        self.attempt.setText(text)
        self._show(self._last)

    def set_progress(self, p: FaceProgress) -> None:
        self._last = p
        self._show(p)

    def _show(self, p: FaceProgress | None) -> None:
        if p is None:
            self.guide.setText(guide_text(Guidance.NO_FACE))
            self.challenge.setText("")
            self.step.setText("")
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.preview.oval_ok = False
            return
        # One instruction at a time: the gate's, else the prompt, else what is going on.
        if p.stage is FaceStage.POSITIONING and p.guidance is not None:
            guide = guide_text(p.guidance)
        elif p.challenge is not None:
            guide = ""  # "hold still" would contradict the prompt
        else:
            guide = stage_text(p.stage)
        self.guide.setText(guide)
        self.challenge.setText(challenge_text(p.challenge))
        self.progress.setRange(0, max(p.steps, 1))
        self.progress.setValue(p.step)
        counting = p.steps > 0 and p.stage in (FaceStage.CHALLENGES, FaceStage.MATCHING)
        self.step.setText(self.tr("Step %1 of %2").replace(
            "%1", str(min(p.step + 1, p.steps))).replace("%2", str(p.steps)) if counting else "")
        self.preview.oval_ok = p.face_in_view and p.guidance is None

    def wipe(self) -> None:
        self._last = None
        self.preview.clear()
        self.attempt.setText("")
        self._show(None)

    def spoken(self, state: State) -> str:
        return self.tr("Look at the camera and follow the instructions")

