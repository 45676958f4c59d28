"""Server tables of the Mobile JKN web service (versions 15-19 of the server schema)."""

from __future__ import annotations

from kiosk.server.schema import ServerMigration

MIGRATIONS: tuple[ServerMigration, ...] = (
    ServerMigration(
        15,
        "jkn: bookings' private details; patients new here, registered from Mobile JKN",
        (
            # Kept for admission staff, who complete the medical record (norm) at the counter.
            """CREATE TABLE jkn_new_patients (
                noka TEXT PRIMARY KEY,
                nik TEXT NOT NULL,
                data TEXT NOT NULL,
                registered_at TEXT NOT NULL
            )""",
            # What Mobile JKN sent with a booking that kiosks must not receive (complaint,
            # phone, medical record number): the booking itself is in the core bookings table.
            """CREATE TABLE jkn_bookings (
                booking_id TEXT PRIMARY KEY,
                noka TEXT NOT NULL,
                new_patient INTEGER NOT NULL,
                data TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            # One row per poli and day, updated first by every booking/cancel transaction: the
            # row lock serialises the check-then-book rules on PostgreSQL (READ COMMITTED).
            """CREATE TABLE jkn_day_locks (
                poli_code TEXT NOT NULL,
                day TEXT NOT NULL,
                changes BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (poli_code, day)
            )""",
        ),
    ),
)
