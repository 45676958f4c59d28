"""The kiosk store on real SQLite files: durability settings, atomic outbox, recovery."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from kiosk.errors import DatabaseCorrupt, DatabaseUnavailable, DiskFull
from kiosk.store import EventKind, Store
from kiosk.store.schema import latest_version


def test_fresh_store_is_wal_full_sync_and_migrated(tmp_path):
    with Store.open(tmp_path / "k.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.schema_version == latest_version()
        assert store.recovered is None


def test_reopening_does_not_migrate_again(tmp_path):
    path = tmp_path / "k.db"
    with Store.open(path) as store, store.transaction() as tx:
        store.set_meta(tx, "facility", "X1")
    with Store.open(path) as store:
        assert store.get_meta("facility") == "X1"
        assert store.schema_version == latest_version()


def test_state_change_and_its_event_commit_together_or_not_at_all(tmp_path):
    with Store.open(tmp_path / "k.db") as store:
        with store.transaction() as tx:
            store.set_meta(tx, "a", "1")
            eid = tx.emit(EventKind.EXCEPTION_RAISED, {"reason": "x"})
        with pytest.raises(RuntimeError), store.transaction() as tx:
            store.set_meta(tx, "b", "2")
            tx.emit(EventKind.EXCEPTION_RAISED, {"reason": "y"})
            raise RuntimeError("crash between the change and the commit")
        assert store.get_meta("b") is None
        events = store.pending_events()
        assert [e.event_id for e in events] == [eid]
        assert events[0].kind is EventKind.EXCEPTION_RAISED and events[0].payload == {"reason": "x"}
        assert store.outbox_depth() == 1


def test_garbage_file_is_moved_aside_and_a_clean_store_starts(tmp_path):
    path = tmp_path / "k.db"
    junk = b"this is not a database\n" * 100
    path.write_bytes(junk)
    with Store.open(path) as store:
        assert isinstance(store.recovered, DatabaseCorrupt)
        moved = tmp_path / os.path.basename(store.recovered.moved_to)
        assert moved.read_bytes() == junk, "the damaged file must be kept, not overwritten"
        assert "bad header" in store.recovered.detail
        assert store.schema_version == latest_version()
        with store.transaction() as tx:
            tx.emit(EventKind.EXCEPTION_RAISED, {})
        assert store.outbox_depth() == 1


def test_damaged_pages_are_detected(tmp_path):
    path = tmp_path / "k.db"
    with Store.open(path) as store, store.transaction() as tx:
        for i in range(400):
            tx.emit(EventKind.EXCEPTION_RAISED, {"i": i, "pad": "x" * 200})
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[2 * page : 5 * page] = os.urandom(3 * page)  # scribble over b-tree pages
    path.write_bytes(bytes(data))
    with Store.open(path) as store:
        assert isinstance(store.recovered, DatabaseCorrupt)
        assert store.outbox_depth() == 0
    moved = [p for p in tmp_path.glob("k.db.corrupt-*") if p.name.endswith("Z")]
    assert len(moved) == 1 and moved[0].stat().st_size == len(data)


def test_two_recoveries_never_overwrite_each_other(tmp_path):
    path = tmp_path / "k.db"
    for content in (b"first broken file", b"second broken file"):
        path.write_bytes(content)
        Store.open(path).close()
    kept = sorted(p.read_bytes() for p in tmp_path.glob("k.db.corrupt-*") if p.is_file())
    assert kept == [b"first broken file", b"second broken file"]


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "k.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    before = path.read_bytes()
    with pytest.raises(DatabaseUnavailable, match="newer"):
        Store.open(path)
    assert path.read_bytes() == before


def test_unusable_data_dir_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    with pytest.raises(DatabaseUnavailable, match="cannot create"):
        Store.open(blocker / "data" / "k.db")


def test_full_disk_is_reported_and_loses_nothing_already_committed(tmp_path):
    with Store.open(tmp_path / "k.db") as store:
        with store.transaction() as tx:
            first = tx.emit(EventKind.EXCEPTION_RAISED, {"n": 0})
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up
        with pytest.raises(DiskFull), store.transaction() as tx:
            for i in range(200):
                tx.emit(EventKind.EXCEPTION_RAISED, {"n": i, "pad": "x" * 500})
        assert [e.event_id for e in store.pending_events()] == [first]


def test_committed_write_survives_kill_9(tmp_path):
    path = tmp_path / "k.db"
    Store.open(path).close()
    script = textwrap.dedent(f"""
        import os, sys, time
        from kiosk.store import Store, EventKind
        store = Store.open({str(path)!r})
        with store.transaction() as tx:
            tx.emit(EventKind.TICKET_ISSUED, {{"number": "A-001"}})
        sys.stdout.write("committed\\n"); sys.stdout.flush()
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("INSERT INTO meta VALUES ('half', 'done')")
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "committed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with Store.open(path) as store:
        assert store.recovered is None
        assert [e.payload for e in store.pending_events()] == [{"number": "A-001"}]
        assert store.get_meta("half") is None


def _open_after_barrier(path: str, barrier, results) -> None:
    barrier.wait()
    store = Store.open(__import__("pathlib").Path(path))
    try:
        results.put(store.schema_version)
    finally:
        store.close()


def test_several_processes_opening_a_new_file_migrate_it_once(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for round_ in range(20):
        path = str(tmp_path / f"shared-{round_}.db")
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_after_barrier, args=(path, barrier, results))
                 for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        assert [p.exitcode for p in procs] == [0] * 4, "a process failed to open the new store"
        assert sorted(results.get(timeout=5) for _ in procs) == [latest_version()] * 4
