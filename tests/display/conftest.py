from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "staff"))

from staff_support import open_facility

from kiosk.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_facility(tmp_path / "kiosk.db")
    yield s
    s.close()
