"""Signing and response encryption against the catalogue's vector and BPJS-style round trips."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.server.bpjs import crypto
from kiosk.server.bpjs.errors import BpjsDecryptError


def test_catalogue_hmac_vector() -> None:
    assert crypto.hmac_sha256_b64("aaa", "bbb") == "20BKS3PWnD3XU4JbSSZvVlGi2WWnDa8Sv9uHJ+wsELA="


def test_signature_signs_cons_id_ampersand_timestamp() -> None:
    assert crypto.signature("aa", "bbb", "a") == crypto.hmac_sha256_b64("aa&a", "bbb")
    assert crypto.signature_matches("12345", "k", "1700000000",
                                    crypto.signature("12345", "k", "1700000000"))
    assert not crypto.signature_matches("12345", "k", "1700000001",
                                        crypto.signature("12345", "k", "1700000000"))


def test_timestamp_is_whole_utc_seconds() -> None:
    assert crypto.new_timestamp(1700000000.987) == "1700000000"


def test_pcare_authorization_header() -> None:
    header = crypto.pcare_authorization("user", "pass")
    assert header == "Basic " + base64.b64encode(b"user:pass:095").decode()


def test_response_key_is_sha256_of_cons_secret_timestamp() -> None:
    key = crypto.response_key("123", "abc", "1700000000")
    assert key == hashlib.sha256(b"123abc1700000000").digest()
    assert len(key) == 32


def test_round_trip_of_a_realistic_answer() -> None:
    key = crypto.response_key("12345", "s3cr3t", "1700000000")
    answer = json.dumps({"list": [{"kodepoli": "001", "namapoli": "POLI UMUM"}]})
    assert crypto.decrypt_response(crypto.encrypt_response(answer, key), key) == answer


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",))),
       ts=st.integers(min_value=0, max_value=2**31))
def test_round_trip_any_bmp_text(text: str, ts: int) -> None:
    key = crypto.response_key("c", "s", str(ts))
    assert crypto.decrypt_response(crypto.encrypt_response(text, key), key) == text


def test_wrong_timestamp_does_not_decrypt() -> None:
    sealed = crypto.encrypt_response('{"a": 1}', crypto.response_key("c", "s", "100"))
    with pytest.raises(BpjsDecryptError):
        crypto.decrypt_response(sealed, crypto.response_key("c", "s", "101"))


@pytest.mark.parametrize(
    "garbage", ["not base64!", "", "QUJD", base64.b64encode(b"x" * 32).decode()]
)
def test_garbage_is_a_typed_error(garbage: str) -> None:
    with pytest.raises(BpjsDecryptError):
        crypto.decrypt_response(garbage, crypto.response_key("c", "s", "1"))
