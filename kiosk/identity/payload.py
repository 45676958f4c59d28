"""What a scanned or typed payload is: a NIK, a JKN card number, an opaque token, or other.

Rules (DESIGN.md section 3):
- a bare 16-digit number is a NIK, a bare 13-digit number a card number (spaces, dots and dashes
  between digit groups are allowed, as people and some cards print them);
- inside a structured payload (URL query, ``key=value`` list, JSON) a number is taken only from a
  field whose *name* says what it is (``nik``, ``noKartu``...), and only when there is exactly one
  distinct value of that kind; otherwise nothing is extracted. A 13-digit field called ``ts``
  is a millisecond timestamp, not a card;
- a compact machine token (the rotating IKD QR, which only Dukcapil can verify) is an
  OPAQUE_TOKEN: never mined for digits, passed to the server's verifier when online;
- everything else is OTHER, with a reason.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from kiosk.identity.nik import NIK_LEN, NOKA_LEN, is_ascii_digits

MAX_PAYLOAD_CHARS = 4096  # a QR holds at most ~3 KB; anything longer is not a card


class PayloadKind(enum.Enum):
    NIK = "nik"
    NOKA = "noka"
    OPAQUE_TOKEN = "opaque_token"
    OTHER = "other"


class OtherReason(enum.Enum):
    EMPTY = "empty"
    NOT_TEXT = "not_text"
    TOO_LONG = "too_long"
    WRONG_LENGTH_NUMBER = "wrong_length_number"
    AMBIGUOUS = "ambiguous"
    UNRECOGNISED = "unrecognised"


@dataclass(frozen=True)
class Classified:
    """``value`` is the NIK or card number for NIK/NOKA; a payload carrying both exposes both."""

    kind: PayloadKind
    value: str | None
    nik: str | None = None
    noka: str | None = None
    reason: OtherReason | None = None


_NIK_KEYS = frozenset({"nik", "noktp", "nomorktp", "ktp", "nomorindukkependudukan", "niknumber"})
_NOKA_KEYS = frozenset(
    {
        "noka",
        "nokartu",
        "nomorkartu",
        "nokartujkn",
        "nokartubpjs",
        "nomorkartujkn",
        "nomorkartubpjs",
        "nokapst",
        "nokartupeserta",
        "nopeserta",
        "nomorpeserta",
        "nobpjs",
        "nomorbpjs",
        "nojkn",
        "nomorjkn",
        "cardno",
        "cardnumber",
    }
)
_GROUPED_DIGITS = re.compile(r"\d+(?:[ .\-]\d+)*")
_SEPARATORS = re.compile(r"[ .\-]")
_TOKEN = re.compile(r"[A-Za-z0-9+/=_\-.:~]{24,}")
_TOKEN_HOSTS = ("dukcapil", "kemendagri", "ikd.")
_KV_SPLIT = re.compile(r"[&;|\n\r,]+")


def _norm_key(key: str) -> str:
    return re.sub(r"[^a-z]", "", key.lower())


def _as_text(payload: str | bytes) -> str | None:
    if isinstance(payload, str):
        return payload
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _json_fields(obj: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _json_fields(v, str(k))
    elif isinstance(obj, list):
        for item in obj:
            yield from _json_fields(item, key)
    elif isinstance(obj, str | int) and not isinstance(obj, bool) and key:
        yield key, str(obj)


def _fields(text: str) -> list[tuple[str, str]]:
    """Named fields of a structured payload (JSON, URL query/fragment, key=value list)."""
    stripped = text.strip()
    if stripped[:1] in "{[":
        try:
            return list(_json_fields(json.loads(stripped)))
        except (ValueError, RecursionError):
            return []
    fields: list[tuple[str, str]] = []
    if "://" in stripped:
        try:
            parts = urlsplit(stripped)
        except ValueError:
            return []
        for chunk in (parts.query, parts.fragment):
            fields.extend(parse_qsl(chunk, keep_blank_values=True))
        return fields
    for chunk in _KV_SPLIT.split(stripped):
        key, sep, value = chunk.partition("=")
        if not sep:
            key, sep, value = chunk.partition(":")
        if sep:
            fields.append((key.strip(), value.strip().strip("\"'")))
    return fields


def _is_token(text: str) -> bool:
    if "://" in text:
        try:
            host = (urlsplit(text).hostname or "").lower()
        except ValueError:
            return False
        return any(h in host for h in _TOKEN_HOSTS)
    return _TOKEN.fullmatch(text) is not None and not is_ascii_digits(text)


def classify(payload: str | bytes) -> Classified:
    """Decide what a payload is. Pure, and never raises."""
    text = _as_text(payload)
    if text is None:
        return Classified(PayloadKind.OTHER, None, reason=OtherReason.NOT_TEXT)
    text = text.strip()
    if not text:
        return Classified(PayloadKind.OTHER, None, reason=OtherReason.EMPTY)
    if len(text) > MAX_PAYLOAD_CHARS:
        return Classified(PayloadKind.OTHER, None, reason=OtherReason.TOO_LONG)

    if text.isascii() and _GROUPED_DIGITS.fullmatch(text):
        digits = _SEPARATORS.sub("", text)
        if len(digits) == NIK_LEN:
            return Classified(PayloadKind.NIK, digits, nik=digits)
        if len(digits) == NOKA_LEN:
            return Classified(PayloadKind.NOKA, digits, noka=digits)
        return Classified(PayloadKind.OTHER, None, reason=OtherReason.WRONG_LENGTH_NUMBER)

    niks: set[str] = set()
    nokas: set[str] = set()
    for key, value in _fields(text):
        name = _norm_key(key)
        value = value.strip()
        if value.isascii() and _GROUPED_DIGITS.fullmatch(value):
            value = _SEPARATORS.sub("", value)  # "3171 0145 0890 0001" as printed on a card
        if not is_ascii_digits(value):
            continue
        if name in _NIK_KEYS and len(value) == NIK_LEN:
            niks.add(value)
        elif name in _NOKA_KEYS and len(value) == NOKA_LEN:
            nokas.add(value)
    if len(niks) > 1 or len(nokas) > 1:
        return Classified(PayloadKind.OTHER, None, reason=OtherReason.AMBIGUOUS)
    nik = next(iter(niks), None)
    noka = next(iter(nokas), None)
    if noka is not None:
        return Classified(PayloadKind.NOKA, noka, nik=nik, noka=noka)
    if nik is not None:
        return Classified(PayloadKind.NIK, nik, nik=nik)
    if _is_token(text):
        return Classified(PayloadKind.OPAQUE_TOKEN, None)
    return Classified(PayloadKind.OTHER, None, reason=OtherReason.UNRECOGNISED)


class TokenAction(enum.Enum):
    VERIFY_WITH_SERVER = "verify_with_server"
    ASK_TYPED_NIK = "ask_typed_nik"


def token_action(online: bool) -> TokenAction:
    """An opaque token can only be checked by Dukcapil through the central server; offline, the
    kiosk cannot tell a valid token from a stale screenshot, so the patient types the NIK."""
    return TokenAction.VERIFY_WITH_SERVER if online else TokenAction.ASK_TYPED_NIK
