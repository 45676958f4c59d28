"""Face tests: models load once per session; real photos and clips come from ``faces_dir``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.face import engine
from kiosk.face.engine import FaceModels


@pytest.fixture(scope="session")
def models() -> FaceModels:
    return engine.load_models(with_descriptor=True)


@pytest.fixture(scope="session")
def fr_dir(faces_dir: Path) -> Path:
    return faces_dir / "face_recognition"
