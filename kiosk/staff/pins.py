"""Staff PINs: salted scrypt hashes in the store's meta table, lockout, auto-logout.

Each staff member has their own PIN, so a PIN identifies who is at the desk and the audit log can
name them; two staff may not share a PIN. Failed attempts are counted per kiosk (we cannot know
who is typing): every ``MAX_ATTEMPTS`` failures lock the keypad for a period that doubles each
time, up to ``MAX_LOCK``. The lockout is kept in the store so a restart does not reset it.

The rules are pure functions of the state and ``now`` (``after_failure``, ``time_left``,
``should_logout``); ``PinBook`` does the reading and writing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from kiosk.staff.audit import AuditAction, record
from kiosk.store import Store

log = logging.getLogger(__name__)

PIN_MIN_LEN = 4
PIN_MAX_LEN = 12
MAX_ATTEMPTS = 5
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)

# scrypt cost: about 16 MiB and a few tens of milliseconds per check on the kiosk's CPU.
_N, _R, _P = 2**14, 8, 1
_PIN_KEY = "staff.pin."
_LOCK_KEY = "staff.lockout"
_STAFF_RE = re.compile(r"[A-Za-z0-9._-]{1,40}")


class PinRejected(ValueError):
    """A new PIN or staff id that cannot be used; the message says why."""


# -- pure rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    failures: int = 0  # consecutive failed attempts since the last good PIN
    locked_until: datetime | None = None


def lock_period(failures: int) -> timedelta:
    """How long the keypad locks after ``failures`` consecutive failures (0 between locks)."""
    level = failures // MAX_ATTEMPTS
    if level == 0:
        return timedelta(0)
    period: timedelta = FIRST_LOCK * (1 << min(level - 1, 20))
    return min(period, MAX_LOCK)


def time_left(lock: Lockout, now: datetime) -> timedelta:
    """Time until the keypad unlocks. Never more than the lock's own period, so a clock that
    jumps backwards cannot lock the desk for days."""
    if lock.locked_until is None:
        return timedelta(0)
    left = lock.locked_until - now
    return max(timedelta(0), min(left, lock_period(lock.failures)))


def after_failure(lock: Lockout, now: datetime) -> Lockout:
    failures = lock.failures + 1
    if failures % MAX_ATTEMPTS == 0:
        return Lockout(failures, now + lock_period(failures))
    return replace(lock, failures=failures)


def attempts_left(lock: Lockout) -> int:
    """Attempts before the next lock."""
    return MAX_ATTEMPTS - lock.failures % MAX_ATTEMPTS


def should_logout(last_input: float, now: float, idle_s: float) -> bool:
    """Auto-logout after ``idle_s`` seconds without input (monotonic seconds)."""
    return now - last_input >= idle_s


def idle_left(last_input: float, now: float, idle_s: float) -> float:
    return max(0.0, idle_s - (now - last_input))


def check_new_pin(pin: str) -> str:
    if not pin.isascii() or not pin.isdigit():
        raise PinRejected("a PIN is digits only")
    if not PIN_MIN_LEN <= len(pin) <= PIN_MAX_LEN:
        raise PinRejected(f"a PIN has {PIN_MIN_LEN} to {PIN_MAX_LEN} digits, not {len(pin)}")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise PinRejected("a PIN must not be one repeated digit or a run like 1234")
    return pin


def check_staff_id(staff_id: str) -> str:
    if not _STAFF_RE.fullmatch(staff_id):
        raise PinRejected("a staff id is 1-40 letters, digits, '.', '_' or '-'")
    return staff_id


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(digest) // 2)
    except ValueError:
        log.error("a stored staff PIN hash is malformed; ignoring it")
        return False
    return hmac.compare_digest(got.hex(), digest)


# -- results of a login attempt ---------------------------------------------------------------


@dataclass(frozen=True)
class LoggedIn:
    staff_id: str


@dataclass(frozen=True)
class WrongPin:
    attempts_left: int


@dataclass(frozen=True)
class LockedOut:
    time_left: timedelta


@dataclass(frozen=True)
class NoPinSet:
    """No staff PIN exists yet: set one with ``kiosk-tool staff-set-pin``."""


LoginResult = LoggedIn | WrongPin | LockedOut | NoPinSet


# -- the store side ---------------------------------------------------------------------------


class PinBook:
    """Staff PINs and the lockout state, kept in the store's meta table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def staff_ids(self) -> list[str]:
        rows = self.store.query("SELECT key FROM meta WHERE key LIKE ? ORDER BY key",
                                (_PIN_KEY + "%",))
        return [str(r["key"])[len(_PIN_KEY):] for r in rows]

    def has_any(self) -> bool:
        return bool(self.staff_ids())

    def _hashes(self) -> dict[str, str]:
        rows = self.store.query("SELECT key, value FROM meta WHERE key LIKE ?", (_PIN_KEY + "%",))
        return {str(r["key"])[len(_PIN_KEY):]: str(r["value"]) for r in rows}

    def lockout(self) -> Lockout:
        raw = self.store.get_meta(_LOCK_KEY)
        if raw is None:
            return Lockout()
        data = json.loads(raw)
        until = data.get("locked_until")
        return Lockout(int(data["failures"]), datetime.fromisoformat(until) if until else None)

    def set_pin(self, staff_id: str, pin: str, now: datetime, by: str | None = None) -> None:
        """Create or change ``staff_id``'s PIN (audited; the PIN itself is never logged)."""
        check_staff_id(staff_id)
        check_new_pin(pin)
        for other, encoded in self._hashes().items():
            if other != staff_id and pin_matches(pin, encoded):
                raise PinRejected("another staff member already uses this PIN")
        encoded = hash_pin(pin)
        with self.store.transaction() as tx:
            self.store.set_meta(tx, _PIN_KEY + staff_id, encoded)
            record(tx, at=now, staff=by or staff_id, action=AuditAction.PIN_SET, subject=staff_id)
        log.info("staff PIN set for %s", staff_id)

    def attempt(self, pin: str, now: datetime) -> LoginResult:
        """Check a typed PIN; counts failures and locks the keypad as the rules say."""
        lock = self.lockout()
        left = time_left(lock, now)
        if left > timedelta(0):
            return LockedOut(left)
        hashes = self._hashes()
        if not hashes:
            return NoPinSet()
        who = next((s for s, h in hashes.items() if pin_matches(pin, h)), None)
        with self.store.transaction() as tx:
            if who is not None:
                self.store.set_meta(tx, _LOCK_KEY, _dump(Lockout()))
                record(tx, at=now, staff=who, action=AuditAction.LOGIN)
            else:
                lock = after_failure(lock, now)
                self.store.set_meta(tx, _LOCK_KEY, _dump(lock))
                locked = time_left(lock, now) > timedelta(0)
                record(tx, at=now, staff="?",
                       action=AuditAction.LOCKED_OUT if locked else AuditAction.LOGIN_FAILED,
                       detail={"failures": lock.failures})
        if who is not None:
            log.info("staff %s logged in", who)
            return LoggedIn(who)
        left = time_left(lock, now)
        if left > timedelta(0):
            log.warning("staff keypad locked for %s after %d failed PINs", left, lock.failures)
            return LockedOut(left)
        return WrongPin(attempts_left(lock))

    def logout(self, staff_id: str, now: datetime, idle: bool) -> None:
        with self.store.transaction() as tx:
            record(tx, at=now, staff=staff_id, action=AuditAction.LOGOUT,
                   detail={"idle": idle})
        log.info("staff %s logged out%s", staff_id, " (idle)" if idle else "")


def _dump(lock: Lockout) -> str:
    until = lock.locked_until.isoformat() if lock.locked_until else None
    return json.dumps({"failures": lock.failures, "locked_until": until})
