"""Numbers, labels, ranges and lease blocks (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.queue.numbering import (
    KIOSK_LEASE_RANGE,
    MOBILE_JKN_RANGE,
    SERVER_RANGE,
    NumberRange,
    RangeExhausted,
    blocks_overlap,
    bpjs_number,
    format_number,
    next_in_range,
    next_lease_block,
    parse_number,
)


def test_labels() -> None:
    assert format_number("A", 12) == "A-012"
    assert format_number("B", 1) == "B-001"
    assert format_number("KI", 1234) == "KI-1234"
    assert bpjs_number("A", 12) == ("A-12", 12)
    assert parse_number("A-012") == ("A", 12)
    assert parse_number(" a12 ") == ("A", 12)
    assert parse_number("A-12") == ("A", 12)


@pytest.mark.parametrize("bad", ["", "A-", "-12", "A-0", "12", "A--1", "ABC-1", "A-12345", "Á-1"])
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="not a queue number"):
        parse_number(bad)


@pytest.mark.parametrize(("letter", "n"), [("a", 1), ("", 1), ("A1", 1), ("ABC", 1), ("A", 0)])
def test_format_rejects(letter: str, n: int) -> None:
    with pytest.raises(ValueError):
        format_number(letter, n)


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=2),
       st.integers(1, 9999))
def test_label_round_trip(letter: str, n: int) -> None:
    assert parse_number(format_number(letter, n)) == (letter, n)
    assert parse_number(bpjs_number(letter, n)[0]) == (letter, n)


def test_ranges_are_disjoint_and_ordered() -> None:
    ranges = [SERVER_RANGE, MOBILE_JKN_RANGE, KIOSK_LEASE_RANGE]
    for a in ranges:
        for b in ranges:
            if a is not b:
                assert not blocks_overlap((a.first, a.last), (b.first, b.last))
    assert SERVER_RANGE.first == 1 and KIOSK_LEASE_RANGE.first == 300
    assert 299 in MOBILE_JKN_RANGE and 300 not in MOBILE_JKN_RANGE and "300" not in SERVER_RANGE
    with pytest.raises(ValueError):
        NumberRange(0, 5)
    with pytest.raises(ValueError):
        NumberRange(9, 5)


def test_next_in_range() -> None:
    r = NumberRange(1, 3)
    assert next_in_range(r, []) == 1
    assert next_in_range(r, [1, 250, 301]) == 2  # other ranges' numbers are ignored
    assert next_in_range(r, [2]) == 3  # never reuses a gap: numbers only move forward
    with pytest.raises(RangeExhausted):
        next_in_range(r, [3])


def test_lease_blocks() -> None:
    r = KIOSK_LEASE_RANGE
    assert next_lease_block(r, [], 20) == (300, 319)
    assert next_lease_block(r, [(300, 319)], 20) == (320, 339)
    assert next_lease_block(r, [(320, 339), (300, 319), (1, 50)], 5) == (340, 344)
    assert next_lease_block(r, [(300, 990)], 20) == (991, 999)  # the last block is short
    with pytest.raises(RangeExhausted):
        next_lease_block(r, [(980, 999)], 20)
    with pytest.raises(ValueError, match="lease size"):
        next_lease_block(r, [], 0)
    with pytest.raises(ValueError, match="bad lease block"):
        next_lease_block(r, [(10, 5)], 5)


@given(st.lists(st.integers(1, 40), min_size=1, max_size=60))
def test_successive_blocks_never_overlap(sizes: list[int]) -> None:
    r = NumberRange(300, 999)
    taken: list[tuple[int, int]] = []
    for size in sizes:
        try:
            block = next_lease_block(r, taken, size)
        except RangeExhausted:
            assert taken[-1][1] == r.last
            break
        assert r.first <= block[0] <= block[1] <= r.last
        assert block[1] - block[0] + 1 == min(size, r.last - block[0] + 1)
        assert not any(blocks_overlap(block, t) for t in taken)
        taken.append(block)
    covered = sum(b - a + 1 for a, b in taken)
    assert covered <= r.size
