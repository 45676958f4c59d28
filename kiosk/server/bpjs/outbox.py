"""The server's outbox to BPJS Antrean FKTP: every ticket, booking, call and cancellation, in order.

Rows are written in the same transaction as the change they report (``enqueue``) and sent by one
background loop strictly in id order: a ``panggil`` never overtakes the ``add`` it refers to.
While BPJS is unreachable the head of the queue is retried with jittered, capped exponential
backoff, forever, and nothing behind it is sent. BPJS answering "already exists" means an earlier
attempt got through before we heard back: delivered. A request BPJS refuses on its merits
(bad data) is marked failed, shown in the staff sync view, and does not block the rest.
"""

from __future__ import annotations

import enum
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.log import mask_ids
from kiosk.server.bpjs.client import BpjsClient
from kiosk.server.bpjs.errors import (
    BpjsAlreadyExists,
    BpjsProtocolError,
    BpjsRejected,
    BpjsUnavailable,
)
from kiosk.server.db import Database, Tx

log = logging.getLogger(__name__)


class Action(enum.Enum):
    ADD = "add"
    PANGGIL = "panggil"
    BATAL = "batal"


class State(enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # refused by BPJS on its merits; staff look, fix, and may re-queue


class Verdict(enum.Enum):
    DELIVERED = "delivered"
    DUPLICATE = "duplicate"  # "already exists": delivered by an earlier attempt
    RETRY = "retry"
    REFUSED = "refused"


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    code: str | None
    detail: str | None


def decide(error: Exception | None) -> Outcome:
    """What one send attempt means for its row (pure)."""
    if error is None:
        return Outcome(Verdict.DELIVERED, None, None)
    if isinstance(error, BpjsAlreadyExists):
        return Outcome(Verdict.DUPLICATE, error.bpjs_code, error.message)
    if isinstance(error, BpjsRejected):
        verdict = Verdict.RETRY if error.retryable else Verdict.REFUSED
        return Outcome(verdict, error.bpjs_code, error.detail)
    if isinstance(error, BpjsUnavailable | BpjsProtocolError):
        return Outcome(Verdict.RETRY, None, error.detail)
    raise error


def backoff_s(attempts: int, base_s: float, cap_s: float, unit: float) -> float:
    """Delay before attempt ``attempts + 1``: base * 2^(attempts-1), capped, then jittered into
    [50%, 100%] by ``unit`` in [0, 1) so many servers coming back do not retry in step."""
    raw = min(cap_s, base_s * 2.0 ** max(0, attempts - 1))
    return raw * (0.5 + 0.5 * unit)


def iso(epoch_s: float) -> str:
    """Fixed-width UTC text, so comparing strings compares times on both databases."""
    return datetime.fromtimestamp(epoch_s, UTC).isoformat(timespec="milliseconds")


def enqueue(tx: Tx, action: Action, payload: dict[str, Any], dedupe_key: str, now_s: float) -> bool:
    """Add one call to the outbox inside the caller's transaction; False if already queued."""
    changed = tx.execute(
        "INSERT INTO bpjs_outbox (dedupe_key, action, payload, state, attempts,"
        " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)"
        " ON CONFLICT (dedupe_key) DO NOTHING",
        (dedupe_key, action.value, json.dumps(payload, sort_keys=True), State.PENDING.value,
         iso(now_s), iso(now_s)),
    )
    return changed > 0


@dataclass(frozen=True)
class PassReport:
    delivered: int
    duplicates: int
    refused: int
    retrying: bool  # the head of the queue failed and waits for its next attempt
    next_due_s: float | None  # when the head is due (epoch), None if the queue is empty


class OutboxSender:
    """Sends due rows in order. ``run`` is the background loop the server starts."""

    def __init__(
        self,
        db: Database,
        client: BpjsClient,
        *,
        base_s: float = 5.0,
        cap_s: float = 600.0,
        clock: Callable[[], float] = time.time,
        unit: Callable[[], float] = random.random,
    ) -> None:
        self.db = db
        self.client = client
        self.base_s = base_s
        self.cap_s = cap_s
        self._clock = clock
        self._unit = unit
        self._wake = threading.Event()
        self.feeders: list[Callable[[float], int]] = []  # turn new facts into outbox rows

    def wake(self) -> None:
        """Something was enqueued: try now instead of at the next poll."""
        self._wake.set()

    def _send(self, action: Action, payload: dict[str, Any]) -> None:
        if action is Action.ADD:
            self.client.antrean_add(payload)
        elif action is Action.PANGGIL:
            self.client.antrean_panggil(payload)
        else:
            self.client.antrean_batal(payload)

    def send_due(self, max_items: int = 200) -> PassReport:
        delivered = duplicates = refused = 0
        for _ in range(max_items):
            now = self._clock()
            with self.db.transaction(readonly=True) as tx:
                row = tx.one(
                    "SELECT id, action, payload, attempts, next_attempt_at FROM bpjs_outbox"
                    " WHERE state = ? ORDER BY id LIMIT 1",
                    (State.PENDING.value,),
                )
            if row is None:
                return PassReport(delivered, duplicates, refused, False, None)
            if row["next_attempt_at"] > iso(now):
                due = datetime.fromisoformat(row["next_attempt_at"]).timestamp()
                return PassReport(delivered, duplicates, refused, True, due)
            error: Exception | None = None
            try:
                self._send(Action(row["action"]), json.loads(row["payload"]))
            except (BpjsRejected, BpjsUnavailable, BpjsProtocolError) as exc:
                error = exc
            outcome = decide(error)
            done = self._clock()
            attempts = int(row["attempts"]) + 1
            with self.db.transaction() as tx:
                if outcome.verdict is Verdict.RETRY:
                    delay = backoff_s(attempts, self.base_s, self.cap_s, self._unit())
                    tx.execute(
                        "UPDATE bpjs_outbox SET attempts = ?, next_attempt_at = ?,"
                        " last_code = ?, last_error = ? WHERE id = ?",
                        (attempts, iso(done + delay), outcome.code, outcome.detail, row["id"]),
                    )
                else:
                    state = State.FAILED if outcome.verdict is Verdict.REFUSED else State.SENT
                    note = ("already at BPJS: " + (outcome.detail or "")
                            if outcome.verdict is Verdict.DUPLICATE else outcome.detail)
                    tx.execute(
                        "UPDATE bpjs_outbox SET state = ?, attempts = ?, last_code = ?,"
                        " last_error = ?, sent_at = ? WHERE id = ?",
                        (state.value, attempts, outcome.code, note,
                         iso(done) if state is State.SENT else None, row["id"]),
                    )
            if outcome.verdict is Verdict.RETRY:
                # Loud on the first failures and then now and then, not every few minutes.
                level = logging.WARNING if attempts <= 3 or attempts % 20 == 0 else logging.DEBUG
                log.log(level, "BPJS outbox #%s %s: attempt %d failed (%s); retrying in %.0f s",
                        row["id"], row["action"], attempts, mask_ids(outcome.detail or ""),
                        delay)
                return PassReport(delivered, duplicates, refused, True, done + delay)
            if outcome.verdict is Verdict.REFUSED:
                refused += 1
                log.error("BPJS outbox #%s %s refused by BPJS: %s", row["id"], row["action"],
                          mask_ids(outcome.detail or ""))
            elif outcome.verdict is Verdict.DUPLICATE:
                duplicates += 1
            else:
                delivered += 1
        return PassReport(delivered, duplicates, refused, False, self._clock())

    def step(self, max_items: int = 200) -> PassReport:
        """One pass of the loop: turn new facts into rows, then send what is due."""
        for feed in self.feeders:
            feed(self._clock())
        return self.send_due(max_items)

    def run(self, stop: threading.Event, poll_s: float = 10.0) -> None:
        """Step, then sleep until the head is due (or woken, or ``poll_s``), until ``stop``."""
        while not stop.is_set():
            wait = poll_s
            try:
                report = self.step()
                if report.next_due_s is not None:
                    wait = max(0.05, min(poll_s, report.next_due_s - self._clock()))
            except Exception:
                log.exception("BPJS outbox pass failed; trying again in %.0f s", poll_s)
            self._wake.wait(wait)
            self._wake.clear()


def requeue(db: Database, row_id: int, now_s: float) -> bool:
    """Staff fixed the data behind a failed row: send it again (at its place: by id)."""
    with db.transaction() as tx:
        changed = tx.execute(
            "UPDATE bpjs_outbox SET state = ?, next_attempt_at = ?, last_error = NULL"
            " WHERE id = ? AND state = ?",
            (State.PENDING.value, iso(now_s), row_id, State.FAILED.value),
        )
    return changed > 0


def outbox_view(db: Database, limit: int = 50) -> dict[str, Any]:
    """The staff sync view: counts per state, the head of the queue, failures, latest sends."""
    with db.transaction(readonly=True) as tx:
        counts = {s.value: 0 for s in State}
        for r in tx.all("SELECT state, count(*) AS n FROM bpjs_outbox GROUP BY state"):
            counts[r["state"]] = int(r["n"])
        cols = ("id, dedupe_key, action, state, attempts, next_attempt_at, last_code,"
                " last_error, created_at, sent_at")
        pending = tx.all(f"SELECT {cols} FROM bpjs_outbox WHERE state = ? ORDER BY id LIMIT ?",
                         (State.PENDING.value, limit))
        failed = tx.all(f"SELECT {cols} FROM bpjs_outbox WHERE state = ? ORDER BY id DESC"
                        " LIMIT ?", (State.FAILED.value, limit))
        recent = tx.all(f"SELECT {cols} FROM bpjs_outbox WHERE state = ? ORDER BY id DESC"
                        " LIMIT ?", (State.SENT.value, limit))
    head = pending[0] if pending else None
    return {
        "counts": counts,
        "oldest_pending_at": head["created_at"] if head else None,
        "head_attempts": head["attempts"] if head else 0,
        "head_last_error": mask_ids(head["last_error"] or "") if head else None,
        "pending": [_masked(r) for r in pending],
        "failed": [_masked(r) for r in failed],
        "recent": [_masked(r) for r in recent],
    }


def _masked(row: dict[str, Any]) -> dict[str, Any]:
    return {k: mask_ids(v) if isinstance(v, str) else v for k, v in row.items()}
