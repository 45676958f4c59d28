"""Real server processes on 127.0.0.1 for the server and sync tests (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import psycopg
import pytest

from kiosk.server.auth import Role, create_token
from kiosk.server.db import Database
from kiosk.server.schema import migrate

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "ANJUNGAN_TEST_PG"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_dsn() -> str:
    dsn = os.environ.get(PG_ENV)
    if not dsn:
        pytest.skip(f"PostgreSQL not available: set ${PG_ENV} (scripts/pg-test.sh prints one)")
    return dsn


def pg_schema_url(dsn: str) -> str:
    """A fresh schema in the test database; the URL points search_path at it."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options={quote(f'-csearch_path={name}')}"


def db_url(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'server.db'}"
    return pg_schema_url(pg_dsn())


class ServerProc:
    """``python -m kiosk.server.main serve`` as a child process."""

    def __init__(self, url: str, port: int | None = None, extra: tuple[str, ...] = (),
                 tls_ca: Path | None = None) -> None:
        self.db_url = url
        self.port = port or free_port()
        self.extra = extra
        self.tls_ca = tls_ca
        self.proc: subprocess.Popen[str] | None = None

    @property
    def base(self) -> str:
        return f"{'https' if self.tls_ca else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> ServerProc:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.server.main", "serve", "--db", self.db_url,
             "--host", "127.0.0.1", "--port", str(self.port), *self.extra],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"server did not start (exit {self.proc.wait()})")
        assert json.loads(line)["port"] == self.port
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                verify = ssl.create_default_context(cafile=str(self.tls_ca)) if (
                    self.tls_ca) else True
                if httpx.get(self.base + "/health", timeout=1, verify=verify).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not answer /health")

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()

    def restart(self) -> None:
        self.stop()
        self.start()


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


def make_token(url: str, kiosk_or_name: str, role: Role = Role.KIOSK) -> str:
    db = Database.open(url)
    try:
        migrate(db)
        with db.transaction() as tx:
            return create_token(tx, role, kiosk_or_name)
    finally:
        db.close()


def server_query(url: str, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    db = Database.open(url)
    try:
        with db.transaction(readonly=True) as tx:
            return tx.all(sql, params)
    finally:
        db.close()


def run_cli(url: str, *args: str) -> tuple[int, Any]:
    out = subprocess.run([sys.executable, "-m", "kiosk.server.main", *args, "--db", url],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    return out.returncode, json.loads(lines[-1]) if lines else None
