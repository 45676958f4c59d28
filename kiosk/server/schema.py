"""Server schema migrations, for SQLite and PostgreSQL from one text.

Versions are allocated per area: 1-9 core server (this file), 10-19 BPJS bridge
(``kiosk/server/bpjs/schema.py`` / ``kiosk/server/jkn/schema.py`` export ``MIGRATIONS``).
Applied versions are rows of ``schema_migrations``; each migration runs in one transaction with
its row, so a crash leaves it either fully applied or not at all. Never edit a shipped migration.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from kiosk.server.db import Database, Dialect, utcnow_iso

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerMigration:
    version: int
    name: str
    statements: tuple[str, ...]


_TOKENS = {
    Dialect.SQLITE: {"serial": "INTEGER PRIMARY KEY AUTOINCREMENT", "blob": "BLOB"},
    Dialect.POSTGRESQL: {"serial": "BIGSERIAL PRIMARY KEY", "blob": "BYTEA"},
}

MIGRATIONS: tuple[ServerMigration, ...] = (
    ServerMigration(
        1,
        "core: tokens, kiosks, events, alarms, change feed, numbering, bookings, tickets",
        (
            # Bearer tokens, stored as sha256 of a 256-bit random secret. role: kiosk | admin.
            """CREATE TABLE tokens (
                id {serial},
                role TEXT NOT NULL,
                subject TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )""",
            """CREATE TABLE kiosks (
                kiosk_id TEXT PRIMARY KEY,
                created_at TEXT NOT NULL,
                last_seen_at TEXT,
                last_push_at TEXT,
                last_pull_at TEXT,
                pull_cursor BIGINT,
                events_received BIGINT NOT NULL DEFAULT 0,
                heartbeat TEXT,
                clock_drift_s REAL
            )""",
            # How far each kiosk store's outbox is known to be here (contiguous by kiosk seq):
            # after a restore from backup this goes back and the kiosk re-sends the rest.
            """CREATE TABLE kiosk_streams (
                kiosk_id TEXT NOT NULL,
                store_id TEXT NOT NULL,
                acked_through BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (kiosk_id, store_id)
            )""",
            """CREATE TABLE events (
                server_seq {serial},
                event_id TEXT NOT NULL UNIQUE,
                kiosk_id TEXT NOT NULL,
                store_id TEXT NOT NULL,
                kiosk_seq BIGINT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                received_at TEXT NOT NULL,
                content_hash TEXT NOT NULL
            )""",
            "CREATE INDEX events_by_kiosk ON events (kiosk_id, kiosk_seq)",
            # Same event id offered with different content: recorded, never overwritten.
            """CREATE TABLE alarms (
                id {serial},
                kind TEXT NOT NULL,
                kiosk_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                stored_hash TEXT NOT NULL,
                offered_hash TEXT NOT NULL,
                detail TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (event_id, offered_hash)
            )""",
            """CREATE TABLE rejections (
                id {serial},
                kiosk_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (kiosk_id, event_id)
            )""",
            # The change feed: one row per (entity, key) holding its latest state; every change
            # takes the next seq from change_counter under a row lock, so commit order = seq order.
            "CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT"
            " NOT NULL)",
            "INSERT INTO change_counter (id, seq) VALUES (1, 0)",
            """CREATE TABLE records (
                entity TEXT NOT NULL,
                key TEXT NOT NULL,
                scope TEXT,
                data TEXT,
                seq BIGINT NOT NULL UNIQUE,
                change_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (entity, key)
            )""",
            # Append-only (seq, change_id): lets a kiosk's cursor be checked against history,
            # which is how a server restored from an older backup is noticed.
            "CREATE TABLE change_log (seq BIGINT PRIMARY KEY, change_id TEXT NOT NULL)",
            """CREATE TABLE number_counters (
                poli_code TEXT NOT NULL,
                day TEXT NOT NULL,
                last_number INTEGER NOT NULL,
                PRIMARY KEY (poli_code, day)
            )""",
            """CREATE TABLE leases (
                lease_id TEXT PRIMARY KEY,
                kiosk_id TEXT NOT NULL,
                poli_code TEXT NOT NULL,
                day TEXT NOT NULL,
                first_number INTEGER NOT NULL,
                last_number INTEGER NOT NULL,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE bookings (
                booking_id TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                noka TEXT,
                nik TEXT,
                poli_code TEXT NOT NULL,
                doctor_code TEXT,
                day TEXT NOT NULL,
                number INTEGER,
                label TEXT,
                status TEXT NOT NULL,
                data TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX bookings_by_day ON bookings (day, poli_code)",
            "CREATE INDEX bookings_by_noka ON bookings (noka, day)",
            """CREATE TABLE tickets (
                ticket_id TEXT PRIMARY KEY,
                kiosk_id TEXT NOT NULL,
                status TEXT NOT NULL,
                data TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
        ),
    ),
    ServerMigration(
        2,
        "core: origin of a change (the kiosk whose event caused it is not sent it back)",
        ("ALTER TABLE records ADD COLUMN origin TEXT",),
    ),
)

_OPTIONAL_AREAS = ("kiosk.server.bpjs.schema", "kiosk.server.jkn.schema")


def all_migrations() -> list[ServerMigration]:
    """Core migrations plus those of optional areas that are installed, in version order."""
    found = list(MIGRATIONS)
    for name in _OPTIONAL_AREAS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue
            raise
        found.extend(getattr(module, "MIGRATIONS", ()))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate server migration versions: {sorted(versions)}")
    return sorted(found, key=lambda m: m.version)


def migrate(db: Database, migrations: list[ServerMigration] | None = None) -> list[int]:
    """Apply every migration not yet recorded; returns the versions applied now."""
    with db.transaction() as tx:
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    applied: list[int] = []
    tokens = _TOKENS[db.dialect]
    for m in migrations if migrations is not None else all_migrations():
        with db.transaction() as tx:
            if db.dialect is Dialect.POSTGRESQL:
                # Two servers starting at once must not both migrate.
                tx.execute("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
            if tx.one("SELECT version FROM schema_migrations WHERE version = ?", (m.version,)):
                continue
            for stmt in m.statements:
                tx.execute(stmt.replace("{serial}", tokens["serial"]).replace(
                    "{blob}", tokens["blob"]))
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (m.version, m.name, utcnow_iso()),
            )
        applied.append(m.version)
        log.info("server database migrated to version %d (%s)", m.version, m.name)
    return applied
