"""Several kiosk processes issuing at once against one SQLite file: never a duplicate number.

Real separate processes (multiprocessing, spawn) on one store file in WAL mode; each kiosk
either leases blocks from the store itself (standalone) or uses blocks granted by the server.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from pathlib import Path

import pytest
from queue_support import MONDAY, add_test_poli, issue_many

from kiosk.queue import store as qstore
from kiosk.queue.model import Lease
from kiosk.queue.numbering import KIOSK_LEASE_RANGE, blocks_overlap
from kiosk.store import EventKind, Store

KIOSKS = ("k1", "k2", "k3")


def run_kiosks(db: Path, jobs: list[tuple[str, int, int, bool, int]]) -> dict[str, list[str]]:
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        start = manager.Event()
        with ctx.Pool(len(jobs)) as pool:
            pending = [pool.apply_async(issue_many, (str(db), *job, start)) for job in jobs]
            start.set()
            results = [p.get(timeout=120) for p in pending]
    return {job[0] + f"#{n}": res for n, (job, res) in enumerate(zip(jobs, results, strict=True))}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shared.db"
    with Store.open(path) as s:
        add_test_poli(s)
    return path


def _check_store(db: Path, expected: int) -> list[dict[str, object]]:
    with Store.open(db) as s:
        tickets = s.query("SELECT * FROM tickets ORDER BY number")
        issued = [e for e in s.pending_events(10_000) if e.kind is EventKind.TICKET_ISSUED]
        leases = s.query("SELECT * FROM number_leases")
    assert len(tickets) == expected
    numbers = [t["number"] for t in tickets]
    assert len(set(numbers)) == len(numbers), "duplicate queue number"
    assert len({t["label"] for t in tickets}) == expected
    assert sorted(e.payload["ticket_id"] for e in issued) == sorted(
        t["ticket_id"] for t in tickets)  # one TICKET_ISSUED per ticket, none lost
    for t in tickets:  # every number comes from a block leased to the kiosk that issued it
        mine = [(lease["first_number"], lease["last_number"]) for lease in leases
                if lease["lease_id"] == t["lease_id"]]
        assert len(mine) == 1 and mine[0][0] <= t["number"] <= mine[0][1]
        assert next(x for x in leases if x["lease_id"] == t["lease_id"])["kiosk_id"] == (
            t["kiosk_id"])
    blocks = [(x["first_number"], x["last_number"]) for x in leases]
    for i, a in enumerate(blocks):
        assert not any(blocks_overlap(a, b) for b in blocks[i + 1:])
    return tickets


@pytest.mark.slow
def test_standalone_kiosks_lease_from_the_shared_store(db: Path) -> None:
    jobs = [(k, 1000 * (n + 1), 40, True, 7) for n, k in enumerate(KIOSKS)]
    results = run_kiosks(db, jobs)
    assert all(len(r) == 40 for r in results.values())
    tickets = _check_store(db, 120)
    assert all(t["number"] in KIOSK_LEASE_RANGE for t in tickets)
    assert Counter(t["kiosk_id"] for t in tickets) == {k: 40 for k in KIOSKS}


@pytest.mark.slow
def test_server_granted_blocks_are_used_and_respected(db: Path) -> None:
    with Store.open(db) as s, s.transaction() as tx:
        for n, k in enumerate(KIOSKS):  # interleaved blocks, as a server hands them out
            qstore.add_lease(tx, Lease(f"{k}-a", k, "T01", MONDAY, 300 + 40 * n,
                                       319 + 40 * n, 300 + 40 * n))
            qstore.add_lease(tx, Lease(f"{k}-b", k, "T01", MONDAY, 320 + 40 * n,
                                       339 + 40 * n, 320 + 40 * n))
    jobs = [(k, 1000 * (n + 1), 41, False, 20) for n, k in enumerate(KIOSKS)]
    results = run_kiosks(db, jobs)
    for res in results.values():  # 40 leased numbers each, then the 41st is refused
        assert len(res) == 41 and res[-1] == "no_number_available"
        assert all(label.startswith("T-") for label in res[:-1])
    _check_store(db, 120)


@pytest.mark.slow
def test_same_participants_at_three_kiosks_get_one_ticket_each(db: Path) -> None:
    jobs = [(k, 500, 15, True, 5) for k in KIOSKS]  # everybody tries persons 500-514
    results = run_kiosks(db, jobs)
    outcomes = Counter(x for r in results.values() for x in r)
    assert outcomes["already_has_ticket"] == 30
    _check_store(db, 15)


@pytest.mark.slow
def test_kill_9_mid_issue_leaves_ticket_event_and_lease_consistent(db: Path) -> None:
    import os
    import signal
    import time

    from queue_support import issue_forever

    ctx = mp.get_context("spawn")
    proc = ctx.Process(target=issue_forever, args=(str(db), "k1"))
    proc.start()
    deadline = time.monotonic() + 60
    with Store.open(db) as s:
        while s.query("SELECT count(*) AS n FROM tickets")[0]["n"] < 30:
            assert time.monotonic() < deadline and proc.is_alive()
            time.sleep(0.05)
    assert proc.pid is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    with Store.open(db) as s:
        n = s.query("SELECT count(*) AS n FROM tickets")[0]["n"]
        leases = s.query("SELECT * FROM number_leases")
        per_lease = {r["lease_id"]: r["n"] for r in s.query(
            "SELECT lease_id, count(*) AS n FROM tickets GROUP BY lease_id")}
    for lease in leases:  # every number consumed from a lease is on a ticket, no gap
        assert lease["next_number"] - lease["first_number"] == per_lease.get(lease["lease_id"], 0)
    _check_store(db, n)  # and every ticket has its TICKET_ISSUED event
