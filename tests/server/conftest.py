"""Server fixtures: one real server process per backend per module (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_harness import Running, ServerProc, db_url, make_token

from kiosk.server.auth import Role

BACKENDS = [pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Running]:
    tmp: Path = tmp_path_factory.mktemp(f"server-{request.param}")
    url = db_url(request.param, tmp)
    admin = make_token(url, "admin-test", Role.ADMIN)
    proc = ServerProc(url).start()
    try:
        yield Running(proc, url, admin)
    finally:
        proc.stop()
