"""Sync benchmarks against a real server process on 127.0.0.1.

    python -m bench.sync [--events 10000] [--kiosks 20] [--seconds 10] [--pg DSN]

1. drain: a kiosk store holding N outbox events pushes them all (engine.run_once, default
   batch size), target <= 10 s for 10,000 on SQLite; bytes on the wire per event.
2. load: K simulated kiosks (threads spread over worker processes) each loop "issue a number
   online, then push the check-in event"; requests/s and latency percentiles (target >= 300
   req/s, p99 <= 100 ms).
PostgreSQL too when --pg (or $ANJUNGAN_TEST_PG) gives a DSN.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from kiosk.server.auth import Role, create_token
from kiosk.server.db import Database
from kiosk.server.schema import migrate
from kiosk.store import EventKind, Store
from kiosk.sync.engine import EngineConfig, SyncEngine
from kiosk.sync.protocol import PROTOCOL_VERSION

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.server.main", "serve", "--db", url,
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(base + "/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    return proc, base


def token(url: str, kiosk_id: str) -> str:
    db = Database.open(url)
    migrate(db)
    with db.transaction() as tx:
        t = create_token(tx, Role.KIOSK, kiosk_id)
    db.close()
    return t


def payload(kiosk_id: str, n: int) -> dict[str, Any]:
    return {"ticket_id": uuid.uuid4().hex, "day": "2026-11-21", "poli_code": "001",
            "number": n, "label": f"A-{n:03d}", "noka": f"{n:013d}", "priority": "none",
            "source": "kiosk", "kiosk_id": kiosk_id, "issued_at": "2026-11-21T08:00:00+07:00"}


def bench_drain(url: str, tmp: Path, events: int) -> dict[str, Any]:
    proc, base = start_server(url)
    try:
        kiosk_id = "bench-drain"
        path = tmp / f"drain-{uuid.uuid4().hex[:6]}.db"
        eng = SyncEngine(EngineConfig(base_url=base, token=token(url, kiosk_id),
                                      kiosk_id=kiosk_id, timeout_s=30), path)
        eng.run_once()  # a kiosk that synced this morning, then was offline
        with Store.open(path) as store, store.transaction() as tx:
            for i in range(events):
                tx.emit(EventKind.TICKET_ISSUED, payload(kiosk_id, 100_000 + i))
        eng.close()
        eng = SyncEngine(EngineConfig(base_url=base, token=token(url, kiosk_id),
                                      kiosk_id=kiosk_id, timeout_s=30), path)
        t0 = time.perf_counter()
        status = eng.run_once()
        elapsed = time.perf_counter() - t0
        client = eng._client
        sent = client.bytes_sent if client else 0
        received = client.bytes_received if client else 0
        eng.close()
        assert status.online and status.outbox_depth == 0, status
    finally:
        proc.terminate()
        proc.wait()
    return {"events": events, "drain_s": round(elapsed, 2),
            "events_per_s": round(events / elapsed),
            "bytes_up_per_event": round(sent / events), "bytes_down_per_event":
            round(received / events), "target_s": 10}


def _worker(base: str, tokens: list[tuple[str, str]], seconds: float, out: Any) -> None:
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def kiosk(kiosk_id: str, tok: str) -> None:
        mine: list[float] = []
        seq = 0
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tok}"},
                          timeout=30) as c:
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                r = c.post("/v1/sync/number", json={"protocol": PROTOCOL_VERSION,
                                                    "kiosk_id": kiosk_id, "poli_code": "001",
                                                    "day": "2026-11-21"})
                mine.append(time.perf_counter() - t)
                r.raise_for_status()
                seq += 1
                ev = {"event_id": uuid.uuid4().hex, "seq": seq, "kind": "ticket_issued",
                      "payload": payload(kiosk_id, r.json()["number"]),
                      "created_at": "2026-11-21T08:00:00+07:00"}
                t = time.perf_counter()
                r = c.post("/v1/sync/push", json={"protocol": PROTOCOL_VERSION,
                                                  "kiosk_id": kiosk_id, "store_id": "bench",
                                                  "acked_through": seq - 1, "events": [ev]})
                mine.append(time.perf_counter() - t)
                r.raise_for_status()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=kiosk, args=kt) for kt in tokens]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    out.put(latencies)


def bench_load(url: str, kiosks: int, seconds: float, client_procs: int) -> dict[str, Any]:
    proc, base = start_server(url)
    try:
        tokens = [(f"bench-{i}", token(url, f"bench-{i}")) for i in range(kiosks)]
        procs = min(client_procs, kiosks)
        ctx = mp.get_context("fork")
        q = ctx.Queue()
        workers = [ctx.Process(target=_worker, args=(base, tokens[i::procs], seconds, q))
                   for i in range(procs)]
        t0 = time.perf_counter()
        for w in workers:
            w.start()
        lat: list[float] = []
        for _ in workers:
            lat.extend(q.get())
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait()
    lat.sort()
    pct = statistics.quantiles(lat, n=100)
    return {"kiosks": kiosks, "requests": len(lat), "req_per_s": round(len(lat) / elapsed),
            "p50_ms": round(pct[49] * 1000, 1), "p99_ms": round(pct[98] * 1000, 1),
            "max_ms": round(lat[-1] * 1000, 1), "target": ">= 300 req/s, p99 <= 100 ms"}


def pg_url(dsn: str) -> str:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options={quote(f'-csearch_path={name}')}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pg", default=os.environ.get("ANJUNGAN_TEST_PG"))
    parser.add_argument("--client-procs", type=int, default=4,
                        help="processes the simulated kiosks are spread over")
    args = parser.parse_args()
    print(json.dumps({"cpus": os.cpu_count(), "loadavg_before": os.getloadavg()}), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as d:
        tmp = Path(d)
        backends = [("sqlite", lambda: f"sqlite:///{tmp / f'server-{uuid.uuid4().hex[:6]}.db'}")]
        if args.pg:
            backends.append(("postgresql", lambda: pg_url(args.pg)))
        for name, make in backends:
            print(json.dumps({"backend": name, "drain": bench_drain(make(), tmp, args.events)}),
                  flush=True)
            load = bench_load(make(), args.kiosks, args.seconds, args.client_procs)
            print(json.dumps({"backend": name, "load": load}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
