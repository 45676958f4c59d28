"""IKD token resolution and participant lookup on a real server process.

The default server (NoVerifier, no PCare) runs on both database engines; a second server is
configured through the environment with a fake verifier service and the fake BPJS (PCare), both
real processes on 127.0.0.1.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from identity_support import (
    ANSWERS,
    BUDI,
    GOOD_TOKEN,
    NEW_NIK,
    NEW_NOKA,
    NEW_PARTICIPANT,
    VERIFIER_SECRET,
    FakeBpjs,
    FakeVerifier,
    ServerProc,
    demo_document,
    free_port,
    import_document,
    server_env,
)
from server_harness import Running, db_url, make_token, server_query

from kiosk.errors import ConfigError
from kiosk.server.auth import Role
from kiosk.server.bpjs.config import Secret
from kiosk.server.identity import HttpVerifier, load_identity_settings
from kiosk.sync.identity_wire import TokenStatus

RESOLVE = "/v1/identity/resolve"
LOOKUP = "/v1/participants/lookup"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def kiosk_token(server: Running) -> str:
    import_document(server.base, server.admin, demo_document([NEW_PARTICIPANT]))
    return server.kiosk_token("kiosk-ident")


# -- resolve on the default server: NoVerifier -------------------------------------------------


def test_without_a_verifier_every_token_is_unverifiable(server: Running, kiosk_token: str):
    r = httpx.post(server.base + RESOLVE, json={"token": GOOD_TOKEN}, headers=bearer(kiosk_token))
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "unverifiable" and body["nik"] is None
    assert "no IKD verifier is configured" in body["reason"]


def test_resolve_needs_a_kiosk_token(server: Running, kiosk_token: str):
    r = httpx.post(server.base + RESOLVE, json={"token": GOOD_TOKEN})
    assert r.status_code == 401 and "Authorization" in r.json()["detail"]
    r = httpx.post(server.base + RESOLVE, json={"token": GOOD_TOKEN}, headers=bearer("nope"))
    assert r.status_code == 401 and "unknown token" in r.json()["detail"]
    r = httpx.post(server.base + RESOLVE, json={"token": GOOD_TOKEN}, headers=bearer(server.admin))
    assert r.status_code == 403 and "kiosk token" in r.json()["detail"]


@pytest.mark.parametrize(("body", "status", "needle"), [
    ({}, 422, "body.token: Field required"),
    ({"token": ""}, 422, "at least 1 character"),
    ({"token": "x" * 5000}, 422, "at most 4096 characters"),
    ({"token": "abc\x00def"}, 422, "control characters"),
    ({"token": 12345}, 422, "body.token"),
    ({"token": GOOD_TOKEN, "nik": NEW_NIK}, 422, "body.nik: Extra inputs are not permitted"),
    ({"token": GOOD_TOKEN, "protocol": 99}, 400, "protocol 1"),
])
def test_bad_resolve_requests_get_a_clear_4xx(server: Running, kiosk_token: str,
                                              body: dict[str, Any], status: int, needle: str):
    r = httpx.post(server.base + RESOLVE, json=body, headers=bearer(kiosk_token))
    assert r.status_code == status, r.text
    assert needle in r.json()["detail"]


def test_resolve_body_that_is_not_json_or_huge(server: Running, kiosk_token: str):
    r = httpx.post(server.base + RESOLVE, content=b"token=abc", headers={
        **bearer(kiosk_token), "Content-Type": "application/json"})
    assert r.status_code == 422 and "not valid JSON" in r.json()["detail"]
    huge = json.dumps({"token": "A" * (5 * 1024 * 1024)})
    r = httpx.post(server.base + RESOLVE, content=huge, headers={
        **bearer(kiosk_token), "Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 413 and "request body over" in r.json()["detail"]


# -- lookup on the default server (PCare not configured) ---------------------------------------


def test_lookup_by_nik_gives_the_record_family_and_cached_status(server: Running,
                                                                 kiosk_token: str):
    r = httpx.get(server.base + LOOKUP, params={"nik": BUDI[0]}, headers=bearer(kiosk_token))
    assert r.status_code == 200, r.text
    body = r.json()
    p = body["participant"]
    assert p["entity"] == "participant" and p["key"] == BUDI[1]
    assert p["data"]["nik"] == BUDI[0] and p["data"]["name"] == "Budi Santoso"
    # the same record, seq and change id as the pull feed holds
    (row,) = server_query(server.url, "SELECT seq, change_id, data FROM records WHERE"
                                      " entity = 'participant' AND key = ?", (BUDI[1],))
    assert (p["seq"], p["change_id"], p["data"]) == (row["seq"], row["change_id"],
                                                     json.loads(row["data"]))
    kk = p["data"]["kk_number"]
    family = {f["key"]: f["data"] for f in body["family"]}
    assert set(family) == {"0009990000022", "0009990000033"}
    assert all(d["kk_number"] == kk for d in family.values())
    assert body["source"] == "roster" and body["bpjs_error"] == "PCare is not configured on" \
        " this server"
    assert body["status_fetched_at"] == p["data"]["status_fetched_at"] is not None


def test_lookup_by_noka(server: Running, kiosk_token: str):
    r = httpx.get(server.base + LOOKUP, params={"noka": NEW_NOKA}, headers=bearer(kiosk_token))
    assert r.status_code == 200
    assert r.json()["participant"]["data"]["nik"] == NEW_NIK and r.json()["family"] == []


def test_unknown_participant_is_404_with_a_clear_message(server: Running, kiosk_token: str):
    r = httpx.get(server.base + LOOKUP, params={"nik": "3171011111110009"},
                  headers=bearer(kiosk_token))
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"
    assert r.json()["detail"].startswith("no participant with this NIK in the facility roster")
    r = httpx.get(server.base + LOOKUP, params={"noka": "0009999999999"},
                  headers=bearer(kiosk_token))
    assert r.status_code == 404 and "card number" in r.json()["detail"]


@pytest.mark.parametrize(("params", "needle"), [
    ({}, "give exactly one of ?nik= or ?noka="),
    ({"nik": BUDI[0], "noka": BUDI[1]}, "give exactly one of"),
    ({"nik": "317101140385000"}, "nik: a NIK has 16 digits, got 15 characters"),
    ({"nik": "31710114038500O1"}, "(not all digits)"),
    ({"nik": "٣١٧١٠١١٤٠٣٨٥٠٠٠١"}, "(not all digits)"),
    ({"nik": "%" * 16}, "(not all digits)"),
    ({"noka": "12345"}, "noka: a JKN card number has 13 digits, got 5 characters"),
    ({"noka": "0" * 5000}, "got 5000 characters"),
])
def test_bad_lookups_get_a_clear_400(server: Running, kiosk_token: str,
                                     params: dict[str, str], needle: str):
    r = httpx.get(server.base + LOOKUP, params=params, headers=bearer(kiosk_token))
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "invalid_request" and needle in r.json()["detail"]


def test_lookup_needs_a_kiosk_token(server: Running, kiosk_token: str):
    assert httpx.get(server.base + LOOKUP, params={"nik": BUDI[0]}).status_code == 401
    r = httpx.get(server.base + LOOKUP, params={"nik": BUDI[0]}, headers=bearer(server.admin))
    assert r.status_code == 403


# -- the HTTP verifier adapter against a real verifier process ---------------------------------


@pytest.fixture(scope="module")
def verifier() -> Iterator[FakeVerifier]:
    v = FakeVerifier()
    yield v
    v.stop()


def adapter(verifier: FakeVerifier, secret: str = VERIFIER_SECRET) -> HttpVerifier:
    return HttpVerifier(verifier.url, Secret(secret), timeout_s=1.0)


@pytest.mark.parametrize(("token", "status", "nik", "reason"), [
    (GOOD_TOKEN, TokenStatus.RESOLVED, NEW_NIK, ""),
    ("ikd:never-issued-0123456789abcdef", TokenStatus.REJECTED, None, "kode IKD kedaluwarsa"),
    ("ikd:garbage-token-0123456789abcdef", TokenStatus.UNVERIFIABLE, None, "not usable"),
    ("ikd:http500-token-0123456789abcdef", TokenStatus.UNVERIFIABLE, None, "HTTP 500"),
    ("ikd:badnik-token-0123456789abcdefg", TokenStatus.UNVERIFIABLE, None, "no valid NIK"),
    ("ikd:nonik-token-0123456789abcdefgh", TokenStatus.UNVERIFIABLE, None, "no valid NIK"),
])
def test_http_verifier_maps_every_answer(verifier: FakeVerifier, token: str,
                                         status: TokenStatus, nik: str | None, reason: str):
    v = adapter(verifier)
    try:
        verdict = v.verify(token)
    finally:
        v.close()
    assert (verdict.status, verdict.nik) == (status, nik)
    assert reason in verdict.reason


def test_http_verifier_timeout_wrong_credential_and_nobody_listening(verifier: FakeVerifier):
    v = adapter(verifier)
    t0 = time.monotonic()
    verdict = v.verify("ikd:slow-token-0123456789abcdefghij")
    assert time.monotonic() - t0 < 3
    assert verdict.status is TokenStatus.UNVERIFIABLE and "within 1 s" in verdict.reason
    v.close()
    v = adapter(verifier, secret="wrong")
    verdict = v.verify(GOOD_TOKEN)
    assert verdict.status is TokenStatus.UNVERIFIABLE and "credential" in verdict.reason
    v.close()
    v = HttpVerifier(f"http://127.0.0.1:{free_port()}/verify", Secret("x"), 1.0)
    verdict = v.verify(GOOD_TOKEN)
    assert verdict.status is TokenStatus.UNVERIFIABLE and "unreachable" in verdict.reason
    v.close()


def test_identity_settings_from_file_and_environment(tmp_path: Path):
    cfg = tmp_path / "server.toml"
    cfg.write_text('[bpjs]\ntimeout_s = 5\n[identity]\nverifier_url = "https://ikd.klinik.lan/v"'
                   '\nverifier_token = "from-file"\nverifier_timeout_s = 2\n')
    s = load_identity_settings(cfg, {"ANJUNGAN_IDENTITY_VERIFIER_TOKEN": "from-env"})
    assert s.verifier_url == "https://ikd.klinik.lan/v" and s.verifier_timeout_s == 2.0
    assert s.verifier_token.value == "from-env"
    assert "from-env" not in repr(s) and "from-env" not in str(s.verifier_token)
    assert load_identity_settings(None, {}).verifier_url == ""
    for env, key in [({"ANJUNGAN_IDENTITY_VERIFIER_URL": "http://ikd.example/v"}, "verifier_url"),
                     ({"ANJUNGAN_IDENTITY_VERIFIER_TIMEOUT_S": "soon"}, "verifier_timeout_s"),
                     ({"ANJUNGAN_IDENTITY_PCARE_BUDGET_S": "99"}, "pcare_budget_s")]:
        with pytest.raises(ConfigError) as err:
            load_identity_settings(None, env)
        assert err.value.key == f"identity.{key}"
    cfg.write_text("[identity]\nverifier = 1\n")
    with pytest.raises(ConfigError) as err:
        load_identity_settings(cfg, {})
    assert err.value.key == "identity.verifier" and "unknown key" in err.value.detail


# -- a configured server: fake verifier + fake PCare --------------------------------------------

PESERTA_NEW = {  # PCare's view of the participant added on the server: inactive since today
    "noKartu": NEW_NOKA, "nama": "RINA WULANDARI", "noKTP": NEW_NIK, "aktif": False,
    "ketAktif": "NON AKTIF KARENA PREMI", "tunggakan": 350000,
    "kdProviderPst": {"kdProvider": "DEMO0001", "nmProvider": "KLINIK PRATAMA DEMO"},
    "jnsPeserta": {"kode": "14", "nama": "PBPU"}, "jnsKelas": {"kode": "3", "nama": "III"},
}
PESERTA_OUTSIDER = {  # known to BPJS, not (yet) on the facility roster
    "noKartu": "0001112223334", "nama": "ANDI WIJAYA", "noKTP": "3171012306870004",
    "aktif": True, "ketAktif": "AKTIF", "tunggakan": 0, "tglLahir": "23-06-1987",
    "sex": "L", "kdProviderPst": {"kdProvider": "DEMO0001"}, "jnsPeserta": {"nama": "PPU"},
}


@dataclass
class Configured:
    proc: ServerProc
    url: str
    admin: str
    kiosk: str
    bpjs: FakeBpjs
    log: Path

    @property
    def base(self) -> str:
        return self.proc.base


@pytest.fixture(scope="module")
def configured(verifier: FakeVerifier, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[Configured]:
    tmp = tmp_path_factory.mktemp("identity-configured")
    bpjs = FakeBpjs(free_port())
    bpjs.start()
    url = db_url("sqlite", tmp)
    admin = make_token(url, "admin-ident", Role.ADMIN)
    kiosk = make_token(url, "kiosk-configured")
    proc = ServerProc(url, server_env(verifier, bpjs), tmp / "server.log")
    proc.start()
    try:
        import_document(proc.base, admin, demo_document([NEW_PARTICIPANT]))
        yield Configured(proc, url, admin, kiosk, bpjs, tmp / "server.log")
    finally:
        proc.stop()
        bpjs.stop()


def test_configured_server_resolves_through_the_verifier(configured: Configured):
    for token, answer in ANSWERS.items():
        t0 = time.monotonic()
        r = httpx.post(configured.base + RESOLVE, json={"token": token},
                       headers=bearer(configured.kiosk), timeout=10)
        assert r.status_code == 200 and time.monotonic() - t0 < 4
        body = r.json()
        if isinstance(answer, dict) and answer.get("nik") in (NEW_NIK, BUDI[0]):
            assert body == {"protocol": 1, "status": "resolved", "nik": answer["nik"],
                            "reason": ""}
        else:
            assert body["status"] == "unverifiable" and body["nik"] is None, (token, body)
    r = httpx.post(configured.base + RESOLVE, json={"token": "ikd:unknown-0123456789abcdefgh"},
                   headers=bearer(configured.kiosk))
    assert r.json()["status"] == "rejected" and r.json()["reason"] == "kode IKD kedaluwarsa"
    log = configured.log.read_text()
    assert VERIFIER_SECRET not in log and GOOD_TOKEN not in log and NEW_NIK not in log


def test_lookup_refreshes_the_status_from_pcare(configured: Configured):
    configured.bpjs.reset()
    configured.bpjs.control(peserta={NEW_NOKA: PESERTA_NEW})
    before = time.time()
    r = httpx.get(configured.base + LOOKUP, params={"nik": NEW_NIK},
                  headers=bearer(configured.kiosk), timeout=10)
    assert r.status_code == 200, r.text
    body = r.json()
    data = body["participant"]["data"]
    assert body["source"] == "bpjs" and body["bpjs_error"] is None
    assert data["pst_aktif"] == 0 and data["pst_tunggakan"] == 350000
    assert data["name"] == "Rina Wulandari"  # the roster's identity fields win
    from datetime import datetime

    fetched = datetime.fromisoformat(body["status_fetched_at"]).timestamp()
    assert fetched >= before - 1 and data["status_fetched_at"] == body["status_fetched_at"]
    # the refreshed record is the feed's latest: every kiosk gets it by pull too
    (row,) = server_query(configured.url, "SELECT seq, data FROM records WHERE"
                                          " entity = 'participant' AND key = ?", (NEW_NOKA,))
    assert row["seq"] == body["participant"]["seq"] and json.loads(row["data"]) == data


def test_lookup_finds_a_participant_only_pcare_knows(configured: Configured):
    configured.bpjs.reset()
    configured.bpjs.control(peserta={PESERTA_OUTSIDER["noKartu"]: PESERTA_OUTSIDER})
    r = httpx.get(configured.base + LOOKUP, params={"nik": PESERTA_OUTSIDER["noKTP"]},
                  headers=bearer(configured.kiosk), timeout=10)
    assert r.status_code == 200, r.text
    data = r.json()["participant"]["data"]
    assert r.json()["participant"]["key"] == "0001112223334" and data["birth_date"] == "1987-06-23"
    r = httpx.get(configured.base + LOOKUP, params={"nik": "3171010101010001"},
                  headers=bearer(configured.kiosk), timeout=10)
    assert r.status_code == 404
    assert "BPJS has no participant with this number" in r.json()["detail"]


def test_pcare_down_or_slow_still_answers_from_the_roster(configured: Configured):
    configured.bpjs.reset()
    configured.bpjs.control(mode="down")
    r = httpx.get(configured.base + LOOKUP, params={"noka": BUDI[1]},
                  headers=bearer(configured.kiosk), timeout=10)
    assert r.status_code == 200
    body = r.json()
    assert body["source"] == "roster" and "PCare unavailable" in body["bpjs_error"]
    assert body["status_fetched_at"] == body["participant"]["data"]["status_fetched_at"]
    # an unknown number with PCare down: 404, saying why BPJS could not be asked
    r = httpx.get(configured.base + LOOKUP, params={"noka": "0009999999999"},
                  headers=bearer(configured.kiosk), timeout=10)
    assert r.status_code == 404 and "PCare unavailable" in r.json()["detail"]

    configured.bpjs.reset()
    slow = dict(PESERTA_NEW, noKartu=BUDI[1], noKTP=BUDI[0], ketAktif="NON AKTIF", nama="BUDI")
    configured.bpjs.control(mode="slow", slow_s=3.0, peserta={BUDI[1]: slow})
    t0 = time.monotonic()
    r = httpx.get(configured.base + LOOKUP, params={"noka": BUDI[1]},
                  headers=bearer(configured.kiosk), timeout=10)
    assert time.monotonic() - t0 < 2.5  # the budget (1 s), not PCare's 3 s
    body = r.json()
    assert body["source"] == "roster" and "did not answer within 1 s" in body["bpjs_error"]
    assert body["participant"]["data"]["pst_aktif"] == 1
    # PCare's late answer is still stored, for every kiosk's next pull
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        (row,) = server_query(configured.url, "SELECT data FROM records WHERE"
                                              " entity = 'participant' AND key = ?", (BUDI[1],))
        if json.loads(row["data"])["pst_aktif"] == 0:
            break
        time.sleep(0.1)
    assert json.loads(row["data"])["pst_aktif"] == 0
