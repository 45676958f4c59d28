"""The HTTP API (FastAPI): kiosk sync endpoints, admin endpoints, /health.

Nothing but ``/health`` answers without a bearer token. Every error is JSON
``{"protocol", "error", "detail"}`` with a 4xx status and a message a technician can act on;
bodies over ``max_body_bytes`` are refused with 413 before they are read into memory.
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk import __version__
from kiosk.server import importer, service
from kiosk.server.auth import AuthError, Principal, require_admin, require_kiosk
from kiosk.server.db import Database
from kiosk.sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    HealthResponse,
    HeartbeatRequest,
    HeartbeatResponse,
    LeaseRequest,
    LeaseResponse,
    Msg,
    NumberRequest,
    NumberResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerSettings:
    max_body_bytes: int = 4 * 1024 * 1024


@dataclass
class ServerContext:
    """What every route can reach: ``request.app.state.ctx``."""

    db: Database
    settings: ServerSettings = field(default_factory=ServerSettings)
    background: list[Callable[[threading.Event], None]] = field(default_factory=list)


def _error(status: int, error: str, detail: str) -> JSONResponse:
    body = ErrorBody(protocol=PROTOCOL_VERSION, error=error, detail=detail)
    return JSONResponse(body.model_dump(), status_code=status,
                        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})


_HEADER_KEY = PROTOCOL_HEADER.lower().encode("latin-1")
_HEADER_VALUE = str(PROTOCOL_VERSION).encode("latin-1")


class BodyLimit:
    """ASGI middleware: 413 for bodies over the limit, by Content-Length or while streaming;
    and the protocol version header on every answer (plain ASGI: no per-request task group)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _error(400, "invalid_request", "bad Content-Length")(scope, receive,
                                                                               send)
                    return
                if declared > self.limit:
                    await self._too_big(scope, receive, send)
                    return
        seen = 0
        over = False
        replied = False

        async def limited() -> Message:
            # Past the limit the app sees the body end there (and fails to parse it); its answer
            # is replaced by the 413 below, so nothing past the limit is ever held in memory.
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded(message: Message) -> None:
            nonlocal replied
            if not over:
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    if not any(k.lower() == _HEADER_KEY for k, _ in headers):
                        headers.append((_HEADER_KEY, _HEADER_VALUE))
                    message = {**message, "headers": headers}
                await send(message)
            elif not replied:
                replied = True
                await self._too_big(scope, receive, send)

        await self.app(scope, limited, guarded)

    async def _too_big(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _error(413, "body_too_large",
                     f"request body over {self.limit} bytes; send smaller batches")(
            scope, receive, send)


def _check_protocol(msg: Msg) -> None:
    if msg.protocol != PROTOCOL_VERSION:
        raise service.BadRequest(
            "protocol_mismatch",
            f"this server speaks sync protocol {PROTOCOL_VERSION}, the request says "
            f"{msg.protocol}; update the kiosk or the server so they match",
        )


def _check_kiosk(principal: Principal, kiosk_id: str) -> None:
    if principal.subject != kiosk_id:
        raise AuthError(403, f"this token belongs to kiosk {principal.subject!r}, "
                             f"not {kiosk_id!r}")


KioskDep = Annotated[Principal, Depends(require_kiosk)]
AdminDep = Annotated[Principal, Depends(require_admin)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 413, 422)
}


def sync_router() -> APIRouter:
    r = APIRouter(prefix="/v1/sync", tags=["sync"], responses=_ERRORS)

    @r.post("/push", response_model=PushResponse)
    def push(req: PushRequest, request: Request, who: KioskDep) -> PushResponse:
        """Store outbox events once each; answer per event and with ``acked_through``."""
        _check_protocol(req)
        _check_kiosk(who, req.kiosk_id)
        return service.push(request.app.state.ctx.db, who.subject, req)

    @r.post("/pull", response_model=PullResponse)
    def pull(req: PullRequest, request: Request, who: KioskDep) -> PullResponse:
        """One page of the change feed after ``cursor``."""
        _check_protocol(req)
        _check_kiosk(who, req.kiosk_id)
        return service.pull(request.app.state.ctx.db, who.subject, req)

    @r.post("/heartbeat", response_model=HeartbeatResponse)
    def heartbeat(req: HeartbeatRequest, request: Request, who: KioskDep) -> HeartbeatResponse:
        _check_protocol(req)
        _check_kiosk(who, req.kiosk_id)
        return service.heartbeat(request.app.state.ctx.db, who.subject, req)

    @r.post("/number", response_model=NumberResponse)
    def number(req: NumberRequest, request: Request, who: KioskDep) -> NumberResponse:
        """The next queue number for a poli today (online issuing)."""
        _check_protocol(req)
        _check_kiosk(who, req.kiosk_id)
        return service.next_number(request.app.state.ctx.db, req)

    @r.post("/lease", response_model=LeaseResponse)
    def lease(req: LeaseRequest, request: Request, who: KioskDep) -> LeaseResponse:
        """A block of numbers this kiosk may issue while offline."""
        _check_protocol(req)
        _check_kiosk(who, req.kiosk_id)
        return service.lease(request.app.state.ctx.db, who.subject, req)

    return r


def admin_router() -> APIRouter:
    r = APIRouter(prefix="/v1/admin", tags=["admin"], responses=_ERRORS)

    @r.get("/status")
    def status(request: Request, who: AdminDep) -> dict[str, Any]:
        """Sync state per kiosk."""
        return {"protocol": PROTOCOL_VERSION,
                "kiosks": service.sync_state(request.app.state.ctx.db)}

    @r.get("/alarms")
    def alarms(request: Request, who: AdminDep) -> dict[str, Any]:
        """Integrity alarms: event ids offered again with different content."""
        return {"protocol": PROTOCOL_VERSION, "alarms": service.alarms(request.app.state.ctx.db)}

    @r.post("/import")
    def import_reference(
        request: Request, who: AdminDep,
        document: Annotated[dict[str, Any], Body(description="reference data, see importer")],
    ) -> dict[str, Any]:
        """Import polis, doctors, schedules, holidays, participants, bookings (all or nothing)."""
        counts = importer.import_document(request.app.state.ctx.db, document)
        return {"protocol": PROTOCOL_VERSION, "imported": counts}

    return r


def _optional_routers(ctx: ServerContext) -> list[APIRouter]:
    found = []
    for name in ("kiosk.server.jkn.api", "kiosk.server.bpjs.api", "kiosk.server.identity"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue
            raise
        build = getattr(module, "build_router", None)
        if build is not None:
            found.append(build(ctx))
    return found


def create_app(ctx: ServerContext, extra_routers: Sequence[APIRouter] = (),
               discover: bool = True) -> FastAPI:
    app = FastAPI(
        title="Anjungan central server",
        version=__version__,
        description="Sync API for Anjungan kiosks and admin API for staff. Bearer tokens: "
                    "`kiosk-server token create KIOSK_ID` / `--admin NAME`.",
    )
    app.state.ctx = ctx

    @app.get("/health", response_model=HealthResponse, tags=["health"])
    def health() -> HealthResponse:
        """Liveness and database reachability; no token needed."""
        with ctx.db.transaction(readonly=True) as tx:
            tx.scalar("SELECT 1")
        return HealthResponse(status="ok", protocol=PROTOCOL_VERSION, version=__version__,
                              database=ctx.db.dialect.value)

    app.include_router(sync_router())
    app.include_router(admin_router())
    for router in (*(_optional_routers(ctx) if discover else []), *extra_routers):
        app.include_router(router)

    @app.exception_handler(AuthError)
    async def on_auth(request: Request, exc: AuthError) -> JSONResponse:
        return _error(exc.status, "unauthorized" if exc.status == 401 else "forbidden",
                      exc.detail)

    @app.exception_handler(service.BadRequest)
    async def on_bad(request: Request, exc: service.BadRequest) -> JSONResponse:
        return _error(exc.status, exc.error, exc.detail)

    @app.exception_handler(importer.ImportProblem)
    async def on_import(request: Request, exc: importer.ImportProblem) -> JSONResponse:
        return _error(422, "invalid_document", str(exc))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", _describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, "http_error", str(exc.detail))

    app.add_middleware(BodyLimit, limit=ctx.settings.max_body_bytes)
    return app


def _describe(errors: Sequence[Any]) -> str:
    """Pydantic's error list as one readable line: 'body.events.0.seq: must be >= 1; ...'."""
    parts = []
    for err in list(errors)[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()))
        msg = err.get("msg", "invalid")
        if err.get("type") == "json_invalid":
            msg = "body is not valid JSON"
        parts.append(f"{loc}: {msg}" if loc else str(msg))
    more = len(errors) - 5
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "") if parts else json.dumps(
        "invalid request")
