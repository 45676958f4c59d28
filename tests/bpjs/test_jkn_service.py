"""The Mobile JKN web service as Mobile JKN calls it: a real ``kiosk-server`` process on
127.0.0.1, configured like a facility would (a TOML file plus environment variables), reached
with httpx; its BPJS side talks to the fake BPJS process."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from bpjs_support import CREDS, FakeBpjs, ServerProc, db_url

from kiosk.server import importer
from kiosk.server.auth import Role, create_token
from kiosk.server.db import Database
from kiosk.server.jkn.token import TokenSigner
from kiosk.server.schema import migrate

BASE = "/ws/jkn"
USER, PASSWORD = "mobilejkn-klinik", "Pa55-w0rd!x"
TODAY = datetime.now(ZoneInfo("Asia/Jakarta")).date()
TOMORROW = TODAY + timedelta(days=1)
HOLIDAY = TODAY + timedelta(days=20)
ALL_WEEK = [0, 1, 2, 3, 4, 5, 6]
FACILITY_PROVIDER = "0114U163"


def noka(i: int) -> str:
    return f"0009{i:09d}"


def nik(i: int) -> str:
    return f"3171014508{i:06d}"


REFERENCE = {
    "facility": {"code": FACILITY_PROVIDER, "name": "Klinik Pratama Demo"},
    "polis": [{"code": "001", "name": "POLI UMUM", "letter": "A"},
              {"code": "002", "name": "POLI GIGI", "letter": "B"},
              {"code": "003", "name": "POLI KIA", "letter": "C"}],
    "doctors": [
        {"code": "123", "name": "dr. Sari", "poli": "001", "sessions": [
            {"days": ALL_WEEK, "start": "00:00", "end": "23:59", "capacity": 30}]},
        {"code": "456", "name": "dr. Budi", "poli": "001", "sessions": [
            {"days": ALL_WEEK, "start": "13:00", "end": "16:00", "capacity": 30}]},
        {"code": "789", "name": "drg. Rina", "poli": "002", "sessions": [
            {"days": ALL_WEEK, "start": "08:00", "end": "12:00", "capacity": 2}]},
    ],
    "holidays": [{"day": HOLIDAY.isoformat(), "name": "Libur Uji"}],
    "participants": [{"noka": noka(i), "nik": nik(i), "name": f"PESERTA {i}",
                      "birth_date": "1988-01-02", "sex": "L"} for i in range(1, 40)],
}


@dataclass
class Env:
    server: ServerProc
    admin: str
    kiosk: str
    log_path: Path

    def url(self, path: str) -> str:
        return self.server.base + BASE + path

    def token(self) -> str:
        r = httpx.get(self.url("/auth"), headers={"x-username": USER, "x-password": PASSWORD})
        token: str = r.json()["response"]["token"]
        return token

    def jkn(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        h = headers if headers is not None else {"x-token": self.token(), "x-username": USER}
        content = raw if raw is not None else (None if body is None else json.dumps(body))
        r = httpx.request(method, self.url(path), headers=h, content=content, timeout=10)
        return r.status_code, r.json()

    def book(self, i: int, poli: str = "001", day: date = TOMORROW, **extra: Any
             ) -> dict[str, Any]:
        body = {"nomorkartu": noka(i), "nik": nik(i), "kodepoli": poli,
                "tanggalperiksa": day.isoformat(), "keluhan": "demam", "nohp": "0812345678",
                **extra}
        status, doc = self.jkn("POST", "/antrean", body)
        assert status == 200
        return doc

    def pull(self) -> list[dict[str, Any]]:
        r = httpx.post(self.server.base + "/v1/sync/pull",
                       headers={"Authorization": f"Bearer {self.kiosk}"},
                       json={"protocol": 1, "kiosk_id": "kiosk-1", "cursor": 0, "limit": 1000})
        r.raise_for_status()
        changes: list[dict[str, Any]] = r.json()["changes"]
        return changes

    def push(self, events: list[dict[str, Any]], store_id: str, first_seq: int) -> None:
        wire = [{"event_id": f"{store_id}-{n}", "seq": first_seq + n, "kind": e["kind"],
                 "payload": e["payload"], "created_at": datetime.now().astimezone().isoformat()}
                for n, e in enumerate(events)]
        r = httpx.post(self.server.base + "/v1/sync/push",
                       headers={"Authorization": f"Bearer {self.kiosk}"},
                       json={"protocol": 1, "kiosk_id": "kiosk-1", "store_id": store_id,
                             "acked_through": first_seq - 1, "events": wire})
        r.raise_for_status()
        assert all(x["status"] == "stored" for x in r.json()["results"]), r.text


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
        _fake_process: FakeBpjs) -> Iterator[Env]:
    tmp = tmp_path_factory.mktemp(f"jkn-{request.param}")
    url = db_url(request.param, tmp)
    db = Database.open(url)
    migrate(db)
    importer.import_document(db, REFERENCE)
    with db.transaction() as tx:
        admin = create_token(tx, Role.ADMIN, "staff")
        kiosk = create_token(tx, Role.KIOSK, "kiosk-1")
    db.close()
    config = tmp / "bpjs.toml"
    config.write_text(f'[jkn]\nbase_path = "{BASE}"\nmax_days_ahead = 30\n\n'
                      '[bpjs]\npoll_s = 0.2\npeserta_cache_h = 0\ntimeout_s = 2\n')
    config.chmod(0o600)
    fake = _fake_process
    environ = {
        "ANJUNGAN_BPJS_CONFIG": str(config),
        "ANJUNGAN_JKN_USERNAME": USER, "ANJUNGAN_JKN_PASSWORD": PASSWORD,
        "ANJUNGAN_BPJS_ANTREAN_URL": fake.base + "/antreanfktp/",
        "ANJUNGAN_BPJS_PCARE_URL": fake.base + "/pcare/",
        "ANJUNGAN_BPJS_CONS_ID": CREDS["FAKE_BPJS_CONS_ID"],
        "ANJUNGAN_BPJS_SECRET": CREDS["FAKE_BPJS_SECRET"],
        "ANJUNGAN_BPJS_USER_KEY": CREDS["FAKE_BPJS_USER_KEY"],
        "ANJUNGAN_BPJS_PCARE_USER_KEY": CREDS["FAKE_BPJS_PCARE_USER_KEY"],
        "ANJUNGAN_BPJS_PCARE_USER": CREDS["FAKE_BPJS_PCARE_USER"],
        "ANJUNGAN_BPJS_PCARE_PASSWORD": CREDS["FAKE_BPJS_PCARE_PASSWORD"],
    }
    server = ServerProc(url, environ, tmp / "server.log")
    server.start()
    yield Env(server, admin, kiosk, tmp / "server.log")
    server.stop()


def meta(doc: dict[str, Any]) -> tuple[int, str]:
    return doc["metadata"]["code"], doc["metadata"]["message"]


# -- /auth and tokens ----------------------------------------------------------------------
def test_auth_gives_a_token_with_an_expiry(env: Env) -> None:
    r = httpx.get(env.url("/auth"), headers={"x-username": USER, "x-password": PASSWORD})
    doc = r.json()
    assert r.status_code == 200 and meta(doc) == (200, "Ok")
    assert doc["response"]["token"] and doc["response"]["expired"] > time.time()
    for headers in ({"x-username": USER, "x-password": "wrong"},
                    {"x-username": "someone", "x-password": PASSWORD}, {}):
        doc = httpx.get(env.url("/auth"), headers=headers).json()
        assert meta(doc) == (201, "Username atau password tidak sesuai")
        assert "response" not in doc


def test_the_service_lives_under_the_configured_base_path(env: Env) -> None:
    assert httpx.get(env.server.base + "/jkn/auth").status_code == 404


@pytest.mark.parametrize("case", ["none", "garbage", "tampered", "other_user", "expired",
                                  "wrong_password"])
def test_bad_tokens_are_refused(env: Env, case: str) -> None:
    good = env.token()
    signer = TokenSigner(USER, PASSWORD, 3600)
    headers = {
        "none": {"x-username": USER},
        "garbage": {"x-token": "abc", "x-username": USER},
        "tampered": {"x-token": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
                     "x-username": USER},
        "other_user": {"x-token": good, "x-username": "other"},
        "expired": {"x-token": signer.issue(time.time() - 7200)[0], "x-username": USER},
        "wrong_password": {"x-token": TokenSigner(USER, "old-pass", 3600).issue(time.time())[0],
                           "x-username": USER},
    }[case]
    status, doc = env.jkn("GET", f"/antrean/status/001/{TOMORROW}", headers=headers)
    code, message = meta(doc)
    assert (status, code) == (200, 201)
    expected = {"none": "wajib diisi", "garbage": "tidak valid", "tampered": "tidak valid",
                "other_user": "Username tidak sesuai", "expired": "kedaluwarsa",
                "wrong_password": "tidak valid"}[case]
    assert expected in message


# -- POST /antrean -----------------------------------------------------------------------------
def test_booking_a_known_patient_gives_a_number_kiosks_receive(env: Env) -> None:
    doc = env.book(1)
    assert meta(doc) == (200, "Ok")
    res = doc["response"]
    letter, digits = res["nomorantrean"].split("-")
    assert letter == "A" and int(digits) == res["angkaantrean"]
    assert res["namapoli"] == "POLI UMUM" and isinstance(res["sisaantrean"], int)
    bookings = [c["data"] for c in env.pull() if c["entity"] == "booking"
                and c["data"] and c["data"]["noka"] == noka(1)]
    assert len(bookings) == 1
    b = bookings[0]
    assert (b["source"], b["poli_code"], b["day"], b["number"]) == (
        "jkn", "001", TOMORROW.isoformat(), res["angkaantrean"])
    assert b["label"] == f"A-{res['angkaantrean']:03d}" and b["jam_praktek"] == "00:00-23:59"
    assert "keluhan" not in b and "demam" not in json.dumps(b)  # health data stays here


def test_one_booking_per_participant_per_poli_per_date(env: Env) -> None:
    first = env.book(2)
    assert meta(first)[0] == 200
    code, message = meta(env.book(2))
    assert code == 201 and "1 kali" in message and first["response"]["nomorantrean"] in message
    assert meta(env.book(2, poli="002"))[0] == 200
    assert meta(env.book(2, day=TOMORROW + timedelta(days=1)))[0] == 200


def test_new_patient_gets_202_then_registers(env: Env) -> None:
    stranger = 900
    doc = env.book(stranger)
    code, _ = meta(doc)
    assert code == 202 and doc["response"]["nomorantrean"].startswith("A-")
    body = {"nomorkartu": noka(stranger), "nik": nik(stranger), "nomorkk": "3171010101010001",
            "nama": "PASIEN BARU", "jeniskelamin": "P", "tanggallahir": "1995-04-03",
            "nohp": "081200000000", "alamat": "Jl. Mawar 1", "kodeprop": "31", "namaprop": "DKI",
            "kodedati2": "3171", "namadati2": "Jakarta Selatan", "kodekec": "317101",
            "namakec": "Tebet", "kodekel": "3171011001", "namakel": "Tebet Barat",
            "rw": "01", "rt": "02"}
    bad = [({"jeniskelamin": "X"}, "L atau P"), ({"tanggallahir": "2999-01-01"}, "masa depan"),
           ({"tanggallahir": "03-04-1995"}, "yyyy-mm-dd"), ({"nomorkk": "12"}, "nomor KK"),
           ({"nama": ""}, "Nama belum diisi"), ({"nik": "123"}, "16 digit")]
    for change, fragment in bad:
        _, doc = env.jkn("POST", "/peserta", {**body, **change})
        assert meta(doc)[0] == 201 and fragment in meta(doc)[1], (change, doc)
    _, doc = env.jkn("POST", "/peserta", body)
    assert meta(doc) == (200, "Harap datang ke admisi untuk melengkapi data rekam medis")
    people = [c["data"] for c in env.pull() if c["entity"] == "participant"
              and c["data"] and c["data"]["noka"] == noka(stranger)]
    assert people and people[0]["name"] == "PASIEN BARU" and people[0]["sex"] == "P"
    assert "alamat" not in people[0]  # the address stays with admission staff
    assert meta(env.book(stranger, poli="002"))[0] == 200  # known now


BAD_BOOKINGS = [
    ({"nomorkartu": "000123456789"}, "13 digit"),
    ({"nomorkartu": "00012345678AB"}, "13 digit"),
    ({"nomorkartu": None}, "Nomor kartu belum diisi"),
    ({"nik": "317101450800001"}, "16 digit"),
    ({"nik": "31710145080000011"}, "16 digit"),
    ({"tanggalperiksa": TOMORROW.strftime("%Y/%m/%d")}, "yyyy-mm-dd"),
    ({"tanggalperiksa": TOMORROW.strftime("%d-%m-%Y")}, "yyyy-mm-dd"),
    ({"tanggalperiksa": f"{TODAY.year + 1}-02-30"}, "tidak valid"),
    ({"tanggalperiksa": (TODAY - timedelta(days=1)).isoformat()}, "tidak berlaku mundur"),
    ({"tanggalperiksa": (TODAY + timedelta(days=31)).isoformat()}, "paling lambat 30 hari"),
    ({"kodepoli": "999"}, "Poli 999 tidak ditemukan"),
    ({"kodepoli": ""}, "Kode poli belum diisi"),
    ({"kodepoli": "../x"}, "Format kode poli"),
    ({"jampraktek": "8-12"}, "HH:MM-HH:MM"),
    ({"kodedokter": 999}, "Tidak ada jadwal dokter"),
    ({"kodepoli": "003"}, "Tidak ada jadwal dokter"),
    ({"tanggalperiksa": HOLIDAY.isoformat()}, "hari libur"),
]


@pytest.mark.parametrize(("change", "fragment"), BAD_BOOKINGS)
def test_bad_booking_requests_get_201_and_a_reason(env: Env, change: dict[str, Any],
                                                   fragment: str) -> None:
    body = {"nomorkartu": noka(3), "nik": nik(3), "kodepoli": "001",
            "tanggalperiksa": TOMORROW.isoformat(), **change}
    status, doc = env.jkn("POST", "/antrean", body)
    code, message = meta(doc)
    assert (status, code) == (200, 201) and fragment in message, doc
    assert "response" not in doc


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"", b'"text"', b"\xff\xfe"])
def test_malformed_bodies_get_201(env: Env, raw: bytes) -> None:
    for method, path in (("POST", "/antrean"), ("PUT", "/antrean/batal"), ("POST", "/peserta")):
        status, doc = env.jkn(method, path, raw=raw)
        assert (status, meta(doc)[0]) == (200, 201), (path, doc)
        assert "Format request" in meta(doc)[1] or "belum diisi" in meta(doc)[1]


def test_quota_comes_from_the_schedule(env: Env) -> None:
    day = TOMORROW + timedelta(days=2)
    assert meta(env.book(10, poli="002", day=day))[0] == 200
    assert meta(env.book(11, poli="002", day=day))[0] == 200
    code, message = meta(env.book(12, poli="002", day=day))
    assert code == 201 and "Kuota" in message


def test_choosing_a_doctor_and_session(env: Env) -> None:
    doc = env.book(13, kodedokter=456, jampraktek="13:00-16:00")
    assert meta(doc)[0] == 200
    bookings = [c["data"] for c in env.pull() if c["entity"] == "booking"
                and c["data"] and c["data"]["noka"] == noka(13)]
    assert bookings[0]["doctor_code"] == "456" and bookings[0]["jam_praktek"] == "13:00-16:00"
    code, message = meta(env.book(14, kodedokter=456, jampraktek="08:00-12:00"))
    assert code == 201 and "Tidak ada jadwal dokter" in message


# -- status, sisapeserta ---------------------------------------------------------------------
def test_status_and_remaining(env: Env) -> None:
    day = TOMORROW + timedelta(days=3)
    first = env.book(15, day=day)["response"]
    second = env.book(16, day=day)["response"]
    _, doc = env.jkn("GET", f"/antrean/status/001/{day}")
    assert meta(doc) == (200, "Ok")
    by_doctor = {r["kodedokter"]: r for r in doc["response"]}
    assert set(by_doctor) == {123, 456}
    sari = by_doctor[123]
    assert (sari["totalantrean"], sari["sisaantrean"], sari["antreanpanggil"]) == (2, 2, "-")
    assert sari["namadokter"] == "dr. Sari" and sari["jampraktek"] == "00:00-23:59"
    assert by_doctor[456]["totalantrean"] == 0
    _, doc = env.jkn("GET", f"/antrean/sisapeserta/{noka(16)}/001/{day}")
    assert meta(doc) == (200, "Ok")
    assert doc["response"]["nomorantrean"] == second["nomorantrean"]
    assert doc["response"]["sisaantrean"] == 1
    _, doc = env.jkn("GET", f"/antrean/sisapeserta/{noka(15)}/001/{day}")
    assert doc["response"]["nomorantrean"] == first["nomorantrean"]
    assert doc["response"]["sisaantrean"] == 0
    for path, fragment in (
        (f"/antrean/sisapeserta/{noka(17)}/001/{day}", "Antrean tidak ditemukan"),
        (f"/antrean/sisapeserta/123/001/{day}", "13 digit"),
        (f"/antrean/sisapeserta/{noka(15)}/001/{day:%d-%m-%Y}", "yyyy-mm-dd"),
        (f"/antrean/status/001/{day:%Y%m%d}", "yyyy-mm-dd"),
        (f"/antrean/status/001/{TODAY - timedelta(days=1)}", "mundur"),
        (f"/antrean/status/999/{day}", "tidak ditemukan"),
        (f"/antrean/status/003/{day}", "Tidak ada jadwal"),
    ):
        _, doc = env.jkn("GET", path)
        assert meta(doc)[0] == 201 and fragment in meta(doc)[1], (path, doc)


# -- PUT /antrean/batal ----------------------------------------------------------------------
def test_cancelling(env: Env) -> None:
    day = TOMORROW + timedelta(days=4)
    first = env.book(18, day=day)["response"]
    body = {"nomorkartu": noka(18), "kodepoli": "001", "tanggalperiksa": day.isoformat(),
            "alasan": "berhalangan"}
    _, doc = env.jkn("PUT", "/antrean/batal", body)
    assert meta(doc) == (200, "Ok")
    _, doc = env.jkn("PUT", "/antrean/batal", body)
    assert meta(doc) == (201, "Antrean sudah dibatalkan")
    again = env.book(18, day=day)
    assert meta(again)[0] == 200  # the one-per-day rule ignores a cancelled booking
    assert again["response"]["nomorantrean"] != first["nomorantrean"]  # numbers are final
    for change, fragment in (({"nomorkartu": noka(19)}, "Antrean tidak ditemukan"),
                             ({"nomorkartu": "1"}, "13 digit"),
                             ({"tanggalperiksa": (TODAY - timedelta(days=1)).isoformat()},
                              "sudah lewat"),
                             ({"kodepoli": "999"}, "tidak ditemukan")):
        _, doc = env.jkn("PUT", "/antrean/batal", {**body, **change})
        assert meta(doc)[0] == 201 and fragment in meta(doc)[1], (change, doc)


def test_no_cancelling_once_served(env: Env) -> None:
    day = TOMORROW + timedelta(days=6)
    env.book(20, day=day)
    booking = next(c["data"] for c in env.pull() if c["entity"] == "booking"
                   and c["data"] and c["data"]["noka"] == noka(20))
    now = datetime.now().astimezone().isoformat()
    ticket = {"ticket_id": "t-served-20", "day": day.isoformat(), "poli_code": "001",
              "doctor_code": "123", "jam_praktek": "00:00-23:59", "number": booking["number"],
              "label": booking["label"], "noka": noka(20), "priority": "none",
              "source": "booking", "booking_id": booking["booking_id"], "kiosk_id": "kiosk-1",
              "lease_id": None, "issued_at": now, "checked_in_at": now}
    env.push([{"kind": "booking_checked_in", "payload": ticket},
              {"kind": "ticket_called", "payload": {"ticket_id": "t-served-20", "poli_code": "001",
                                                    "label": booking["label"], "noka": noka(20),
                                                    "called_at": now}},
              {"kind": "ticket_served", "payload": {"ticket_id": "t-served-20", "poli_code": "001",
                                                    "noka": noka(20), "at": now}}],
             store_id="store-served", first_seq=1)
    body = {"nomorkartu": noka(20), "kodepoli": "001", "tanggalperiksa": day.isoformat()}
    _, doc = env.jkn("PUT", "/antrean/batal", body)
    assert meta(doc) == (201, "Pasien sudah dilayani, antrean tidak dapat dibatalkan")
    _, doc = env.jkn("GET", f"/antrean/status/001/{day}")
    sari = next(r for r in doc["response"] if r["kodedokter"] == 123)
    assert (sari["totalantrean"], sari["sisaantrean"]) == (1, 0)
    assert sari["antreanpanggil"] == f"A-{booking['number']}"


# -- the BPJS side ---------------------------------------------------------------------------
def wait_for(predicate: Any, timeout_s: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_bookings_and_cancellations_reach_bpjs(env: Env, fake_bpjs: FakeBpjs) -> None:
    day = TOMORROW + timedelta(days=7)
    res = env.book(21, day=day)["response"]
    env.jkn("PUT", "/antrean/batal", {"nomorkartu": noka(21), "kodepoli": "001",
                                      "tanggalperiksa": day.isoformat()})

    def mine() -> list[dict[str, Any]]:
        return [e for e in fake_bpjs.state()["log"] if e["body"]["nomorkartu"] == noka(21)]

    log = wait_for(lambda: len(mine()) == 2 and mine())
    assert [e["action"] for e in log] == ["add", "batal"]
    add = log[0]["body"]
    assert (add["nomorantrean"], add["angkaantrean"], add["kodepoli"], add["kodedokter"]) == (
        res["nomorantrean"], res["angkaantrean"], "001", 123)
    assert add["nik"] == nik(21) and add["tanggalperiksa"] == day.isoformat()
    view = httpx.get(env.server.base + "/v1/admin/bpjs/outbox",
                     headers={"Authorization": f"Bearer {env.admin}"}).json()
    assert view["sending"] and view["counts"]["sent"] >= 2
    assert noka(21) not in json.dumps(view)
    forbidden = httpx.get(env.server.base + "/v1/admin/bpjs/outbox",
                          headers={"Authorization": f"Bearer {env.kiosk}"})
    assert forbidden.status_code == 403


PESERTA = {"noKartu": noka(30), "nama": "PESERTA 30", "noKTP": nik(30), "aktif": True,
           "ketAktif": "AKTIF", "tunggakan": 0, "sex": "L", "tglLahir": "02-01-1988",
           "kdProviderPst": {"kdProvider": FACILITY_PROVIDER, "nmProvider": "KLINIK"},
           "jnsPeserta": {"kode": "14", "nama": "PBI (APBN)"}, "jnsKelas": {"kode": "3"}}


def test_peserta_lookup_feeds_the_roster_and_survives_bpjs_down(env: Env,
                                                                fake_bpjs: FakeBpjs) -> None:
    fake_bpjs.control(peserta={noka(30): PESERTA})
    auth = {"Authorization": f"Bearer {env.kiosk}"}
    r = httpx.get(env.server.base + f"/v1/bpjs/peserta/noka/{noka(30)}", headers=auth)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert (doc["source"], doc["state"], doc["bpjs_error"]) == ("bpjs", "aktif", None)
    assert doc["participant"]["pst_aktif"] == 1
    assert doc["participant"]["pst_kd_provider"] == FACILITY_PROVIDER
    roster = next(c["data"] for c in env.pull() if c["entity"] == "participant"
                  and c["key"] == noka(30))
    assert roster["status_fetched_at"] == doc["fetched_at"] and roster["name"] == "PESERTA 30"
    by_nik = httpx.get(env.server.base + f"/v1/bpjs/peserta/nik/{nik(30)}", headers=auth)
    assert by_nik.json()["participant"]["noka"] == noka(30)
    fake_bpjs.control(mode="down")
    cached = httpx.get(env.server.base + f"/v1/bpjs/peserta/noka/{noka(30)}", headers=auth)
    assert cached.status_code == 200
    assert cached.json()["source"] == "cache" and "503" in cached.json()["bpjs_error"]
    assert cached.json()["fetched_at"] == by_nik.json()["fetched_at"]  # the last good answer
    unknown = httpx.get(env.server.base + f"/v1/bpjs/peserta/noka/{noka(31)}", headers=auth)
    assert unknown.status_code == 503 and "503" in unknown.json()["detail"]
    fake_bpjs.control(mode="ok")
    unknown = httpx.get(env.server.base + f"/v1/bpjs/peserta/noka/{noka(31)}", headers=auth)
    assert unknown.status_code == 404
    bad = httpx.get(env.server.base + "/v1/bpjs/peserta/noka/12345", headers=auth)
    assert bad.status_code == 400 and "13 digits" in bad.json()["detail"]


def test_no_credential_in_the_server_log(env: Env) -> None:
    text = env.log_path.read_text(encoding="utf-8", errors="replace")
    assert "BPJS bridge: antrean on, pcare on, Mobile JKN service on" in text
    for secret in (PASSWORD, CREDS["FAKE_BPJS_SECRET"], CREDS["FAKE_BPJS_USER_KEY"],
                   CREDS["FAKE_BPJS_PCARE_PASSWORD"], CREDS["FAKE_BPJS_PCARE_USER_KEY"]):
        assert secret not in text


def test_simultaneous_requests_still_follow_the_rules(env: Env) -> None:
    """Mobile JKN retries and patients double-tap: the rules hold under concurrency."""
    from concurrent.futures import ThreadPoolExecutor

    day = TOMORROW + timedelta(days=8)
    with ThreadPoolExecutor(max_workers=8) as pool:
        same = list(pool.map(lambda _: meta(env.book(22, day=day))[0], range(8)))
        quota = list(pool.map(lambda i: meta(env.book(23 + i, poli="002", day=day))[0],
                              range(8)))
    assert sorted(same) == [200] + [201] * 7
    assert sorted(quota) == [200, 200] + [201] * 6
    numbers = [(c["data"]["poli_code"], c["data"]["number"]) for c in env.pull()
               if c["entity"] == "booking" and c["data"] and c["data"]["day"] == day.isoformat()]
    assert sorted(numbers) == [("001", 1), ("002", 1), ("002", 2)]


def test_schedule_draft_from_bpjs_reference(env: Env, fake_bpjs: FakeBpjs) -> None:
    day = TOMORROW.isoformat()
    fake_bpjs.control(
        polis={day: [{"kodepoli": "001", "namapoli": "POLI UMUM"},
                     {"kodepoli": "002", "namapoli": "POLI GIGI"}]},
        dokter={f"001/{day}": [{"kodedokter": 123, "namadokter": "dr. Sari",
                                "jampraktek": "08:00-12:00", "kapasitas": 25}]})
    auth = {"Authorization": f"Bearer {env.admin}"}
    r = httpx.get(env.server.base + f"/v1/admin/bpjs/schedule/{day}", headers=auth)
    assert r.status_code == 200, r.text
    doc = r.json()["import_document"]
    assert [p["code"] for p in doc["polis"]] == ["001", "002"]
    assert doc["schedules"] == [{"doctor_code": "123", "poli_code": "001",
                                 "weekday": TOMORROW.weekday(), "start_time": "08:00",
                                 "end_time": "12:00", "capacity": 25}]
    bad = httpx.get(env.server.base + "/v1/admin/bpjs/schedule/2026-13-01", headers=auth)
    assert bad.status_code == 400 and "yyyy-mm-dd" in bad.json()["detail"]
    fake_bpjs.control(mode="down")
    down = httpx.get(env.server.base + f"/v1/admin/bpjs/schedule/{day}", headers=auth)
    assert down.status_code == 503 and "HTTP 503" in down.json()["detail"]
