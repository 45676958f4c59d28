"""Identity on demand for kiosks: IKD token verification and participant lookup.

* ``POST /v1/identity/resolve`` (kiosk token): an opaque IKD token -> resolved (with the NIK),
  unverifiable or rejected. Dukcapil's IKD verification API is not public, so the verifier is a
  seam (``TokenVerifier``) with one adapter per deployment: ``NoVerifier`` (the default: always
  "unverifiable", the kiosk asks for the typed NIK) or ``HttpVerifier`` (POSTs the token to a
  verifier service the facility provides). A NIK is never guessed from a token.
* ``GET /v1/participants/lookup?nik=...|noka=...`` (kiosk token): the roster record with family
  and cached status, refreshed from PCare when configured (``kiosk.server.identity_lookup``).

Settings: ``[identity]`` in the server's config file (the file the BPJS bridge reads:
``$ANJUNGAN_BPJS_CONFIG``, else ``bpjs.toml`` in the data directory, else
``/etc/anjungan/bpjs.toml``), then ``ANJUNGAN_IDENTITY_<KEY>`` variables, which win.
The verifier credential is a ``Secret``: never logged, never in a repr; tokens and NIKs are not
logged either.
"""

from __future__ import annotations

import logging
import os
import ssl
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Protocol

import httpx
from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

from kiosk.errors import ConfigError, ConfigUnreadable
from kiosk.server.auth import Principal, require_kiosk
from kiosk.server.bpjs.bridge import bridge_for, config_path
from kiosk.server.bpjs.config import Secret
from kiosk.server.identity_lookup import LookupService
from kiosk.server.service import BadRequest
from kiosk.sync.identity_wire import (
    ParticipantLookup,
    ResolveRequest,
    ResolveResponse,
    TokenStatus,
)
from kiosk.sync.protocol import PROTOCOL_VERSION

log = logging.getLogger(__name__)

ENV_PREFIX = "ANJUNGAN_IDENTITY_"
_ATTR = "_identity"


@dataclass(frozen=True)
class Verdict:
    status: TokenStatus
    nik: str | None = None
    reason: str = ""


class TokenVerifier(Protocol):
    """One per deployment. Must never raise for a bad token or a broken service: say why in
    the verdict. Must never derive a NIK from the token itself."""

    def verify(self, token: str) -> Verdict: ...


class NoVerifier:
    """No verification service: every token is unverifiable (the kiosk asks for the NIK)."""

    def verify(self, token: str) -> Verdict:
        return Verdict(TokenStatus.UNVERIFIABLE,
                       reason="no IKD verifier is configured on this server")


class HttpVerifier:
    """A facility-provided verifier service.

    Request: ``POST <url>`` with ``{"token": "..."}`` and ``Authorization: Bearer <credential>``.
    Answer (HTTP 200): ``{"status": "resolved", "nik": "<16 digits>"}``, ``{"status":
    "rejected", "reason": "..."}`` or ``{"status": "unverifiable", "reason": "..."}``. Anything
    else (other HTTP codes, no answer in time, garbage, a NIK that is not 16 digits) is
    "unverifiable": the patient types the NIK, nothing is guessed.
    """

    def __init__(self, url: str, credential: Secret, timeout_s: float,
                 ca_file: str = "") -> None:
        self.url = url
        self.timeout_s = timeout_s
        verify: ssl.SSLContext | bool = True
        if ca_file:
            try:
                verify = ssl.create_default_context(cafile=ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise ConfigError("identity.verifier_ca_file", f"cannot use {ca_file}: {exc}"
                                  ) from exc
        headers = {"Authorization": f"Bearer {credential.value}"} if credential else {}
        self._http = httpx.Client(timeout=httpx.Timeout(timeout_s), verify=verify,
                                  headers=headers)

    def verify(self, token: str) -> Verdict:
        try:
            resp = self._http.post(self.url, json={"token": token})
        except httpx.TimeoutException:
            return self._unverifiable(
                f"the IKD verifier did not answer within {self.timeout_s:g} s")
        except httpx.HTTPError as exc:
            return self._unverifiable(f"the IKD verifier is unreachable ({type(exc).__name__})")
        if resp.status_code in (401, 403):
            return self._unverifiable(
                f"the IKD verifier refused our credential (HTTP {resp.status_code}); check "
                "identity.verifier_token")
        if resp.status_code != 200:
            return self._unverifiable(f"the IKD verifier answered HTTP {resp.status_code}")
        try:
            body: Any = resp.json()
            status = TokenStatus(body["status"])
            reason = str(body.get("reason") or "")[:300]
            nik = body.get("nik") if status is TokenStatus.RESOLVED else None
        except (ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError):
            return self._unverifiable("the IKD verifier's answer is not usable")
        if status is TokenStatus.RESOLVED:
            if not (isinstance(nik, str) and len(nik) == 16 and nik.isascii() and nik.isdigit()):
                return self._unverifiable("the IKD verifier resolved the token to no valid NIK")
            return Verdict(status, nik=nik)
        return Verdict(status, reason=reason or f"the IKD verifier says {status.value}")

    @staticmethod
    def _unverifiable(reason: str) -> Verdict:
        log.warning("IKD token not verified: %s", reason)
        return Verdict(TokenStatus.UNVERIFIABLE, reason=reason)

    def close(self) -> None:
        self._http.close()


# -- settings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentitySettings:
    verifier_url: str = ""  # empty: NoVerifier
    verifier_token: Secret = field(default_factory=lambda: Secret(""))
    verifier_timeout_s: float = 3.0  # below the kiosk's own wait (5 s)
    verifier_ca_file: str = ""  # extra CA for the verifier; TLS is always verified
    pcare_budget_s: float = 2.0  # how long a lookup waits for PCare before answering anyway


def _url_ok(v: str) -> bool:
    return v == "" or v.startswith("https://") or v.startswith(
        ("http://127.0.0.1:", "http://localhost:"))


_CHECKS: dict[str, tuple[Any, str]] = {
    "verifier_url": (_url_ok, "must be an https:// URL (http only for 127.0.0.1 test services)"),
    "verifier_timeout_s": (lambda v: 0 < v <= 30, "must be between 0 and 30 seconds"),
    "pcare_budget_s": (lambda v: 0 <= v <= 30, "must be between 0 and 30 seconds"),
}


def load_identity_settings(path: Path | None, environ: Mapping[str, str]) -> IdentitySettings:
    """``[identity]`` of the config file at ``path`` (other tables ignored), then the
    environment. A bad value stops the server at start, naming the key."""
    table: Any = {}
    if path is not None:
        try:
            with open(path, "rb") as fh:
                table = tomllib.load(fh).get("identity", {})
        except FileNotFoundError as exc:
            raise ConfigUnreadable(f"config file not found: {path}") from exc
        except OSError as exc:
            raise ConfigUnreadable(f"cannot read config file {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError("", f"{path} is not valid TOML: {exc}") from exc
    if not isinstance(table, dict):
        raise ConfigError("identity", "expected a table")
    known = IdentitySettings.__dataclass_fields__
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise ConfigError(f"identity.{unknown[0]}",
                          f"unknown key (known keys here: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    for name in known:
        env_name = ENV_PREFIX + name.upper()
        raw = environ[env_name] if env_name in environ else table.get(name)
        if raw is None:
            continue
        values[name] = _convert(name, raw)
    settings = IdentitySettings(**values)
    if settings.verifier_url and not settings.verifier_token:
        log.warning("identity.verifier_url is set without identity.verifier_token: the verifier"
                    " is called without a credential")
    return settings


def _convert(name: str, raw: Any) -> Any:
    key = f"identity.{name}"
    if name == "verifier_token":
        if not isinstance(raw, str):
            raise ConfigError(key, "expected a string")
        return Secret(raw.strip())
    if name.endswith("_s"):
        try:
            value: Any = float(raw) if isinstance(raw, str) else raw
        except ValueError:
            raise ConfigError(key, f"expected a number, got {raw!r}") from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(key, f"expected a number, got {raw!r}")
        value = float(value)
    elif isinstance(raw, str):
        value = raw.strip()
    else:
        raise ConfigError(key, f"expected a string, got {raw!r}")
    check = _CHECKS.get(name)
    if check is not None and not check[0](value):
        raise ConfigError(key, f"{check[1]}, got {value!r}")
    return value


def verifier_from_settings(settings: IdentitySettings) -> TokenVerifier:
    if not settings.verifier_url:
        return NoVerifier()
    return HttpVerifier(settings.verifier_url, settings.verifier_token,
                        settings.verifier_timeout_s, settings.verifier_ca_file)


# -- HTTP --------------------------------------------------------------------------------------


@dataclass
class Identity:
    settings: IdentitySettings
    verifier: TokenVerifier
    lookups: LookupService


def identity_for(ctx: Any) -> Identity:
    """The identity services of this server context, built once."""
    existing = getattr(ctx, _ATTR, None)
    if isinstance(existing, Identity):
        return existing
    settings = load_identity_settings(config_path(os.environ), os.environ)
    bridge = bridge_for(ctx)
    ident = Identity(settings, verifier_from_settings(settings),
                     LookupService(ctx.db, bridge.peserta, settings.pcare_budget_s))
    log.info("identity: IKD verifier %s, PCare refresh on lookup %s",
             "on" if settings.verifier_url else "off (NoVerifier)",
             "on" if bridge.peserta.client is not None else "off")
    setattr(ctx, _ATTR, ident)
    return ident


KioskDep = Annotated[Principal, Depends(require_kiosk)]


def _digits(name: str, value: str, length: int, what: str) -> str:
    if len(value) != length or not value.isascii() or not value.isdigit():
        raise BadRequest("invalid_request",
                         f"{name}: {what} has {length} digits, got {len(value)} characters"
                         + ("" if value.isascii() and value.isdigit() else " (not all digits)"))
    return value


def build_router(ctx: Any) -> APIRouter:
    identity_for(ctx)  # a bad [identity] setting stops the server at start
    r = APIRouter(tags=["identity"])

    @r.post("/v1/identity/resolve", response_model=ResolveResponse)
    def resolve(req: ResolveRequest, request: Request, who: KioskDep) -> ResolveResponse:
        """An IKD token to a NIK through the facility's verifier, or why not."""
        if req.protocol != PROTOCOL_VERSION:
            raise BadRequest("protocol_mismatch",
                             f"this server speaks protocol {PROTOCOL_VERSION}, the request says "
                             f"{req.protocol}")
        verdict = identity_for(request.app.state.ctx).verifier.verify(req.token)
        log.info("IKD token from %s (%d chars): %s", who.subject, len(req.token),
                 verdict.status.value)
        try:
            return ResolveResponse(protocol=PROTOCOL_VERSION, status=verdict.status,
                                   nik=verdict.nik, reason=verdict.reason[:500])
        except ValidationError:
            log.error("the IKD verifier adapter returned an inconsistent verdict")
            return ResolveResponse(protocol=PROTOCOL_VERSION, status=TokenStatus.UNVERIFIABLE,
                                   reason="the IKD verifier's answer is not usable")

    @r.get("/v1/participants/lookup", response_model=ParticipantLookup)
    def lookup(request: Request, who: KioskDep, nik: str | None = None,
               noka: str | None = None) -> ParticipantLookup:
        """The participant's roster record, family and cached status (PCare-refreshed)."""
        if (nik is None) == (noka is None):
            raise BadRequest("invalid_request", "give exactly one of ?nik= or ?noka=")
        service = identity_for(request.app.state.ctx).lookups
        if nik is not None:
            found = service.lookup(nik=_digits("nik", nik, 16, "a NIK"))
        else:
            found = service.lookup(noka=_digits("noka", str(noka), 13, "a JKN card number"))
        if isinstance(found, str):
            raise BadRequest("not_found", found, status=404)
        return found

    return r
