"""BPJS bridge speed: request signing and response decryption per second, and the outbox drain.

    python -m bench.bpjs [--seconds 2] [--rows 300]

The crypto figures are pure CPU (one core). The drain figure sends ``--rows`` antrean/add calls
from a real SQLite server database to the fake BPJS (tests/bpjs/fake_bpjs.py) on 127.0.0.1,
so it includes HTTP, encryption checks on the fake side and one commit per row. Target: a day's
backlog of a busy clinic (a few hundred calls) drains in well under a minute once BPJS is back.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from kiosk.server.bpjs import crypto
from kiosk.server.bpjs.client import BpjsClient
from kiosk.server.bpjs.config import BpjsSection, Secret
from kiosk.server.bpjs.outbox import Action, OutboxSender, enqueue
from kiosk.server.db import Database
from kiosk.server.schema import migrate

ROOT = Path(__file__).resolve().parent.parent
FAKE = ROOT / "tests" / "bpjs" / "fake_bpjs.py"


def rate(fn: Callable[[], object], seconds: float) -> float:
    n, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(20):
            fn()
        n += 20
    return n / elapsed


def answer(doctors: int) -> str:
    return json.dumps([{"kodedokter": 100000 + i, "namadokter": f"dr. Dokter Nomor {i}, Sp.PD",
                        "jampraktek": "08:00-12:00", "kapasitas": 30} for i in range(doctors)])


def crypto_figures(seconds: float) -> None:
    signing = rate(lambda: crypto.signature("1234", "secret", "1700000000"), seconds)
    print(f"sign (X-signature):            {signing:10.0f} /s")
    for doctors in (5, 200):
        text = answer(doctors)
        key = crypto.response_key("1234", "secret", "1700000000")
        sealed = crypto.encrypt_response(text, key)

        def sign_and_decrypt(sealed: str = sealed) -> None:
            crypto.signature("1234", "secret", "1700000000")
            k = crypto.response_key("1234", "secret", "1700000000")
            crypto.decrypt_response(sealed, k)

        print(f"sign + decrypt, {len(text):6d} B answer: {rate(sign_and_decrypt, seconds):10.0f} /s"
              f"   (ciphertext {len(sealed)} B)")


def drain_figure(rows: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-bpjs-") as tmp:
        port = 18000 + os.getpid() % 1000
        env = {**os.environ, "FAKE_BPJS_CONS_ID": "1234", "FAKE_BPJS_SECRET": "s3cret",
               "FAKE_BPJS_USER_KEY": "uk"}
        fake = subprocess.Popen([sys.executable, str(FAKE), "--port", str(port)], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    httpx.get(base + "/_health", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            db = Database.open(f"sqlite:///{Path(tmp) / 'server.db'}")
            migrate(db)
            now = time.time()
            with db.transaction() as tx:
                for i in range(rows):
                    enqueue(tx, Action.ADD, {
                        "nomorkartu": f"0001{i:09d}", "nik": f"3171{i:012d}", "nohp": "",
                        "kodepoli": "001", "namapoli": "POLI UMUM", "norm": "",
                        "tanggalperiksa": "2026-11-23", "kodedokter": 123,
                        "namadokter": "dr. Sari", "jampraktek": "08:00-12:00",
                        "nomorantrean": f"A-{i + 1}", "angkaantrean": i + 1, "keterangan": "",
                    }, f"bench:{i}", now)
            cfg = BpjsSection(antrean_url=base + "/antreanfktp/", cons_id=Secret("1234"),
                              secret=Secret("s3cret"), user_key=Secret("uk"))
            with BpjsClient(cfg) as client:
                sender = OutboxSender(db, client)
                start = time.perf_counter()
                report = sender.send_due(max_items=rows)
                elapsed = time.perf_counter() - start
            db.close()
            print(f"outbox drain to fake BPJS:     {report.delivered / elapsed:10.0f} calls/s"
                  f"   ({report.delivered} calls in {elapsed:.2f} s, SQLite, loopback HTTP)")
        finally:
            fake.terminate()
            fake.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--rows", type=int, default=300)
    args = parser.parse_args()
    crypto_figures(args.seconds)
    drain_figure(args.rows)


if __name__ == "__main__":
    main()
