from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.camera import VideoFileSource
from kiosk.face.engine import FaceModels, load_models
from kiosk.store import Store
from tests.staff.staff_support import open_facility


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_facility(tmp_path / "kiosk.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def models() -> Iterator[FaceModels]:
    """The dlib models with the descriptor in process, loaded once for the enrolment tests."""
    yield load_models(with_descriptor=True)


@pytest.fixture(scope="session")
def clip(faces_dir: Path) -> list[Any]:
    """16 real frames of one young man (face about 200 px)."""
    frames = []
    with VideoFileSource(faces_dir / "eye_blink_detector" / "output.avi") as src:
        while (f := src.read()) is not None:
            frames.append(f)
    assert len(frames) >= 10
    return frames
