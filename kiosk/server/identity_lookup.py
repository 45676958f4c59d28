"""Participant lookup for kiosks: the roster record, refreshed from PCare within a time budget.

The answer is the participant's change-feed record (and those of the family on the same KK) as
``Change`` objects, exactly what a pull delivers, so the kiosk applies them with its pull code.
PCare is asked through the BPJS bridge's ``PesertaService`` (its cache and its storing of fresh
answers into the feed). A kiosk waits about 3 s at most, so PCare gets ``budget_s``: a slower
answer is still stored when it comes (and reaches every kiosk by sync), but this lookup answers
from the roster as it is, saying why.
"""

from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from kiosk.server.bpjs.errors import (
    BpjsAuthRejected,
    BpjsProtocolError,
    BpjsRejected,
    BpjsUnavailable,
)
from kiosk.server.bpjs.peserta import Lookup, PesertaService
from kiosk.server.db import Database, Tx
from kiosk.server.domain import Entity
from kiosk.sync.identity_wire import MAX_FAMILY, LookupSource, ParticipantLookup
from kiosk.sync.protocol import PROTOCOL_VERSION, Change

log = logging.getLogger(__name__)

MAX_INFLIGHT = 8  # PCare calls running at once; beyond that lookups answer from the roster
_BPJS_ERRORS = (BpjsUnavailable, BpjsProtocolError, BpjsRejected, BpjsAuthRejected)


def _change(row: dict[str, Any]) -> Change:
    return Change(seq=int(row["seq"]), change_id=row["change_id"], entity=Entity.PARTICIPANT.value,
                  key=row["key"], data=json.loads(row["data"]))


def find_record(tx: Tx, *, noka: str | None = None, nik: str | None = None
                ) -> dict[str, Any] | None:
    """The participant's feed row by card number or NIK (digits only, checked by the caller)."""
    cols = "SELECT seq, change_id, key, data FROM records WHERE entity = ? AND data IS NOT NULL"
    if noka is not None:
        return tx.one(f"{cols} AND key = ?", (Entity.PARTICIPANT.value, noka))
    # Records are stored as compact, key-sorted JSON: the field is matched as text (portable to
    # both engines), then confirmed on the parsed record.
    rows = tx.all(f"{cols} AND data LIKE ? ORDER BY seq DESC",
                  (Entity.PARTICIPANT.value, f'%"nik":"{nik}"%'))
    return next((r for r in rows if json.loads(r["data"]).get("nik") == nik), None)


def family_records(tx: Tx, record: dict[str, Any]) -> list[Change]:
    data = json.loads(record["data"])
    kk = data.get("kk_number")
    if not (isinstance(kk, str) and kk.isascii() and kk.isdigit() and len(kk) <= 32):
        return []
    rows = tx.all(
        "SELECT seq, change_id, key, data FROM records WHERE entity = ? AND data IS NOT NULL"
        " AND data LIKE ? AND key <> ? ORDER BY key", (Entity.PARTICIPANT.value,
                                                         f'%"kk_number":"{kk}"%', record["key"]))
    family = [_change(r) for r in rows if json.loads(r["data"]).get("kk_number") == kk]
    return family[:MAX_FAMILY]


class LookupService:
    def __init__(self, db: Database, peserta: PesertaService, budget_s: float) -> None:
        self.db = db
        self.peserta = peserta
        self.budget_s = budget_s
        self._lock = threading.Lock()
        self._inflight: dict[tuple[str | None, str | None], Future[Lookup | None]] = {}

    def lookup(self, *, nik: str | None = None, noka: str | None = None
               ) -> ParticipantLookup | str:
        """The answer, or (a string) why there is none: the 404 message."""
        with self.db.transaction(readonly=True) as tx:
            record = find_record(tx, noka=noka, nik=nik)
        bpjs_error: str | None = None
        source = LookupSource.ROSTER
        fetched: str | None = None
        if self.peserta.client is None:
            bpjs_error = "PCare is not configured on this server"
        else:
            key = (record["key"], None) if record is not None else (noka, nik)
            result, bpjs_error = self._refresh(*key)
            if result is not None:
                source, fetched = LookupSource(result.source.value), result.fetched_at
                with self.db.transaction(readonly=True) as tx:
                    record = find_record(tx, noka=str(result.participant["noka"]))
            elif bpjs_error is None:
                bpjs_error = "BPJS has no participant with this number"
        what = "NIK" if nik is not None else "card number"
        if record is None:
            return f"no participant with this {what} in the facility roster" + (
                f" ({bpjs_error})" if bpjs_error else "")
        with self.db.transaction(readonly=True) as tx:
            family = family_records(tx, record)
        data = json.loads(record["data"])
        return ParticipantLookup(
            protocol=PROTOCOL_VERSION, participant=_change(record), family=family,
            source=source, status_fetched_at=fetched or data.get("status_fetched_at"),
            bpjs_error=bpjs_error)

    def _refresh(self, noka: str | None, nik: str | None) -> tuple[Lookup | None, str | None]:
        """(PCare's answer or None for "no such participant", why PCare could not say)."""
        key = (noka, nik)
        with self._lock:
            fut = self._inflight.get(key)
            if fut is None:
                if len(self._inflight) >= MAX_INFLIGHT:
                    return None, "PCare is busy with other lookups"
                fut = Future()
                self._inflight[key] = fut
                threading.Thread(target=self._run, args=(key, fut), daemon=True,
                                 name="pcare-lookup").start()
        try:
            return fut.result(timeout=self.budget_s), None
        except FutureTimeout:
            return None, (f"PCare did not answer within {self.budget_s:g} s; its answer reaches"
                          " the kiosks by sync")
        except _BPJS_ERRORS as exc:
            return None, f"PCare unavailable: {exc}"
        except Exception:
            return None, "the PCare lookup failed (see the server log)"

    def _run(self, key: tuple[str | None, str | None], fut: Future[Lookup | None]) -> None:
        try:
            fut.set_result(self.peserta.lookup(noka=key[0], nik=key[1]))
        except Exception as exc:  # handed to the waiting request; logged if unexpected
            if not isinstance(exc, _BPJS_ERRORS):
                log.exception("PCare lookup failed (a bug)")
            fut.set_exception(exc)
        finally:
            with self._lock:
                self._inflight.pop(key, None)
