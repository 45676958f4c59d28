"""The rules of the Mobile JKN web service, as pure functions returning the message to answer.

Messages are in Indonesian because Mobile JKN shows them to the patient as they are. Every check
returns ``None`` when the value is acceptable, otherwise the text for a metadata code 201.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_JAM_RE = re.compile(r"(\d{2}):(\d{2})-(\d{2}):(\d{2})")


class Rejected(Exception):
    """A request Mobile JKN must be told "no" to (metadata code 201 with this message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_noka(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Rejected("Nomor kartu belum diisi")
    if not re.fullmatch(r"\d{13}", value.strip()):
        raise Rejected("Format nomor kartu tidak sesuai (harus 13 digit angka)")
    return value.strip()


def check_nik(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Rejected("NIK belum diisi")
    if not re.fullmatch(r"\d{16}", value.strip()):
        raise Rejected("Format NIK tidak sesuai (harus 16 digit angka)")
    return value.strip()


def check_kodepoli(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Rejected("Kode poli belum diisi")
    if not re.fullmatch(r"[A-Za-z0-9]{1,10}", value.strip()):
        raise Rejected("Format kode poli tidak sesuai")
    return value.strip()


def parse_tanggal(value: Any, field: str = "Tanggal periksa") -> date:
    if not isinstance(value, str) or not value.strip():
        raise Rejected(f"{field} belum diisi")
    text = value.strip()
    if not _DATE_RE.fullmatch(text):
        raise Rejected(f"Format {field.lower()} tidak sesuai, seharusnya yyyy-mm-dd")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Rejected(f"{field} tidak valid: {text}") from None


def check_tanggal_periksa(day: date, today: date, max_days_ahead: int) -> date:
    if day < today:
        raise Rejected("Tanggal periksa tidak berlaku mundur (sudah lewat)")
    if (day - today).days > max_days_ahead:
        raise Rejected(f"Tanggal periksa paling lambat {max_days_ahead} hari dari hari ini")
    return day


def check_jampraktek(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _JAM_RE.fullmatch(value.strip()):
        raise Rejected("Format jam praktek tidak sesuai, seharusnya HH:MM-HH:MM")
    return value.strip()


def check_kodedokter(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Rejected("Format kode dokter tidak sesuai")
    text = str(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9]{1,20}", text):
        raise Rejected("Format kode dokter tidak sesuai")
    return text


def optional_text(body: dict[str, Any], key: str, limit: int = 200) -> str:
    value = body.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise Rejected(f"Format {key} tidak sesuai")
    return str(value).strip()[:limit]


@dataclass(frozen=True)
class BookingRequest:
    nomorkartu: str
    nik: str
    kodepoli: str
    tanggalperiksa: date
    keluhan: str
    kodedokter: str | None
    jampraktek: str | None
    norm: str
    nohp: str


def parse_booking(body: Any, today: date, max_days_ahead: int) -> BookingRequest:
    """``POST /antrean`` body -> a checked request, or ``Rejected`` naming the first problem."""
    if not isinstance(body, dict):
        raise Rejected("Format request tidak sesuai (harus objek JSON)")
    return BookingRequest(
        nomorkartu=check_noka(body.get("nomorkartu")),
        nik=check_nik(body.get("nik")),
        kodepoli=check_kodepoli(body.get("kodepoli")),
        tanggalperiksa=check_tanggal_periksa(parse_tanggal(body.get("tanggalperiksa")), today,
                                             max_days_ahead),
        keluhan=optional_text(body, "keluhan"),
        kodedokter=check_kodedokter(body.get("kodedokter")),
        jampraktek=check_jampraktek(body.get("jampraktek")),
        norm=optional_text(body, "norm", 30),
        nohp=optional_text(body, "nohp", 20),
    )


@dataclass(frozen=True)
class NewPatient:
    nomorkartu: str
    nik: str
    nomorkk: str
    nama: str
    jeniskelamin: str
    tanggallahir: date
    nohp: str
    address: dict[str, str]


ADDRESS_FIELDS = ("alamat", "kodeprop", "namaprop", "kodedati2", "namadati2", "kodekec",
                  "namakec", "kodekel", "namakel", "rw", "rt")


def parse_new_patient(body: Any, today: date) -> NewPatient:
    """``POST /peserta`` body (a patient new to this facility)."""
    if not isinstance(body, dict):
        raise Rejected("Format request tidak sesuai (harus objek JSON)")
    noka = check_noka(body.get("nomorkartu"))
    nik = check_nik(body.get("nik"))
    kk = optional_text(body, "nomorkk", 16)
    if kk and not re.fullmatch(r"\d{16}", kk):
        raise Rejected("Format nomor KK tidak sesuai (harus 16 digit angka)")
    nama = optional_text(body, "nama", 100)
    if not nama:
        raise Rejected("Nama belum diisi")
    sex = optional_text(body, "jeniskelamin", 1).upper()
    if sex not in ("L", "P"):
        raise Rejected("Jenis kelamin harus L atau P")
    born = parse_tanggal(body.get("tanggallahir"), "Tanggal lahir")
    if born > today:
        raise Rejected("Tanggal lahir tidak boleh di masa depan")
    address = {k: optional_text(body, k) for k in ADDRESS_FIELDS}
    return NewPatient(noka, nik, kk, nama, sex, born, optional_text(body, "nohp", 20), address)


@dataclass(frozen=True)
class CancelRequest:
    nomorkartu: str
    kodepoli: str
    tanggalperiksa: date
    alasan: str


def parse_cancel(body: Any, today: date) -> CancelRequest:
    """``PUT /antrean/batal`` body; a past date cannot be cancelled any more."""
    if not isinstance(body, dict):
        raise Rejected("Format request tidak sesuai (harus objek JSON)")
    noka = check_noka(body.get("nomorkartu"))
    poli = check_kodepoli(body.get("kodepoli"))
    day = parse_tanggal(body.get("tanggalperiksa"))
    if day < today:
        raise Rejected("Tanggal periksa sudah lewat, antrean tidak dapat dibatalkan")
    alasan = optional_text(body, "alasan") or optional_text(body, "keterangan")
    return CancelRequest(noka, poli, day, alasan)
