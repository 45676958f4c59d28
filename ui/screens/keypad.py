"""Typing a NIK (16 digits) or JKN card number (13 digits) on the on-screen keypad."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.checkin import Prompt, State
from ui.screens.base import Screen, label
from ui.widgets.keypad import Keypad


class KeypadScreen(Screen):
    """``numberEntered(str)`` when the patient confirms; the window classifies it."""

    numberEntered = Signal(str)

    def __init__(self) -> None:
        super().__init__("keypad")
        self.hint = label("body")
        self.prompt = label("warning")
        self.prompt.hide()
        self.keypad = Keypad()
        self.keypad.submitted.connect(self.numberEntered)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.keypad, 1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Type your NIK or JKN card number"))
        self.hint.setText(self.tr("NIK: 16 digits (on your KTP). JKN card: 13 digits."))

    def present(self, state: State) -> None:
        p = state.session.prompt
        texts = {
            Prompt.INVALID_NUMBER: self.tr(
                "That number is not valid. Please check it and type it again."),
            Prompt.TOKEN_NEEDS_TYPED_NIK: self.tr(
                "Your IKD code cannot be checked right now. Please type your NIK."),
        }
        self.prompt.setText(texts.get(p, "") if p else "")
        self.prompt.setVisible(p is not None)
        self.hint.setVisible(p is None)  # the problem replaces the hint: the keypad keeps room

    def wipe(self) -> None:
        self.keypad.clear()
        self.keypad.readback.setText("")  # Keypad.clear() leaves the read-back number behind
        self.prompt.setText("")
