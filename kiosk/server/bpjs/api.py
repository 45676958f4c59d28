"""HTTP endpoints of the BPJS bridge on the central server.

* Staff (admin token): ``GET /v1/admin/bpjs/outbox`` (the sync view: what waits for BPJS, what
  BPJS refused and why), ``POST /v1/admin/bpjs/outbox/{id}/requeue``,
  ``GET /v1/admin/bpjs/schedule/{yyyy-mm-dd}`` (BPJS's polis and doctors for a day, as a draft
  import document).
* Kiosks (kiosk token): ``GET /v1/bpjs/peserta/noka/{noka}`` and ``.../nik/{nik}``.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from kiosk.server.auth import Principal, require_admin, require_kiosk
from kiosk.server.bpjs.bridge import Bridge, bridge_for
from kiosk.server.bpjs.errors import (
    BpjsAuthRejected,
    BpjsProtocolError,
    BpjsRejected,
    BpjsUnavailable,
)
from kiosk.server.bpjs.outbox import outbox_view, requeue
from kiosk.server.service import BadRequest

AdminDep = Annotated[Principal, Depends(require_admin)]
KioskDep = Annotated[Principal, Depends(require_kiosk)]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _bridge(request: Request) -> Bridge:
    return bridge_for(request.app.state.ctx)


def _day(value: str) -> date:
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest("invalid_request", f"not a date (yyyy-mm-dd): {value!r}") from None


def _bpjs_failure(exc: Exception) -> BadRequest:
    if isinstance(exc, BpjsAuthRejected):
        return BadRequest("bpjs_auth", f"BPJS refused our credentials: {exc}", status=502)
    if isinstance(exc, BpjsRejected):
        return BadRequest("bpjs_rejected", str(exc), status=502)
    return BadRequest("bpjs_unavailable", str(exc), status=503)


def schedule_draft(polis: list[dict[str, Any]], doctors: dict[str, list[dict[str, Any]]],
                   day: date) -> dict[str, Any]:
    """BPJS's reference answers as an import document staff can review and import."""
    doc_polis, doc_doctors, schedules = [], [], []
    for p in polis:
        code = str(p.get("kodepoli", "")).strip()
        if not code:
            continue
        doc_polis.append({"code": code, "bpjs_code": code, "name": p.get("namapoli", code),
                          "letter": "?"})
        for d in doctors.get(code, []):
            kode = str(d.get("kodedokter", "")).strip()
            jam = str(d.get("jampraktek", ""))
            if not kode or not re.fullmatch(r"\d{2}:\d{2}-\d{2}:\d{2}", jam):
                continue
            doc_doctors.append({"code": kode, "bpjs_code": kode,
                                "name": d.get("namadokter", kode), "poli_code": code})
            schedules.append({"doctor_code": kode, "poli_code": code, "weekday": day.weekday(),
                              "start_time": jam[:5], "end_time": jam[6:],
                              "capacity": int(d.get("kapasitas") or d.get("kuota") or 0)})
    return {"polis": doc_polis, "doctors": doc_doctors, "schedules": schedules}


def build_router(ctx: Any) -> APIRouter:
    bridge_for(ctx)  # load settings now: a bad config stops the server at start, not later
    r = APIRouter(tags=["bpjs"])

    @r.get("/v1/admin/bpjs/outbox")
    def outbox(request: Request, who: AdminDep, limit: int = 50) -> dict[str, Any]:
        """What is waiting for BPJS, what BPJS refused (and why), what was sent lately."""
        b = _bridge(request)
        view = outbox_view(b.db, max(1, min(limit, 500)))
        view["sending"] = b.sending
        view["antrean_url"] = b.config.bpjs.antrean_url
        return view

    @r.post("/v1/admin/bpjs/outbox/{row_id}/requeue")
    def requeue_row(row_id: int, request: Request, who: AdminDep) -> dict[str, Any]:
        """Send a refused call again (after staff corrected the data behind it)."""
        b = _bridge(request)
        if not requeue(b.db, row_id, time.time()):
            raise BadRequest("not_found", f"outbox row {row_id} is not in state 'failed'",
                             status=404)
        b.notify()
        return {"requeued": row_id}

    @r.get("/v1/admin/bpjs/schedule/{tanggal}")
    def schedule(tanggal: str, request: Request, who: AdminDep) -> dict[str, Any]:
        """BPJS's polis and doctors (HFIS) for a day, as a draft for ``/v1/admin/import``."""
        b, day = _bridge(request), _day(tanggal)
        if b.client is None or not b.config.bpjs.antrean_url:
            raise BadRequest("bpjs_off", "Antrean FKTP is not configured (bpjs.antrean_url)",
                             status=503)
        try:
            polis = b.client.ref_poli(day)
            doctors = {}
            for p in polis:
                code = str(p.get("kodepoli", "")).strip()
                if code:
                    try:
                        doctors[code] = b.client.ref_dokter(code, day)
                    except BpjsAuthRejected:
                        raise
                    except BpjsRejected:
                        doctors[code] = []  # "data tidak ditemukan": nobody practises there
        except (BpjsUnavailable, BpjsProtocolError, BpjsRejected) as exc:
            raise _bpjs_failure(exc) from exc
        return {"day": day.isoformat(), "bpjs": {"polis": polis, "doctors": doctors},
                "import_document": schedule_draft(polis, doctors, day)}

    def _peserta(request: Request, noka: str | None, nik: str | None) -> dict[str, Any]:
        b = _bridge(request)
        try:
            found = b.peserta.lookup(noka=noka, nik=nik)
        except (BpjsUnavailable, BpjsProtocolError, BpjsRejected) as exc:
            raise _bpjs_failure(exc) from exc
        if found is None:
            raise BadRequest("not_found", "BPJS has no participant with this number", 404)
        out = asdict(found)
        out["source"] = found.source.value
        return out

    @r.get("/v1/bpjs/peserta/noka/{noka}")
    def peserta_noka(noka: str, request: Request, who: KioskDep) -> dict[str, Any]:
        """Membership facts from PCare (or the server's cache when PCare is unreachable)."""
        if len(noka) != 13 or not noka.isdigit():
            raise BadRequest("invalid_request", "a JKN card number has 13 digits")
        return _peserta(request, noka, None)

    @r.get("/v1/bpjs/peserta/nik/{nik}")
    def peserta_nik(nik: str, request: Request, who: KioskDep) -> dict[str, Any]:
        if len(nik) != 16 or not nik.isdigit():
            raise BadRequest("invalid_request", "a NIK has 16 digits")
        return _peserta(request, None, nik)

    return r
