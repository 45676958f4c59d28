"""The enrolment tab end to end: consent box, real recorded frames fed like the camera worker
does, real dlib in the worker thread, the template in the real store; deletion on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, with_overrides
from kiosk.face import templates
from kiosk.face.engine import FaceModels
from kiosk.staff.audit import AuditAction, entries
from kiosk.staff.pins import PinBook
from kiosk.store import Store
from tests.staff.staff_support import OPEN
from ui.staff.desk import StaffDesk
from ui.staff.enrolment import CameraEnrolment

SUBJECT = "0001234567890"


def _desk(qtbot: QtBot, store: Store, tmp_path: Path, models: FaceModels
          ) -> tuple[StaffDesk, CameraEnrolment]:
    enrolment = CameraEnrolment(store, frames_wanted=12, capture_s=20.0,
                                load_models=lambda: models, clock=lambda: OPEN)
    settings = with_overrides(Settings(), kiosk={"data_dir": str(tmp_path)})
    desk = StaffDesk(store, settings, "siti", pins=PinBook(store), enrolment=enrolment,
                     clock=lambda: OPEN)
    qtbot.addWidget(desk)
    desk.show()
    desk.tabs.setCurrentWidget(desk.enrol)
    return desk, enrolment


def test_enrol_tab_with_consent_then_delete(qtbot: QtBot, store: Store, tmp_path: Path,
                                            models: FaceModels, clip: list[Any]) -> None:
    desk, enrolment = _desk(qtbot, store, tmp_path, models)
    tab = desk.enrol
    tab.participant.setText(SUBJECT)
    assert not tab.enrol_button.isEnabled()  # no consent yet
    tab.consent.setChecked(True)
    assert tab.enrol_button.isEnabled()
    tab.enrol_button.click()
    assert not tab.enrol_button.isEnabled()  # busy while capturing
    for frame in clip[:12]:
        enrolment.feed(frame)
    qtbot.waitUntil(lambda: tab.message.text() == "Face enrolled.", timeout=30_000)
    assert templates.has_template(store, SUBJECT)
    assert not tab.consent.isChecked() and tab.participant.text() == ""
    assert entries(store, action=AuditAction.ENROLMENT)[0].subject == SUBJECT
    tab.participant.setText(SUBJECT)
    tab.delete_reason.setText("minta")
    tab.delete_button.click()
    assert "at least 10" in tab.message.text() and templates.has_template(store, SUBJECT)
    tab.delete_reason.setText("pasien minta data wajah dihapus")
    tab.delete_button.click()
    assert tab.message.text() == "Face template deleted."
    assert not templates.has_template(store, SUBJECT)
    tab.delete_reason.setText("pasien minta data wajah dihapus")
    tab.delete_button.click()
    assert SUBJECT in tab.message.text()
    desk.logout(idle=False)
    enrolment.close()


def test_enrol_tab_reports_a_capture_without_a_face(qtbot: QtBot, store: Store,
                                                    tmp_path: Path, models: FaceModels) -> None:
    desk, enrolment = _desk(qtbot, store, tmp_path, models)
    tab = desk.enrol
    tab.participant.setText(SUBJECT)
    tab.consent.setChecked(True)
    tab.enrol_button.click()
    for _ in range(12):
        enrolment.feed(np.zeros((480, 640, 3), dtype=np.uint8))
    qtbot.waitUntil(lambda: tab.message.text().startswith("Enrolment failed"), timeout=30_000)
    assert "0 of 12" in tab.message.text()
    assert not templates.has_template(store, SUBJECT)
    assert tab.enrol_button.isEnabled() is False  # consent is asked again for a new try
    tab.consent.setChecked(True)
    assert tab.enrol_button.isEnabled()
    desk.logout(idle=False)
    enrolment.close()
