"""Sync fixtures: a real server process per backend per module, engines closed after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sync_harness import OPEN_ENGINES, Srv, start_server


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                                marks=pytest.mark.postgres)])
def srv(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[Srv]:
    s = start_server(request.param, tmp_path_factory.mktemp(f"sync-{request.param}"))
    try:
        yield s
    finally:
        s.proc.stop()


@pytest.fixture(scope="module")
def sqlite_srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Srv]:
    s = start_server("sqlite", tmp_path_factory.mktemp("sync-sqlite-only"))
    try:
        yield s
    finally:
        s.proc.stop()


@pytest.fixture(autouse=True)
def _close_engines() -> Iterator[None]:
    yield
    while OPEN_ENGINES:
        OPEN_ENGINES.pop().close()
