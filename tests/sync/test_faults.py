"""Faults: kill -9 of kiosk and server mid-sync, a day-long partition, a server restored from an
older backup. Each ends with the audit: lost 0, duplicated 0, diverged 0 (figures on stderr)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import pytest
from server_harness import ROOT, ServerProc, db_url, server_query
from sync_harness import Kiosk, Srv, audit, check_in, new_kiosk, ticket_payload

from kiosk.server import domain, importer
from kiosk.server.db import Database
from kiosk.server.schema import migrate
from kiosk.store import EventKind, Store
from kiosk.sync.engine import EngineConfig, SyncEngine

DEMO = ROOT / "resources" / "demo" / "facility.json"
SEED = int(os.environ.get("ANJUNGAN_FAULT_SEED", "0")) or random.SystemRandom().randrange(1, 10**9)


def report(name: str, **figures: object) -> None:
    sys.stderr.write(f"\n[{name}] " + " ".join(f"{k}={v}" for k, v in figures.items()) + "\n")


def import_demo(url: str) -> None:
    db = Database.open(url)
    try:
        migrate(db)
        importer.import_document(db, json.loads(DEMO.read_text()))
    finally:
        db.close()


def server_side_changes(url: str, rng: random.Random, n: int) -> None:
    """Staff / Mobile JKN changing things while kiosks sync: roster updates and bookings."""
    db = Database.open(url)
    try:
        with db.transaction() as tx:
            for _ in range(n):
                noka = f"0009{rng.randrange(10**9):09d}"
                domain.record_change(tx, domain.Entity.PARTICIPANT, noka, {
                    "noka": noka, "nik": f"3171{rng.randrange(10**12):012d}",
                    "name": f"Peserta {noka[-4:]}", "pst_aktif": rng.choice([0, 1])})
                got = domain.allocate_number(tx, "001", "2026-11-21")
                domain.upsert_booking(tx, domain.Booking(
                    booking_id=uuid.uuid4().hex, source="jkn", poli_code="001",
                    day="2026-11-21", noka=noka, number=got.number, label=got.label))
    finally:
        db.close()


def final_drain(srv: Srv | ServerProc, kiosks: list[Kiosk], base: str) -> float:
    """Every kiosk syncs until nothing is pending and it has seen everyone's changes."""
    t0 = time.perf_counter()
    for _ in range(3):
        for k in kiosks:
            eng = SyncEngine(EngineConfig(base_url=base, token=k.token, kiosk_id=k.kiosk_id,
                                          batch_size=500, page_size=1000), k.path)
            try:
                for _ in range(20):
                    status = eng.run_once()
                    if status.online and status.outbox_depth == 0:
                        break
                assert status.online and status.outbox_depth == 0, status
            finally:
                eng.close()
    return time.perf_counter() - t0


def _kiosk_child(k: Kiosk, base: str, seed: int) -> NoReturn:
    """A kiosk process: check-ins and sync cycles, forever, until it is killed."""
    try:
        rng = random.Random(seed)
        store = Store.open(k.path)
        eng = SyncEngine(EngineConfig(base_url=base, token=k.token, kiosk_id=k.kiosk_id,
                                      timeout_s=2.0, batch_size=rng.randint(1, 8),
                                      page_size=rng.randint(1, 6)), k.path)
        while True:
            check_in(store, k.kiosk_id, rng.randint(0, 3))
            eng.run_once()
    finally:
        os._exit(0)


def _fault_runs(url: str, tmp: Path, runs: int, server_every: int) -> None:
    rng = random.Random(SEED)
    import_demo(url)
    proc = ServerProc(url).start()
    kiosks = [new_kiosk(Srv(proc, url), tmp, f"fault-{i}-{uuid.uuid4().hex[:4]}")
              for i in range(2)]
    server_kills = 0
    try:
        for run in range(runs):
            k = kiosks[run % len(kiosks)]
            server_side_changes(url, rng, rng.randint(0, 2))
            pid = os.fork()
            if pid == 0:
                _kiosk_child(k, proc.base, rng.randrange(10**9))
            kill_server = run % server_every == server_every - 1
            time.sleep(rng.uniform(0.02, 0.4))
            if kill_server:
                proc.kill9()  # the server dies mid-request
                server_kills += 1
                time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)  # and/or the kiosk does
            os.waitpid(pid, 0)
            if kill_server:
                proc.start()
        drain_s = final_drain(proc, kiosks, proc.base)
        result = audit(Srv(proc, url), kiosks)
    finally:
        proc.stop()
    report("kill-9", seed=SEED, runs=runs, server_kills=server_kills, events=result.events,
           lost=result.lost, duplicated=result.duplicated, diverged=result.diverged,
           final_drain_s=f"{drain_s:.2f}")
    assert result.events > runs  # the runs really produced work
    assert result.clean(), result


@pytest.mark.slow
def test_kill9_kiosk_and_server_at_random_points_sqlite(tmp_path: Path) -> None:
    _fault_runs(db_url("sqlite", tmp_path), tmp_path, runs=100, server_every=5)


@pytest.mark.slow
@pytest.mark.postgres
def test_kill9_kiosk_and_server_at_random_points_postgres(tmp_path: Path) -> None:
    _fault_runs(db_url("postgres", tmp_path), tmp_path, runs=30, server_every=6)


@pytest.mark.slow
def test_partition_for_a_day_then_convergence(tmp_path: Path) -> None:
    url = db_url("sqlite", tmp_path)
    import_demo(url)
    proc = ServerProc(url).start()
    srv = Srv(proc, url)
    kiosks = [new_kiosk(srv, tmp_path, f"day-{i}") for i in range(3)]
    final_drain(proc, kiosks, proc.base)  # morning: roster, schedules, leases
    proc.stop()  # the LAN goes down for the day
    engines = [SyncEngine(EngineConfig(base_url=proc.base, token=k.token, kiosk_id=k.kiosk_id,
                                       timeout_s=0.3), k.path) for k in kiosks]
    stores = [Store.open(k.path) for k in kiosks]
    try:
        for hour in range(10):
            for k, store, eng in zip(kiosks, stores, engines, strict=True):
                check_in(store, k.kiosk_id, 30)  # 300 check-ins per kiosk over the day
                status = eng.run_once()
                assert not status.online and status.outbox_depth >= 30 * (hour + 1)
        row = stores[0].query("SELECT * FROM bookings")[0]
        booking = row["booking_id"]
        payload = dict(ticket_payload(kiosks[0].kiosk_id), booking_id=booking, source="booking",
                       number=row["number"], label=row["label"], noka=row["noka"],
                       checked_in_at=datetime.now(UTC).isoformat())
        with stores[0].transaction() as tx:
            tx.emit(EventKind.BOOKING_CHECKED_IN, payload)
    finally:
        for s in stores:
            s.close()
        for e in engines:
            e.close()
    proc.start()  # back in the evening
    try:
        drain_s = final_drain(proc, kiosks, proc.base)
        result = audit(srv, kiosks)
        booking_status = server_query(url, "SELECT status FROM bookings WHERE booking_id = ?",
                                      (booking,))
    finally:
        proc.stop()
    with Store.open(kiosks[2].path) as store:  # another kiosk learnt of the check-in
        seen = store.query("SELECT checked_in_at, ticket_id FROM bookings WHERE booking_id = ?",
                           (booking,))
    report("partition", kiosks=3, events=result.events, lost=result.lost,
           duplicated=result.duplicated, diverged=result.diverged, drain_s=f"{drain_s:.2f}")
    assert result.clean(), result
    assert result.events >= 900
    assert booking_status == [{"status": "checked_in"}]
    assert seen[0]["ticket_id"] is not None


def _backup(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


@pytest.mark.slow
def test_server_restored_from_an_older_backup(tmp_path: Path) -> None:
    url = db_url("sqlite", tmp_path)
    db_file = tmp_path / "server.db"
    import_demo(url)
    proc = ServerProc(url).start()
    srv = Srv(proc, url)
    kiosks = [new_kiosk(srv, tmp_path, f"bk-{i}") for i in range(2)]
    rng = random.Random(SEED)
    try:
        for k in kiosks:
            with Store.open(k.path) as store:
                check_in(store, k.kiosk_id, 40)
        final_drain(proc, kiosks, proc.base)
        _backup(db_file, tmp_path / "backup.db")  # last night's backup
        for k in kiosks:
            with Store.open(k.path) as store:
                check_in(store, k.kiosk_id, 60)
        server_side_changes(url, rng, 5)
        final_drain(proc, kiosks, proc.base)
        before = server_query(url, "SELECT count(*) AS n FROM events")[0]["n"]
        lease_numbers = {(r["poli_code"], r["first_number"]) for r in server_query(
            url, "SELECT poli_code, first_number FROM leases")}
        lease_day = server_query(url, "SELECT day FROM leases")[0]["day"]
        proc.stop()
        # the disk dies; the server comes back from the older backup
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        shutil.copy(tmp_path / "backup.db", db_file)
        restored = server_query(url, "SELECT count(*) AS n FROM events")[0]["n"]
        assert restored < before
        proc.start()
        drain_s = final_drain(proc, kiosks, proc.base)
        result = audit(srv, kiosks)
        after = server_query(url, "SELECT count(*) AS n FROM events")[0]["n"]
        relearnt = {(r["poli_code"], r["first_number"]) for r in server_query(
            url, "SELECT poli_code, first_number FROM leases")}
        db = Database.open(url)  # a number handed out now must not collide with a lease
        with db.transaction() as tx:
            got = domain.allocate_number(tx, "002", lease_day)
        db.close()
    finally:
        proc.stop()
    report("restore", events_before=before, events_in_backup=restored, events_after=after,
           lost=result.lost, duplicated=result.duplicated, diverged=result.diverged,
           drain_s=f"{drain_s:.2f}")
    assert after == before  # every event the backup lacked was re-sent by its kiosk
    assert lease_numbers <= relearnt
    assert result.clean(), result
    held = server_query(url, "SELECT last_number FROM leases WHERE poli_code = '002'"
                             " AND day = ?", (lease_day,))
    assert held and all(got.number > r["last_number"] for r in held)
