"""Versioned schema migrations, applied in order by ``Store.open``.

Each migration is a version number, a name and a list of SQL statements; its version is written to
``PRAGMA user_version`` in the same transaction, so a crash mid-migration leaves the old version.
Never edit a migration that has shipped: add a new one.

Versions are allocated per area so areas can grow independently: 1 core (this file's owner),
2 membership and queue, 3 face templates, 4 sync.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "core: meta, outbox, exceptions for staff",
        (
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            # Every state change writes one immutable event here in the same transaction.
            # seq gives the local order; event_id is the client-generated id the server dedups on.
            """CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                sent_at TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                quarantined_at TEXT,
                quarantine_reason TEXT
            )""",
            "CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL"
            " AND quarantined_at IS NULL",
            # Cases the kiosk hands to front-desk staff (failed verification, unknown participant,
            # inactive status, printer problem). Resolved rows stay for the daily summary.
            """CREATE TABLE staff_exceptions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                reason TEXT NOT NULL,
                subject TEXT,
                created_at TEXT NOT NULL,
                resolved_at TEXT,
                resolved_by TEXT,
                resolution TEXT
            )""",
        ),
    ),
)


def latest_version() -> int:
    return MIGRATIONS[-1].version if MIGRATIONS else 0
