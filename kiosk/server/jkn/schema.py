"""Server tables of the Mobile JKN web service (versions 15-19 of the server schema)."""

from __future__ import annotations

from kiosk.server.schema import ServerMigration

MIGRATIONS: tuple[ServerMigration, ...] = (
    ServerMigration(
        15,
        "jkn: patients new to the facility, registered from Mobile JKN (POST /peserta)",
        (
            # Kept for admission staff, who complete the medical record (norm) at the counter.
            """CREATE TABLE jkn_new_patients (
                noka TEXT PRIMARY KEY,
                nik TEXT NOT NULL,
                data TEXT NOT NULL,
                registered_at TEXT NOT NULL
            )""",
        ),
    ),
)
