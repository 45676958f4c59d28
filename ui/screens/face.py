"""Face verification: live preview with an oval guide, one instruction at a time, the current
challenge and how many are done."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressBar

from kiosk.checkin import Prompt, State
from ui.screens.base import Screen, label
from ui.widgets.camera_view import CameraView
from ui.workers.face import FaceProgress

translate = QCoreApplication.translate


def guide_text(key: str | None) -> str:
    """The quality gate's instruction (kiosk.face.quality.Guidance values) in words."""
    texts = {
        None: translate("Face", "Hold still, looking at the camera."),
        "preparing": translate("Face", "Preparing the face check…"),
        "matching": translate("Face", "Checking your face…"),
        "no_face": translate("Face", "Stand in front of the camera, your face inside the oval."),
        "only_one_person": translate("Face", "Only one person in front of the camera, please."),
        "come_closer": translate("Face", "Come a little closer."),
        "move_back": translate("Face", "Move back a little."),
        "centre_face": translate("Face", "Move so your face is inside the oval."),
        "look_straight": translate("Face", "Look straight at the camera."),
        "remove_covering": translate(
            "Face", "Please take off your mask, cap or dark glasses."),
        "avoid_backlight": translate(
            "Face", "Too much light behind you: turn towards the light."),
        "more_light": translate("Face", "It is too dark: face the light."),
        "less_light": translate("Face", "Too much light on your face: step out of the glare."),
        "hold_still": translate("Face", "Hold still."),
    }
    return texts.get(key, texts[None])


def challenge_text(key: str | None) -> str:
    texts = {
        "blink": translate("Face", "Blink your eyes"),
        "open_mouth": translate("Face", "Open your mouth"),
        "turn_left": translate("Face", "Turn your head to the left"),
        "turn_right": translate("Face", "Turn your head to the right"),
    }
    return texts.get(key or "", "")


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
        self.attempt = label("body")
        for w in (self.challenge, self.guide, self.progress, self.attempt):
            self.body.addWidget(w)
        self._last: FaceProgress | None = None
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Look at the camera"))
        self._show(self._last)

    def present(self, state: State) -> None:
        s = state.session
        if self._last is not None and self._last.session != s.number:
            self._last = None
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
            self.guide.setText(guide_text("no_face"))
            self.challenge.setText("")
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.preview.oval_ok = False
            return
        # With a challenge up, "hold still" would contradict it: only real problems show.
        show_guide = p.guide is not None or p.challenge is None
        self.guide.setText(guide_text(p.guide) if show_guide else "")
        self.challenge.setText(challenge_text(p.challenge))
        self.progress.setRange(0, max(p.steps, 1))
        self.progress.setValue(p.step)
        self.preview.oval_ok = p.face_in_view and p.guide is None

    def wipe(self) -> None:
        self._last = None
        self.preview.clear()
        self.attempt.setText("")
        self._show(None)

    def spoken(self, state: State) -> str:
        return self.tr("Look at the camera and follow the instructions")
