"""Helpers for the identity tests: the fake IKD verifier and a server configured by environment."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bpjs"))

from bpjs_support import CREDS, FakeBpjs, ServerProc, free_port  # noqa: E402

__all__ = ["CREDS", "FakeBpjs", "ServerProc", "free_port"]

VERIFIER_SECRET = "vrf-Secret-4b1d"
NEW_NIK = "3171015203950007"  # on the server only (added after the kiosk's last pull)
NEW_NOKA = "0009990000123"
BUDI = ("3171011403850001", "0009990000011")  # demo: two family members on his KK
GOOD_TOKEN = "ikd:eyJhbGciOiJIUzI1NiJ9.b3BhcXVlLXRva2VuLWZyb20tZHVrY2FwaWw"
ANSWERS: dict[str, Any] = {
    GOOD_TOKEN: {"status": "resolved", "nik": NEW_NIK},
    "ikd:budi-token-0123456789abcdefghij": {"status": "resolved", "nik": BUDI[0]},
    "ikd:slow-token-0123456789abcdefghij": "slow",
    "ikd:garbage-token-0123456789abcdef": "garbage",
    "ikd:http500-token-0123456789abcdef": "http500",
    "ikd:badnik-token-0123456789abcdefg": {"status": "resolved", "nik": "12345"},
    "ikd:nonik-token-0123456789abcdefgh": {"status": "resolved"},
}


class FakeVerifier:
    def __init__(self, secret: str = VERIFIER_SECRET) -> None:
        self.port = free_port()
        env = {**os.environ, "FAKE_VERIFIER_SECRET": secret,
               "FAKE_VERIFIER_ANSWERS": json.dumps(ANSWERS)}
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "server" / "fake_verifier.py"), "--port",
             str(self.port)], env=env, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/verify"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def demo_document(extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((ROOT / "resources" / "demo" / "facility.json").read_text())
    doc = copy.deepcopy(doc)
    doc["participants"].extend(extra or [])
    return doc


NEW_PARTICIPANT = {
    "noka": NEW_NOKA, "nik": NEW_NIK, "kk": "3171010101200099", "name": "Rina Wulandari",
    "birth_date": "1995-03-12", "sex": "P",
    "status": {"aktif": True, "ketAktif": "AKTIF", "tunggakan": 0,
               "kdProviderPst": {"kdProvider": "DEMO0001"},
               "jnsPeserta": {"nama": "PEKERJA PENERIMA UPAH"}},
    "fetched_hours_ago": 1,
}


def import_document(base: str, admin: str, doc: dict[str, Any]) -> None:
    r = httpx.post(f"{base}/v1/admin/import", json=doc,
                   headers={"Authorization": f"Bearer {admin}"}, timeout=30)
    assert r.status_code == 200, r.text


def server_env(verifier: FakeVerifier | None = None, bpjs: FakeBpjs | None = None,
               **extra: str) -> dict[str, str]:
    env: dict[str, str] = {}
    if verifier is not None:
        env.update(ANJUNGAN_IDENTITY_VERIFIER_URL=verifier.url,
                   ANJUNGAN_IDENTITY_VERIFIER_TOKEN=VERIFIER_SECRET,
                   ANJUNGAN_IDENTITY_VERIFIER_TIMEOUT_S="1")
    if bpjs is not None:
        env.update(
            ANJUNGAN_BPJS_PCARE_URL=bpjs.base + "/pcare/",
            ANJUNGAN_BPJS_CONS_ID=CREDS["FAKE_BPJS_CONS_ID"],
            ANJUNGAN_BPJS_SECRET=CREDS["FAKE_BPJS_SECRET"],
            ANJUNGAN_BPJS_PCARE_USER_KEY=CREDS["FAKE_BPJS_PCARE_USER_KEY"],
            ANJUNGAN_BPJS_PCARE_USER=CREDS["FAKE_BPJS_PCARE_USER"],
            ANJUNGAN_BPJS_PCARE_PASSWORD=CREDS["FAKE_BPJS_PCARE_PASSWORD"],
            ANJUNGAN_BPJS_TIMEOUT_S="4", ANJUNGAN_BPJS_PESERTA_CACHE_H="0",
            ANJUNGAN_IDENTITY_PCARE_BUDGET_S="1")
    env.update(extra)
    return env
