"""BPJS bridge settings: URLs and credentials, from a server config file or the environment.

Credentials never have defaults, are never logged (``Secret`` prints as ``***``) and belong in a
file only root and the server user can read (or in environment variables set by the service
manager). Environment variables win over the file, so a container can inject them:
``ANJUNGAN_BPJS_<KEY>`` for ``[bpjs]`` keys and ``ANJUNGAN_JKN_<KEY>`` for ``[jkn]`` keys.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config import read_toml
from kiosk.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Secret:
    """A credential that does not show itself in reprs, logs or tracebacks."""

    value: str = field(repr=False)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return "***" if self.value else ""

    def __repr__(self) -> str:
        return "Secret(***)" if self.value else "Secret('')"


@dataclass(frozen=True)
class BpjsSection:
    """Outgoing calls to BPJS (Antrean FKTP and PCare). Empty URL = that service is off."""

    antrean_url: str = ""  # e.g. https://apijkn.bpjs-kesehatan.go.id/antreanfktp/
    pcare_url: str = ""  # e.g. https://apijkn.bpjs-kesehatan.go.id/pcare-rest/
    cons_id: Secret = Secret("")
    secret: Secret = Secret("")
    user_key: Secret = Secret("")  # Antrean FKTP user_key
    pcare_user_key: Secret = Secret("")  # PCare user_key; empty = same as user_key
    pcare_user: Secret = Secret("")
    pcare_password: Secret = Secret("")
    pcare_app_code: str = "095"
    timeout_s: float = 15.0
    ca_bundle: str = ""  # extra CA file; empty = the system/certifi store. Never "no verify".
    retry_base_s: float = 5.0
    retry_cap_s: float = 600.0
    peserta_cache_h: float = 24.0  # a cached peserta answer is used without asking BPJS again
    poll_s: float = 10.0  # the outbox sender looks for new work at least this often

    @property
    def pcare_key(self) -> Secret:
        return self.pcare_user_key or self.user_key


@dataclass(frozen=True)
class JknSection:
    """The facility's own Antrean FKTP web service that Mobile JKN calls."""

    base_path: str = "/jkn"
    username: Secret = Secret("")  # x-username registered with BPJS
    password: Secret = Secret("")  # x-password registered with BPJS
    token_ttl_s: float = 3600.0
    max_days_ahead: int = 30  # bookings further ahead than this are refused
    timezone: str = "Asia/Jakarta"  # the facility's clock: what "today" means for bookings


@dataclass(frozen=True)
class BridgeConfig:
    bpjs: BpjsSection = field(default_factory=BpjsSection)
    jkn: JknSection = field(default_factory=JknSection)


_CHECKS: dict[str, tuple[Any, str]] = {
    "bpjs.antrean_url": (lambda v: v == "" or v.startswith("https://") or _loopback(v),
                         "must be an https:// URL (http only for 127.0.0.1 test servers)"),
    "bpjs.pcare_url": (lambda v: v == "" or v.startswith("https://") or _loopback(v),
                       "must be an https:// URL (http only for 127.0.0.1 test servers)"),
    "bpjs.timeout_s": (lambda v: 0 < v <= 120, "must be between 0 and 120 seconds"),
    "bpjs.retry_base_s": (lambda v: 0 < v <= 3600, "must be between 0 and 3600 seconds"),
    "bpjs.retry_cap_s": (lambda v: 1 <= v <= 86400, "must be between 1 and 86400 seconds"),
    "bpjs.peserta_cache_h": (lambda v: 0 <= v <= 24 * 30, "must be between 0 and 720 hours"),
    "bpjs.poll_s": (lambda v: 0.05 <= v <= 600, "must be between 0.05 and 600 seconds"),
    "jkn.base_path": (lambda v: v.startswith("/") and not v.endswith("/") and " " not in v,
                      'must start with "/" and not end with "/" (e.g. "/jkn")'),
    "jkn.token_ttl_s": (lambda v: 60 <= v <= 86400, "must be between 60 and 86400 seconds"),
    "jkn.max_days_ahead": (lambda v: 0 <= v <= 365, "must be between 0 and 365 days"),
    "jkn.timezone": (lambda v: _known_zone(v), 'must be a time zone name like "Asia/Jakarta"'),
}


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _loopback(url: str) -> bool:
    return url.startswith(("http://127.0.0.1:", "http://localhost:"))


def load_bridge_config(path: Path | None, environ: Mapping[str, str] | None = None) -> BridgeConfig:
    """``[bpjs]`` and ``[jkn]`` from the TOML file at ``path`` (other tables are ignored, so it
    can be the server's own config file), then ``ANJUNGAN_BPJS_*`` / ``ANJUNGAN_JKN_*``."""
    env = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    if path is not None:
        raw = read_toml(path)
        mode = path.stat().st_mode
        if mode & (stat.S_IRGRP | stat.S_IROTH) and _has_credentials(raw):
            log.warning("%s holds BPJS credentials but is readable by other users: chmod 600 it",
                        path)
    bpjs = _section(BpjsSection, "bpjs", raw.get("bpjs", {}), env)
    jkn = _section(JknSection, "jkn", raw.get("jkn", {}), env)
    _require_credentials(bpjs)
    return BridgeConfig(bpjs=bpjs, jkn=jkn)


def _require_credentials(bpjs: BpjsSection) -> None:
    """A configured service without its credentials would fail on every call: stop at start."""
    needed: list[str] = []
    if bpjs.antrean_url or bpjs.pcare_url:
        needed += ["cons_id", "secret"]
    if bpjs.antrean_url:
        needed.append("user_key")
    if bpjs.pcare_url:
        needed += ["pcare_user", "pcare_password"]
        if not bpjs.pcare_key:
            raise ConfigError("bpjs.pcare_user_key", "required when bpjs.pcare_url is set "
                              "(or set bpjs.user_key for both services)")
    for name in needed:
        if not getattr(bpjs, name):
            raise ConfigError(f"bpjs.{name}", "required when a BPJS service URL is set (config "
                              f"file or ANJUNGAN_BPJS_{name.upper()})")


def _has_credentials(raw: dict[str, Any]) -> bool:
    return any(
        isinstance(raw.get(sec), dict)
        and any(k in raw[sec] for k in ("secret", "password", "pcare_password", "user_key"))
        for sec in ("bpjs", "jkn")
    )


def _section(cls: type[Any], name: str, table: Any, env: Mapping[str, str]) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(name, "expected a table")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise ConfigError(f"{name}.{unknown[0]}",
                          f"unknown key (known keys here: {', '.join(sorted(known))})")
    kwargs: dict[str, Any] = {}
    for fname, f in known.items():
        key = f"{name}.{fname}"
        env_name = f"ANJUNGAN_{name.upper()}_{fname.upper()}"
        if env_name in env:
            value: Any = env[env_name]
        elif fname in table:
            value = table[fname]
        else:
            continue
        kwargs[fname] = _convert(f.type, value, key, from_env=env_name in env)
        check = _CHECKS.get(key)
        if check is not None and not check[0](kwargs[fname]):
            shown = "***" if isinstance(kwargs[fname], Secret) else repr(value)
            raise ConfigError(key, f"{check[1]}, got {shown}")
    return cls(**kwargs)


def _convert(hint: Any, value: Any, key: str, from_env: bool) -> Any:
    if hint in ("Secret", Secret):
        if not isinstance(value, str):
            raise ConfigError(key, "expected a string")
        return Secret(value.strip())
    if hint in ("str", str):
        if not isinstance(value, str):
            raise ConfigError(key, f"expected a string, got {value!r}")
        return value.strip()
    if hint in ("float", float, "int", int):
        want_int = hint in ("int", int)
        if from_env and isinstance(value, str):
            try:
                value = int(value) if want_int else float(value)
            except ValueError as exc:
                raise ConfigError(key, f"expected a number, got {value!r}") from exc
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(key, f"expected a number, got {value!r}")
        if want_int and not isinstance(value, int):
            raise ConfigError(key, f"expected an integer, got {value!r}")
        return int(value) if want_int else float(value)
    raise TypeError(f"bridge config type {hint!r} for {key} is not supported")
