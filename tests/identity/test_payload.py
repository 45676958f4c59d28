"""Classifying payloads: bare numbers, structured payloads, opaque tokens, garbage."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.payload import (
    OtherReason,
    PayloadKind,
    TokenAction,
    classify,
    token_action,
)

NIK = "3171014508900001"
NOKA = "0001234567890"


def test_bare_numbers() -> None:
    assert classify(NIK).kind is PayloadKind.NIK and classify(NIK).value == NIK
    assert classify(NOKA).kind is PayloadKind.NOKA and classify(NOKA).value == NOKA
    assert classify(" 3171 0145 0890 0001\r\n").value == NIK  # as typed or scanned
    assert classify("0001-2345-67890").value == NOKA
    assert classify(NIK.encode()).value == NIK
    short = classify("12345")
    assert short.kind is PayloadKind.OTHER and short.reason is OtherReason.WRONG_LENGTH_NUMBER


def test_numbers_inside_structured_payloads_need_a_telling_name() -> None:
    assert classify(f"https://antrean.example.id/c?nik={NIK}&src=kiosk").value == NIK
    assert classify(f"NIK={NIK};NAMA=BUDI").value == NIK
    assert classify(json.dumps({"nik": "3171 0145 0890 0001"})).value == NIK
    assert classify(json.dumps({"nik": int(NIK)})).value == NIK
    card = classify(json.dumps({"peserta": {"noKartu": NOKA, "nama": "SITI"}}))
    assert card.kind is PayloadKind.NOKA and card.value == NOKA
    both = classify(json.dumps({"nik": NIK, "noKartu": NOKA}))
    assert both.kind is PayloadKind.NOKA and both.nik == NIK and both.noka == NOKA
    # a 13-digit millisecond timestamp and a 16-digit order number are not identities
    assert classify(json.dumps({"ts": 1732190000000})).kind is PayloadKind.OTHER
    assert classify("https://shop.example/pay?order=4111111111111111").kind is PayloadKind.OTHER


def test_two_different_niks_are_ambiguous() -> None:
    c = classify(f"nik={NIK}&nik=3171010508900002")
    assert c.kind is PayloadKind.OTHER and c.reason is OtherReason.AMBIGUOUS
    assert classify(f"nik={NIK}&NIK={NIK}").value == NIK  # the same value twice is fine


def test_opaque_tokens_are_never_mined_for_digits() -> None:
    token = "eyJhbGciOiJFUzI1NiJ9.eyJzIjoiMzE3MTAxNDUwODkwMDAwMSJ9.k1x2" + NIK
    c = classify(token)
    assert c.kind is PayloadKind.OPAQUE_TOKEN and c.value is None and c.nik is None
    assert classify("https://ikd.dukcapil.kemendagri.go.id/v/AbC123").kind is (
        PayloadKind.OPAQUE_TOKEN
    )


def test_bad_payloads_say_why() -> None:
    assert classify("").reason is OtherReason.EMPTY
    assert classify(b"   ").reason is OtherReason.EMPTY
    assert classify(b"\xff\xfe\x00garbage").reason is OtherReason.NOT_TEXT
    assert classify("x" * 5000).reason is OtherReason.TOO_LONG
    assert classify("hello world").reason is OtherReason.UNRECOGNISED
    assert classify("{not json").kind is PayloadKind.OTHER
    assert classify("[" * 3000).kind is PayloadKind.OTHER  # deep nesting


def test_token_action_depends_only_on_being_online() -> None:
    assert token_action(online=True) is TokenAction.VERIFY_WITH_SERVER
    assert token_action(online=False) is TokenAction.ASK_TYPED_NIK


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_classify_never_raises(payload: str | bytes) -> None:
    c = classify(payload)
    assert isinstance(c.kind, PayloadKind)
    if c.kind in (PayloadKind.NIK, PayloadKind.NOKA):
        assert c.value is not None and c.value.isascii() and c.value.isdigit()
        text = payload if isinstance(payload, str) else payload.decode("utf-8")
        assert c.value in "".join(ch for ch in text if ch.isdigit())


@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_classify_never_raises_on_json(obj: object) -> None:
    classify(json.dumps(obj))
