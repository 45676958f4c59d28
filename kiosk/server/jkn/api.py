"""The facility's Antrean FKTP web service that Mobile JKN calls, under ``jkn.base_path``.

    GET  {base}/auth                                         x-username, x-password -> token
    GET  {base}/antrean/status/{kodepoli}/{tanggalperiksa}   x-token, x-username
    POST {base}/antrean                                      (202 = patient new here)
    GET  {base}/antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa}
    PUT  {base}/antrean/batal
    POST {base}/peserta

Every answer is HTTP 200 with ``metadata`` {code, message} (200 success, 201 failure, 202 new
patient) because Mobile JKN shows the message to the patient; only a crash here is HTTP 500.
The request body is read by hand, not by FastAPI's validation, so that malformed input gets the
same envelope and an Indonesian message instead of a 422.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from kiosk.server.bpjs.bridge import bridge_for
from kiosk.server.jkn.service import FAILED, OK, Answer, JknService
from kiosk.server.jkn.token import TokenInvalid, TokenSigner

log = logging.getLogger(__name__)


def envelope(answer: Answer, status: int = 200) -> JSONResponse:
    body: dict[str, Any] = {}
    if answer.response is not None:
        body["response"] = answer.response
    body["metadata"] = {"message": answer.message, "code": answer.code}
    return JSONResponse(body, status_code=status)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def build_router(ctx: Any, clock: Callable[[], float] = time.time) -> APIRouter:
    bridge = bridge_for(ctx)
    cfg = bridge.config.jkn
    router = APIRouter(prefix=cfg.base_path, tags=["mobile-jkn"])
    if not (cfg.username and cfg.password):
        log.info("Mobile JKN service off: jkn.username / jkn.password not configured")
        return router
    signer = TokenSigner(cfg.username.value, cfg.password.value, cfg.token_ttl_s)
    service = JknService(ctx.db, ZoneInfo(cfg.timezone), cfg.max_days_ahead,
                         send_to_bpjs=bridge.sending, notify=bridge.notify, clock=clock)

    def authorised(request: Request) -> Answer | None:
        """None when the x-token / x-username pair is good, else the refusal to send."""
        token = request.headers.get("x-token", "")
        user = request.headers.get("x-username", "")
        if not token or not user:
            return Answer(FAILED, "Header x-token dan x-username wajib diisi")
        if not hmac.compare_digest(user.encode(), cfg.username.value.encode()):
            return Answer(FAILED, "Username tidak sesuai")
        try:
            signer.verify(token, user, clock())
        except TokenInvalid as exc:
            return Answer(FAILED, str(exc))
        return None

    async def guarded(request: Request, work: Callable[[], Answer]) -> JSONResponse:
        refusal = authorised(request)
        if refusal is not None:
            return envelope(refusal)
        try:
            return envelope(await run_in_threadpool(work))
        except Exception:
            log.exception("Mobile JKN %s %s failed", request.method, request.url.path)
            return envelope(Answer(FAILED, "Terjadi gangguan pada server fasilitas kesehatan, "
                                           "silakan coba beberapa saat lagi"), status=500)

    @router.get("/auth")
    async def auth(request: Request) -> JSONResponse:
        """Token for the x-username / x-password registered with BPJS."""
        user = request.headers.get("x-username", "")
        password = request.headers.get("x-password", "")
        good = (hmac.compare_digest(user.encode(), cfg.username.value.encode())
                and hmac.compare_digest(password.encode(), cfg.password.value.encode()))
        if not good:
            log.warning("Mobile JKN /auth refused (wrong username or password)")
            return envelope(Answer(FAILED, "Username atau password tidak sesuai"))
        token, exp = signer.issue(clock())
        return envelope(Answer(OK, "Ok", {"token": token, "expired": exp}))

    @router.get("/antrean/status/{kodepoli}/{tanggalperiksa}")
    async def status(kodepoli: str, tanggalperiksa: str, request: Request) -> JSONResponse:
        return await guarded(request, lambda: service.status(kodepoli, tanggalperiksa))

    @router.post("/antrean")
    async def book(request: Request) -> JSONResponse:
        body = await _json_body(request)
        return await guarded(request, lambda: service.book(body))

    @router.get("/antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa}")
    async def remaining(nomorkartu: str, kodepoli: str, tanggalperiksa: str,
                        request: Request) -> JSONResponse:
        return await guarded(request,
                             lambda: service.remaining(nomorkartu, kodepoli, tanggalperiksa))

    @router.put("/antrean/batal")
    async def cancel(request: Request) -> JSONResponse:
        body = await _json_body(request)
        return await guarded(request, lambda: service.cancel(body))

    @router.post("/peserta")
    async def register(request: Request) -> JSONResponse:
        body = await _json_body(request)
        return await guarded(request, lambda: service.register(body))

    return router
