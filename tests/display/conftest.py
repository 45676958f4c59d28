from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store import Store
from tests.staff.staff_support import open_facility


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_facility(tmp_path / "kiosk.db")
    yield s
    s.close()
