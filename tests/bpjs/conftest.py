"""Fixtures: the fake BPJS as a real process on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bpjs_support import FakeBpjs, free_port


@pytest.fixture(scope="session")
def _fake_process() -> Iterator[FakeBpjs]:
    fake = FakeBpjs(free_port())
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_bpjs(_fake_process: FakeBpjs) -> Iterator[FakeBpjs]:
    """The running fake, reset to a clean state (and restarted if a test stopped it)."""
    if _fake_process.proc is None:
        _fake_process.start()
    _fake_process.reset()
    yield _fake_process
    if _fake_process.proc is None:
        _fake_process.start()
