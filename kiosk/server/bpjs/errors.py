"""Typed BPJS failures, so the outbox can tell "try again later" from "BPJS said no".

They subclass the shared ``ServerUnreachable`` / ``ServerProtocolError`` so anything that already
shows those to staff shows these too. ``retryable`` is what the outbox reads.
"""

from __future__ import annotations

import re

from kiosk.errors import ServerProtocolError, ServerUnreachable


class BpjsUnavailable(ServerUnreachable):
    """No usable answer: timeout, refused connection, TLS failure, HTTP 5xx. Retry later."""

    retryable = True


class BpjsProtocolError(ServerProtocolError):
    """BPJS answered something we cannot read (not JSON, no metadata). Retried: gateways glitch."""

    retryable = True


class BpjsDecryptError(BpjsProtocolError):
    """The ``response`` field does not decrypt/decompress with our key and timestamp."""


class BpjsRejected(ServerProtocolError):
    """BPJS read the request and refused it: ``bpjs_code`` and ``message`` come from its metadata
    (``code`` stays the shared ``ErrorCode`` every KioskError carries)."""

    retryable = False

    def __init__(self, code: str, message: str, service: str = "") -> None:
        where = f"{service}: " if service else ""
        super().__init__(f"{where}BPJS code {code}: {message}")
        self.bpjs_code = code
        self.message = message


class BpjsAuthRejected(BpjsRejected):
    """Signature, timestamp or credentials refused. A configuration problem: retried (so nothing
    is dropped) until staff fix the credentials or the server clock."""

    retryable = True


class BpjsAlreadyExists(BpjsRejected):
    """BPJS already has this record: for the outbox that means delivered."""


class BpjsNotFound(BpjsRejected):
    """No such participant / no data for the query."""


SUCCESS_CODES = frozenset({"1", "200"})  # Antrean FKTP uses 1, PCare/VClaim use 200
_AUTH_CODES = frozenset({"401", "403"})
_NOT_FOUND_CODES = frozenset({"204", "404"})
_ALREADY_CODES = frozenset({"208"})
_ALREADY_RE = re.compile(
    r"sudah\s+(ada|terdaftar|dibatalkan|dipanggil|pernah)|already|duplika", re.IGNORECASE
)


def classify(code: str, message: str, service: str = "") -> BpjsRejected | None:
    """None for success; otherwise the typed rejection for a metadata code + message."""
    if code in SUCCESS_CODES:
        return None
    if code in _AUTH_CODES:
        return BpjsAuthRejected(code, message, service)
    if code in _ALREADY_CODES or _ALREADY_RE.search(message):
        return BpjsAlreadyExists(code, message, service)
    if code in _NOT_FOUND_CODES:
        return BpjsNotFound(code, message, service)
    return BpjsRejected(code, message, service)
