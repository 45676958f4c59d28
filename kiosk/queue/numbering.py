"""Queue numbers: "A-012" labels, the reserved ranges, and lease blocks. Pure functions.

Numbers run per poli per day. So that nothing ever collides, each issuer draws from its own
range (DESIGN.md section 5):

* ``SERVER_RANGE`` 1-199: the central server, for counter tickets and kiosks while online;
* ``MOBILE_JKN_RANGE`` 200-299: online bookings made in Mobile JKN (the server allocates them);
* ``KIOSK_LEASE_RANGE`` 300-999: blocks leased to kiosks (e.g. 20 at a time) so each can keep
  issuing while the server is unreachable. A block belongs to exactly one kiosk; a kiosk
  issues from it in order. Leases are never given back, so allocation only moves forward.

Call order is arrival (with priority groups), never digit order, so the ranges do not matter
to patients. Both the server and the kiosk use these functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


class RangeExhausted(Exception):
    """Every number of a range has been handed out for this poli and day."""


@dataclass(frozen=True)
class NumberRange:
    first: int
    last: int

    def __post_init__(self) -> None:
        if not 1 <= self.first <= self.last:
            raise ValueError(f"bad number range {self.first}-{self.last}")

    def __contains__(self, n: object) -> bool:
        return isinstance(n, int) and self.first <= n <= self.last

    @property
    def size(self) -> int:
        return self.last - self.first + 1


SERVER_RANGE = NumberRange(1, 199)
MOBILE_JKN_RANGE = NumberRange(200, 299)
KIOSK_LEASE_RANGE = NumberRange(300, 999)

_LETTER_RE = re.compile(r"[A-Z]{1,2}")
_LABEL_RE = re.compile(r"([A-Z]{1,2})-?(\d{1,4})")


def check_letter(letter: str) -> str:
    if not _LETTER_RE.fullmatch(letter):
        raise ValueError(f"poli letter must be one or two capital letters, got {letter!r}")
    return letter


def format_number(letter: str, n: int) -> str:
    """``("A", 12)`` -> ``"A-012"``: at least three digits, so labels line up on the board."""
    check_letter(letter)
    if n < 1:
        raise ValueError(f"queue numbers start at 1, got {n}")
    return f"{letter}-{n:03d}"


def bpjs_number(letter: str, n: int) -> tuple[str, int]:
    """``nomorantrean`` / ``angkaantrean`` as Antrean FKTP sends them: ``("A-12", 12)``."""
    check_letter(letter)
    return f"{letter}-{n}", n


def parse_number(label: str) -> tuple[str, int]:
    """``"A-012"``, ``"A-12"`` or ``"a12"`` -> ``("A", 12)``; anything else is a ValueError."""
    m = _LABEL_RE.fullmatch(label.strip().upper())
    if m is None or int(m.group(2)) < 1:
        raise ValueError(f"not a queue number: {label!r} (expected e.g. A-012)")
    return m.group(1), int(m.group(2))


def next_in_range(rng: NumberRange, used: Iterable[int]) -> int:
    """The next number after the highest one already used inside ``rng``."""
    highest = max((n for n in used if n in rng), default=rng.first - 1)
    if highest >= rng.last:
        raise RangeExhausted(f"numbers {rng.first}-{rng.last} are all used")
    return highest + 1


def next_lease_block(
    rng: NumberRange, taken: Iterable[tuple[int, int]], size: int
) -> tuple[int, int]:
    """The next block ``(first, last)`` of at most ``size`` numbers above every block taken.

    ``taken`` are the blocks already leased for this poli and day (any range; only those
    inside ``rng`` matter). The last block of the range may be shorter than ``size``.
    """
    if size < 1:
        raise ValueError(f"lease size must be at least 1, got {size}")
    highest = rng.first - 1
    for first, last in taken:
        if first > last:
            raise ValueError(f"bad lease block {first}-{last}")
        if last >= rng.first and first <= rng.last:
            highest = max(highest, last)
    if highest >= rng.last:
        raise RangeExhausted(f"every block of {rng.first}-{rng.last} is leased")
    start = highest + 1
    return start, min(start + size - 1, rng.last)


def blocks_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
