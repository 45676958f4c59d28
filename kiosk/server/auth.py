"""Bearer tokens for kiosks and staff/admin: random secrets, stored only as sha256, revocable.

A kiosk token only reaches kiosk endpoints and an admin token only admin endpoints, so a stolen
kiosk cannot read the whole facility's sync state or import reference data.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass

from fastapi import Request

from kiosk.server.db import Database, Tx, utcnow_iso


class Role(enum.Enum):
    KIOSK = "kiosk"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    role: Role
    subject: str  # kiosk id, or the admin token's name


class AuthError(Exception):
    """401 (no or unknown/revoked token) or 403 (wrong kind of token)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(tx: Tx, role: Role, subject: str) -> str:
    """A new token (shown once; only its hash is kept). Registers the kiosk if new."""
    token = f"ak{'a' if role is Role.ADMIN else 'k'}_{secrets.token_urlsafe(32)}"
    now = utcnow_iso()
    tx.execute(
        "INSERT INTO tokens (role, subject, token_hash, created_at) VALUES (?, ?, ?, ?)",
        (role.value, subject, hash_token(token), now),
    )
    if role is Role.KIOSK:
        tx.execute(
            "INSERT INTO kiosks (kiosk_id, created_at) VALUES (?, ?)"
            " ON CONFLICT (kiosk_id) DO NOTHING",
            (subject, now),
        )
    return token


def revoke_tokens(tx: Tx, role: Role, subject: str) -> int:
    """Revoke every live token of this subject; returns how many."""
    return tx.execute(
        "UPDATE tokens SET revoked_at = ? WHERE role = ? AND subject = ? AND revoked_at IS NULL",
        (utcnow_iso(), role.value, subject),
    )


def authenticate(db: Database, header: str | None) -> Principal:
    if not header:
        raise AuthError(401, "missing Authorization header (expected: Bearer <token>)")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(401, "Authorization header must be 'Bearer <token>'")
    with db.transaction(readonly=True) as tx:
        row = tx.one(
            "SELECT role, subject, revoked_at FROM tokens WHERE token_hash = ?",
            (hash_token(token.strip()),),
        )
    if row is None:
        raise AuthError(401, "unknown token (not issued by this server)")
    if row["revoked_at"] is not None:
        raise AuthError(401, f"token revoked at {row['revoked_at']}; ask staff for a new one")
    return Principal(Role(row["role"]), row["subject"])


def _require(request: Request, role: Role) -> Principal:
    db: Database = request.app.state.ctx.db
    principal = authenticate(db, request.headers.get("authorization"))
    if principal.role is not role:
        raise AuthError(403, f"this endpoint needs a {role.value} token, "
                             f"not a {principal.role.value} token")
    return principal


def require_kiosk(request: Request) -> Principal:
    """FastAPI dependency: the calling kiosk."""
    return _require(request, Role.KIOSK)


def require_admin(request: Request) -> Principal:
    """FastAPI dependency: a staff/admin caller."""
    return _require(request, Role.ADMIN)
