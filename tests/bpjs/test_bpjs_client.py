"""The BPJS client against the fake BPJS process: happy paths and every failure it can meet."""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bpjs_support import FakeBpjs, free_port, self_signed_cert

from kiosk.server.bpjs.client import BpjsClient
from kiosk.server.bpjs.config import Secret
from kiosk.server.bpjs.errors import (
    BpjsAlreadyExists,
    BpjsAuthRejected,
    BpjsDecryptError,
    BpjsNotFound,
    BpjsProtocolError,
    BpjsRejected,
    BpjsUnavailable,
)

DAY = date(2026, 11, 23)
POLIS = [{"kodepoli": "001", "namapoli": "POLI UMUM"}, {"kodepoli": "002", "namapoli": "GIGI"}]
DOKTER = [{"kodedokter": 123, "namadokter": "dr. Sari", "jampraktek": "08:00-12:00",
           "kapasitas": 30}]
PESERTA = {
    "noKartu": "0001234567890", "nama": "SITI AMINAH", "noKTP": "3171014508900001",
    "aktif": True, "ketAktif": "AKTIF", "tunggakan": 0, "jnsKelas": {"kode": "3", "nama": "III"},
    "jnsPeserta": {"kode": "14", "nama": "PBI (APBN)"},
    "kdProviderPst": {"kdProvider": "0114U163", "nmProvider": "KLINIK PRATAMA DEMO"},
}


def add_payload(noka: str = "0001234567890", n: int = 12) -> dict[str, Any]:
    return {"nomorkartu": noka, "nik": "3171014508900001", "nohp": "081234567890",
            "kodepoli": "001", "namapoli": "POLI UMUM", "norm": "", "tanggalperiksa": "2026-11-23",
            "kodedokter": 123, "namadokter": "dr. Sari", "jampraktek": "08:00-12:00",
            "nomorantrean": f"A-{n}", "angkaantrean": n, "keterangan": ""}


@pytest.fixture
def client(fake_bpjs: FakeBpjs) -> Any:
    with BpjsClient(fake_bpjs.section()) as c:
        yield c


def test_reference_calls_decrypt_with_the_request_timestamp(fake_bpjs: FakeBpjs,
                                                           client: BpjsClient) -> None:
    fake_bpjs.control(polis={"2026-11-23": POLIS}, dokter={"001/2026-11-23": DOKTER})
    assert client.ref_poli(DAY) == POLIS
    assert client.ref_dokter("001", DAY) == DOKTER


def test_both_envelope_spellings_and_success_code_1(fake_bpjs: FakeBpjs,
                                                    client: BpjsClient) -> None:
    fake_bpjs.control(polis={"2026-11-23": POLIS}, antrean_envelope="metaData", antrean_success=1)
    assert client.ref_poli(DAY) == POLIS
    fake_bpjs.control(peserta={"0001234567890": PESERTA}, pcare_envelope="metadata")
    assert client.peserta_by_noka("0001234567890")["nama"] == "SITI AMINAH"


def test_peserta_by_card_and_by_nik(fake_bpjs: FakeBpjs, client: BpjsClient) -> None:
    fake_bpjs.control(peserta={"0001234567890": PESERTA})
    assert client.peserta_by_noka("0001234567890")["kdProviderPst"]["kdProvider"] == "0114U163"
    assert client.peserta_by_nik("3171014508900001")["noKartu"] == "0001234567890"
    with pytest.raises(BpjsNotFound):
        client.peserta_by_noka("0009999999999")


def test_plain_response_fields_pass_through(fake_bpjs: FakeBpjs, client: BpjsClient) -> None:
    fake_bpjs.control(polis={"2026-11-23": POLIS}, encrypt=False)
    assert client.ref_poli(DAY) == POLIS


def test_add_then_duplicate_is_already_exists(fake_bpjs: FakeBpjs, client: BpjsClient) -> None:
    client.antrean_add(add_payload())
    with pytest.raises(BpjsAlreadyExists) as info:
        client.antrean_add(add_payload())
    assert "sudah ada" in info.value.message
    fake_bpjs.control(already_code="208")
    with pytest.raises(BpjsAlreadyExists):
        client.antrean_add(add_payload())
    assert [e["action"] for e in fake_bpjs.state()["log"]] == ["add"]


def test_panggil_and_batal(fake_bpjs: FakeBpjs, client: BpjsClient) -> None:
    client.antrean_add(add_payload())
    key = {"tanggalperiksa": "2026-11-23", "kodepoli": "001", "nomorkartu": "0001234567890"}
    client.antrean_panggil({**key, "status": 1, "waktu": int(time.time() * 1000)})
    client.antrean_batal({**key, "alasan": "tidak jadi"})
    with pytest.raises(BpjsAlreadyExists):  # "sudah dibatalkan": delivered earlier
        client.antrean_batal({**key, "alasan": "tidak jadi"})
    state = fake_bpjs.state()["antrean"]["2026-11-23/001/0001234567890"]
    assert state["calls"] == [1] and state["status"] == "batal"


def test_error_codes_are_typed_and_carry_the_message(fake_bpjs: FakeBpjs,
                                                     client: BpjsClient) -> None:
    fake_bpjs.control(script=[{"code": "201", "message": "Poli tidak ditemukan"}])
    with pytest.raises(BpjsRejected) as info:
        client.antrean_add(add_payload())
    assert info.value.bpjs_code == "201" and info.value.message == "Poli tidak ditemukan"
    assert not info.value.retryable
    missing = add_payload()
    del missing["jampraktek"]
    with pytest.raises(BpjsRejected, match="jampraktek belum diisi"):
        client.antrean_add(missing)


def test_wrong_secret_is_an_auth_rejection(fake_bpjs: FakeBpjs) -> None:
    with BpjsClient(fake_bpjs.section(secret=Secret("wrong"))) as c, \
            pytest.raises(BpjsAuthRejected) as info:
        c.ref_poli(DAY)
    assert info.value.retryable
    assert fake_bpjs.state()["rejected"][-1]["reason"] == "signature tidak valid"


def test_wrong_user_key_and_pcare_password(fake_bpjs: FakeBpjs) -> None:
    with BpjsClient(fake_bpjs.section(user_key=Secret("nope"))) as c, \
            pytest.raises(BpjsAuthRejected):
        c.ref_poli(DAY)
    with BpjsClient(fake_bpjs.section(pcare_password=Secret("nope"))) as c, \
            pytest.raises(BpjsAuthRejected):
        c.peserta_by_noka("0001234567890")
    reasons = [r["reason"] for r in fake_bpjs.state()["rejected"]]
    assert reasons == ["user_key tidak valid", "X-authorization tidak valid"]


def test_clock_outside_the_timestamp_window_is_refused(fake_bpjs: FakeBpjs) -> None:
    with BpjsClient(fake_bpjs.section(), clock=lambda: time.time() - 3600) as c, \
            pytest.raises(BpjsAuthRejected):
        c.ref_poli(DAY)
    assert "timestamp" in fake_bpjs.state()["rejected"][-1]["reason"]


def test_response_encrypted_with_another_key_is_a_decrypt_error(fake_bpjs: FakeBpjs,
                                                                client: BpjsClient) -> None:
    fake_bpjs.control(polis={"2026-11-23": POLIS}, wrong_key=True)
    with pytest.raises(BpjsDecryptError):
        client.ref_poli(DAY)


def test_timeout_is_unavailable_and_quick(fake_bpjs: FakeBpjs) -> None:
    fake_bpjs.control(mode="slow", slow_s=3.0)
    with BpjsClient(fake_bpjs.section(timeout_s=0.5)) as c:
        started = time.monotonic()
        with pytest.raises(BpjsUnavailable, match=r"no answer within 0\.5 s"):
            c.ref_poli(DAY)
        assert time.monotonic() - started < 2.5


def test_down_garbage_and_refused_connection(fake_bpjs: FakeBpjs, client: BpjsClient) -> None:
    fake_bpjs.control(mode="down")
    with pytest.raises(BpjsUnavailable, match="HTTP 503"):
        client.ref_poli(DAY)
    fake_bpjs.control(mode="garbage")
    with pytest.raises(BpjsProtocolError, match="not JSON"):
        client.ref_poli(DAY)
    fake_bpjs.stop()
    with pytest.raises(BpjsUnavailable, match="cannot reach BPJS"):
        client.ref_poli(DAY)


def test_no_credential_reaches_the_log(fake_bpjs: FakeBpjs, caplog: pytest.LogCaptureFixture
                                       ) -> None:
    cfg = fake_bpjs.section()
    caplog.set_level(logging.DEBUG)
    fake_bpjs.control(peserta={"0001234567890": PESERTA})
    with BpjsClient(cfg) as c:
        c.peserta_by_noka("0001234567890")
        fake_bpjs.control(mode="down")
        with pytest.raises(BpjsUnavailable) as info:
            c.peserta_by_noka("0001234567890")
    text = caplog.text + str(info.value) + repr(cfg)
    for secret in (cfg.secret, cfg.user_key, cfg.pcare_user_key, cfg.pcare_password):
        assert secret.value not in text
    assert "***" in repr(cfg)


def test_unconfigured_service_is_a_clear_error() -> None:
    from kiosk.server.bpjs.config import BpjsSection

    with BpjsClient(BpjsSection()) as c, pytest.raises(BpjsUnavailable, match="no URL"):
        c.ref_poli(DAY)


def test_tls_is_verified_and_an_extra_ca_can_be_trusted(tmp_path: Path) -> None:
    fake = FakeBpjs(free_port(), tls=self_signed_cert(tmp_path))
    fake.start()
    try:
        fake.control(polis={"2026-11-23": POLIS})
        # A certificate no trusted CA signed: refused, never silently accepted.
        with BpjsClient(fake.section(antrean_url=fake.base + "/antreanfktp/")) as c, \
                pytest.raises(BpjsUnavailable, match="cannot reach BPJS"):
            c.ref_poli(DAY)
        assert fake.tls is not None
        trusted = fake.section(ca_bundle=str(fake.tls[0]))
        with BpjsClient(trusted) as c:
            assert c.ref_poli(DAY) == POLIS
    finally:
        fake.stop()
