"""The participant roster in the kiosk store: lookup, cached status, family (Kartu Keluarga).

Table ``participants`` (migration 2), written by the sync engine from the central server and by
the kiosk after an online PCare lookup:

* ``noka`` TEXT primary key: 13-digit JKN card number.
* ``nik`` TEXT unique, ``kk_number`` TEXT (16-digit family card number, shared by a family).
* ``name``, ``birth_date`` (YYYY-MM-DD), ``sex`` ("L"/"P"), ``disabled`` / ``pregnant`` (0/1,
  kept by staff: priority groups), ``phone``, ``norm`` (the facility's medical record number).
* Cached PCare ``peserta`` facts: ``pst_aktif`` (0/1/NULL), ``pst_ket_aktif``,
  ``pst_tunggakan``, ``pst_kd_provider``, ``pst_jns_peserta``, ``pst_status_code`` (VClaim-style
  code or NULL), and ``status_fetched_at`` (ISO-8601 with offset: when BPJS said so; NULL =
  never looked up). ``updated_at``: last write of the row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.membership.status import (
    MembershipStatus,
    PesertaRecord,
    age_in_years,
    assess,
    may_act_for_family,
)
from kiosk.queue.model import Participant
from kiosk.store import Store, Tx

log = logging.getLogger(__name__)


def participant_from_row(row: dict[str, Any]) -> Participant:
    return Participant(
        noka=row["noka"],
        nik=row["nik"],
        kk_number=row["kk_number"],
        name=row["name"],
        birth_date=date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
        sex=row["sex"],
        disabled=bool(row["disabled"]),
        pregnant=bool(row["pregnant"]),
    )


def record_from_row(row: dict[str, Any]) -> tuple[PesertaRecord | None, datetime | None]:
    if row["status_fetched_at"] is None:
        return None, None
    record = PesertaRecord(
        aktif=None if row["pst_aktif"] is None else bool(row["pst_aktif"]),
        ket_aktif=row["pst_ket_aktif"] or "",
        tunggakan=int(row["pst_tunggakan"] or 0),
        kd_provider=row["pst_kd_provider"],
        jns_peserta=row["pst_jns_peserta"] or "",
        status_code=row["pst_status_code"],
    )
    return record, datetime.fromisoformat(row["status_fetched_at"])


def find_participant(store: Store, *, noka: str | None = None, nik: str | None = None
                     ) -> Participant | None:
    """By card number or NIK (exactly one of them)."""
    if (noka is None) == (nik is None):
        raise ValueError("give exactly one of noka or nik")
    column, value = ("noka", noka) if noka is not None else ("nik", nik)
    rows = store.query(f"SELECT * FROM participants WHERE {column} = ?", (value,))
    return participant_from_row(rows[0]) if rows else None


def upsert_participant(tx: Tx, p: Participant, now: datetime, phone: str | None = None,
                       norm: str | None = None) -> None:
    """Insert or update the identity part of a roster row, keeping its cached status."""
    tx.execute(
        """INSERT INTO participants (noka, nik, kk_number, name, birth_date, sex, disabled,
               pregnant, phone, norm, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (noka) DO UPDATE SET nik = excluded.nik, kk_number = excluded.kk_number,
               name = excluded.name, birth_date = excluded.birth_date, sex = excluded.sex,
               disabled = excluded.disabled, pregnant = excluded.pregnant,
               phone = coalesce(excluded.phone, phone), norm = coalesce(excluded.norm, norm),
               updated_at = excluded.updated_at""",
        (p.noka, p.nik, p.kk_number, p.name,
         p.birth_date.isoformat() if p.birth_date else None, p.sex, int(p.disabled),
         int(p.pregnant), phone, norm, now.isoformat()),
    )


def save_status(tx: Tx, noka: str, record: PesertaRecord, fetched_at: datetime) -> None:
    """Cache a PCare answer; an older answer never overwrites a newer one."""
    cur = tx.execute(
        """UPDATE participants SET pst_aktif = ?, pst_ket_aktif = ?, pst_tunggakan = ?,
               pst_kd_provider = ?, pst_jns_peserta = ?, pst_status_code = ?,
               status_fetched_at = ?, updated_at = ?
           WHERE noka = ? AND (status_fetched_at IS NULL OR status_fetched_at <= ?)""",
        (None if record.aktif is None else int(record.aktif), record.ket_aktif,
         record.tunggakan, record.kd_provider, record.jns_peserta, record.status_code,
         fetched_at.isoformat(), fetched_at.isoformat(), noka, fetched_at.isoformat()),
    )
    if cur.rowcount == 0:
        log.info("status for %s not saved: unknown participant or a newer answer is cached", noka)


def status_of(store: Store, noka: str, now: datetime, *, stale_after_h: float,
              facility_code: str) -> MembershipStatus:
    rows = store.query("SELECT * FROM participants WHERE noka = ?", (noka,))
    record, fetched = record_from_row(rows[0]) if rows else (None, None)
    return assess(record, fetched, now, stale_after_h=stale_after_h, facility_code=facility_code)


@dataclass(frozen=True)
class FamilyMember:
    participant: Participant
    age: int | None
    status: MembershipStatus


def family_members(store: Store, kk_number: str, now: datetime, *, stale_after_h: float,
                   facility_code: str, exclude_noka: str | None = None) -> list[FamilyMember]:
    """Everyone on the family card with their own status, by name (stable on screen)."""
    rows = store.query(
        "SELECT * FROM participants WHERE kk_number = ? ORDER BY name, noka", (kk_number,)
    )
    out: list[FamilyMember] = []
    for row in rows:
        if row["noka"] == exclude_noka:
            continue
        p = participant_from_row(row)
        record, fetched = record_from_row(row)
        status = assess(record, fetched, now, stale_after_h=stale_after_h,
                        facility_code=facility_code)
        age = age_in_years(p.birth_date, now.date()) if p.birth_date else None
        out.append(FamilyMember(p, age, status))
    return out


def family_for(store: Store, verified: Participant, now: datetime, *, stale_after_h: float,
               facility_code: str) -> list[FamilyMember]:
    """The family members a verified participant may check in: empty unless they are an adult
    with a family card number on record."""
    if verified.kk_number is None or verified.birth_date is None:
        return []
    if not may_act_for_family(verified.birth_date, now.date()):
        return []
    return family_members(store, verified.kk_number, now, stale_after_h=stale_after_h,
                          facility_code=facility_code, exclude_noka=verified.noka)
