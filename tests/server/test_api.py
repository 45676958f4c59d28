"""The central server over HTTP: auth, protocol, push/pull semantics, bad input, admin, CLI."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_harness import ROOT, Running, run_cli, server_query

from kiosk.sync.protocol import PROTOCOL_VERSION

DEMO = ROOT / "resources" / "demo" / "facility.json"


def kid() -> str:
    return f"k-{uuid.uuid4().hex[:8]}"


def ev(seq: int, kind: str = "ticket_issued", **payload: Any) -> dict[str, Any]:
    payload.setdefault("ticket_id", uuid.uuid4().hex)
    return {"event_id": uuid.uuid4().hex, "seq": seq, "kind": kind, "payload": payload,
            "created_at": "2026-11-21T08:00:00+07:00"}


def push_body(kiosk: str, events: list[dict[str, Any]], acked: int = 0) -> dict[str, Any]:
    return {"protocol": PROTOCOL_VERSION, "kiosk_id": kiosk, "store_id": "s1",
            "acked_through": acked, "events": events}


def post(server: Running, path: str, token: str | None, body: Any = None,
         content: bytes | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if content is not None:
        headers["Content-Type"] = "application/json"
        return httpx.post(server.base + path, content=content, headers=headers, timeout=30)
    return httpx.post(server.base + path, json=body, headers=headers, timeout=30)


def event_count(server: Running, kiosk: str) -> int:
    return int(server_query(server.url, "SELECT count(*) AS n FROM events WHERE kiosk_id = ?",
                            (kiosk,))[0]["n"])


def test_health_needs_no_token_and_everything_else_does(server: Running) -> None:
    r = httpx.get(server.base + "/health")
    assert r.status_code == 200
    assert r.json()["protocol"] == PROTOCOL_VERSION
    assert r.headers["x-anjungan-protocol"] == str(PROTOCOL_VERSION)
    for path in ("/v1/sync/push", "/v1/sync/pull", "/v1/sync/heartbeat", "/v1/sync/number",
                 "/v1/sync/lease", "/v1/admin/import"):
        r = post(server, path, None, {})
        assert r.status_code == 401, path
        assert "Authorization" in r.json()["detail"]
    for path in ("/v1/admin/status", "/v1/admin/alarms"):
        assert httpx.get(server.base + path).status_code == 401


def test_unknown_revoked_and_wrong_role_tokens_are_refused(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    assert post(server, "/v1/sync/push", "akk_madeup", push_body(k, [ev(1)])).status_code == 401
    r = post(server, "/v1/sync/push", token, push_body("someone-else", [ev(1)]))
    assert r.status_code == 403 and "belongs to kiosk" in r.json()["detail"]
    r = httpx.get(server.base + "/v1/admin/status", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403 and "admin token" in r.json()["detail"]
    r = post(server, "/v1/sync/push", server.admin, push_body(k, [ev(1)]))
    assert r.status_code == 403 and "kiosk token" in r.json()["detail"]
    code, out = run_cli(server.url, "token", "revoke", k)
    assert code == 0 and out["revoked"] == 1
    r = post(server, "/v1/sync/push", token, push_body(k, [ev(1)]))
    assert r.status_code == 401 and "revoked" in r.json()["detail"]
    assert event_count(server, k) == 0


def test_push_stores_each_id_once_and_alarms_on_changed_content(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    batch = [ev(i) for i in range(1, 6)]
    r = post(server, "/v1/sync/push", token, push_body(k, batch))
    assert r.status_code == 200
    assert r.json()["stored"] == 5 and r.json()["results"] == []  # only exceptions listed
    assert r.json()["acked_through"] == 5
    # replayed, reordered, duplicated inside one batch
    replay = list(reversed(batch)) + batch[:2]
    r = post(server, "/v1/sync/push", token, push_body(k, replay, acked=5))
    assert [x["status"] for x in r.json()["results"]] == ["duplicate"] * 7
    assert r.json()["stored"] == 0
    assert event_count(server, k) == 5
    tickets = server_query(server.url, "SELECT count(*) AS n FROM tickets WHERE kiosk_id = ?",
                           (k,))
    assert tickets[0]["n"] == 5  # applied once each
    forged = dict(batch[0], payload={"ticket_id": "other", "label": "Z-999"})
    r = post(server, "/v1/sync/push", token, push_body(k, [forged], acked=5))
    assert r.json()["results"][0]["status"] == "conflict"
    stored = server_query(server.url, "SELECT payload FROM events WHERE event_id = ?",
                          (batch[0]["event_id"],))
    assert json.loads(stored[0]["payload"]) == batch[0]["payload"]  # not overwritten
    alarms = httpx.get(server.base + "/v1/admin/alarms",
                       headers={"Authorization": f"Bearer {server.admin}"}).json()["alarms"]
    assert [a["event_id"] for a in alarms if a["kiosk_id"] == k] == [batch[0]["event_id"]]
    status = httpx.get(server.base + "/v1/admin/status",
                       headers={"Authorization": f"Bearer {server.admin}"}).json()
    mine = next(s for s in status["kiosks"] if s["kiosk_id"] == k)
    assert mine["integrity_alarms"] == 1 and mine["events_received"] == 5


def test_rejected_event_does_not_block_the_rest(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    batch = [ev(1), ev(2, kind="no_such_kind"), ev(3, kind="booking_checked_in"), ev(4)]
    r = post(server, "/v1/sync/push", token, push_body(k, batch))
    assert r.json()["stored"] == 2
    results = {x["event_id"]: x for x in r.json()["results"]}
    assert set(results) == {batch[1]["event_id"], batch[2]["event_id"]}
    assert {x["status"] for x in results.values()} == {"rejected"}
    assert "unknown event kind" in results[batch[1]["event_id"]]["reason"]
    assert "booking_id" in results[batch[2]["event_id"]]["reason"]
    assert event_count(server, k) == 2


def test_server_that_lost_events_asks_for_them_again(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    r = post(server, "/v1/sync/push", token, push_body(k, [ev(1), ev(2)]))
    assert r.json()["acked_through"] == 2
    # A kiosk that believes 9 were acknowledged is told 2: it must re-send 3..9.
    r = post(server, "/v1/sync/push", token, push_body(k, [ev(10)], acked=9))
    assert r.json()["acked_through"] == 2
    r = post(server, "/v1/sync/push", token, push_body(k, [ev(3), ev(4)], acked=2))
    assert r.json()["acked_through"] == 4


def test_protocol_mismatch_is_a_clear_400(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    body = push_body(k, [ev(1)])
    body["protocol"] = PROTOCOL_VERSION + 1
    r = post(server, "/v1/sync/push", token, body)
    assert r.status_code == 400
    assert r.json()["error"] == "protocol_mismatch"
    assert f"speaks sync protocol {PROTOCOL_VERSION}" in r.json()["detail"]
    assert event_count(server, k) == 0


@pytest.mark.parametrize("content, fragment", [
    (b"{not json", "not valid JSON"),
    (b"[]", "body"),
    (b'{"protocol": 1, "kiosk_id": "x", "store_id": "s", "acked_through": 0,'
     b' "events": [{"event_id": "a", "seq": "one", "kind": "k", "payload": {},'
     b' "created_at": "t"}]}', "events.0.seq"),
    (b'{"protocol": "1"}', "kiosk_id"),
])
def test_malformed_bodies_get_422_and_change_nothing(server: Running, content: bytes,
                                                     fragment: str) -> None:
    k = kid()
    token = server.kiosk_token(k)
    r = post(server, "/v1/sync/push", token, content=content)
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_request"
    assert fragment in r.json()["detail"]
    assert event_count(server, k) == 0


def test_huge_body_is_refused_with_413(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    big = [ev(i, note="x" * 5000) for i in range(1, 1000)]
    r = post(server, "/v1/sync/push", token, push_body(k, big))
    assert r.status_code == 413
    assert "smaller batches" in r.json()["detail"]
    # streamed without Content-Length
    def chunks() -> Any:
        for _ in range(600):
            yield b" " * 10_000
    r = httpx.post(server.base + "/v1/sync/push", content=chunks(),
                   headers={"Authorization": f"Bearer {token}",
                            "Content-Type": "application/json"})
    assert r.status_code == 413
    assert event_count(server, k) == 0


def test_numbers_are_unique_under_concurrency_and_leases_do_not_overlap(
        server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    poli = f"P{uuid.uuid4().hex[:6]}"
    body = {"protocol": PROTOCOL_VERSION, "kiosk_id": k, "poli_code": poli, "day": "2026-11-21"}

    def number(_: int) -> int:
        r = post(server, "/v1/sync/number", token, body)
        assert r.status_code == 200, r.text
        return int(r.json()["number"])

    def lease(_: int) -> tuple[int, int]:
        r = post(server, "/v1/sync/lease", token, dict(body, size=7))
        assert r.status_code == 200, r.text
        return int(r.json()["first_number"]), int(r.json()["last_number"])

    with ThreadPoolExecutor(8) as pool:
        numbers = list(pool.map(number, range(60)))
        blocks = list(pool.map(lease, range(10)))
    taken = numbers + [n for a, b in blocks for n in range(a, b + 1)]
    assert sorted(taken) == list(range(1, 60 + 70 + 1))  # no gap, no duplicate
    # the leases reach this kiosk (and only it) through the pull feed
    r = post(server, "/v1/sync/pull", token, {"protocol": PROTOCOL_VERSION, "kiosk_id": k,
                                               "cursor": 0, "limit": 1000})
    leases = [c for c in r.json()["changes"] if c["entity"] == "lease"
              and c["data"]["poli_code"] == poli]
    assert len(leases) == 10
    other = server.kiosk_token(k + "x")
    r = post(server, "/v1/sync/pull", other, {"protocol": PROTOCOL_VERSION, "kiosk_id": k + "x",
                                               "cursor": 0, "limit": 1000})
    assert not [c for c in r.json()["changes"] if c["entity"] == "lease"
                and c["data"]["poli_code"] == poli]


def test_import_demo_facility_then_pull_pages(server: Running, tmp_path: Path) -> None:
    code, out = run_cli(server.url, "import", str(DEMO))
    assert code == 0, out
    assert out["imported"]["polis"] == 4
    code, again = run_cli(server.url, "import", str(DEMO))
    assert again["imported"].get("polis", 0) == 0  # unchanged records make no new change
    k = kid()
    token = server.kiosk_token(k)
    seen: dict[tuple[str, str], Any] = {}
    cursor, cid = 0, None
    while True:
        r = post(server, "/v1/sync/pull", token, {"protocol": PROTOCOL_VERSION, "kiosk_id": k,
                                                   "cursor": cursor, "cursor_change_id": cid,
                                                   "limit": 3})
        page = r.json()
        assert len(page["changes"]) <= 3
        for c in page["changes"]:
            assert c["seq"] > cursor
            seen[(c["entity"], c["key"])] = c["data"]
        cursor, cid = page["cursor"], page["cursor_change_id"]
        if not page["more"]:
            break
    assert seen[("poli", "001")]["letter"] == "A"
    assert len([k for k in seen if k[0] == "participant"]) == 10
    assert seen[("schedule", "D001")]["sessions"][0]["start_time"] == "08:00"
    # a cursor this server never issued means "start again"
    r = post(server, "/v1/sync/pull", token, {"protocol": PROTOCOL_VERSION, "kiosk_id": k,
                                               "cursor": cursor, "cursor_change_id": "bogus"})
    assert r.json()["reset"] is True
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"polis": [{"code": "X", "name": "no letter"}]}))
    code, out = run_cli(server.url, "import", str(bad))
    assert code == 2 and "polis[0].letter: required" in out["error"]
    r = post(server, "/v1/admin/import", server.admin, {"doctors": [
        {"code": "D9", "name": "dr. X", "poli": "nope"}]})
    assert r.status_code == 422 and "doctors[0].poli" in r.json()["detail"]


def test_heartbeat_records_drift_and_status_shows_it(server: Running) -> None:
    k = kid()
    token = server.kiosk_token(k)
    body = {"protocol": PROTOCOL_VERSION, "kiosk_id": k, "kiosk_time": "2001-01-01T00:00:00",
            "app_version": "0.1.0", "outbox_depth": 3, "quarantined": 1}
    r = post(server, "/v1/sync/heartbeat", token, body)
    assert r.status_code == 400 and "offset" in r.json()["detail"]
    body["kiosk_time"] = "2001-01-01T00:00:00+00:00"
    r = post(server, "/v1/sync/heartbeat", token, body)
    assert r.status_code == 200 and r.json()["clock_drift_s"] < -700_000_000
    _, out = run_cli(server.url, "status")
    mine = next(s for s in out["kiosks"] if s["kiosk_id"] == k)
    assert mine["outbox_depth"] == 3 and mine["quarantined"] == 1
    assert mine["clock_drift_s"] < -700_000_000


def test_openapi_document_lists_the_endpoints(server: Running) -> None:
    doc = httpx.get(server.base + "/openapi.json").json()
    assert {"/health", "/v1/sync/push", "/v1/sync/pull", "/v1/admin/status"} <= set(doc["paths"])
