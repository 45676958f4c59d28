"""Attract/scan: live preview, "scan your IKD QR or JKN card", a big "type NIK" button and the
language switch. A missing camera is said plainly here; the keypad still works."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout

from kiosk.checkin import OpenKeypad, State
from kiosk.config import Language
from ui.screens.base import Screen, button, label
from ui.widgets.camera_view import CameraView

NOTICE_MS = 8000  # a notice about a scanned code stays this long


class AttractScreen(Screen):
    languageRequested = Signal(object)

    def __init__(self) -> None:
        super().__init__("attract", back=False, cancel=False)
        self.facility = label("facility")
        self.outer.insertWidget(0, self.facility)
        self.preview = CameraView()
        self.body.addWidget(self.preview, 1)
        self.camera_message = label("warning")
        self.camera_message.hide()
        self.body.addWidget(self.camera_message)
        self.notice = label("notice")
        self.notice.hide()
        self.body.addWidget(self.notice)
        self.keypad_button = button("typeNik", primary=True)
        self.keypad_button.setMinimumHeight(110)
        self.keypad_button.clicked.connect(lambda: self.flowEvent.emit(OpenKeypad()))
        self.body.addWidget(self.keypad_button)
        langs = QHBoxLayout()
        self.lang_id = button("langId")
        self.lang_en = button("langEn")
        self.lang_id.setText("Bahasa Indonesia")  # language names are never translated
        self.lang_en.setText("English")
        self.lang_id.clicked.connect(lambda: self.languageRequested.emit(Language.ID))
        self.lang_en.clicked.connect(lambda: self.languageRequested.emit(Language.EN))
        for b in (self.lang_id, self.lang_en):
            b.setCheckable(True)  # the language in use shows pressed, not by colour alone
        langs.addWidget(self.lang_id)
        langs.addWidget(self.lang_en)
        self.bar.addLayout(langs)
        self._camera_missing = False
        self._notice_kind: str | None = None
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(lambda: self.show_notice(None))
        self.retranslate()

    def show_language(self, language: Language) -> None:
        self.lang_id.setChecked(language is Language.ID)
        self.lang_en.setChecked(language is Language.EN)
        self.lang_id.setText(("✓ " if language is Language.ID else "") + "Bahasa Indonesia")
        self.lang_en.setText(("✓ " if language is Language.EN else "") + "English")

    def set_facility(self, name: str) -> None:
        self.facility.setText(name)

    def set_camera_missing(self, missing: bool) -> None:
        self._camera_missing = missing
        self.camera_message.setVisible(missing)
        self.preview.setVisible(not missing)
        self.retranslate()

    def show_notice(self, kind: str | None) -> None:
        """``"unrecognised"``: a scanned code that is not an IKD/JKN card; None hides it."""
        self._notice_kind = kind
        self.notice.setVisible(kind is not None)
        if kind is not None:
            self._notice_timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Scan your IKD QR code or digital JKN card"))
        self.keypad_button.setText(self.tr("Type NIK or card number"))
        self.camera_message.setText(self.tr(
            "The camera is not working. You can still check in: press the button below to"
            " type your NIK or card number. Staff have been told."))
        if self._notice_kind == "unrecognised":
            self.notice.setText(self.tr(
                "That code is not an IKD or JKN card. Please show your IKD QR code or digital"
                " JKN card, or type your number."))

    def present(self, state: State) -> None:
        pass

    def wipe(self) -> None:
        self.show_notice(None)
