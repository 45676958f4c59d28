"""Indonesian number words and the call sentence: a table checked by hand, an independent reader
that turns the words back into the number for every value 0..999999, and hypothesis."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.speech import LETTER_NAMES, MAX_NUMBER, call_sentence, letter_words, number_words

TABLE = {
    0: "nol", 1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh",
    8: "delapan", 9: "sembilan", 10: "sepuluh", 11: "sebelas", 12: "dua belas",
    13: "tiga belas", 19: "sembilan belas", 20: "dua puluh", 21: "dua puluh satu",
    35: "tiga puluh lima", 99: "sembilan puluh sembilan", 100: "seratus", 101: "seratus satu",
    110: "seratus sepuluh", 111: "seratus sebelas", 112: "seratus dua belas",
    120: "seratus dua puluh", 200: "dua ratus", 212: "dua ratus dua belas",
    999: "sembilan ratus sembilan puluh sembilan", 1000: "seribu", 1001: "seribu satu",
    1011: "seribu sebelas", 1100: "seribu seratus", 1999:
        "seribu sembilan ratus sembilan puluh sembilan",
    2000: "dua ribu", 2024: "dua ribu dua puluh empat", 10_000: "sepuluh ribu",
    11_000: "sebelas ribu", 12_345: "dua belas ribu tiga ratus empat puluh lima",
    100_000: "seratus ribu", 101_000: "seratus satu ribu", 111_111:
        "seratus sebelas ribu seratus sebelas",
    200_001: "dua ratus ribu satu", 999_999:
        "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
}


@pytest.mark.parametrize(("n", "words"), sorted(TABLE.items()))
def test_table(n: int, words: str) -> None:
    assert number_words(n) == words


_UNIT = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
         "delapan": 8, "sembilan": 9}


def _read_below_thousand(words: list[str]) -> int:
    total, i = 0, 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == "seratus":
            total += 100
        elif w == "sepuluh":
            total += 10
        elif w == "sebelas":
            total += 11
        elif nxt in ("ratus", "puluh", "belas"):
            total += _UNIT[w] * {"ratus": 100, "puluh": 10}.get(nxt, 1) + (10 if nxt == "belas"
                                                                          else 0)
            i += 1
        else:
            total += _UNIT[w]
        i += 1
    return total


def read_words(text: str) -> int:
    """An independent reader of Indonesian number words (the inverse of number_words)."""
    words = text.split()
    if words == ["nol"]:
        return 0
    if "seribu" in words:
        k = words.index("seribu")
        return 1000 + _read_below_thousand(words[k + 1:])
    if "ribu" in words:
        k = words.index("ribu")
        return 1000 * _read_below_thousand(words[:k]) + _read_below_thousand(words[k + 1:])
    return _read_below_thousand(words)


def test_every_number_reads_back_and_words_are_unique() -> None:
    seen: set[str] = set()
    for n in range(MAX_NUMBER + 1):
        w = number_words(n)
        assert read_words(w) == n, (n, w)
        seen.add(w)
    assert len(seen) == MAX_NUMBER + 1


@given(st.integers(min_value=0, max_value=MAX_NUMBER))
def test_shape_of_the_words(n: int) -> None:
    w = number_words(n)
    words = w.split()
    assert w == w.strip() and "  " not in w
    assert ("nol" in words) == (n == 0)
    assert "nol" not in words[1:]
    for i, (a, b) in enumerate(itertools.pairwise(words)):
        if a == "satu":  # "seratus", "sepuluh", "sebelas", "seribu", never "satu ratus"
            assert b not in ("ratus", "puluh", "belas")
            assert b != "ribu" or i > 0  # "dua puluh satu ribu" is right, "satu ribu" is not
    assert words.count("ribu") + words.count("seribu") == (1 if n >= 1000 else 0)


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=MAX_NUMBER + 1)))
def test_out_of_range_is_a_clear_error(n: int) -> None:
    with pytest.raises(ValueError, match=r"0\.\.999999"):
        number_words(n)


def test_not_an_int_is_refused() -> None:
    with pytest.raises(TypeError):
        number_words(True)
    with pytest.raises(TypeError):
        number_words(1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(("label", "poli", "sentence"), [
    ("A-012", "Poli Umum", "nomor antrean A dua belas, silakan ke poli umum"),
    ("A-12", "Poli Umum", "nomor antrean A dua belas, silakan ke poli umum"),
    ("B-001", "Poli Gigi", "nomor antrean be satu, silakan ke poli gigi"),
    ("C-300", "Poli KIA", "nomor antrean ce tiga ratus, silakan ke poli kia"),
    ("K-111", "  Poli   Lansia ", "nomor antrean ka seratus sebelas, silakan ke poli lansia"),
    ("ab-0215", "Poli Umum 2", "nomor antrean A be dua ratus lima belas, silakan ke poli umum dua"),
])
def test_call_sentence(label: str, poli: str, sentence: str) -> None:
    assert call_sentence(label, poli) == sentence


@pytest.mark.parametrize(("label", "poli", "match"), [
    ("012", "Poli Umum", "not a queue number"),
    ("A-000", "Poli Umum", "not a queue number"),
    ("", "Poli Umum", "not a queue number"),
    ("A-012", "   ", "poli name is empty"),
])
def test_call_sentence_bad_input(label: str, poli: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call_sentence(label, poli)


def test_every_letter_has_a_name() -> None:
    assert sorted(LETTER_NAMES) == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert letter_words("wz") == "we zet"
    with pytest.raises(ValueError, match="not a letter"):
        letter_words("Ä")
