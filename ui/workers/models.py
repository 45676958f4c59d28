"""Loading the face models after the first screen is up, off the GUI thread.

Until the models are in, a face check shows "preparing"; if they cannot load (a missing model
file), every check ends at once with the reason and the patient goes to the counter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from kiosk.config import Settings
from kiosk.errors import KioskError
from ui.face_setup import FaceKit, LiveCheck, Template, TemplateSource
from ui.workers.face import FaceWorker

log = logging.getLogger(__name__)


class ModelLoader(QThread):
    failed = Signal(object)  # the KioskError

    def __init__(self, settings: Settings, face: FaceWorker,
                 make_kit: Callable[[Settings], FaceKit] | None = None) -> None:
        super().__init__()
        self.setObjectName("model-loader")
        self._settings = settings
        self._face = face
        self._make = make_kit or default_kit
        self.kit: FaceKit | None = None

    def run(self) -> None:
        try:
            kit = self._make(self._settings)
        except KioskError as exc:
            log.error("face models unavailable: %s", exc.detail)
            self.failed.emit(exc)
            self._face.set_factory(_refuse(exc))
            return
        self.kit = kit
        self._face.set_factory(kit.check)
        log.info("face verification ready")

    def close(self) -> None:
        if self.kit is not None:
            self.kit.close()
            self.kit = None


def _refuse(exc: KioskError) -> Callable[[int, str, int], LiveCheck]:
    def factory(session: int, participant_id: str, attempt: int) -> LiveCheck:
        raise exc

    return factory


def default_kit(settings: Settings) -> FaceKit:
    from kiosk.face.engine import DescriptorWorker, load_models
    from kiosk.face.session import VerifyConfig

    models = load_models()
    descriptors = DescriptorWorker()
    descriptors.wait_ready(timeout=60)
    return FaceKit(models, descriptors, store_templates(settings),
                   VerifyConfig.from_settings(settings))


def store_templates(settings: Settings) -> TemplateSource:
    """Templates from the kiosk store (decrypted by the face module), read in the face thread."""

    def load(participant_id: str) -> Template | None:
        from kiosk.face import templates
        from kiosk.store import Store

        with Store.open(settings.db_path) as store:
            return templates.load_template(store, participant_id)

    return load
