"""Versioned schema migrations, applied in order by ``Store.open``.

Each migration is a version number, a name and a list of SQL statements; its version is written to
``PRAGMA user_version`` in the same transaction, so a crash mid-migration leaves the old version.
Never edit a migration that has shipped: add a new one.

Versions are allocated per area so areas can grow independently: 1 core (this file's owner),
2 membership and queue, 3 face templates, 4 sync, 5 staff desk (audit).
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
    Migration(
        2,
        "membership and queue: roster, polis, schedules, tickets, bookings, number leases",
        (
            # Columns are documented in kiosk/queue/store.py (the sync helper writes these rows).
            """CREATE TABLE participants (
                noka TEXT PRIMARY KEY,
                nik TEXT UNIQUE,
                kk_number TEXT,
                name TEXT NOT NULL,
                birth_date TEXT,
                sex TEXT CHECK (sex IN ('L', 'P')),
                disabled INTEGER NOT NULL DEFAULT 0,
                pregnant INTEGER NOT NULL DEFAULT 0,
                phone TEXT,
                norm TEXT,
                pst_aktif INTEGER,
                pst_ket_aktif TEXT,
                pst_tunggakan INTEGER NOT NULL DEFAULT 0,
                pst_kd_provider TEXT,
                pst_jns_peserta TEXT,
                pst_status_code INTEGER,
                status_fetched_at TEXT,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX participants_kk ON participants (kk_number)",
            """CREATE TABLE polis (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                letter TEXT NOT NULL UNIQUE,
                open_counters INTEGER NOT NULL DEFAULT 1 CHECK (open_counters >= 1),
                service_min REAL NOT NULL DEFAULT 10 CHECK (service_min > 0),
                active INTEGER NOT NULL DEFAULT 1
            )""",
            """CREATE TABLE doctors (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                poli_code TEXT NOT NULL REFERENCES polis (code)
            )""",
            """CREATE TABLE schedules (
                doctor_code TEXT NOT NULL REFERENCES doctors (code),
                poli_code TEXT NOT NULL REFERENCES polis (code),
                weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                capacity INTEGER NOT NULL CHECK (capacity >= 0),
                tickets_from TEXT,
                last_ticket TEXT,
                PRIMARY KEY (doctor_code, weekday, start_time)
            )""",
            """CREATE TABLE holidays (
                day TEXT PRIMARY KEY,
                name TEXT NOT NULL
            )""",
            """CREATE TABLE tickets (
                ticket_id TEXT PRIMARY KEY,
                day TEXT NOT NULL,
                poli_code TEXT NOT NULL,
                doctor_code TEXT,
                session_start TEXT,
                number INTEGER NOT NULL,
                label TEXT NOT NULL,
                noka TEXT,
                priority TEXT NOT NULL DEFAULT 'none',
                source TEXT NOT NULL,
                booking_id TEXT,
                kiosk_id TEXT NOT NULL,
                lease_id TEXT,
                issued_at TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'waiting',
                called_at TEXT,
                served_at TEXT,
                printed_at TEXT,
                print_count INTEGER NOT NULL DEFAULT 0,
                UNIQUE (day, poli_code, number)
            )""",
            "CREATE UNIQUE INDEX tickets_one_per_participant ON tickets (day, poli_code, noka)"
            " WHERE noka IS NOT NULL AND status != 'cancelled'",
            "CREATE INDEX tickets_waiting ON tickets (day, poli_code, status, issued_at)",
            """CREATE TABLE bookings (
                booking_id TEXT PRIMARY KEY,
                day TEXT NOT NULL,
                poli_code TEXT NOT NULL,
                doctor_code TEXT,
                noka TEXT NOT NULL,
                nik TEXT,
                number INTEGER NOT NULL,
                label TEXT NOT NULL,
                jam_praktek TEXT,
                source TEXT NOT NULL DEFAULT 'jkn',
                created_at TEXT NOT NULL,
                checked_in_at TEXT,
                ticket_id TEXT,
                cancelled_at TEXT
            )""",
            "CREATE INDEX bookings_lookup ON bookings (day, noka)",
            """CREATE TABLE number_leases (
                lease_id TEXT PRIMARY KEY,
                kiosk_id TEXT NOT NULL,
                poli_code TEXT NOT NULL,
                day TEXT NOT NULL,
                first_number INTEGER NOT NULL,
                last_number INTEGER NOT NULL,
                next_number INTEGER NOT NULL,
                granted_at TEXT NOT NULL,
                origin TEXT NOT NULL DEFAULT 'server',
                CHECK (first_number <= last_number),
                CHECK (next_number BETWEEN first_number AND last_number + 1),
                UNIQUE (poli_code, day, first_number)
            )""",
            """CREATE TABLE service_stats (
                poli_code TEXT PRIMARY KEY,
                mean_s REAL NOT NULL,
                var_s2 REAL NOT NULL,
                samples INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        3,
        "face: encrypted templates (descriptors only, never images)",
        (
            # ``template`` is AES-GCM ciphertext (key in a 0600 file outside the database),
            # bound to ``subject``; deletion on request removes the row.
            """CREATE TABLE face_templates (
                subject TEXT PRIMARY KEY,
                template BLOB NOT NULL,
                n_descriptors INTEGER NOT NULL,
                model TEXT NOT NULL,
                consent_version TEXT NOT NULL DEFAULT '',
                enrolled_by TEXT NOT NULL DEFAULT '',
                enrolled_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        4,
        "sync: replica index of pulled records, unappliable records, integrity alarms",
        (
            # One row per record pulled from the server's change feed (its seq and content
            # digest); ``data`` only for entities with no domain table on the kiosk (staging).
            # ``gen`` marks rows seen since the last full re-sync, so a re-sync after the server
            # was restored from a backup can drop what the server no longer has.
            """CREATE TABLE sync_records (
                entity TEXT NOT NULL,
                key TEXT NOT NULL,
                seq INTEGER NOT NULL,
                digest TEXT NOT NULL,
                data TEXT,
                gen INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (entity, key)
            )""",
            # Pulled records this kiosk could not apply (quarantined; shown to staff).
            """CREATE TABLE sync_rejected (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                entity TEXT NOT NULL,
                key TEXT NOT NULL,
                seq INTEGER NOT NULL,
                data TEXT,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (entity, key, seq)
            )""",
            # The server reported an event id it already holds with different content.
            """CREATE TABLE sync_alarms (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                event_id TEXT NOT NULL,
                detail TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX outbox_sent ON outbox (seq) WHERE sent_at IS NOT NULL",
            # Identifies this store file to the server (a store recreated after corruption is
            # a new outbox stream).
            "INSERT INTO meta (key, value) VALUES ('sync.store_id', lower(hex(randomblob(16))))",
        ),
    ),
    Migration(
        5,
        "staff desk: audit log of staff actions",
        (
            # One row per staff action (login, override, resolution, enrolment, deletion, queue
            # console). Written in the same transaction as the change and its outbox event.
            """CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                staff TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT,
                reason TEXT,
                detail TEXT NOT NULL DEFAULT '{}',
                event_id TEXT
            )""",
            "CREATE INDEX audit_at ON audit (at)",
            "CREATE INDEX staff_exceptions_open ON staff_exceptions (created_at)"
            " WHERE resolved_at IS NULL",
        ),
    ),
)


def latest_version() -> int:
    return MIGRATIONS[-1].version if MIGRATIONS else 0
