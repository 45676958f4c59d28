"""BPJS request signing and response encryption, as pure functions.

Both sides of the protocol live here (signing *and* checking, decrypting *and* encrypting) so the
local fake BPJS used by the tests speaks exactly the bytes our client expects, and a round trip
proves both. The timestamp string is an argument everywhere: the one sent in ``X-timestamp`` is the
one that keys the response decryption, so a caller must generate it once per request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from lzstring import LZString

from kiosk.server.bpjs.errors import BpjsDecryptError

PCARE_APP_CODE = "095"  # the fixed application code PCare expects after user:password


def hmac_sha256_b64(message: str, key: str) -> str:
    """base64(HMAC-SHA256(key, message)); catalogue vector: ("aaa", "bbb") -> "20BKS3Pw..."."""
    digest = hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signature(cons_id: str, secret: str, timestamp: str) -> str:
    """The ``X-signature`` header: HMAC of ``cons_id & timestamp`` keyed by the consumer secret."""
    return hmac_sha256_b64(f"{cons_id}&{timestamp}", secret)


def signature_matches(cons_id: str, secret: str, timestamp: str, given: str) -> bool:
    """Constant-time check of a received ``X-signature`` (the fake BPJS's side)."""
    return hmac.compare_digest(signature(cons_id, secret, timestamp), given)


def new_timestamp(now: float | None = None) -> str:
    """``X-timestamp``: whole Unix seconds, UTC, as a decimal string."""
    return str(int(time.time() if now is None else now))


def pcare_authorization(user: str, password: str, app_code: str = PCARE_APP_CODE) -> str:
    """PCare's ``X-authorization`` header value."""
    raw = f"{user}:{password}:{app_code}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


def response_key(cons_id: str, secret: str, timestamp: str) -> bytes:
    """The 32-byte AES key for a response: SHA-256 of cons_id + secret + timestamp."""
    return hashlib.sha256(f"{cons_id}{secret}{timestamp}".encode()).digest()


def encrypt_response(plaintext: str, key: bytes) -> str:
    """What BPJS does to a ``response``: LZ-string (URI-safe) then AES-256-CBC, base64."""
    compressed = LZString().compressToEncodedURIComponent(plaintext)
    padder = padding.PKCS7(128).padder()
    data = padder.update(compressed.encode("utf-8")) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(enc.update(data) + enc.finalize()).decode("ascii")


def decrypt_response(ciphertext_b64: str, key: bytes) -> str:
    """Inverse of ``encrypt_response``; anything undecodable raises ``BpjsDecryptError``."""
    try:
        raw = base64.b64decode(ciphertext_b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BpjsDecryptError("response is not valid base64") from exc
    if not raw or len(raw) % 16:
        raise BpjsDecryptError(f"response length {len(raw)} is not a whole number of AES blocks")
    dec = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    padded = dec.update(raw) + dec.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        compressed = unpadder.update(padded) + unpadder.finalize()
        text = compressed.decode("ascii")
    except (ValueError, UnicodeDecodeError) as exc:
        raise BpjsDecryptError(
            "response does not decrypt with this key (wrong secret or timestamp?)"
        ) from exc
    try:
        out = LZString().decompressFromEncodedURIComponent(text)
    except Exception as exc:  # the lzstring package fails on garbage with assorted errors
        raise BpjsDecryptError("decrypted response is not LZ-string data") from exc
    if not isinstance(out, str) or (out == "" and text not in ("", "Q")):
        raise BpjsDecryptError("decrypted response is not LZ-string data")
    return out
