"""The kiosk's background sync engine: push the outbox, pull the change feed, send a heartbeat.

A plain class: ``run_once()`` does one full cycle and returns a ``SyncStatus``; ``run_forever``
loops in a thread the UI owns (a QThread or threading.Thread), waking on ``wake()`` (after a
commit, on connectivity change) or on a timer, backing off with full jitter up to a cap after a
failure, forever. The engine opens its own Store connection in the thread that runs it and never
touches the UI; the UI reads ``status()`` (a frozen dataclass) whenever it likes.

Crash safety: an outbox row is marked sent only in the transaction that records the server's
answer, and a pulled page is applied in the same transaction that moves the cursor; a kill at
any point therefore re-sends (the server dedups by event id) or re-applies (records are states).
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.errors import KioskError, ServerProtocolError
from kiosk.store import Store, Tx
from kiosk.sync.apply import Columns, apply_in_savepoint, digest, sweepable
from kiosk.sync.client import SyncClient
from kiosk.sync.protocol import (
    PROTOCOL_VERSION,
    DeviceState,
    EventStatus,
    HeartbeatRequest,
    LeaseRequest,
    PullRequest,
    PullResponse,
    PushRequest,
    WireEvent,
)

log = logging.getLogger(__name__)

K_CURSOR = "sync.cursor"
K_CURSOR_ID = "sync.cursor_change_id"
K_ACKED = "sync.acked_through"
K_GEN = "sync.gen"
K_RESYNC = "sync.resyncing"
K_LAST_OK = "sync.last_success"
K_STORE_ID = "sync.store_id"


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    last_success: datetime | None
    outbox_depth: int
    quarantined: int
    error: str | None = None
    clock_drift_s: float | None = None
    rejected_records: int = 0
    alarms: int = 0


@dataclass(frozen=True)
class EngineConfig:
    base_url: str
    token: str
    kiosk_id: str
    timeout_s: float = 5.0
    interval_s: float = 15.0
    batch_size: int = 200
    page_size: int = 200  # one page = one kiosk write transaction: keep it short
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0
    lease_size: int = 20
    lease_low_water: int = 5
    ca_file: Path | None = None


@dataclass(frozen=True)
class DeviceHealth:
    camera: DeviceState = DeviceState.UNKNOWN
    printer: DeviceState = DeviceState.UNKNOWN


def backoff_delay(failures: int, base_s: float, cap_s: float, rng: random.Random) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(cap, base * 2**(failures-1))]."""
    if failures <= 0:
        return 0.0
    return rng.uniform(0.0, min(cap_s, base_s * 2.0 ** min(failures - 1, 30)))


class SyncEngine:
    def __init__(self, config: EngineConfig, store_path: Path,
                 health: Callable[[], DeviceHealth] = DeviceHealth,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 rng: random.Random | None = None) -> None:
        self.config = config
        self.store_path = store_path
        self._health = health
        self._clock = clock
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._status = SyncStatus(online=False, last_success=None, outbox_depth=0,
                                  quarantined=0)
        self._store: Store | None = None
        self._client: SyncClient | None = None
        self._cols = Columns()
        self.failures = 0

    # -- public ----------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def wake(self) -> None:
        """Sync now (after a commit, or when the network came back)."""
        self._wake.set()

    def run_once(self) -> SyncStatus:
        """Push everything pending, pull until caught up, heartbeat. Never raises KioskError."""
        store = self._open_store()
        try:
            client = self._open_client()
            self._push_all(store, client)
            self._pull_all(store, client)
            drift = self._heartbeat(store, client)
            self._refill_leases(store, client, drift)
            if store.outbox_depth():
                self._push_all(store, client, probe=False)  # lease echoes written by the pull
            now = self._clock()
            with store.transaction() as tx:
                store.set_meta(tx, K_LAST_OK, now.isoformat())
            self.failures = 0
            return self._set_status(store, online=True, error=None, drift=drift)
        except KioskError as exc:
            self.failures += 1
            log.warning("sync failed (%s): %s", type(exc).__name__, exc.detail)
            return self._set_status(store, online=False, error=exc.detail)

    def run_forever(self, stop: threading.Event) -> None:
        """The loop for the UI's sync thread; returns soon after ``stop`` is set."""
        try:
            while not stop.is_set():
                status = self.run_once()
                delay = (self.config.interval_s if status.online else backoff_delay(
                    self.failures, self.config.backoff_base_s, self.config.backoff_cap_s,
                    self._rng))
                self._wake.wait(delay)
                self._wake.clear()
        finally:
            self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def stop_waiting(self) -> None:
        """Let ``run_forever`` notice its stop event now rather than after the delay."""
        self._wake.set()

    # -- internals -------------------------------------------------------------------------
    def _open_store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.store_path)
        return self._store

    def _open_client(self) -> SyncClient:
        if self._client is None:
            self._client = SyncClient(self.config.base_url, self.config.token,
                                      self.config.timeout_s, self.config.ca_file)
        return self._client

    def _meta_int(self, store: Store, key: str) -> int:
        value = store.get_meta(key)
        return int(value) if value else 0

    def _set_status(self, store: Store, online: bool, error: str | None,
                    drift: float | None = None) -> SyncStatus:
        depth = store.outbox_depth()
        quarantined = int(store.conn.execute(
            "SELECT count(*) FROM outbox WHERE quarantined_at IS NOT NULL").fetchone()[0])
        rejected = int(store.conn.execute("SELECT count(*) FROM sync_rejected").fetchone()[0])
        alarms = int(store.conn.execute("SELECT count(*) FROM sync_alarms").fetchone()[0])
        last = store.get_meta(K_LAST_OK)
        with self._lock:
            status = SyncStatus(
                online=online, last_success=datetime.fromisoformat(last) if last else None,
                outbox_depth=depth, quarantined=quarantined, error=error,
                clock_drift_s=drift if drift is not None else self._status.clock_drift_s,
                rejected_records=rejected, alarms=alarms)
            self._status = status
        return status

    # push ---------------------------------------------------------------------------------
    def _push_all(self, store: Store, client: SyncClient, probe: bool = True) -> None:
        """Push pending events in seq order. ``probe``: push even an empty batch, to learn
        whether the server still has everything we sent (it may have been restored)."""
        store_id = store.get_meta(K_STORE_ID)
        if not store_id:
            raise ServerProtocolError("kiosk store has no sync.store_id (migration 4 missing)")
        first = probe
        while True:
            rows = store.query(
                "SELECT seq, event_id, kind, payload, created_at FROM outbox"
                " WHERE sent_at IS NULL AND quarantined_at IS NULL ORDER BY seq LIMIT ?",
                (self.config.batch_size,))
            if not rows and not first:
                return
            first = False
            events, broken = _to_wire(rows)
            if broken:
                with store.transaction() as tx:
                    for seq, reason in broken:
                        _quarantine(tx, seq, reason)
                continue
            acked = self._meta_int(store, K_ACKED)
            resp = client.push(PushRequest(protocol=PROTOCOL_VERSION,
                                           kiosk_id=self.config.kiosk_id, store_id=store_id,
                                           acked_through=acked, events=events))
            by_id = {e.event_id: e for e in events}
            special = {r.event_id: r for r in resp.results}
            if not set(special) <= set(by_id) or resp.stored + len(special) != len(events):
                raise ServerProtocolError("push answer does not match the batch sent")
            now = self._clock().isoformat()
            with store.transaction() as tx:
                if resp.acked_through < acked:
                    # The server lost events (restored from an older backup): re-send them.
                    n = tx.execute(
                        "UPDATE outbox SET sent_at = NULL WHERE seq > ? AND sent_at IS NOT NULL"
                        " AND quarantined_at IS NULL", (resp.acked_through,)).rowcount
                    store.set_meta(tx, K_ACKED, str(resp.acked_through))
                    log.warning("server acknowledges only through %d (we had %d): re-sending"
                                " %d events", resp.acked_through, acked, n)
                    continue
                for e in events:
                    r = special.get(e.event_id)
                    seq = e.seq
                    if r is None or r.status in (EventStatus.STORED, EventStatus.DUPLICATE):
                        tx.execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1"
                                   " WHERE seq = ?", (now, seq))
                    else:
                        reason = r.reason or r.status.value
                        _quarantine(tx, seq, f"{r.status.value}: {reason}")
                        if r.status is EventStatus.CONFLICT:
                            tx.execute(
                                "INSERT INTO sync_alarms (kind, event_id, detail, created_at)"
                                " VALUES (?, ?, ?, ?)",
                                ("event_conflict", r.event_id, reason, now))
                store.set_meta(tx, K_ACKED, str(resp.acked_through))
            if not events:
                return

    # pull ---------------------------------------------------------------------------------
    def _pull_all(self, store: Store, client: SyncClient) -> None:
        while True:
            cursor = self._meta_int(store, K_CURSOR)
            # A full sync (new store, or after a reset) also fetches what this kiosk's own
            # events caused, which normal pulls skip: a new store has none of it yet.
            full = store.get_meta(K_RESYNC) != "0"  # absent: never fully synced yet
            resp = client.pull(PullRequest(
                protocol=PROTOCOL_VERSION, kiosk_id=self.config.kiosk_id, cursor=cursor,
                cursor_change_id=store.get_meta(K_CURSOR_ID), limit=self.config.page_size,
                include_own=full))
            _check_page(resp, cursor)
            with store.transaction() as tx:
                if full and not resp.reset:
                    store.set_meta(tx, K_RESYNC, "1")
                if resp.reset:
                    gen = self._meta_int(store, K_GEN) + 1
                    log.warning("server does not know our cursor %d (restored from a backup?):"
                                " full re-sync, generation %d", cursor, gen)
                    store.set_meta(tx, K_GEN, str(gen))
                    store.set_meta(tx, K_RESYNC, "1")
                    store.set_meta(tx, K_CURSOR, "0")
                    tx.execute("DELETE FROM meta WHERE key = ?", (K_CURSOR_ID,))
                    continue
                self._apply_page(store, tx, resp)
            if not resp.more:
                return

    def _apply_page(self, store: Store, tx: Tx, resp: PullResponse) -> None:
        gen = self._meta_int(store, K_GEN)
        now = self._clock().isoformat()
        for ch in resp.changes:
            applied, reason = apply_in_savepoint(tx, self._cols, ch.entity, ch.key, ch.data)
            if reason is not None:
                log.error("pulled %s %s could not be applied: %s", ch.entity, ch.key, reason)
                tx.execute(
                    "INSERT INTO sync_rejected (entity, key, seq, data, reason, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, key, seq) DO NOTHING",
                    (ch.entity, ch.key, ch.seq, json.dumps(ch.data), reason, now))
            if ch.data is None:
                tx.execute("DELETE FROM sync_records WHERE entity = ? AND key = ?",
                           (ch.entity, ch.key))
                continue
            staged = None if applied or reason else json.dumps(ch.data, ensure_ascii=False)
            tx.execute(
                "INSERT INTO sync_records (entity, key, seq, digest, data, gen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, key) DO UPDATE SET"
                " seq = excluded.seq, digest = excluded.digest, data = excluded.data,"
                " gen = excluded.gen", (ch.entity, ch.key, ch.seq, digest(ch.data), staged, gen))
        store.set_meta(tx, K_CURSOR, str(resp.cursor))
        if resp.cursor_change_id:
            store.set_meta(tx, K_CURSOR_ID, resp.cursor_change_id)
        if not resp.more and store.get_meta(K_RESYNC) != "0":
            stale = tx.execute("SELECT entity, key FROM sync_records WHERE gen < ?",
                               (gen,)).fetchall()
            for entity, key in stale:
                if sweepable(tx, entity, key, self.config.kiosk_id):
                    apply_in_savepoint(tx, self._cols, entity, key, None)
                    tx.execute("DELETE FROM sync_records WHERE entity = ? AND key = ?",
                               (entity, key))
            store.set_meta(tx, K_RESYNC, "0")
            log.info("full re-sync done; %d records the server no longer has were dropped",
                     len(stale))

    # heartbeat and leases -----------------------------------------------------------------
    def _heartbeat(self, store: Store, client: SyncClient) -> float:
        health = self._health()
        depth = store.outbox_depth()
        quarantined = int(store.conn.execute(
            "SELECT count(*) FROM outbox WHERE quarantined_at IS NOT NULL").fetchone()[0])
        sent_at = self._clock()
        resp = client.heartbeat(HeartbeatRequest(
            protocol=PROTOCOL_VERSION, kiosk_id=self.config.kiosk_id,
            kiosk_time=sent_at.isoformat(), app_version=__version__[:32], outbox_depth=depth,
            quarantined=quarantined, camera=health.camera, printer=health.printer,
            last_sync_at=store.get_meta(K_LAST_OK)))
        return resp.clock_drift_s

    def _refill_leases(self, store: Store, client: SyncClient, drift: float) -> None:
        """Keep a block of numbers per active poli for today (the server's today)."""
        if not _has_table(store, "number_leases"):
            return
        # The facility's date by the server's clock: a kiosk clock days off must not lease
        # numbers for the wrong day.
        day = (self._clock() - timedelta(seconds=drift)).astimezone().date().isoformat()
        rows = store.query(
            "SELECT p.code AS code, coalesce(sum(l.last_number - l.next_number + 1), 0) AS left"
            " FROM polis p LEFT JOIN number_leases l ON l.poli_code = p.code AND l.day = ?"
            " AND l.kiosk_id = ? WHERE p.active = 1 GROUP BY p.code", (day, self.config.kiosk_id))
        wanted = [r["code"] for r in rows if int(r["left"]) < self.config.lease_low_water]
        for code in wanted:
            client.lease(LeaseRequest(protocol=PROTOCOL_VERSION, kiosk_id=self.config.kiosk_id,
                                      poli_code=code, day=day, size=self.config.lease_size))
        if wanted:
            self._pull_all(store, client)  # the leases arrive through the feed, atomically


def _has_table(store: Store, name: str) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone() is not None


def _quarantine(tx: Tx, seq: int, reason: str) -> None:
    tx.execute("UPDATE outbox SET quarantined_at = ?, quarantine_reason = ?,"
               " attempts = attempts + 1 WHERE seq = ?",
               (datetime.now(UTC).isoformat(timespec="milliseconds"), reason[:500], seq))
    log.error("outbox event seq %d quarantined: %s", seq, reason)


def _to_wire(rows: list[dict[str, Any]]) -> tuple[list[WireEvent], list[tuple[int, str]]]:
    """Outbox rows as wire events, and those that cannot be sent at all (with the reason)."""
    from pydantic import ValidationError

    events: list[WireEvent] = []
    broken: list[tuple[int, str]] = []
    for r in rows:
        try:
            payload = json.loads(r["payload"])
            if not isinstance(payload, dict):
                raise ValueError("payload is not a JSON object")
            events.append(WireEvent(event_id=r["event_id"], seq=r["seq"], kind=r["kind"],
                                    payload=payload, created_at=r["created_at"]))
        except (ValueError, ValidationError) as exc:
            broken.append((r["seq"], f"unsendable: {str(exc)[:300]}"))
    return events, broken


def _check_page(resp: PullResponse, cursor: int) -> None:
    last = cursor
    for ch in resp.changes:
        if ch.seq <= last:
            raise ServerProtocolError(f"pull page out of order at seq {ch.seq} (after {last})")
        last = ch.seq
    if not resp.reset and resp.cursor < last:
        raise ServerProtocolError("pull page cursor is behind its own changes")
    if not resp.reset and resp.cursor > last and resp.more:
        raise ServerProtocolError("pull page skips changes it says are still to come")


def engine_from_settings(settings: Any, health: Callable[[], DeviceHealth] = DeviceHealth
                         ) -> SyncEngine | None:
    """The engine for a kiosk's Settings, or None when standalone (no server URL)."""
    server = settings.server
    if not server.url:
        return None
    cfg = EngineConfig(base_url=server.url, token=server.token, kiosk_id=settings.kiosk.kiosk_id,
                       timeout_s=server.timeout_s, interval_s=server.sync_interval_s,
                       ca_file=server.ca_file)
    return SyncEngine(cfg, settings.db_path, health=health)


