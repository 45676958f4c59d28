"""kiosk-tool sync commands: where this kiosk stands with the central server (JSON out).

    kiosk-tool sync-status [--config kiosk.toml]     outbox, quarantine, cursor, last success
    kiosk-tool sync-now [--config kiosk.toml]        one full sync cycle, then the status
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.config import Settings, load_settings
from kiosk.errors import KioskError
from kiosk.store import Store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sync-status", help="outbox depth, quarantined events, pull cursor")
    p.add_argument("--config", type=Path, default=None, help="kiosk.toml")
    p.set_defaults(func=_cmd_status)
    p = sub.add_parser("sync-now", help="run one sync cycle with the central server")
    p.add_argument("--config", type=Path, default=None, help="kiosk.toml")
    p.set_defaults(func=_cmd_now)


def _settings(args: argparse.Namespace) -> Settings:
    default = paths.default_config_file()
    return load_settings(args.config or (default if default.exists() else None))


def local_status(store: Store) -> dict[str, Any]:
    def count(sql: str) -> int:
        return int(store.conn.execute(sql).fetchone()[0])

    quarantined = store.query(
        "SELECT event_id, kind, quarantine_reason FROM outbox WHERE quarantined_at IS NOT NULL"
        " ORDER BY seq DESC LIMIT 20")
    return {
        "outbox_depth": store.outbox_depth(),
        "sent": count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"),
        "quarantined": count("SELECT count(*) FROM outbox WHERE quarantined_at IS NOT NULL"),
        "quarantined_latest": quarantined,
        "rejected_records": count("SELECT count(*) FROM sync_rejected"),
        "integrity_alarms": count("SELECT count(*) FROM sync_alarms"),
        "cursor": store.get_meta("sync.cursor"),
        "acked_through": store.get_meta("sync.acked_through"),
        "last_success": store.get_meta("sync.last_success"),
        "store_id": store.get_meta("sync.store_id"),
    }


def _cmd_status(args: argparse.Namespace) -> int:
    from kiosk.cli import emit

    try:
        settings = _settings(args)
        with Store.open(settings.db_path) as store:
            emit({"ok": True, "server": settings.server.url or None, **local_status(store)})
    except KioskError as exc:
        emit({"ok": False, "error": exc.detail, "code": exc.code.value})
        return 1
    return 0


def _cmd_now(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.sync.engine import engine_from_settings

    try:
        settings = _settings(args)
        engine = engine_from_settings(settings)
        if engine is None:
            emit({"ok": False, "error": "standalone kiosk: server.url is empty"})
            return 1
        try:
            status = engine.run_once()
        finally:
            engine.close()
        with Store.open(settings.db_path) as store:
            emit({"ok": status.online, "error": status.error,
                  "clock_drift_s": status.clock_drift_s, **local_status(store)})
    except KioskError as exc:
        emit({"ok": False, "error": exc.detail, "code": exc.code.value})
        return 1
    return 0 if status.online else 1
