"""What the sync endpoints do, independent of HTTP: push, pull, heartbeat, numbers, leases.

Push stores each event id once (``INSERT ... ON CONFLICT DO NOTHING``) and projects a newly stored
event onto server state in the same transaction, so an event is applied exactly once no matter
how often it is delivered. The same id with different content is an integrity alarm.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from typing import Any

from kiosk.server import domain
from kiosk.server.db import Database, Tx, utcnow_iso
from kiosk.sync.protocol import (
    PROTOCOL_VERSION,
    Change,
    EventResult,
    EventStatus,
    HeartbeatRequest,
    HeartbeatResponse,
    LeaseRequest,
    LeaseResponse,
    NumberRequest,
    NumberResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    WireEvent,
)

log = logging.getLogger(__name__)


class BadRequest(Exception):
    """A well-formed request the server refuses (400, with ``error`` as a stable code)."""

    def __init__(self, error: str, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.error = error
        self.detail = detail
        self.status = status


def content_hash(kiosk_id: str, ev: WireEvent) -> str:
    canon = json.dumps(
        [kiosk_id, ev.kind, ev.payload, ev.created_at],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def push(db: Database, kiosk_id: str, req: PushRequest) -> PushResponse:
    known, acked, results = db.write(lambda tx: _push(tx, kiosk_id, req))
    if known < req.acked_through:
        log.warning("kiosk %s believes %d events acknowledged, server has %d: asking to re-send",
                    kiosk_id, req.acked_through, known)
    stored = len(req.events) - len(results)
    return PushResponse(protocol=PROTOCOL_VERSION, stored=stored, results=results,
                        acked_through=acked)


def _push(tx: Tx, kiosk_id: str, req: PushRequest) -> tuple[int, int, list[EventResult]]:
    """(acked_through before, after, results for events not simply stored)."""
    now = utcnow_iso()
    results: list[EventResult] = []
    stored = 0
    tx.execute(
        "INSERT INTO kiosk_streams (kiosk_id, store_id, acked_through) VALUES (?, ?, 0)"
        " ON CONFLICT (kiosk_id, store_id) DO NOTHING",
        (kiosk_id, req.store_id),
    )
    # The UPDATE locks this stream's row (PostgreSQL) so its pushes serialise.
    known = int(tx.scalar(
        "UPDATE kiosk_streams SET acked_through = acked_through"
        " WHERE kiosk_id = ? AND store_id = ? RETURNING acked_through",
        (kiosk_id, req.store_id),
    ))
    for ev in req.events:
        digest = content_hash(kiosk_id, ev)
        reason = domain.reject_reason(ev.kind, ev.payload)
        existing = None if reason is None else tx.one(
            "SELECT content_hash FROM events WHERE event_id = ?", (ev.event_id,))
        if existing is None:
            if reason is not None:
                tx.execute(
                    "INSERT INTO rejections (kiosk_id, event_id, reason, created_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id, event_id) DO NOTHING",
                    (kiosk_id, ev.event_id, reason, now),
                )
                results.append(EventResult(event_id=ev.event_id, status=EventStatus.REJECTED,
                                           reason=reason))
                continue
            inserted = tx.execute(
                "INSERT INTO events (event_id, kiosk_id, store_id, kiosk_seq, kind, payload,"
                " created_at, received_at, content_hash) VALUES (?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (event_id) DO NOTHING",
                (ev.event_id, kiosk_id, req.store_id, ev.seq, ev.kind,
                 domain.dumps(ev.payload), ev.created_at, now, digest),
            )
            if inserted:
                domain.apply_event(tx, kiosk_id, ev.event_id, ev.kind, ev.payload)
                stored += 1
                continue
            existing = tx.one("SELECT content_hash FROM events WHERE event_id = ?",
                              (ev.event_id,))
            assert existing is not None  # a concurrent insert won the race
        if existing["content_hash"] == digest:
            results.append(EventResult(event_id=ev.event_id, status=EventStatus.DUPLICATE))
            continue
        detail = (f"event {ev.event_id} offered again by {kiosk_id} with different content;"
                  " the stored version is kept")
        tx.execute(
            "INSERT INTO alarms (kind, kiosk_id, event_id, stored_hash, offered_hash, detail,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (event_id, offered_hash) DO NOTHING",
            ("event_conflict", kiosk_id, ev.event_id, existing["content_hash"], digest,
             detail, now),
        )
        log.error("integrity alarm: %s", detail)
        results.append(EventResult(event_id=ev.event_id, status=EventStatus.CONFLICT,
                                   reason=detail))
    top = max((ev.seq for ev in req.events), default=0)
    # Behind the kiosk's belief = this server lost events (restored from a backup): do not
    # move forward until the kiosk has re-sent everything after ``known``.
    acked = max(known, top) if known >= req.acked_through else known
    tx.execute(
        "UPDATE kiosk_streams SET acked_through = ? WHERE kiosk_id = ? AND store_id = ?",
        (acked, kiosk_id, req.store_id),
    )
    tx.execute(
        "UPDATE kiosks SET last_seen_at = ?, last_push_at = ?,"
        " events_received = events_received + ? WHERE kiosk_id = ?",
        (now, now, stored, kiosk_id),
    )
    return known, acked, results


def pull(db: Database, kiosk_id: str, req: PullRequest) -> PullResponse:
    with db.transaction(readonly=True) as tx:
        head = int(tx.scalar("SELECT seq FROM change_counter WHERE id = 1"))
        if req.cursor > 0:
            mark = tx.one("SELECT change_id FROM change_log WHERE seq = ?", (req.cursor,))
            if mark is None or mark["change_id"] != req.cursor_change_id:
                log.warning("kiosk %s cursor %d unknown here (head %d): full re-sync",
                            kiosk_id, req.cursor, head)
                return PullResponse(protocol=PROTOCOL_VERSION, changes=[], cursor=0,
                                    cursor_change_id=None, head=head, more=True, reset=True)
        rows = tx.all(
            "SELECT seq, change_id, entity, key, data FROM records WHERE seq > ?"
            " AND (scope IS NULL OR scope = ?) AND (origin IS NULL OR origin <> ?)"
            " ORDER BY seq LIMIT ?",
            (req.cursor, kiosk_id, "" if req.include_own else kiosk_id, req.limit + 1),
        )
        more = len(rows) > req.limit
        rows = rows[: req.limit]
        cursor = int(rows[-1]["seq"]) if rows else req.cursor
        cursor_id = rows[-1]["change_id"] if rows else req.cursor_change_id
        if not more and head > cursor:
            # Everything up to head is committed (seqs are taken under a lock) and what is
            # not here was not for this kiosk: move the cursor past it, never rescan it.
            mark = tx.one("SELECT change_id FROM change_log WHERE seq = ?", (head,))
            if mark is not None:
                cursor, cursor_id = head, mark["change_id"]
    changes = [
        Change(seq=int(r["seq"]), change_id=r["change_id"], entity=r["entity"], key=r["key"],
               data=None if r["data"] is None else json.loads(r["data"]))
        for r in rows
    ]
    if not more:
        now = utcnow_iso()
        db.write(lambda tx: tx.execute(
            "UPDATE kiosks SET last_seen_at = ?, last_pull_at = ?, pull_cursor = ?"
            " WHERE kiosk_id = ?", (now, now, cursor, kiosk_id)))
    return PullResponse(protocol=PROTOCOL_VERSION, changes=changes, cursor=cursor,
                        cursor_change_id=cursor_id, head=head, more=more)


def parse_time(value: str, field: str) -> datetime:
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError as exc:
        raise BadRequest("invalid_request", f"{field}: not an ISO 8601 time: {value!r}") from exc
    if stamp.tzinfo is None:
        raise BadRequest("invalid_request", f"{field}: needs a UTC offset, got {value!r}")
    return stamp


def heartbeat(db: Database, kiosk_id: str, req: HeartbeatRequest) -> HeartbeatResponse:
    server_now = datetime.now(UTC)
    drift = (parse_time(req.kiosk_time, "kiosk_time") - server_now).total_seconds()
    body: dict[str, Any] = req.model_dump(mode="json")
    body["received_at"] = server_now.isoformat(timespec="milliseconds")
    db.write(lambda tx: tx.execute(
        "UPDATE kiosks SET last_seen_at = ?, heartbeat = ?, clock_drift_s = ? WHERE kiosk_id = ?",
        (body["received_at"], domain.dumps(body), drift, kiosk_id)))
    if abs(drift) > 300:
        log.warning("kiosk %s clock is off by %.0f s", kiosk_id, drift)
    return HeartbeatResponse(protocol=PROTOCOL_VERSION,
                             server_time=server_now.isoformat(timespec="milliseconds"),
                             clock_drift_s=drift)


def next_number(db: Database, req: NumberRequest) -> NumberResponse:
    got = db.write(lambda tx: domain.allocate_number(tx, req.poli_code, req.day))
    return NumberResponse(protocol=PROTOCOL_VERSION, poli_code=got.poli_code, day=got.day,
                          number=got.number, label=got.label)


def lease(db: Database, kiosk_id: str, req: LeaseRequest) -> LeaseResponse:
    got = db.write(lambda tx: domain.allocate_lease(tx, kiosk_id, req.poli_code, req.day,
                                                    req.size))
    return LeaseResponse(protocol=PROTOCOL_VERSION, lease_id=got.lease_id,
                         poli_code=got.poli_code, day=got.day, first_number=got.first_number,
                         last_number=got.last_number)


def sync_state(db: Database) -> list[dict[str, Any]]:
    """Per kiosk: last contact, events received, acknowledged outbox, cursor, heartbeat."""
    with db.transaction(readonly=True) as tx:
        head = int(tx.scalar("SELECT seq FROM change_counter WHERE id = 1"))
        kiosks = tx.all("SELECT * FROM kiosks ORDER BY kiosk_id")
        streams = tx.all("SELECT * FROM kiosk_streams")
        alarms = tx.all("SELECT kiosk_id, count(*) AS n FROM alarms GROUP BY kiosk_id")
        rejected = tx.all("SELECT kiosk_id, count(*) AS n FROM rejections GROUP BY kiosk_id")
        live = tx.all(
            "SELECT subject, count(*) AS n FROM tokens WHERE role = 'kiosk'"
            " AND revoked_at IS NULL GROUP BY subject"
        )
    per_alarm = {r["kiosk_id"]: int(r["n"]) for r in alarms}
    per_reject = {r["kiosk_id"]: int(r["n"]) for r in rejected}
    per_token = {r["subject"]: int(r["n"]) for r in live}
    out = []
    for k in kiosks:
        hb = json.loads(k["heartbeat"]) if k["heartbeat"] else None
        kid = k["kiosk_id"]
        out.append({
            "kiosk_id": kid,
            "live_tokens": per_token.get(kid, 0),
            "last_seen_at": k["last_seen_at"],
            "last_push_at": k["last_push_at"],
            "last_pull_at": k["last_pull_at"],
            "events_received": int(k["events_received"]),
            "acked_through": {s["store_id"]: int(s["acked_through"]) for s in streams
                              if s["kiosk_id"] == kid},
            "pull_cursor": k["pull_cursor"],
            "feed_head": head,
            "clock_drift_s": k["clock_drift_s"],
            "outbox_depth": hb["outbox_depth"] if hb else None,
            "quarantined": hb["quarantined"] if hb else None,
            "camera": hb["camera"] if hb else None,
            "printer": hb["printer"] if hb else None,
            "app_version": hb["app_version"] if hb else None,
            "integrity_alarms": per_alarm.get(kid, 0),
            "rejected_events": per_reject.get(kid, 0),
        })
    return out


def alarms(db: Database) -> list[dict[str, Any]]:
    with db.transaction(readonly=True) as tx:
        return tx.all("SELECT kind, kiosk_id, event_id, stored_hash, offered_hash, detail,"
                      " created_at FROM alarms ORDER BY id")
