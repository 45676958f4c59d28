"""PCare ``peserta`` lookups for the kiosks' membership status, cached on the server.

A fresh answer updates the participant record in the change feed (the kiosk roster's ``pst_*``
columns and ``status_fetched_at``), so every kiosk has it for offline use. While BPJS is
unreachable the cached answer is served with its original ``status_fetched_at``: the kiosk's own
staleness rule (``kiosk.membership.assess``) decides whether it is still good enough.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.membership import PesertaRecord, derive_state, parse_pcare_peserta
from kiosk.server.bpjs.client import BpjsClient
from kiosk.server.bpjs.errors import (
    BpjsAuthRejected,
    BpjsNotFound,
    BpjsProtocolError,
    BpjsUnavailable,
)
from kiosk.server.db import Database
from kiosk.server.domain import Entity, get_record, record_change

log = logging.getLogger(__name__)


class Source(enum.Enum):
    BPJS = "bpjs"  # asked PCare just now
    CACHE = "cache"  # PCare answered recently enough (or is unreachable): the stored answer


@dataclass(frozen=True)
class Lookup:
    participant: dict[str, Any]  # the roster record as kiosks store it
    peserta: dict[str, Any]  # PCare's answer as received
    source: Source
    fetched_at: str
    state: str  # MembershipState value, for staff screens; kiosks derive their own
    bpjs_error: str | None = None  # why the cache was used instead of a fresh answer


def pcare_birth_date(value: Any) -> str | None:
    """PCare writes ``tglLahir`` as dd-mm-yyyy; the roster wants yyyy-mm-dd."""
    if not isinstance(value, str):
        return None
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


# A participant record as the kiosk roster stores it (kiosk/membership/roster.py columns).
ROSTER_DEFAULTS: dict[str, Any] = {
    "noka": None, "nik": None, "kk_number": None, "name": "", "birth_date": None, "sex": None,
    "disabled": 0, "pregnant": 0, "phone": None, "norm": None, "pst_aktif": None,
    "pst_ket_aktif": None, "pst_tunggakan": None, "pst_kd_provider": None,
    "pst_jns_peserta": None, "pst_status_code": None, "status_fetched_at": None,
}


def roster_fields(record: PesertaRecord, fetched_at: str) -> dict[str, Any]:
    return {
        "pst_aktif": None if record.aktif is None else int(record.aktif),
        "pst_ket_aktif": record.ket_aktif,
        "pst_tunggakan": record.tunggakan,
        "pst_kd_provider": record.kd_provider,
        "pst_jns_peserta": record.jns_peserta,
        "pst_status_code": record.status_code,
        "status_fetched_at": fetched_at,
    }


def merge_participant(existing: dict[str, Any] | None, peserta: dict[str, Any],
                      record: PesertaRecord, fetched_at: str) -> dict[str, Any]:
    """Staff-kept identity fields win; PCare fills what is missing; status comes from PCare."""
    out = {**ROSTER_DEFAULTS, **(existing or {})}
    out["noka"] = str(peserta.get("noKartu") or out.get("noka"))
    fills = {"nik": peserta.get("noKTP"), "name": peserta.get("nama"),
             "sex": peserta.get("sex"), "birth_date": pcare_birth_date(peserta.get("tglLahir")),
             "phone": peserta.get("noHP")}
    for key, value in fills.items():
        if not out.get(key) and value:
            out[key] = str(value).strip()
    out.update(roster_fields(record, fetched_at))
    return out


class PesertaService:
    def __init__(self, db: Database, client: BpjsClient | None, cache_h: float) -> None:
        self.db = db
        self.client = client
        self.cache_h = cache_h

    def facility_code(self) -> str:
        with self.db.transaction(readonly=True) as tx:
            facility = get_record(tx, Entity.FACILITY, "facility") or {}
        return str(facility.get("bpjs_code") or facility.get("code") or "")

    def _cached(self, noka: str | None, nik: str | None) -> dict[str, Any] | None:
        with self.db.transaction(readonly=True) as tx:
            if noka is not None:
                return tx.one("SELECT * FROM bpjs_peserta_cache WHERE noka = ?", (noka,))
            return tx.one("SELECT * FROM bpjs_peserta_cache WHERE nik = ? ORDER BY fetched_at"
                          " DESC LIMIT 1", (nik,))

    def lookup(self, *, noka: str | None = None, nik: str | None = None,
               now: datetime | None = None) -> Lookup | None:
        """By card number or NIK. None = BPJS says there is no such participant. Raises the
        BPJS error when BPJS cannot answer and nothing is cached."""
        if (noka is None) == (nik is None):
            raise ValueError("give exactly one of noka or nik")
        now = now or datetime.now(UTC)
        cached = self._cached(noka, nik)
        if cached is not None and self._fresh(cached, now):
            return self._answer(cached, Source.CACHE, None)
        if self.client is None:
            if cached is not None:
                return self._answer(cached, Source.CACHE, "PCare is not configured")
            raise BpjsUnavailable("PCare is not configured on this server (bpjs.pcare_url)")
        try:
            peserta = (self.client.peserta_by_noka(noka) if noka is not None
                       else self.client.peserta_by_nik(str(nik)))
        except BpjsNotFound:
            return None
        except (BpjsUnavailable, BpjsProtocolError, BpjsAuthRejected) as exc:
            if cached is None:
                raise
            log.warning("PCare unavailable (%s); serving the cached peserta answer", exc.detail)
            return self._answer(cached, Source.CACHE, exc.detail)
        return self._store(peserta, now)

    def _fresh(self, cached: dict[str, Any], now: datetime) -> bool:
        age = now - datetime.fromisoformat(cached["fetched_at"])
        return timedelta(0) <= age < timedelta(hours=self.cache_h)

    def _store(self, peserta: dict[str, Any], now: datetime) -> Lookup:
        record = parse_pcare_peserta(peserta)
        noka = str(peserta.get("noKartu") or "")
        if len(noka) != 13 or not noka.isdigit():
            raise BpjsProtocolError("PCare peserta answer without a 13-digit noKartu")
        fetched_at = now.isoformat(timespec="seconds")
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO bpjs_peserta_cache (noka, nik, data, fetched_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (noka) DO UPDATE SET nik = excluded.nik, data = excluded.data,"
                " fetched_at = excluded.fetched_at",
                (noka, peserta.get("noKTP"), json.dumps(peserta, sort_keys=True), fetched_at),
            )
            existing = get_record(tx, Entity.PARTICIPANT, noka)
            merged = merge_participant(existing, peserta, record, fetched_at)
            if merged != existing:
                record_change(tx, Entity.PARTICIPANT, noka, merged)
        return self._answer({"data": json.dumps(peserta), "fetched_at": fetched_at,
                             "participant": merged}, Source.BPJS, None)

    def _answer(self, row: dict[str, Any], source: Source, error: str | None) -> Lookup:
        peserta = json.loads(row["data"])
        record = parse_pcare_peserta(peserta)
        participant = row.get("participant")
        if participant is None:
            with self.db.transaction(readonly=True) as tx:
                existing = get_record(tx, Entity.PARTICIPANT, str(peserta.get("noKartu")))
            participant = merge_participant(existing, peserta, record, row["fetched_at"])
        state, _ = derive_state(record, self.facility_code())
        return Lookup(participant, peserta, source, row["fetched_at"], state.value, error)

