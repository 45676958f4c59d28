"""The server's outbox to BPJS: real SQLite server database, real kiosk pushes, the fake BPJS."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bpjs_support import FakeBpjs, db_url

from kiosk.server import importer, service
from kiosk.server.bpjs.client import BpjsClient
from kiosk.server.bpjs.errors import BpjsAlreadyExists, BpjsUnavailable
from kiosk.server.bpjs.feed import feed_events
from kiosk.server.bpjs.outbox import (
    Action,
    OutboxSender,
    Verdict,
    backoff_s,
    decide,
    enqueue,
    outbox_view,
    requeue,
)
from kiosk.server.db import Database
from kiosk.server.schema import migrate
from kiosk.sync.protocol import PROTOCOL_VERSION, PushRequest, WireEvent


def noka(i: int) -> str:
    return f"0001234{i:06d}"


DAY = (datetime.now(UTC) + timedelta(days=1)).date()
REFERENCE = {
    "facility": {"code": "0114U163", "name": "Klinik Pratama Demo"},
    "polis": [{"code": "001", "name": "POLI UMUM", "letter": "A"}],
    "doctors": [{"code": "123", "name": "dr. Sari", "poli": "001",
                 "sessions": [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "08:00", "end": "12:00",
                               "capacity": 40}]}],
    "participants": [{"noka": noka(i), "nik": f"3171014508{i:06d}", "name": f"PESERTA {i}",
                      "birth_date": "1990-08-05", "sex": "P", "phone": "08123456789"}
                     for i in range(60)],
}


class Clock:
    """Simulated time for the sender's schedule (the HTTP layer keeps real time for signing)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).timestamp()

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    database = Database.open(db_url(request.param, tmp_path))
    migrate(database)
    importer.import_document(database, REFERENCE)
    yield database
    database.close()


class Kiosk:
    """Pushes events the way a kiosk's sync engine does (through the server's push service)."""

    def __init__(self, db: Database) -> None:
        self.db, self.seq, self.store_id = db, 0, uuid.uuid4().hex

    def push(self, kind: str, payload: dict[str, Any]) -> str:
        self.seq += 1
        event_id = uuid.uuid4().hex
        ev = WireEvent(event_id=event_id, seq=self.seq, kind=kind, payload=payload,
                       created_at=datetime.now(UTC).isoformat())
        service.push(self.db, "kiosk-1", PushRequest(
            protocol=PROTOCOL_VERSION, kiosk_id="kiosk-1", store_id=self.store_id,
            acked_through=self.seq - 1, events=[ev]))
        return event_id

    def issue(self, i: int, number: int, day: date = DAY) -> str:
        ticket_id = uuid.uuid4().hex
        self.push("ticket_issued", {
            "ticket_id": ticket_id, "day": day.isoformat(), "poli_code": "001",
            "doctor_code": "123", "jam_praktek": "08:00-12:00", "number": number,
            "label": f"A-{number:03d}", "noka": noka(i), "priority": "none",
            "source": "kiosk", "booking_id": None, "kiosk_id": "kiosk-1", "lease_id": None,
            "issued_at": datetime.now(UTC).isoformat()})
        return ticket_id

    def call(self, ticket_id: str, i: int) -> None:
        self.push("ticket_called", {"ticket_id": ticket_id, "label": "x", "poli_code": "001",
                                    "noka": noka(i),
                                    "called_at": datetime.now(UTC).isoformat()})


@pytest.fixture
def senders(db: Database, fake_bpjs: FakeBpjs) -> Any:
    """Builds senders against the fake BPJS; closes their HTTP clients afterwards."""
    made: list[OutboxSender] = []

    def make(clock: Clock, timeout_s: float = 2.0) -> OutboxSender:
        client = BpjsClient(fake_bpjs.section(timeout_s=timeout_s))
        s = OutboxSender(db, client, base_s=5.0, cap_s=600.0, clock=clock, unit=lambda: 0.5)
        s.feeders.append(lambda now: feed_events(db, now))
        made.append(s)
        return s

    yield make
    for s in made:
        s.client.close()


def rows(db: Database) -> list[dict[str, Any]]:
    with db.transaction(readonly=True) as tx:
        return tx.all("SELECT * FROM bpjs_outbox ORDER BY id")


def test_decide_and_backoff_are_pure() -> None:
    assert decide(None).verdict is Verdict.DELIVERED
    assert decide(BpjsAlreadyExists("201", "sudah ada")).verdict is Verdict.DUPLICATE
    assert decide(BpjsUnavailable("down")).verdict is Verdict.RETRY
    delays = [backoff_s(n, 5.0, 600.0, 0.999) for n in range(1, 15)]
    assert delays[0] < 5.0 and delays == sorted(delays) and max(delays) <= 600.0
    assert backoff_s(3, 5.0, 600.0, 0.0) == 10.0  # the jitter floor is half the step


def test_tickets_and_calls_become_bpjs_calls_in_order(
    db: Database, fake_bpjs: FakeBpjs, senders: Any,
) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    t0 = kiosk.issue(0, 300)
    t1 = kiosk.issue(1, 301)
    kiosk.call(t0, 0)
    kiosk.push("ticket_absent", {"ticket_id": t1, "poli_code": "001",
                                 "noka": noka(1), "at": datetime.now(UTC).isoformat()})
    kiosk.push("ticket_issued", {"ticket_id": "walkin", "day": DAY.isoformat(),
                                 "poli_code": "001", "number": 302, "label": "A-302",
                                 "noka": None})  # a general patient: nothing for BPJS
    sender = senders(clock)
    for feed in sender.feeders:
        assert feed(clock()) == 4
        assert feed(clock()) == 0  # reading the same events again adds nothing
    report = sender.step()
    assert (report.delivered, report.retrying) == (4, False)
    log = fake_bpjs.state()["log"]
    assert [e["action"] for e in log] == ["add", "add", "panggil", "panggil"]
    first = log[0]["body"]
    assert first["kodepoli"] == "001" and first["kodedokter"] == 123
    assert first["nomorantrean"] == "A-300" and first["angkaantrean"] == 300
    assert first["nik"] == "3171014508000000" and first["namapoli"] == "POLI UMUM"
    assert [e["body"]["status"] for e in log[2:]] == [1, 2]
    assert all(r["state"] == "sent" for r in rows(db))


def test_a_cancelled_ticket_becomes_batal(db: Database, fake_bpjs: FakeBpjs,
                                          senders: Any) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    tid = kiosk.issue(0, 300)
    kiosk.push("ticket_cancelled", {"ticket_id": tid, "reason": "pasien pulang"})
    assert senders(clock).step().delivered == 2
    log = fake_bpjs.state()["log"]
    assert [e["action"] for e in log] == ["add", "batal"]
    assert log[1]["body"] == {"tanggalperiksa": DAY.isoformat(), "kodepoli": "001",
                              "nomorkartu": noka(0), "alasan": "pasien pulang"}


def test_already_exists_counts_as_sent(db: Database, fake_bpjs: FakeBpjs, senders: Any) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    kiosk.issue(0, 300)
    sender = senders(clock)
    sender.feeders[0](clock())
    # BPJS took the call but the answer was lost (we crashed, the line dropped): resend.
    sender.client.antrean_add(json.loads(rows(db)[0]["payload"]))
    report = sender.step()
    assert (report.delivered, report.duplicates) == (0, 1)
    row = rows(db)[0]
    assert row["state"] == "sent" and "already at BPJS" in row["last_error"]
    assert len(fake_bpjs.state()["log"]) == 1


def test_refused_call_fails_alone_and_can_be_requeued(
    db: Database, fake_bpjs: FakeBpjs, senders: Any,
) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    kiosk.issue(0, 300)
    kiosk.issue(1, 301)
    sender = senders(clock)
    fake_bpjs.control(script=[{"code": "201", "message": "Kode dokter tidak terdaftar"}])
    report = sender.step()
    assert (report.refused, report.delivered) == (1, 1)
    view = outbox_view(db)
    assert view["counts"] == {"pending": 0, "sent": 1, "failed": 1}
    assert view["failed"][0]["last_error"].endswith("Kode dokter tidak terdaftar")
    assert noka(0) not in json.dumps(view)  # card numbers are masked in the view
    assert requeue(db, view["failed"][0]["id"], clock())
    assert sender.send_due().delivered == 1
    assert outbox_view(db)["counts"] == {"pending": 0, "sent": 2, "failed": 0}


def test_wrong_credentials_keep_retrying_without_losing_anything(
    db: Database, fake_bpjs: FakeBpjs, senders: Any,
) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    kiosk.issue(0, 300)
    sender = senders(clock)
    fake_bpjs.control(secret="rotated-at-bpjs")
    report = sender.step()
    assert report.retrying and report.delivered == 0
    row = rows(db)[0]
    assert (row["state"], row["attempts"], row["last_code"]) == ("pending", 1, "401")
    fake_bpjs.control(secret="s3cr3t-Xy")  # staff fixed the credentials
    clock.now = report.next_due_s or clock.now
    assert sender.send_due().delivered == 1


def test_timeouts_are_retried_and_the_queue_waits_behind_its_head(
    db: Database, fake_bpjs: FakeBpjs, senders: Any,
) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    kiosk.issue(0, 300)
    kiosk.issue(1, 301)
    sender = senders(clock, timeout_s=0.3)
    fake_bpjs.control(mode="slow", slow_s=1.0)
    report = sender.step()
    assert report.retrying and "no answer within" in rows(db)[0]["last_error"]
    assert rows(db)[1]["attempts"] == 0  # nothing overtakes the head
    fake_bpjs.control(mode="ok")
    assert sender.send_due().delivered == 0  # not due yet: backoff is respected
    clock.now += 5.0
    assert sender.send_due().delivered == 2


def test_bpjs_down_for_a_day_then_catching_up(
    db: Database, fake_bpjs: FakeBpjs, senders: Any,
) -> None:
    clock, kiosk = Clock(), Kiosk(db)
    sender = senders(clock)
    fake_bpjs.control(mode="down")
    start, prev_due, delays = clock.now, None, []
    expected: list[tuple[str, str]] = []
    i = 0
    while clock.now < start + 24 * 3600:
        if i < 60:  # tickets and calls keep coming during the opening hours
            tid = kiosk.issue(i, 300 + i)
            kiosk.call(tid, i)
            expected += [("add", noka(i)), ("panggil", noka(i))]
            i += 1
        report = sender.step()
        assert report.retrying and report.next_due_s is not None
        if report.next_due_s != prev_due:  # the head was attempted (and failed) in this step
            delays.append(report.next_due_s - clock.now)
            prev_due = report.next_due_s
        clock.now = max(report.next_due_s, clock.now + 60.0) if i < 60 else report.next_due_s
    assert fake_bpjs.state()["log"] == []
    assert rows(db)[0]["attempts"] == len(delays)
    assert max(delays) <= 600.0  # capped backoff: retried at least every 10 minutes
    assert 100 < len(delays) < 300  # ... but not hammering BPJS either
    # BPJS is back: one pass drains everything, in order, each call once.
    fake_bpjs.control(mode="ok")
    clock.now += 600.0
    report = sender.send_due(max_items=1000)
    assert report.delivered == 120 and not report.retrying
    log = fake_bpjs.state()["log"]
    assert [(e["action"], e["body"]["nomorkartu"]) for e in log] == expected
    keys = [(e["action"], e["body"].get("angkaantrean"), e["key"]) for e in log
            if e["action"] == "add"]
    assert len(keys) == len(set(keys)) == 60
    # A second feed + send (e.g. after a restart) sends nothing again.
    for feed in sender.feeders:
        assert feed(clock()) == 0
    assert sender.send_due().delivered == 0
    assert len(fake_bpjs.state()["log"]) == 120


def test_enqueue_is_idempotent_per_key(db: Database) -> None:
    with db.transaction() as tx:
        assert enqueue(tx, Action.BATAL, {"a": 1}, "booking:x:batal", 0.0)
        assert not enqueue(tx, Action.BATAL, {"a": 2}, "booking:x:batal", 0.0)
    assert len(rows(db)) == 1


def test_an_event_that_commits_late_behind_the_cursor_is_still_sent(
    db: Database, fake_bpjs: FakeBpjs, senders: Any,
) -> None:
    """PostgreSQL hands out server_seq before commit: seq 1 can appear after seq 2 was read."""
    clock, kiosk = Clock(), Kiosk(db)
    kiosk.issue(0, 300)
    kiosk.issue(1, 301)
    with db.transaction() as tx:  # hide the first event as if its transaction were still open
        late = tx.one("SELECT * FROM events ORDER BY server_seq LIMIT 1")
        assert late is not None
        tx.execute("DELETE FROM events WHERE server_seq = ?", (late["server_seq"],))
    sender = senders(clock)
    assert sender.step().delivered == 1
    with db.transaction() as tx:  # ... and now it commits, below the cursor
        cols = ", ".join(late)
        tx.execute(f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * len(late))})",
                   tuple(late.values()))
    assert sender.step().delivered == 1
    assert sorted(e["body"]["nomorkartu"] for e in fake_bpjs.state()["log"]) == [noka(0),
                                                                                 noka(1)]
