"""The server database layer on real SQLite files and PostgreSQL: group commit, migrations."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from server_harness import db_url

from kiosk.server.db import Database, Tx
from kiosk.server.schema import all_migrations, migrate


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_concurrent_writes_commit_together_and_fail_alone(kind: str, tmp_path: Path) -> None:
    db = Database.open(db_url(kind, tmp_path))
    try:
        with db.transaction() as tx:
            tx.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
        errors: list[BaseException] = []
        results: list[int] = []

        def work(n: int) -> None:
            def fn(tx: Tx) -> int:
                tx.execute("INSERT INTO t (n) VALUES (?)", (n,))
                if n % 7 == 0:
                    raise ValueError(f"refused {n}")  # after writing: must be undone
                return n
            try:
                results.append(db.write(fn))
            except ValueError as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 201)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with db.transaction(readonly=True) as tx:
            stored = sorted(r["n"] for r in tx.all("SELECT n FROM t"))
        assert stored == sorted(results) == [n for n in range(1, 201) if n % 7]
        assert len(errors) == 200 // 7
    finally:
        db.close()


def test_migrations_are_recorded_once_and_include_the_bpjs_areas(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 's.db'}")
    try:
        first = migrate(db)
        assert first == [m.version for m in all_migrations()]
        assert 1 in first
        assert all(v < 10 or 10 <= v <= 19 for v in first)  # core 1-9, BPJS bridge 10-19
        assert migrate(db) == []
    finally:
        db.close()


def test_bad_database_urls_are_explained(tmp_path: Path) -> None:
    from kiosk.errors import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable, match="unsupported database URL"):
        Database.open("mysql://x")
    with pytest.raises(DatabaseUnavailable, match="sqlite:///absolute"):
        Database.open("sqlite://relative.db")
    with pytest.raises(DatabaseUnavailable, match="cannot connect"):
        Database.open("postgresql://nobody@127.0.0.1:1/none")
