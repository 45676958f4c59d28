"""The pure timing classifier behind the keyboard-wedge scanner filter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.wedge import WedgeClassifier, WedgeVerdict


def _feed(text: str, gap_ms: float, enter_gap_ms: float | None = None) -> tuple[WedgeVerdict, str]:
    w = WedgeClassifier()
    t = 1000.0
    released = ""
    for ch in text:
        verdict, out = w.key(ch, t)
        released += out
        t += gap_ms
    verdict, out = w.enter(t - gap_ms + (enter_gap_ms if enter_gap_ms is not None else gap_ms))
    return verdict, released + out


def test_fast_burst_with_enter_is_a_scan() -> None:
    assert _feed("3171014508900001", 4.0) == (WedgeVerdict.SCAN, "3171014508900001")
    assert _feed("0001234567890", 12.0) == (WedgeVerdict.SCAN, "0001234567890")


def test_human_typing_is_not_a_scan_and_loses_no_key() -> None:
    verdict, text = _feed("3171014508900001", 180.0)
    assert verdict is WedgeVerdict.HUMAN and text == "3171014508900001"


def test_short_fast_burst_is_not_a_scan() -> None:
    assert _feed("1234", 3.0)[0] is WedgeVerdict.HUMAN


def test_slow_enter_after_a_fast_burst_is_a_person() -> None:
    assert _feed("3171014508900001", 3.0, enter_gap_ms=400.0)[0] is WedgeVerdict.HUMAN


def test_timeout_releases_held_keys() -> None:
    w = WedgeClassifier()
    assert w.key("7", 0.0) == (WedgeVerdict.PENDING, "")
    assert w.timeout(10.0) == (WedgeVerdict.PENDING, "")
    assert w.timeout(100.0) == (WedgeVerdict.HUMAN, "7")
    assert w.held == ""


@given(st.lists(st.tuples(st.characters(), st.floats(0, 500)), max_size=40), st.floats(0, 500))
def test_every_key_comes_out_exactly_once(keys: list[tuple[str, float]], enter_gap: float) -> None:
    w = WedgeClassifier()
    t = 0.0
    out = ""
    for ch, gap in keys:
        t += gap
        out += w.key(ch, t)[1]
    verdict, rest = w.enter(t + enter_gap)
    assert out + rest == "".join(ch for ch, _ in keys)
    if verdict is WedgeVerdict.SCAN:
        assert len(rest) >= w.min_chars
