"""The server's database: one thin layer over SQLite (sqlite3) and PostgreSQL (psycopg 3).

SQL is written once with ``?`` placeholders in the portable subset both engines understand.
Connections are pooled per process; a transaction holds one connection for its duration.
SQLite: WAL + synchronous=FULL, ``BEGIN IMMEDIATE`` (one writer at a time).
PostgreSQL: READ COMMITTED; code that must serialise (change sequence, number counters) takes a
row lock with ``UPDATE ... RETURNING``.
"""

from __future__ import annotations

import enum
import logging
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from kiosk.errors import DatabaseUnavailable

log = logging.getLogger(__name__)


class Dialect(enum.Enum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


def utcnow_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_QMARK = re.compile(r"\?")
T = TypeVar("T")


class _Job:
    """One caller's write, waiting for the group commit that carries it."""

    def __init__(self, fn: Callable[[Tx], Any]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class Tx:
    """One open transaction. Rows come back as dicts."""

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self._conn = conn
        self.dialect = dialect
        self.feed_locked = False  # see kiosk.server.domain.lock_feed

    def _sql(self, sql: str) -> str:
        if self.dialect is Dialect.POSTGRESQL:
            return _QMARK.sub("%s", sql.replace("%", "%%"))
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows changed."""
        cur = self._conn.execute(self._sql(sql), tuple(params))
        return int(cur.rowcount)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._conn.execute(self._sql(sql), tuple(params))
        if cur.description is None:
            return []
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else next(iter(row.values()))


class Database:
    """A pool of connections to one database. Open with ``Database.open(url)``."""

    def __init__(self, url: str, dialect: Dialect, target: str, pool_size: int = 8) -> None:
        self.url = url
        self.dialect = dialect
        self._target = target
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._pool_size = pool_size
        self._closed = False
        # SQLite allows one writer; queueing writers here is far cheaper than SQLite's
        # sleep-and-retry busy handler when many request threads write at once.
        self._write_lock = threading.Lock()
        self._group_cv = threading.Condition()
        self._group: list[_Job] = []
        self._leader = False

    @classmethod
    def open(cls, url: str, pool_size: int = 8) -> Database:
        """``postgresql://...`` or ``sqlite:///abs/path`` or a plain file path."""
        if url.startswith(("postgresql://", "postgres://")):
            db = cls(url, Dialect.POSTGRESQL, url, pool_size)
        else:
            path = _sqlite_path(url)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(f"cannot create {path.parent}: {exc.strerror}") from exc
            db = cls(url, Dialect.SQLITE, str(path), pool_size)
        db._release(db._connect())  # fail early with a clear message
        return db

    def describe(self) -> str:
        if self.dialect is Dialect.SQLITE:
            return f"sqlite:{self._target}"
        parts = urlsplit(self.url)
        return f"postgresql://{parts.hostname}:{parts.port or 5432}{parts.path}"

    def _connect(self) -> Any:
        if self.dialect is Dialect.SQLITE:
            try:
                conn = sqlite3.connect(
                    self._target, isolation_level=None, timeout=30.0, check_same_thread=False
                )
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA busy_timeout = 30000")
                conn.execute("PRAGMA foreign_keys = ON")
            except sqlite3.Error as exc:
                raise DatabaseUnavailable(f"cannot open {self._target}: {exc}") from exc
            return conn
        import psycopg

        try:
            return psycopg.connect(self._target, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise DatabaseUnavailable(f"cannot connect to {self.describe()}: {exc}") from exc

    def _acquire(self) -> Any:
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            return self._connect()

    def _release(self, conn: Any) -> None:
        if self._closed or self._pool.qsize() >= self._pool_size:
            conn.close()
        else:
            self._pool.put(conn)

    @contextmanager
    def transaction(self, readonly: bool = False) -> Iterator[Tx]:
        """A transaction; ``readonly`` ones do not take SQLite's write lock."""
        serialise = self.dialect is Dialect.SQLITE and not readonly
        if serialise:
            self._write_lock.acquire()
        conn = self._acquire()
        broken = False
        begin = "BEGIN IMMEDIATE" if serialise else "BEGIN"
        try:
            conn.execute(begin)
            try:
                yield Tx(conn, self.dialect)
            except BaseException:
                try:
                    conn.execute("ROLLBACK")
                except Exception:
                    broken = True
                raise
            conn.execute("COMMIT")
        except Exception:
            if not broken and _in_transaction(conn, self.dialect):
                try:
                    conn.execute("ROLLBACK")
                except Exception:
                    broken = True
            if _is_broken(conn, self.dialect):
                broken = True
            raise
        finally:
            if broken:
                conn.close()
            else:
                self._release(conn)
            if serialise:
                self._write_lock.release()

    def write(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn(tx)`` in a write transaction and return its result, committed.

        On SQLite, concurrent callers share one commit (group commit): each runs under its own
        SAVEPOINT, so one caller's error undoes only its own work, and one fsync covers them all.
        Use this on hot paths; ``transaction()`` is the general form. ``fn`` must use only
        the ``tx`` it is given (opening another transaction inside it would deadlock).
        """
        if self.dialect is not Dialect.SQLITE:
            import psycopg.errors

            for attempt in range(1, 4):
                try:
                    with self.transaction() as tx:
                        return fn(tx)
                except (psycopg.errors.DeadlockDetected,
                        psycopg.errors.SerializationFailure) as exc:
                    if attempt == 3:
                        raise
                    log.warning("write retried after %s", type(exc).__name__)
        job = _Job(fn)
        with self._group_cv:
            self._group.append(job)
            while True:
                if job.done.is_set():
                    break
                if not self._leader:  # lead one commit: everything queued so far
                    self._leader = True
                    batch, self._group = self._group, []
                    self._group_cv.release()
                    try:
                        self._commit_group(batch)
                    finally:
                        self._group_cv.acquire()
                        self._leader = False
                        self._group_cv.notify_all()
                    continue
                self._group_cv.wait()
        if job.error is not None:
            raise job.error
        result: T = job.result
        return result

    def _commit_group(self, batch: list[_Job]) -> None:
        try:
            with self.transaction() as tx:
                for job in batch:
                    tx.execute("SAVEPOINT job")
                    try:
                        job.result = job.fn(tx)
                    except Exception as exc:
                        tx.execute("ROLLBACK TO job")
                        job.error = exc
                    tx.execute("RELEASE job")
        except BaseException as exc:  # the commit itself failed (disk full, I/O): none is in
            for job in batch:
                job.error = job.error or exc
        finally:
            for job in batch:
                job.done.set()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def _in_transaction(conn: Any, dialect: Dialect) -> bool:
    if dialect is Dialect.SQLITE:
        return bool(conn.in_transaction)
    from psycopg.pq import TransactionStatus

    return bool(conn.info.transaction_status != TransactionStatus.IDLE)


def _is_broken(conn: Any, dialect: Dialect) -> bool:
    return dialect is Dialect.POSTGRESQL and bool(conn.closed or conn.broken)


def _sqlite_path(url: str) -> Path:
    if url.startswith("sqlite:///"):
        return Path(unquote(url[len("sqlite://"):]))
    if url.startswith("sqlite://"):
        raise DatabaseUnavailable(f"bad SQLite URL {url!r}: use sqlite:///absolute/path.db")
    if "://" in url:
        raise DatabaseUnavailable(
            f"unsupported database URL {url!r}: use a file path, sqlite:///path or postgresql://"
        )
    return Path(url).expanduser().resolve()
