"""Helpers for the BPJS tests: the fake BPJS (or our server) as a real process on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from kiosk.server.bpjs.config import BpjsSection, Secret

HERE = Path(__file__).resolve().parent
CREDS = {
    "FAKE_BPJS_CONS_ID": "12345",
    "FAKE_BPJS_SECRET": "s3cr3t-Xy",
    "FAKE_BPJS_USER_KEY": "antrean-user-key",
    "FAKE_BPJS_PCARE_USER_KEY": "pcare-user-key",
    "FAKE_BPJS_PCARE_USER": "klinikpratama",
    "FAKE_BPJS_PCARE_PASSWORD": "Rahasia#1",
}


PG_ENV = "ANJUNGAN_TEST_PG"  # set by scripts/test.sh (scripts/pg-test.sh prints a DSN)


def db_url(kind: str, tmp: Path) -> str:
    """A fresh server database: an SQLite file, or a new schema in the test PostgreSQL."""
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'server.db'}"
    import uuid
    from urllib.parse import quote

    import psycopg
    import pytest

    dsn = os.environ.get(PG_ENV)
    if not dsn:
        pytest.skip(f"PostgreSQL not available: set ${PG_ENV} (scripts/pg-test.sh prints one)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options={quote(f'-csearch_path={name}')}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[Any], timeout_s: float = 20.0,
                  verify: Path | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    ctx: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(verify)) if verify else True
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=1.0, verify=ctx).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up within {timeout_s} s")


@dataclass
class FakeBpjs:
    port: int
    proc: subprocess.Popen[bytes] | None = None
    tls: tuple[Path, Path] | None = None  # (certificate, key) to serve https

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, **CREDS}
        cmd = [sys.executable, str(HERE / "fake_bpjs.py"), "--port", str(self.port)]
        if self.tls:
            cmd += ["--cert", str(self.tls[0]), "--key", str(self.tls[1])]
        self.proc = subprocess.Popen(cmd, env=env)
        wait_until_up(self.base + "/_health", self.proc, verify=self.tls[0] if self.tls else None)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def control(self, **changes: Any) -> None:
        r = httpx.post(self.base + "/_control", json=changes, timeout=5, verify=self._verify())
        assert r.json() == {"ok": True}, r.text

    def reset(self) -> None:
        httpx.post(self.base + "/_reset", timeout=5, verify=self._verify()).raise_for_status()

    def state(self) -> dict[str, Any]:
        r = httpx.get(self.base + "/_state", timeout=5, verify=self._verify())
        data: dict[str, Any] = r.json()
        return data

    def _verify(self) -> ssl.SSLContext | bool:
        return ssl.create_default_context(cafile=str(self.tls[0])) if self.tls else True

    def section(self, **over: Any) -> BpjsSection:
        cfg = BpjsSection(
            antrean_url=self.base + "/antreanfktp/",
            pcare_url=self.base + "/pcare/",
            cons_id=Secret(CREDS["FAKE_BPJS_CONS_ID"]),
            secret=Secret(CREDS["FAKE_BPJS_SECRET"]),
            user_key=Secret(CREDS["FAKE_BPJS_USER_KEY"]),
            pcare_user_key=Secret(CREDS["FAKE_BPJS_PCARE_USER_KEY"]),
            pcare_user=Secret(CREDS["FAKE_BPJS_PCARE_USER"]),
            pcare_password=Secret(CREDS["FAKE_BPJS_PCARE_PASSWORD"]),
            timeout_s=2.0,
        )
        return replace(cfg, **over)


def self_signed_cert(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (and its key), to test that TLS is verified."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-bpjs.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fake-bpjs.pem", directory / "fake-bpjs.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class ServerProc:
    """``kiosk-server serve`` as a real process on 127.0.0.1 (port chosen by the server)."""

    db_url: str
    env: dict[str, str]
    log_path: Path
    proc: subprocess.Popen[str] | None = None
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        import json

        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk.server.main", "serve", "--db", self.db_url,
                 "--port", "0", "--log-level", "info"],
                env={**os.environ, **self.env}, stdout=subprocess.PIPE, stderr=log, text=True,
                cwd=HERE.parent.parent,
            )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"kiosk-server exited with {self.proc.wait(10)}")
        self.port = int(json.loads(line)["port"])
        wait_until_up(self.base + "/health", self.proc)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None
