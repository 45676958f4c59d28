"""Tokens for Mobile JKN (``GET /auth`` -> ``x-token``): signed, with an expiry, no server state.

The signing key is derived from the configured x-password, so tokens survive a server restart,
work across worker processes, and all die at once when the password is changed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass


class TokenInvalid(Exception):
    """Unreadable, forged, for another user, or expired; the message says which."""


def _key(password: str) -> bytes:
    return hashlib.sha256(b"anjungan-jkn-token\x00" + password.encode("utf-8")).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TokenSigner:
    username: str
    password: str
    ttl_s: float

    def issue(self, now_s: float) -> tuple[str, int]:
        """A token and its expiry (Unix seconds)."""
        exp = int(now_s + self.ttl_s)
        body = _b64(json.dumps({"u": self.username, "exp": exp}, separators=(",", ":")).encode())
        mac = _b64(hmac.new(_key(self.password), body.encode(), hashlib.sha256).digest())
        return f"{body}.{mac}", exp

    def verify(self, token: str, username: str, now_s: float) -> None:
        body, sep, mac = token.strip().partition(".")
        if not sep or not body or not mac:
            raise TokenInvalid("Token tidak valid")
        good = _b64(hmac.new(_key(self.password), body.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(good, mac):
            raise TokenInvalid("Token tidak valid")
        try:
            claims = json.loads(_unb64(body))
            user, exp = str(claims["u"]), int(claims["exp"])
        except (ValueError, KeyError, TypeError):
            raise TokenInvalid("Token tidak valid") from None
        if not hmac.compare_digest(user.encode(), username.encode()):
            raise TokenInvalid("Token tidak sesuai dengan username")
        if now_s >= exp:
            raise TokenInvalid("Token sudah kedaluwarsa, silakan minta token baru")
