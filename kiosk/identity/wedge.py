"""Tell a USB barcode scanner that "types" (keyboard wedge) from a person at the keypad.

A scanner emits a whole code in a burst, a few milliseconds per character, and ends it with
Enter; a person needs well over 50 ms per key, even on a hardware keyboard. The decision is a
pure function of (key, timestamp) events so it can be tested without Qt; the Qt event filter in
ui/widgets/scanner_input.py only feeds it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

MAX_GAP_MS = 35.0  # longest pause between two scanner characters (USB HID at 1-8 ms is typical)
MIN_CHARS = 8  # shorter bursts are not codes we accept (NIK 16, card 13)
MAX_CHARS = 512


class WedgeVerdict(enum.Enum):
    PENDING = "pending"  # a burst may be in progress: hold the characters back
    SCAN = "scan"  # a complete scanner burst ended with Enter
    HUMAN = "human"  # typed by a person: give the held characters back to the focused widget


@dataclass
class WedgeClassifier:
    """Feed characters and Enter with their timestamps (ms); read the verdict from each call."""

    max_gap_ms: float = MAX_GAP_MS
    min_chars: int = MIN_CHARS
    _chars: list[str] = field(default_factory=list)
    _last_ms: float | None = None

    @property
    def held(self) -> str:
        return "".join(self._chars)

    def reset(self) -> None:
        self._chars.clear()
        self._last_ms = None

    def key(self, char: str, t_ms: float) -> tuple[WedgeVerdict, str]:
        """A printable character. Returns the verdict and, for HUMAN, the text to release."""
        if self._last_ms is not None and t_ms - self._last_ms > self.max_gap_ms:
            released = self.held + char
            self.reset()
            return WedgeVerdict.HUMAN, released
        self._chars.append(char)
        self._last_ms = t_ms
        if len(self._chars) > MAX_CHARS:
            released = self.held
            self.reset()
            return WedgeVerdict.HUMAN, released
        return WedgeVerdict.PENDING, ""

    def enter(self, t_ms: float) -> tuple[WedgeVerdict, str]:
        """Enter ends a burst: a scan when it came fast after enough fast characters."""
        held = self.held
        fast = self._last_ms is not None and t_ms - self._last_ms <= self.max_gap_ms
        self.reset()
        if fast and len(held) >= self.min_chars:
            return WedgeVerdict.SCAN, held
        return WedgeVerdict.HUMAN, held

    def timeout(self, t_ms: float) -> tuple[WedgeVerdict, str]:
        """No key for a while: whatever is held was a person (a scanner never stops mid-code)."""
        if self._last_ms is not None and t_ms - self._last_ms > self.max_gap_ms:
            held = self.held
            self.reset()
            return WedgeVerdict.HUMAN, held
        return WedgeVerdict.PENDING, ""
