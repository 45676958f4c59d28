"""Sync test helpers: real kiosk stores, servers, and the audit that counts lost, duplicated
and diverged records after a scenario."""

from __future__ import annotations

import json
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from server_harness import ServerProc, db_url, make_token, server_query

from kiosk.store import EventKind, Store
from kiosk.sync.apply import digest
from kiosk.sync.engine import EngineConfig, SyncEngine


@dataclass
class Srv:
    proc: ServerProc
    url: str

    @property
    def base(self) -> str:
        return self.proc.base


@dataclass
class Kiosk:
    kiosk_id: str
    path: Path
    token: str

    def engine(self, srv: Srv, clock: Any = None, **cfg: Any) -> SyncEngine:
        cfg.setdefault("timeout_s", 5.0)
        engine = SyncEngine(EngineConfig(base_url=srv.base, token=self.token,
                                         kiosk_id=self.kiosk_id, **cfg), self.path,
                            clock=clock or (lambda: datetime.now(UTC)))
        OPEN_ENGINES.append(engine)
        return engine


OPEN_ENGINES: list[SyncEngine] = []


def start_server(kind: str, tmp: Path) -> Srv:
    url = db_url(kind, tmp)
    return Srv(ServerProc(url).start(), url)


def new_kiosk(srv: Srv, tmp: Path, name: str | None = None) -> Kiosk:
    kiosk_id = name or f"k-{uuid.uuid4().hex[:8]}"
    path = tmp / f"{kiosk_id}.db"
    Store.open(path).close()
    return Kiosk(kiosk_id, path, make_token(srv.url, kiosk_id))


def ticket_payload(kiosk_id: str, poli: str = "001", day: str = "2026-11-21") -> dict[str, Any]:
    n = uuid.uuid4().int % 10**9 + 1  # unique enough across forked kiosk processes
    return {"ticket_id": uuid.uuid4().hex, "day": day, "poli_code": poli, "number": n,
            "label": f"A-{n:03d}", "noka": None, "priority": "none", "source": "kiosk",
            "kiosk_id": kiosk_id, "issued_at": datetime.now(UTC).isoformat()}


def check_in(store: Store, kiosk_id: str, count: int = 1) -> list[str]:
    """``count`` check-ins, each its own transaction with its outbox event (as the UI does)."""
    ids = []
    for _ in range(count):
        with store.transaction() as tx:
            ids.append(tx.emit(EventKind.TICKET_ISSUED, ticket_payload(kiosk_id)))
    return ids


def drain(engine: SyncEngine, rounds: int = 50) -> None:
    for _ in range(rounds):
        status = engine.run_once()
        if status.online and status.outbox_depth == 0:
            return
    raise AssertionError(f"did not drain: {engine.status()}")


@dataclass(frozen=True)
class Audit:
    lost: int
    duplicated: int
    diverged: int
    events: int

    def clean(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.diverged == 0


def audit(srv: Srv, kiosks: list[Kiosk]) -> Audit:
    """Compare every kiosk store with the server database, record by record."""
    server_events = {r["event_id"]: r for r in server_query(
        srv.url, "SELECT event_id, kiosk_id, kind, payload FROM events")}
    lost = duplicated = diverged = total = 0
    dup_rows = server_query(srv.url, "SELECT event_id, count(*) AS n FROM events"
                                     " GROUP BY event_id HAVING count(*) > 1")
    duplicated += len(dup_rows)
    for k in kiosks:
        with Store.open(k.path) as store:
            outbox = store.query("SELECT event_id, kind, payload, quarantined_at FROM outbox")
            replica = {(r["entity"], r["key"]): r["digest"] for r in store.query(
                "SELECT entity, key, digest FROM sync_records")}
            kiosk_tickets = {r["ticket_id"] for r in store.query("SELECT ticket_id FROM tickets")}
            # this kiosk's own check-ins: held in its outbox (tests emit them without rows)
            own_sent = {json.loads(r["payload"]).get("ticket_id") for r in outbox}
        for row in outbox:
            if row["quarantined_at"] is not None:
                continue
            total += 1
            got = server_events.get(row["event_id"])
            if got is None or json.loads(got["payload"]) != json.loads(row["payload"]) or (
                    got["kiosk_id"] != k.kiosk_id):
                lost += 1
        # each ticket event applied once: one ticket row per issued event, nothing extra
        issued = server_query(
            srv.url, "SELECT count(*) AS n FROM events WHERE kiosk_id = ? AND kind IN"
                     " ('ticket_issued', 'booking_checked_in')", (k.kiosk_id,))[0]["n"]
        rows = server_query(srv.url, "SELECT count(*) AS n FROM tickets WHERE kiosk_id = ?",
                            (k.kiosk_id,))[0]["n"]
        duplicated += max(0, int(rows) - int(issued))
        lost += max(0, int(issued) - int(rows))
        # Every record not caused by this kiosk's own events: exactly the server's version.
        # (Its own changes are its outbox, checked above; they are not echoed back to it.)
        visible = {(r["entity"], r["key"]): digest(json.loads(r["data"])) for r in server_query(
            srv.url, "SELECT entity, key, data FROM records WHERE data IS NOT NULL AND"
                     " (scope IS NULL OR scope = ?) AND (origin IS NULL OR origin <> ?)",
            (k.kiosk_id, k.kiosk_id))}
        own = {(r["entity"], r["key"]) for r in server_query(
            srv.url, "SELECT entity, key FROM records WHERE origin = ?", (k.kiosk_id,))}
        theirs = {key: d for key, d in replica.items() if key not in own}
        diverged += len(set(visible.items()) ^ set(theirs.items()))
        server_tickets = {r["key"] for r in server_query(
            srv.url, "SELECT key FROM records WHERE entity = 'ticket' AND data IS NOT NULL")}
        diverged += len(server_tickets - kiosk_tickets - own_sent)
    return Audit(lost, duplicated, diverged, total)
