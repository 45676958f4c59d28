"""HTTP client for the sync protocol (httpx). Turns every failure into a typed KioskError.

ServerUnreachable: nothing usable came back (refused, timeout, reset, 5xx): try again later.
ServerProtocolError: the server answered something we cannot accept (garbage, wrong protocol,
token refused, a 4xx): also retried, but it needs a person, so the message says what to fix.
"""

from __future__ import annotations

import json
import logging
import ssl
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from kiosk.errors import ServerProtocolError, ServerUnreachable
from kiosk.sync.identity_wire import ParticipantLookup, ResolveRequest, ResolveResponse
from kiosk.sync.protocol import (
    PROTOCOL_VERSION,
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

R = TypeVar("R", bound=Msg)


class SyncClient:
    """One kiosk's connection to the central server (keep-alive; not thread-safe)."""

    def __init__(self, base_url: str, token: str, timeout_s: float = 5.0,
                 ca_file: Path | None = None) -> None:
        """``ca_file``: trust this CA (a facility's own) instead of the system store. TLS is
        always verified."""
        self.base_url = base_url.rstrip("/")
        verify: ssl.SSLContext | bool = True
        if ca_file is not None:
            try:
                verify = ssl.create_default_context(cafile=str(ca_file))
            except (OSError, ssl.SSLError) as exc:
                raise ServerProtocolError(f"cannot use CA file {ca_file}: {exc}") from exc
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(timeout_s),
            verify=verify,
        )
        self.bytes_sent = 0
        self.bytes_received = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push(self, req: PushRequest) -> PushResponse:
        return self._post("/v1/sync/push", req, PushResponse)

    def pull(self, req: PullRequest) -> PullResponse:
        return self._post("/v1/sync/pull", req, PullResponse)

    def heartbeat(self, req: HeartbeatRequest) -> HeartbeatResponse:
        return self._post("/v1/sync/heartbeat", req, HeartbeatResponse)

    def number(self, req: NumberRequest) -> NumberResponse:
        return self._post("/v1/sync/number", req, NumberResponse)

    def lease(self, req: LeaseRequest) -> LeaseResponse:
        return self._post("/v1/sync/lease", req, LeaseResponse)

    def resolve_token(self, token: str, timeout_s: float) -> ResolveResponse:
        """Ask the server's IKD verifier for the NIK behind an opaque token."""
        try:
            req = ResolveRequest(protocol=PROTOCOL_VERSION, token=token)
        except ValidationError as exc:
            raise ServerProtocolError(f"this token cannot be sent for verification: "
                                      f"{exc.errors()[0]['msg']}") from exc
        return self._post("/v1/identity/resolve", req, ResolveResponse, timeout_s)

    def lookup_participant(self, *, nik: str | None = None, noka: str | None = None,
                           timeout_s: float) -> ParticipantLookup | None:
        """The participant's roster records as the server has them now; None = unknown there."""
        if (nik is None) == (noka is None):
            raise ValueError("give exactly one of nik or noka")
        params = {"nik": nik} if nik is not None else {"noka": str(noka)}
        path = "/v1/participants/lookup"
        resp = self._send("GET", path, None, timeout_s, params)
        if resp.status_code == 404 and _error_code(resp) == "not_found":
            return None
        return self._parse(path, resp, ParticipantLookup)

    def _post(self, path: str, req: BaseModel, model: type[R],
              timeout_s: float | None = None) -> R:
        body = req.model_dump_json().encode("utf-8")
        return self._parse(path, self._send("POST", path, body, timeout_s), model)

    def _send(self, method: str, path: str, body: bytes | None, timeout_s: float | None,
              params: dict[str, str] | None = None) -> httpx.Response:
        timeout = httpx.Timeout(timeout_s) if timeout_s is not None else httpx.USE_CLIENT_DEFAULT
        headers = {"Content-Type": "application/json"} if body is not None else None
        try:
            resp = self._http.request(method, path, content=body, params=params,
                                      headers=headers, timeout=timeout)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(f"{self.base_url}{path}: timed out ({exc})") from exc
        except httpx.TransportError as exc:
            raise ServerUnreachable(f"{self.base_url}{path}: {exc or type(exc).__name__}") from exc
        self.bytes_sent += len(body or b"")
        self.bytes_received += len(resp.content)
        return resp

    def _parse(self, path: str, resp: httpx.Response, model: type[R]) -> R:
        if resp.status_code >= 500:
            raise ServerUnreachable(f"{self.base_url}{path}: server error {resp.status_code}")
        if resp.status_code >= 400:
            raise ServerProtocolError(f"{path}: {resp.status_code} {_error_text(resp)}")
        try:
            obj: Any = resp.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ServerProtocolError(
                f"{path}: answer is not JSON ({resp.content[:60]!r}...)") from exc
        if not isinstance(obj, dict) or obj.get("protocol") != PROTOCOL_VERSION:
            got = obj.get("protocol") if isinstance(obj, dict) else None
            raise ServerProtocolError(
                f"{path}: server speaks sync protocol {got!r}, this kiosk {PROTOCOL_VERSION}")
        try:
            return model.model_validate(obj)
        except ValidationError as exc:
            raise ServerProtocolError(f"{path}: unexpected answer: {exc.errors()[:2]}") from exc


def _error_code(resp: httpx.Response) -> str | None:
    try:
        obj = resp.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return str(obj.get("error")) if isinstance(obj, dict) else None


def _error_text(resp: httpx.Response) -> str:
    try:
        obj = resp.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return resp.text[:200]
    if isinstance(obj, dict) and "detail" in obj:
        return f"{obj.get('error', '')}: {obj['detail']}"
    return resp.text[:200]
