"""Shared test setup: offscreen Qt, strict pytest-qt, and where the real face data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


def _faces_root() -> Path:
    env = os.environ.get("KIOSK_TEST_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    return base / "faces"


@pytest.fixture(scope="session")
def faces_dir() -> Path:
    """The real face photos and clips (../shared/data/faces or $KIOSK_TEST_DATA/faces)."""
    path = _faces_root()
    if not (path / "MANIFEST.md").is_file():
        pytest.skip(f"real face data not found at {path} (set KIOSK_TEST_DATA to its parent)")
    return path
