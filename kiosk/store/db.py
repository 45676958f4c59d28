"""Opening the store: pragmas, integrity check, corruption recovery, migrations, transactions.

A file that SQLite cannot read as a database (or whose quick_check fails) is moved aside, never
overwritten, and a clean store is created; the kiosk then re-syncs from the central server.
``Store.recovered`` tells the caller so the UI can report it to staff.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk.errors import DatabaseCorrupt, DatabaseUnavailable, DiskFull
from kiosk.store.outbox import EventKind, OutboxEvent
from kiosk.store.schema import MIGRATIONS, latest_version

log = logging.getLogger(__name__)

_SIDE_FILES = ("-wal", "-shm", "-journal")


def utcnow_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Tx:
    """One open write transaction. ``db`` is the sqlite-utils view of the same connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    def emit(
        self, kind: EventKind, payload: dict[str, Any], event_id: str | None = None
    ) -> str:
        """Record an outbox event in this transaction; returns its id."""
        eid = event_id or uuid.uuid4().hex
        self.db.conn.execute(
            "INSERT INTO outbox (event_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            (eid, kind.value, json.dumps(payload, sort_keys=True, separators=(",", ":")),
             utcnow_iso()),
        )
        return eid


class Store:
    """The kiosk's SQLite file. Open with ``Store.open``; one instance per thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovered: DatabaseCorrupt | None):
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.path = path
        self.recovered = recovered

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Store:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(f"cannot create {path.parent}: {exc.strerror}") from exc
        recovered: DatabaseCorrupt | None = None
        problem = _integrity_problem(path) if path.exists() else None
        if problem is not None:
            moved = _move_aside(path)
            log.error("store %s is corrupt (%s); moved to %s, starting clean", path, problem, moved)
            recovered = DatabaseCorrupt(f"{path.name}: {problem}", str(moved))
        conn = _connect(path)
        store = cls(conn, path, recovered)
        try:
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``: writers on other connections wait (busy timeout)
        rather than interleave, which is what numbering from several kiosks relies on."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc) from exc
        try:
            yield Tx(self.db)
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                translated = _translate(exc)
                if translated is not exc:
                    raise translated from exc
            raise

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    # -- outbox --------------------------------------------------------------------------
    def pending_events(self, limit: int = 500) -> list[OutboxEvent]:
        rows = self.query(
            "SELECT * FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL"
            " ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [OutboxEvent.from_row(r) for r in rows]

    def outbox_depth(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND quarantined_at IS NULL"
        ).fetchone()
        return int(row[0])

    # -- meta ----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, tx: Tx, key: str, value: str) -> None:
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        for m in MIGRATIONS:
            if m.version <= self.schema_version:
                continue
            with self.transaction() as tx:
                # Read again under the write lock: another process opening the same new file
                # may have applied this migration since we looked.
                if self.schema_version >= m.version:
                    continue
                for stmt in m.statements:
                    tx.execute(stmt)
                tx.execute(f"PRAGMA user_version = {int(m.version)}")
            log.info("store %s migrated to version %d (%s)", self.path.name, m.version, m.name)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=15.0)
        # Before any pragma that rewrites the header: a file from a newer program stays as it is.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > latest_version():
            conn.close()
            raise DatabaseUnavailable(
                f"{path} has schema version {version}, newer than this program knows "
                f"({latest_version()}); refusing to touch it: install the newer version"
            )
        _enable_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 15000")
    except sqlite3.OperationalError as exc:
        raise _translate(exc, path) from exc
    return conn


def _enable_wal(conn: sqlite3.Connection, budget_s: float = 15.0) -> None:
    """Switch to WAL. The switch needs the file to itself and SQLite answers "locked" at once,
    without waiting, when another process opening the same new file is switching too; WAL mode
    is then a moment away (it persists in the file), so wait for it rather than fail."""
    deadline = time.monotonic() + budget_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(random.uniform(0.01, 0.05))


def _integrity_problem(path: Path) -> str | None:
    """Why ``path`` is not a usable database, or None. Permission problems raise instead."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseUnavailable(f"cannot read {path}: {exc.strerror}") from exc
    if header and header != b"SQLite format 3\x00":
        return "not an SQLite database (bad header)"
    if not header:
        return None  # an empty file is a fresh database
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc):
            raise DatabaseUnavailable(f"cannot open {path}: {exc}") from exc
        return f"unreadable: {exc}"
    except sqlite3.DatabaseError as exc:
        return f"unreadable: {exc}"
    if rows != [("ok",)]:
        return "integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3])
    return None


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _translate(exc: sqlite3.OperationalError, path: Path | None = None) -> Exception:
    msg = str(exc)
    if "disk is full" in msg or "database or disk is full" in msg:
        return DiskFull(f"the disk holding the kiosk database is full: {msg}")
    if "readonly" in msg or "unable to open" in msg or "disk I/O" in msg:
        return DatabaseUnavailable(f"cannot write the kiosk database{f' {path}' if path else ''}:"
                                   f" {msg}")
    return exc
