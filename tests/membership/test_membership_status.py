"""Membership states from PCare answers and cached age: every state, every rule boundary."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import paths
from kiosk.config import Language, load_settings
from kiosk.errors import ConfigError, ServerProtocolError
from kiosk.membership import (
    Colour,
    MembershipState,
    PesertaRecord,
    Reason,
    assess,
    derive_state,
    guidance,
    icon_name,
    parse_pcare_peserta,
)
from kiosk.membership.status import CLOCK_TOLERANCE, STATUS_CODE_STATES

HERE = "0112R001"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def rec(**kw: object) -> PesertaRecord:
    base: dict[str, object] = {"aktif": True, "ket_aktif": "AKTIF", "kd_provider": HERE}
    base.update(kw)
    return PesertaRecord(**base)  # type: ignore[arg-type]


# A PCare "peserta" answer as the catalogue documents it (values invented).
PCARE = {
    "noKartu": "0009990000011",
    "nama": "BUDI SANTOSO",
    "hubunganKeluarga": "Peserta",
    "sex": "L",
    "tglLahir": "14-03-1985",
    "kdProviderPst": {"kdProvider": HERE, "nmProvider": "KLINIK PRATAMA DEMO"},
    "kdProviderGigi": {"kdProvider": None, "nmProvider": None},
    "jnsKelas": {"nama": "KELAS III", "kode": "3"},
    "jnsPeserta": {"nama": "PEKERJA PENERIMA UPAH", "kode": "13"},
    "golDarah": "0",
    "noHP": "",
    "noKTP": "3171011403850001",
    "aktif": True,
    "ketAktif": "AKTIF",
    "asuransi": {"kdAsuransi": None, "nmAsuransi": None, "noAsuransi": None, "cob": False},
    "tunggakan": 0,
}


@pytest.mark.parametrize(("code", "state"), sorted(STATUS_CODE_STATES.items()))
def test_status_codes(code: int, state: MembershipState) -> None:
    assert derive_state(rec(status_code=code), HERE) == (state, Reason.FROM_STATUS_CODE)


def test_named_status_codes() -> None:
    assert STATUS_CODE_STATES[0] is MembershipState.AKTIF
    assert STATUS_CODE_STATES[7] is MembershipState.PENANGGUHAN
    for code in (9, 15, 2, 6):
        assert STATUS_CODE_STATES[code] is MembershipState.NON_AKTIF


def test_unrecognised_status_code_is_unknown() -> None:
    assert derive_state(rec(status_code=99), HERE) == (MembershipState.UNKNOWN,
                                                       Reason.UNRECOGNISED)


def test_status_code_beats_flags() -> None:
    assert derive_state(rec(aktif=True, status_code=9), HERE)[0] is MembershipState.NON_AKTIF
    assert derive_state(rec(aktif=False, status_code=0), HERE)[0] is MembershipState.AKTIF


@pytest.mark.parametrize(
    ("record", "state"),
    [
        (rec(), MembershipState.AKTIF),
        (rec(kd_provider=None), MembershipState.AKTIF),  # provider unknown: not "elsewhere"
        (rec(kd_provider="0114A026"), MembershipState.OTHER_FKTP),
        (rec(ket_aktif="AKTIF - DENDA PELAYANAN"), MembershipState.DENDA_PELAYANAN),
        (rec(ket_aktif="denda pelayanan"), MembershipState.DENDA_PELAYANAN),
        # elsewhere decides outpatient care here, the penalty only concerns inpatient care
        (rec(ket_aktif="DENDA", kd_provider="0114A026"), MembershipState.OTHER_FKTP),
        (rec(aktif=False, ket_aktif="NON AKTIF KARENA PREMI", tunggakan=250000),
         MembershipState.NON_AKTIF),
        (rec(aktif=False, ket_aktif="PENANGGUHAN PESERTA"), MembershipState.PENANGGUHAN),
        (rec(aktif=False, ket_aktif="Ditangguhkan"), MembershipState.PENANGGUHAN),
        # inactive beats "registered elsewhere"
        (rec(aktif=False, ket_aktif="NON AKTIF", kd_provider="0114A026"),
         MembershipState.NON_AKTIF),
        (rec(aktif=None, ket_aktif=""), MembershipState.UNKNOWN),
    ],
)
def test_flags(record: PesertaRecord, state: MembershipState) -> None:
    assert derive_state(record, HERE)[0] is state


def test_parse_real_shape() -> None:
    r = parse_pcare_peserta(PCARE)
    assert r == PesertaRecord(aktif=True, ket_aktif="AKTIF", tunggakan=0, kd_provider=HERE,
                              jns_peserta="PEKERJA PENERIMA UPAH", status_code=None)
    assert derive_state(r, HERE)[0] is MembershipState.AKTIF
    assert derive_state(r, "0114A026")[0] is MembershipState.OTHER_FKTP


def test_parse_status_code_and_plain_jns() -> None:
    r = parse_pcare_peserta({"aktif": False, "statusPeserta": {"kode": "7", "keterangan": "X"},
                             "jnsPeserta": "PBI (APBN)", "tunggakan": "125000"})
    assert (r.status_code, r.jns_peserta, r.tunggakan) == (7, "PBI (APBN)", 125000)
    assert derive_state(r, HERE)[0] is MembershipState.PENANGGUHAN


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"aktif": "yes"}, "aktif"),
        ({"aktif": True, "ketAktif": 5}, "ketAktif"),
        ({"aktif": True, "tunggakan": "banyak"}, "tunggakan"),
        ({"aktif": True, "kdProviderPst": "0112R001"}, "kdProviderPst"),
        ({"aktif": True, "statusPeserta": {"kode": "x"}}, "status code"),
    ],
)
def test_parse_rejects_garbage_with_the_field_named(payload: dict[str, object],
                                                    field: str) -> None:
    with pytest.raises(ServerProtocolError, match=field):
        parse_pcare_peserta(payload)


def test_parse_rejects_non_object() -> None:
    with pytest.raises(ServerProtocolError, match="expected an object"):
        parse_pcare_peserta(["aktif"])  # type: ignore[arg-type]


def test_assess_no_record() -> None:
    s = assess(None, None, NOW, stale_after_h=72, facility_code=HERE)
    assert (s.state, s.reason, s.age) == (MembershipState.UNKNOWN, Reason.NO_RECORD, None)
    assert s.colour is Colour.GREY and s.icon == "question"


def test_assess_fresh_and_stale_boundary() -> None:
    limit = timedelta(hours=72)
    at_limit = assess(rec(), NOW - limit, NOW, stale_after_h=72, facility_code=HERE)
    assert at_limit.state is MembershipState.AKTIF and at_limit.age == limit
    over = assess(rec(), NOW - limit - timedelta(seconds=1), NOW, stale_after_h=72,
                  facility_code=HERE)
    assert (over.state, over.reason) == (MembershipState.UNKNOWN, Reason.STALE)
    assert over.record == rec()  # staff can still see what was last known


def test_assess_clock_trouble() -> None:
    slight = assess(rec(), NOW + CLOCK_TOLERANCE, NOW, stale_after_h=72, facility_code=HERE)
    assert slight.state is MembershipState.AKTIF and slight.age == timedelta(0)
    future = assess(rec(), NOW + CLOCK_TOLERANCE + timedelta(seconds=1), NOW, stale_after_h=72,
                    facility_code=HERE)
    assert (future.state, future.reason) == (MembershipState.UNKNOWN, Reason.CLOCK_SUSPECT)


def test_stale_limit_comes_from_config(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[membership]\nstale_after_h = 2\n")
    limit = load_settings(cfg).membership.stale_after_h
    three_h = assess(rec(), NOW - timedelta(hours=3), NOW, stale_after_h=limit,
                     facility_code=HERE)
    assert three_h.reason is Reason.STALE
    cfg.write_text("[membership]\nstale_after_h = -1\n")
    with pytest.raises(ConfigError, match=r"membership\.stale_after_h"):
        load_settings(cfg)


def test_queue_config_section(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[queue]\nmax_priority_run = 2\nlease_block = 10\n")
    q = load_settings(cfg).queue
    assert (q.max_priority_run, q.lease_block) == (2, 10)
    cfg.write_text("[queue]\nmax_priority_run = 0\n")
    with pytest.raises(ConfigError, match=r"queue\.max_priority_run"):
        load_settings(cfg)


@pytest.mark.parametrize("state", list(MembershipState))
def test_every_state_has_icon_file_colour_and_words(state: MembershipState) -> None:
    svg = paths.resource("icons", f"{icon_name(state)}.svg")
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox")
    assert len(root) >= 2  # a title and at least one shape
    for lang in Language:
        g = guidance(state, lang)
        assert g.title and g.explanation and g.next_step
    assert guidance(state, Language.ID) != guidance(state, Language.EN)


def test_states_are_told_apart_without_colour() -> None:
    states = list(MembershipState)
    assert len({icon_name(s) for s in states}) == len(states)
    for lang in Language:
        assert len({guidance(s, lang).title for s in states}) == len(states)
    assert len({s.value for s in Colour}) == len(Colour)


def test_guidance_carries_the_numbers_people_need() -> None:
    assert "0811-8165-165" in guidance(MembershipState.PENANGGUHAN, Language.ID).next_step
    assert "165" in guidance(MembershipState.NON_AKTIF, Language.EN).next_step


def test_only_active_states_may_take_a_ticket() -> None:
    assert {s for s in MembershipState if s.may_take_ticket} == {
        MembershipState.AKTIF, MembershipState.DENDA_PELAYANAN}


records = st.builds(
    PesertaRecord,
    aktif=st.none() | st.booleans(),
    ket_aktif=st.sampled_from(["", "AKTIF", "NON AKTIF", "PENANGGUHAN", "DENDA", "xyz"]),
    tunggakan=st.integers(0, 10**7),
    kd_provider=st.none() | st.sampled_from([HERE, "0114A026"]),
    jns_peserta=st.text(max_size=5),
    status_code=st.none() | st.integers(-1, 20),
)


@given(records, st.integers(0, 500 * 60), st.integers(1, 200))
def test_assess_total_and_stale_is_grey(r: PesertaRecord, age_min: int, limit: int) -> None:
    s = assess(r, NOW - timedelta(minutes=age_min), NOW, stale_after_h=limit, facility_code=HERE)
    if age_min > limit * 60:
        assert s.state is MembershipState.UNKNOWN and s.reason is Reason.STALE
    else:
        assert s.state is derive_state(r, HERE)[0]
    assert s.icon == icon_name(s.state)


def test_words_on_each_colour_are_readable() -> None:
    from kiosk.membership.status import contrast

    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    for c in Colour:
        assert contrast(c.value, c.text) >= 4.5, c
    assert Colour.AMBER.text == "#000000" and Colour.BLUE.text == "#FFFFFF"
