"""Server fixtures: one real server process per backend per module (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from server_harness import ServerProc, db_url, make_token

from kiosk.server.auth import Role


@dataclass
class Running:
    proc: ServerProc
    url: str  # database URL
    admin: str  # admin token

    @property
    def base(self) -> str:
        return self.proc.base

    def kiosk_token(self, kiosk_id: str) -> str:
        return make_token(self.url, kiosk_id)


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
