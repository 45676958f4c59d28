"""The kiosk sync engine against a real server process and real kiosk stores."""

from __future__ import annotations

import base64
import json
import random
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from server_harness import ROOT, server_query
from sync_harness import Srv, audit, check_in, drain, new_kiosk

from kiosk.server import domain, importer
from kiosk.server.db import Database
from kiosk.store import Store
from kiosk.sync.engine import EngineConfig, SyncEngine, backoff_delay

DEMO = ROOT / "resources" / "demo" / "facility.json"


def import_demo(srv: Srv) -> None:
    db = Database.open(srv.url)
    try:
        importer.import_document(db, json.loads(DEMO.read_text()))
    finally:
        db.close()


def server_change(srv: Srv, entity: domain.Entity, key: str, data: dict[str, Any] | None) -> None:
    db = Database.open(srv.url)
    try:
        with db.transaction() as tx:
            domain.record_change(tx, entity, key, data)
    finally:
        db.close()


def test_round_trip_fills_the_kiosk_tables(srv: Srv, tmp_path: Path) -> None:
    import_demo(srv)
    k = new_kiosk(srv, tmp_path)
    with Store.open(k.path) as store:
        check_in(store, k.kiosk_id, 30)
    eng = k.engine(srv, batch_size=7, page_size=4)
    status = eng.run_once()
    assert status.online and status.error is None
    assert status.outbox_depth == 0 and status.quarantined == 0
    assert status.last_success is not None
    with Store.open(k.path) as store:
        assert store.query("SELECT count(*) AS n FROM polis")[0]["n"] == 4
        assert store.query("SELECT count(*) AS n FROM participants")[0]["n"] == 10
        assert store.query("SELECT count(*) AS n FROM schedules")[0]["n"] > 0
        assert store.query("SELECT count(*) AS n FROM bookings")[0]["n"] == 1
        leases = store.query("SELECT * FROM number_leases WHERE kiosk_id = ?", (k.kiosk_id,))
        active = store.query("SELECT count(*) AS n FROM polis WHERE active = 1")[0]["n"]
        assert len(leases) == active and all(r["next_number"] == r["first_number"]
                                             for r in leases)
        budi = store.query("SELECT * FROM participants WHERE noka = '0009990000011'")[0]
        assert budi["name"] == "Budi Santoso" and budi["pst_aktif"] == 1
        assert store.query("SELECT count(*) AS n FROM tickets WHERE kiosk_id = ?",
                           (k.kiosk_id,))[0]["n"] == 30
    result = audit(srv, [k])
    assert result.clean(), result
    assert result.events == 30 + active  # and one echo per lease received
    again = eng.run_once()  # nothing new: nothing changes
    assert again.online and audit(srv, [k]) == result
    eng.close()


def test_rejected_records_are_quarantined_without_blocking(srv: Srv, tmp_path: Path) -> None:
    k = new_kiosk(srv, tmp_path)
    now = datetime.now(UTC).isoformat()
    with Store.open(k.path) as store:
        check_in(store, k.kiosk_id, 2)
        with store.transaction() as tx:
            tx.execute("INSERT INTO outbox (event_id, kind, payload, created_at) VALUES"
                       " (?, ?, ?, ?)", (f"{k.kiosk_id}-odd", "no_such_kind", "{}", now))
            tx.execute("INSERT INTO outbox (event_id, kind, payload, created_at) VALUES"
                       " (?, ?, ?, ?)", (f"{k.kiosk_id}-torn", "ticket_issued", "{not json",
                                         now))
        check_in(store, k.kiosk_id, 2)
    server_change(srv, domain.Entity.DOCTOR, f"DX-{k.kiosk_id}",
                  {"code": f"DX-{k.kiosk_id}", "name": "dr. Nobody", "poli_code": "no-such"})
    server_change(srv, domain.Entity.HOLIDAY, "2027-01-01", {"day": "2027-01-01",
                                                             "name": "Tahun Baru"})
    eng = k.engine(srv)
    status = eng.run_once()
    assert status.online and status.outbox_depth == 0
    assert status.quarantined == 2 and status.rejected_records == 1
    with Store.open(k.path) as store:
        reasons = {r["event_id"]: r["quarantine_reason"] for r in store.query(
            "SELECT event_id, quarantine_reason FROM outbox WHERE quarantined_at IS NOT NULL")}
        rejected = store.query("SELECT * FROM sync_rejected")
        holiday = store.query("SELECT name FROM holidays WHERE day = '2027-01-01'")
    assert "unknown event kind" in reasons[f"{k.kiosk_id}-odd"]
    assert "unsendable" in reasons[f"{k.kiosk_id}-torn"]
    assert [r["key"] for r in rejected] == [f"DX-{k.kiosk_id}"]
    assert "FOREIGN KEY" in rejected[0]["reason"]
    assert holiday == [{"name": "Tahun Baru"}]  # the record after the bad one still applied
    assert server_query(srv.url, "SELECT count(*) AS n FROM events WHERE kiosk_id = ?"
                                 " AND kind = 'ticket_issued'", (k.kiosk_id,))[0]["n"] == 4
    assert server_query(srv.url, "SELECT event_id FROM rejections WHERE kiosk_id = ?",
                        (k.kiosk_id,)) == [{"event_id": f"{k.kiosk_id}-odd"}]
    eng.close()
    server_change(srv, domain.Entity.DOCTOR, f"DX-{k.kiosk_id}", None)


def test_replayed_and_altered_events(srv: Srv, tmp_path: Path) -> None:
    k = new_kiosk(srv, tmp_path)
    eng = k.engine(srv, batch_size=5)
    with Store.open(k.path) as store:
        check_in(store, k.kiosk_id, 12)
        drain(eng)
        before = audit(srv, [k])
        # every acknowledgement lost: the whole outbox goes again, in other batch sizes
        with store.transaction() as tx:
            tx.execute("UPDATE outbox SET sent_at = NULL")
        drain(k.engine(srv, batch_size=3))
        assert audit(srv, [k]) == before and before.clean()
        # one event's content changed after it was sent: an alarm, never an overwrite
        with store.transaction() as tx:
            tx.execute("UPDATE outbox SET sent_at = NULL, payload = '{\"ticket_id\": \"x\"}'"
                       " WHERE seq = 3")
        status = eng.run_once()
        assert status.quarantined == 1 and status.alarms == 1
        reason = store.query("SELECT quarantine_reason FROM outbox WHERE seq = 3")[0]
        assert "conflict" in reason["quarantine_reason"]
    alarms = server_query(srv.url, "SELECT event_id FROM alarms WHERE kiosk_id = ?",
                          (k.kiosk_id,))
    assert len(alarms) == 1
    eng.close()


@pytest.mark.parametrize("days", [3, -3])
def test_kiosk_clock_off_by_days(srv: Srv, tmp_path: Path, days: int) -> None:
    import_demo(srv)  # polis, so the kiosk leases numbers
    k = new_kiosk(srv, tmp_path)
    skew = timedelta(days=days)
    with Store.open(k.path) as store:
        ids = check_in(store, k.kiosk_id, 5)
        with store.transaction() as tx:  # the kiosk's own clock stamped them
            for i, eid in enumerate(ids):
                stamp = (datetime.now(UTC) + skew - timedelta(minutes=i * 10)).isoformat()
                tx.execute("UPDATE outbox SET created_at = ? WHERE event_id = ?", (stamp, eid))
    eng = k.engine(srv, clock=lambda: datetime.now(UTC) + skew)
    status = eng.run_once()
    assert status.online and status.outbox_depth == 0
    assert status.clock_drift_s is not None
    assert abs(status.clock_drift_s - skew.total_seconds()) < 120
    rows = server_query(srv.url, "SELECT event_id FROM events WHERE kiosk_id = ?"
                                 " AND kind = 'ticket_issued' ORDER BY server_seq", (k.kiosk_id,))
    assert [r["event_id"] for r in rows] == ids  # arrival order, not the skewed timestamps
    drift = server_query(srv.url, "SELECT clock_drift_s FROM kiosks WHERE kiosk_id = ?",
                         (k.kiosk_id,))[0]["clock_drift_s"]
    assert abs(drift - skew.total_seconds()) < 120
    with Store.open(k.path) as store:  # numbers leased for the real day, not the kiosk's
        days = {r["day"] for r in store.query("SELECT day FROM number_leases")}
    assert days == {datetime.now().astimezone().date().isoformat()}
    assert audit(srv, [k]).clean()
    eng.close()


class _Bad(BaseHTTPRequestHandler):
    mode = "garbage"

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = type(self).mode
        if mode == "reset":
            self.connection.close()
            return
        if mode == "slow":
            time.sleep(1.5)
        body, status, ctype = {
            "garbage": (b"\x00\xff\xfe not json at all", 200, "application/json"),
            "html500": (b"<html>Internal Server Error</html>", 500, "text/html"),
            "wrong_protocol": (b'{"protocol": 99, "results": [], "acked_through": 0}', 200,
                               "application/json"),
            "wrong_shape": (b'{"protocol": 1, "results": "yes"}', 200, "application/json"),
            "other_ids": (b'{"protocol": 1, "stored": 3, "results": [{"event_id": "zzz",'
                          b' "status": "duplicate"}], "acked_through": 99}', 200,
                          "application/json"),
            "slow": (b"{}", 200, "application/json"),
            "html404": (b"<html>not found</html>", 404, "text/html"),
        }[mode]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize("mode, words", [
    ("garbage", "not JSON"), ("html500", "server error 500"), ("wrong_protocol", "protocol 99"),
    ("wrong_shape", "unexpected answer"), ("other_ids", "does not match"),
    ("slow", "timed out"), ("reset", "/v1/sync/push"), ("html404", "404"),
])
def test_server_answering_garbage_or_timing_out_loses_nothing(
        sqlite_srv: Srv, tmp_path: Path, mode: str, words: str) -> None:
    k = new_kiosk(sqlite_srv, tmp_path)
    with Store.open(k.path) as store:
        check_in(store, k.kiosk_id, 4)
    handler = type("Handler", (_Bad,), {"mode": mode})
    fake = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        bad = SyncEngine(EngineConfig(base_url=f"http://127.0.0.1:{fake.server_port}",
                                      token=k.token, kiosk_id=k.kiosk_id, timeout_s=0.5), k.path)
        status = bad.run_once()
        bad.close()
    finally:
        fake.shutdown()
        fake.server_close()
    assert not status.online
    assert status.error is not None and words in status.error
    assert status.outbox_depth == 4  # nothing marked sent on a bad answer
    eng = k.engine(sqlite_srv)
    assert eng.run_once().outbox_depth == 0
    assert audit(sqlite_srv, [k]).clean()
    eng.close()


def test_run_forever_syncs_in_its_own_thread_and_stops(sqlite_srv: Srv, tmp_path: Path) -> None:
    k = new_kiosk(sqlite_srv, tmp_path)
    eng = k.engine(sqlite_srv, interval_s=30.0)
    stop = threading.Event()
    worker = threading.Thread(target=eng.run_forever, args=(stop,))
    worker.start()
    try:
        with Store.open(k.path) as store:
            check_in(store, k.kiosk_id, 3)
        eng.wake()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            s = eng.status()
            if s.online and s.outbox_depth == 0 and s.last_success is not None:
                break
            time.sleep(0.05)
        assert eng.status().online and eng.status().outbox_depth == 0
    finally:
        stop.set()
        eng.stop_waiting()
        worker.join(10)
    assert not worker.is_alive()
    assert audit(sqlite_srv, [k]).clean()


def test_backoff_is_jittered_capped_and_grows() -> None:
    rng = random.Random(7)
    assert backoff_delay(0, 1.0, 60.0, rng) == 0.0
    samples = [backoff_delay(n, 1.0, 60.0, rng) for n in range(1, 40) for _ in range(20)]
    assert all(0.0 <= s <= 60.0 for s in samples)
    late = [backoff_delay(30, 1.0, 60.0, rng) for _ in range(200)]
    assert max(late) > 45.0 and min(late) < 15.0  # spread over the whole capped window
    early = [backoff_delay(1, 1.0, 60.0, rng) for _ in range(200)]
    assert max(early) <= 1.0


def test_face_templates_travel_encrypted_and_deletion_reaches_every_kiosk(
        srv: Srv, tmp_path: Path) -> None:
    import numpy as np

    from kiosk.face import templates

    a, b = new_kiosk(srv, tmp_path), new_kiosk(srv, tmp_path)
    key_file = tmp_path / "facility-face.key"  # one facility key, provisioned to each kiosk
    key = templates.load_key(key_file, create=True)
    rng = np.random.default_rng(5)
    descriptors = [rng.normal(size=128) for _ in range(3)]
    subject = f"0009{uuid.uuid4().int % 10**9:09d}"
    with Store.open(a.path) as store, store.transaction() as tx:
        templates.write_template(tx, key, subject, descriptors, consent=True, staff="nurse")
    drain(a.engine(srv))
    server_row = server_query(srv.url, "SELECT data FROM records WHERE entity = 'template'"
                                       " AND key = ?", (subject,))
    stored = base64.b64decode(json.loads(server_row[0]["data"])["template"])
    for d in descriptors:  # the server only ever holds ciphertext
        assert d.astype(np.float64).tobytes()[:32] not in stored
        assert d.astype(np.float32).tobytes()[:16] not in stored
    b.engine(srv).run_once()
    with Store.open(b.path) as store:
        got = templates.load_descriptors(store, subject, key_path=key_file)
        with Store.open(a.path) as store_a:
            blob_a = store_a.query("SELECT template FROM face_templates")[0]["template"]
        blob_b = store.query("SELECT template FROM face_templates WHERE subject = ?",
                             (subject,))[0]["template"]
    assert blob_a == blob_b
    assert got is not None and all(np.allclose(x, y) for x, y in zip(got, descriptors,
                                                                      strict=True))
    with Store.open(a.path) as store:
        assert templates.delete_template(store, subject, reason="patient asked", staff="nurse")
    drain(a.engine(srv))
    b.engine(srv).run_once()
    with Store.open(b.path) as store:
        assert not templates.has_template(store, subject)
    assert audit(srv, [a, b]).clean()
