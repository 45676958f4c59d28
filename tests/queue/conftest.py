"""Queue test fixtures: a real store file with the demo facility loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from queue_support import at

from kiosk.queue.demo import load_demo
from kiosk.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "kiosk.db")
    load_demo(s, at(7))
    return s
