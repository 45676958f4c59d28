"""What the waiting-room display says: Indonesian number words and the call sentence.

Written here rather than taken from a library so the words are exactly the ones patients hear at
Indonesian counters ("sebelas", "seratus", "seribu"), work offline, and are tested exhaustively.
Pure functions; the display hands the sentence to a speech engine (espeak-ng) at the edge.
"""

from __future__ import annotations

import re

from kiosk.queue.numbering import parse_number

MAX_NUMBER = 999_999

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")

# How the alphabet is read aloud in Bahasa Indonesia. Vowels are read as themselves and stay
# capital letters in the sentence (the board shows "A", the voice says "a").
LETTER_NAMES: dict[str, str] = {
    "A": "A", "B": "be", "C": "ce", "D": "de", "E": "E", "F": "ef", "G": "ge", "H": "ha",
    "I": "I", "J": "je", "K": "ka", "L": "el", "M": "em", "N": "en", "O": "O", "P": "pe",
    "Q": "ki", "R": "er", "S": "es", "T": "te", "U": "U", "V": "fe", "W": "we", "X": "eks",
    "Y": "ye", "Z": "zet",
}

_DIGITS_RE = re.compile(r"\d+")


def _below_thousand(n: int) -> list[str]:
    """Words for 1..999 (never "nol": zero parts of a bigger number are silent)."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    tens, ones = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_UNITS[ones], "belas"]
    else:
        if tens > 1:
            words += [_UNITS[tens], "puluh"]
        if ones:
            words.append(_UNITS[ones])
    return words


def number_words(n: int) -> str:
    """``212`` -> ``"dua ratus dua belas"``; 0..999999, anything else is a ValueError."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"number_words needs an int, got {type(n).__name__}")
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"number_words covers 0..{MAX_NUMBER}, got {n}")
    if n == 0:
        return "nol"
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands == 1:
        words.append("seribu")
    elif thousands > 1:
        words += [*_below_thousand(thousands), "ribu"]
    if rest:
        words += _below_thousand(rest)
    return " ".join(words)


def letter_words(letters: str) -> str:
    """``"BA"`` -> ``"be A"``: each letter by its Indonesian name."""
    try:
        return " ".join(LETTER_NAMES[c] for c in letters.upper())
    except KeyError as exc:
        raise ValueError(f"not a letter A-Z: {exc.args[0]!r}") from None


def _spoken_name(name: str) -> str:
    """Poli names are spoken in lower case with any digits as words ("Poli Gigi 2")."""
    cleaned = " ".join(name.split()).lower()
    return _DIGITS_RE.sub(lambda m: number_words(int(m.group())), cleaned)


def call_sentence(label: str, poli_name: str) -> str:
    """``("A-012", "Poli Umum")`` -> ``"nomor antrean A dua belas, silakan ke poli umum"``.

    Leading zeros are dropped (the number is read as a number, not digit by digit).
    """
    letters, number = parse_number(label)
    place = _spoken_name(poli_name)
    if not place:
        raise ValueError("poli name is empty")
    return f"nomor antrean {letter_words(letters)} {number_words(number)}, silakan ke {place}"
