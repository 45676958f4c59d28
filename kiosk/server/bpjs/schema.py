"""Server tables of the BPJS bridge (versions 10-14 of the server schema; jkn/ uses 15-19)."""

from __future__ import annotations

from kiosk.server.schema import ServerMigration

MIGRATIONS: tuple[ServerMigration, ...] = (
    ServerMigration(
        10,
        "bpjs: outbox to Antrean FKTP, event cursor, peserta cache",
        (
            # One row per call BPJS must receive, sent strictly in id order. dedupe_key makes
            # enqueueing idempotent (the same kiosk event or booking change enqueues once).
            """CREATE TABLE bpjs_outbox (
                id {serial},
                dedupe_key TEXT NOT NULL UNIQUE,
                action TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                last_code TEXT,
                last_error TEXT,
                created_at TEXT NOT NULL,
                sent_at TEXT
            )""",
            "CREATE INDEX bpjs_outbox_by_state ON bpjs_outbox (state, id)",
            # How far the kiosk events table has been turned into outbox rows.
            "CREATE TABLE bpjs_cursor (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            """CREATE TABLE bpjs_peserta_cache (
                noka TEXT PRIMARY KEY,
                nik TEXT,
                data TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            )""",
            "CREATE INDEX bpjs_peserta_by_nik ON bpjs_peserta_cache (nik)",
        ),
    ),
)
