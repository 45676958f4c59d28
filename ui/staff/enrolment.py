"""Face enrolment for the staff desk: camera frames in, an encrypted template out, off the GUI
thread. Implements ``ui.staff.tabs.FaceEnrolment`` on ``kiosk.staff.enrolment``.

``feed`` takes every camera frame (connect it to the camera worker's frame signal) but keeps
frames only during a capture. After ``capture_s`` seconds or ``frames_wanted`` frames, a worker
thread loads the models (once), computes the descriptors and writes the template, its event and
the audit row on its own store connection; the answer comes back on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.errors import KioskError
from kiosk.face.templates import ConsentMissing
from kiosk.staff.enrolment import (
    EnrolmentFailed,
    capture_descriptors,
    delete_on_request,
    enrol_with_consent,
)
from kiosk.store import Store
from ui.staff.pin_dialog import now_local

if TYPE_CHECKING:
    from kiosk.face.engine import FaceModels

log = logging.getLogger(__name__)


def _load_models() -> FaceModels:
    from kiosk.face.engine import load_models

    return load_models(with_descriptor=True)


class CameraEnrolment(QObject):
    _finished = Signal(bool, str)

    def __init__(self, store: Store, *, frames_wanted: int = 20, capture_s: float = 3.0,
                 load_models: Callable[[], FaceModels] = _load_models,
                 clock: Callable[[], datetime] = now_local) -> None:
        super().__init__()
        self.store = store  # GUI-thread connection (deletion); the worker opens its own
        self.frames_wanted = frames_wanted
        self.clock = clock
        self._load = load_models
        self._models: FaceModels | None = None
        self._frames: list[Any] = []
        self._capturing = False
        self._request: tuple[str, str] | None = None
        self._done: Callable[[bool, str], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(capture_s * 1000))
        self._timer.timeout.connect(self._process)
        self._finished.connect(self._report)
        self.worker: threading.Thread | None = None

    def feed(self, frame: Any) -> None:
        if self._capturing:
            self._frames.append(frame.copy())
            if len(self._frames) >= self.frames_wanted:
                self._timer.stop()
                self._process()

    def enrol(self, participant_id: str, staff: str, consent_version: str,
              done: Callable[[bool, str], None]) -> None:
        """Start a capture for a patient who has consented (the desk ticked the box)."""
        if self._capturing or (self.worker is not None and self.worker.is_alive()):
            done(False, "an enrolment is already running")
            return
        self._request = (participant_id, staff)
        self._done = done
        self._frames = []
        self._capturing = True
        self._timer.start()
        log.info("enrolment capture started by %s (consent %s)", staff, consent_version)

    def _process(self) -> None:
        if not self._capturing:
            return
        self._capturing = False
        frames, self._frames = self._frames, []
        assert self._request is not None
        subject, staff = self._request
        self.worker = threading.Thread(target=self._work, args=(frames, subject, staff),
                                       name="enrolment", daemon=True)
        self.worker.start()

    def _work(self, frames: list[Any], subject: str, staff: str) -> None:
        try:
            if self._models is None:
                self._models = self._load()
            descriptors = capture_descriptors(self._models, frames)
            with Store.open(self.store.path) as store:
                enrol_with_consent(store, subject, descriptors, consent=True, staff=staff,
                                   now=self.clock())
        except (EnrolmentFailed, ConsentMissing) as exc:
            self._finished.emit(False, str(exc))
        except KioskError as exc:
            log.error("enrolment failed: %s", exc.detail)
            self._finished.emit(False, exc.detail)
        except Exception:  # a bug: logged with its traceback; the desk must not hang busy
            log.exception("enrolment crashed")
            self._finished.emit(False, "internal error (see the log)")
        else:
            self._finished.emit(True, "")

    def _report(self, ok: bool, detail: str) -> None:
        done, self._done = self._done, None
        if done is not None:
            done(ok, detail)

    def delete(self, participant_id: str, staff: str, reason: str) -> bool:
        return delete_on_request(self.store, participant_id, reason=reason, staff=staff,
                                 now=self.clock())

    def close(self, timeout: float = 30.0) -> None:
        if self.worker is not None:
            self.worker.join(timeout)


