"""PIN login on a real store file: hashing, per-staff PINs, lockout that grows, auto-logout."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.staff import pins
from kiosk.staff.audit import AuditAction, entries
from kiosk.staff.pins import (
    MAX_ATTEMPTS,
    LockedOut,
    Lockout,
    LoggedIn,
    NoPinSet,
    PinBook,
    PinRejected,
    WrongPin,
)
from kiosk.store import Store
from tests.staff.staff_support import OPEN


def test_hash_is_salted_and_checks() -> None:
    a, b = pins.hash_pin("482913"), pins.hash_pin("482913")
    assert a != b and "482913" not in a
    assert pins.pin_matches("482913", a) and pins.pin_matches("482913", b)
    assert not pins.pin_matches("482914", a)
    assert not pins.pin_matches("482913", "garbage")


@pytest.mark.parametrize("bad", ["", "12a4", "123", "1" * 13, "0000", "1234", "987654",
                                 "１２３４５６"])
def test_weak_or_malformed_pins_are_refused_with_a_reason(store: Store, bad: str) -> None:
    with pytest.raises(PinRejected) as err:
        PinBook(store).set_pin("siti", bad, OPEN)
    assert str(err.value)
    assert not PinBook(store).has_any()


def test_no_pin_set_says_so(store: Store) -> None:
    assert PinBook(store).attempt("482913", OPEN) == NoPinSet()


def test_each_staff_has_their_own_pin_and_login_is_audited(store: Store) -> None:
    book = PinBook(store)
    book.set_pin("siti", "482913", OPEN)
    book.set_pin("budi", "771204", OPEN)
    with pytest.raises(PinRejected, match="another staff"):
        book.set_pin("budi", "482913", OPEN)
    assert book.staff_ids() == ["budi", "siti"]
    assert book.attempt("771204", OPEN) == LoggedIn("budi")
    assert book.attempt("482913", OPEN) == LoggedIn("siti")
    logins = entries(store, action=AuditAction.LOGIN)
    assert [e.staff for e in logins] == ["siti", "budi"]
    # the PIN never reaches the store in clear
    assert not store.query("SELECT * FROM meta WHERE value LIKE '%482913%'")


def test_lockout_after_five_failures_and_doubling_periods(tmp_path: Path, store: Store) -> None:
    book = PinBook(store)
    book.set_pin("siti", "482913", OPEN)
    now = OPEN
    for i in range(MAX_ATTEMPTS - 1):
        assert book.attempt("000001", now) == WrongPin(MAX_ATTEMPTS - 1 - i)
    locked = book.attempt("000001", now)
    assert locked == LockedOut(timedelta(minutes=1))
    # even the right PIN is not checked while locked
    assert book.attempt("482913", now + timedelta(seconds=30)) == LockedOut(
        timedelta(seconds=30))
    # the lock survives a restart of the program
    store.close()
    again = Store.open(store.path)
    book = PinBook(again)
    assert isinstance(book.attempt("482913", now + timedelta(seconds=59)), LockedOut)
    now += timedelta(minutes=1)
    for _ in range(MAX_ATTEMPTS - 1):
        assert isinstance(book.attempt("999999", now), WrongPin)
    assert book.attempt("999999", now) == LockedOut(timedelta(minutes=2))
    now += timedelta(minutes=2)
    assert book.attempt("482913", now) == LoggedIn("siti")
    assert book.lockout() == Lockout()
    actions = [e.action for e in entries(again)]
    assert actions.count(AuditAction.LOCKED_OUT) == 2
    assert actions.count(AuditAction.LOGIN_FAILED) == 2 * (MAX_ATTEMPTS - 1)
    again.close()


def test_lock_periods_grow_and_are_capped() -> None:
    periods = [pins.lock_period(n * MAX_ATTEMPTS) for n in range(1, 12)]
    assert periods[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert periods == sorted(periods)
    assert periods[-1] == pins.MAX_LOCK
    assert pins.lock_period(MAX_ATTEMPTS - 1) == timedelta(0)


def test_a_clock_jumping_back_cannot_lock_for_longer_than_the_period() -> None:
    lock = pins.after_failure(Lockout(MAX_ATTEMPTS - 1), OPEN)
    assert pins.time_left(lock, OPEN - timedelta(days=3)) == timedelta(minutes=1)
    assert pins.time_left(lock, OPEN + timedelta(minutes=1)) == timedelta(0)


def test_auto_logout_decision() -> None:
    assert not pins.should_logout(100.0, 219.9, 120.0)
    assert pins.should_logout(100.0, 220.0, 120.0)
    assert pins.idle_left(100.0, 190.0, 120.0) == pytest.approx(30.0)
    assert pins.idle_left(100.0, 400.0, 120.0) == 0.0
