"""HTTP client for BPJS web services: Antrean FKTP (the facility reports its queue) and PCare
(participant lookups).

One timestamp per request signs it and keys the decryption of its answer. TLS is always
verified (an extra CA file may be added, verification may not be removed). Every failure is one of
the typed errors in ``errors.py``; credentials never appear in logs or error messages.
"""

from __future__ import annotations

import enum
import json
import logging
import ssl
import time
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import Any

import httpx

from kiosk.server.bpjs import crypto
from kiosk.server.bpjs.config import BpjsSection, Secret
from kiosk.server.bpjs.errors import (
    BpjsAuthRejected,
    BpjsProtocolError,
    BpjsUnavailable,
    classify,
)

log = logging.getLogger(__name__)


class Service(enum.Enum):
    ANTREAN = "antrean"
    PCARE = "pcare"


class BpjsClient:
    """Synchronous on purpose: it runs in the outbox worker thread and in FastAPI's threadpool."""

    def __init__(
        self,
        cfg: BpjsSection,
        *,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.cfg = cfg
        self._clock = clock
        verify: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=cfg.ca_bundle) if cfg.ca_bundle else True
        )
        self._http = httpx.Client(
            verify=verify,
            timeout=httpx.Timeout(cfg.timeout_s),
            transport=transport,
            headers={"Accept": "application/json"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> BpjsClient:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- Antrean FKTP --------------------------------------------------------------------
    def ref_poli(self, tanggal: date) -> list[dict[str, Any]]:
        """The facility's polis open on ``tanggal`` as BPJS knows them (HFIS)."""
        return _as_list(self.call(Service.ANTREAN, "GET", f"ref/poli/tanggal/{tanggal:%Y-%m-%d}"))

    def ref_dokter(self, kodepoli: str, tanggal: date) -> list[dict[str, Any]]:
        """Doctor schedules (kodedokter, namadokter, jampraktek, kapasitas) for one poli and day."""
        path = f"ref/dokter/kodepoli/{_segment(kodepoli)}/tanggal/{tanggal:%Y-%m-%d}"
        return _as_list(self.call(Service.ANTREAN, "GET", path))

    def antrean_add(self, payload: dict[str, Any]) -> Any:
        return self.call(Service.ANTREAN, "POST", "antrean/add", payload)

    def antrean_panggil(self, payload: dict[str, Any]) -> Any:
        return self.call(Service.ANTREAN, "POST", "antrean/panggil", payload)

    def antrean_batal(self, payload: dict[str, Any]) -> Any:
        return self.call(Service.ANTREAN, "POST", "antrean/batal", payload)

    # -- PCare ---------------------------------------------------------------------------
    def peserta_by_noka(self, noka: str) -> dict[str, Any]:
        return _as_dict(self.call(Service.PCARE, "GET", f"peserta/{_segment(noka)}"))

    def peserta_by_nik(self, nik: str) -> dict[str, Any]:
        return _as_dict(self.call(Service.PCARE, "GET", f"peserta/nik/{_segment(nik)}"))

    # -- the one place that talks HTTP ---------------------------------------------------
    def call(self, service: Service, method: str, path: str, body: Any = None) -> Any:
        """Sign, send, check the envelope, decrypt ``response``; returns the decoded payload."""
        base = self.cfg.antrean_url if service is Service.ANTREAN else self.cfg.pcare_url
        if not base:
            raise BpjsUnavailable(f"{service.value}: no URL configured for this BPJS service")
        op = f"{service.value} {method} {path.split('/')[0]}"
        timestamp = crypto.new_timestamp(self._clock())
        headers = self._headers(service, timestamp)
        content: bytes | None = None
        if body is not None:
            content = json.dumps(body, separators=(",", ":")).encode("utf-8")
            # PCare historically wants text/plain on writes; Antrean FKTP wants JSON.
            headers["Content-Type"] = (
                "application/json" if service is Service.ANTREAN else "text/plain"
            )
        url = base.rstrip("/") + "/" + path
        try:
            reply = self._http.request(method, url, headers=headers, content=content)
        except httpx.TimeoutException as exc:
            raise BpjsUnavailable(f"{op}: no answer within {self.cfg.timeout_s:g} s") from exc
        except httpx.TransportError as exc:
            raise BpjsUnavailable(f"{op}: cannot reach BPJS ({type(exc).__name__})") from exc
        log.debug("%s -> HTTP %d", op, reply.status_code)
        return self._unwrap(op, reply, timestamp)

    def _headers(self, service: Service, timestamp: str) -> dict[str, str]:
        cons_id, secret = self.cfg.cons_id.value, self.cfg.secret.value
        user_key: Secret = self.cfg.user_key if service is Service.ANTREAN else self.cfg.pcare_key
        headers = {
            "X-cons-id": cons_id,
            "X-timestamp": timestamp,
            "X-signature": crypto.signature(cons_id, secret, timestamp),
            "user_key": user_key.value,
        }
        if service is Service.PCARE:
            headers["X-authorization"] = crypto.pcare_authorization(
                self.cfg.pcare_user.value, self.cfg.pcare_password.value, self.cfg.pcare_app_code
            )
        return headers

    def _unwrap(self, op: str, reply: httpx.Response, timestamp: str) -> Any:
        status = reply.status_code
        if status >= 500:
            raise BpjsUnavailable(f"{op}: BPJS answered HTTP {status}")
        try:
            doc = reply.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if status in (401, 403):
                raise BpjsAuthRejected(str(status), "access refused", op) from exc
            raise BpjsProtocolError(f"{op}: HTTP {status} with a body that is not JSON") from exc
        meta = doc.get("metadata", doc.get("metaData")) if isinstance(doc, dict) else None
        if not isinstance(meta, dict) or "code" not in meta:
            raise BpjsProtocolError(f"{op}: HTTP {status} without metadata/metaData envelope")
        code, message = str(meta["code"]).strip(), str(meta.get("message", "")).strip()
        if status in (401, 403) and code not in ("401", "403"):
            raise BpjsAuthRejected(str(status), message or "access refused", op)
        rejection = classify(code, message, op)
        if rejection is not None:
            raise rejection
        payload = doc.get("response")
        if isinstance(payload, str) and payload:
            key = crypto.response_key(self.cfg.cons_id.value, self.cfg.secret.value, timestamp)
            text = crypto.decrypt_response(payload, key)
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return text
        return payload


def _segment(value: str) -> str:
    """A path segment we build from data: digits/letters only, so nothing can escape the path."""
    if not value or not value.replace("-", "").isalnum():
        raise ValueError(f"not a valid path segment: {value!r}")
    return value


def _as_list(payload: Any) -> list[dict[str, Any]]:
    # Antrean answers lists either bare or as {"list": [...]}.
    if isinstance(payload, dict) and isinstance(payload.get("list"), list):
        payload = payload["list"]
    if payload is None:
        return []
    if not isinstance(payload, list) or not all(isinstance(x, dict) for x in payload):
        raise BpjsProtocolError(f"expected a list of records, got {type(payload).__name__}")
    return payload


def _as_dict(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise BpjsProtocolError(f"expected a record, got {type(payload).__name__}")
    return payload
