"""A local stand-in for BPJS's Antrean FKTP and PCare web services (test fixture).

It speaks BPJS's side of the protocol and deliberately shares no code with ``kiosk.server.bpjs``:
its signature check and its response encryption are written here from the catalogue, so a mistake
in our client cannot be mirrored by a matching mistake in the fake.

Run: ``python tests/bpjs/fake_bpjs.py --port 8799`` (credentials from FAKE_BPJS_* variables).
Behaviour is steered over plain HTTP on ``/_control`` (mode ok/down/slow, scripted error codes,
wrong signature, envelope spelling), and ``/_log`` lists every accepted write in arrival order.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import os
import time
from typing import Any

import uvicorn
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from lzstring import LZString

CONS_ID = os.environ.get("FAKE_BPJS_CONS_ID", "12345")
SECRET = os.environ.get("FAKE_BPJS_SECRET", "s3cr3t")
USER_KEY = os.environ.get("FAKE_BPJS_USER_KEY", "antrean-key")
PCARE_USER_KEY = os.environ.get("FAKE_BPJS_PCARE_USER_KEY", "pcare-key")
PCARE_USER = os.environ.get("FAKE_BPJS_PCARE_USER", "klinik")
PCARE_PASSWORD = os.environ.get("FAKE_BPJS_PCARE_PASSWORD", "rahasia")
WINDOW_S = 300  # BPJS refuses timestamps further than this from its clock

ANTREAN_FIELDS = ("nomorkartu", "nik", "nohp", "kodepoli", "namapoli", "norm", "tanggalperiksa",
                  "kodedokter", "namadokter", "jampraktek", "nomorantrean", "angkaantrean",
                  "keterangan")


def _default_state() -> dict[str, Any]:
    return {
        "mode": "ok",  # ok | down (HTTP 503) | slow (sleep slow_s) | garbage (non-JSON 200)
        "slow_s": 3.0,
        "secret": SECRET,  # set to something else to make every signature "wrong"
        "skew_s": 0,  # added to the fake's clock
        "script": [],  # [{"code": "201", "message": "..."}] answered to the next writes
        "already_code": "201",  # code used for duplicates (message says "sudah ada")
        "antrean_success": 200,
        "antrean_envelope": "metadata",
        "pcare_envelope": "metaData",
        "encrypt": True,
        "wrong_key": False,  # encrypt answers with a key the client cannot derive
        "polis": {},  # date -> list of poli records
        "dokter": {},  # "kodepoli/date" -> list
        "peserta": {},  # noka -> record
        "antrean": {},  # "date/poli/noka" -> {"fields":..., "status": ..., "calls": [...]}
        "log": [],  # accepted writes, in order
        "rejected": [],  # refused requests (signature, timestamp, user_key) with reason
    }


STATE: dict[str, Any] = _default_state()
app = FastAPI()


def _b64_hmac(message: str, key: str) -> str:
    return base64.b64encode(
        hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()).decode()


def _encrypt(plain: str, timestamp: str) -> str:
    key = hashlib.sha256(f"{CONS_ID}{STATE['secret']}{timestamp}".encode()).digest()
    if STATE["wrong_key"]:
        key = hashlib.sha256(b"not-the-key" + key).digest()
    compressed = LZString().compressToEncodedURIComponent(plain).encode()
    padder = padding.PKCS7(128).padder()
    data = padder.update(compressed) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(enc.update(data) + enc.finalize()).decode()


def _envelope(service: str, code: Any, message: str, response: Any, ts: str) -> JSONResponse:
    spelling = STATE["antrean_envelope"] if service == "antrean" else STATE["pcare_envelope"]
    doc: dict[str, Any] = {spelling: {"code": code, "message": message}}
    if response is not None:
        doc["response"] = (_encrypt(json.dumps(response), ts) if STATE["encrypt"] else response)
    return JSONResponse(doc)


def _ok_code(service: str) -> Any:
    return STATE["antrean_success"] if service == "antrean" else 200


async def _gate(request: Request, service: str) -> Response | str:
    """Failure modes first, then the checks BPJS makes; returns the timestamp when all pass."""
    mode = STATE["mode"]
    if mode == "down":
        return PlainTextResponse("Service Unavailable", status_code=503)
    if mode == "slow":
        await asyncio.sleep(float(STATE["slow_s"]))
    if mode == "garbage":
        return PlainTextResponse("<html>gateway error</html>", status_code=200)
    h = request.headers
    ts = h.get("x-timestamp", "")
    meta_key = STATE["antrean_envelope"] if service == "antrean" else STATE["pcare_envelope"]

    def refuse(reason: str) -> JSONResponse:
        STATE["rejected"].append({"path": request.url.path, "reason": reason})
        return JSONResponse({meta_key: {"code": 401, "message": reason}}, status_code=401)

    if h.get("x-cons-id") != CONS_ID:
        return refuse("cons-id tidak terdaftar")
    if not ts.isdigit() or abs(int(ts) - (time.time() + STATE["skew_s"])) > WINDOW_S:
        return refuse("timestamp tidak valid atau kedaluwarsa")
    expected = _b64_hmac(f"{CONS_ID}&{ts}", STATE["secret"])
    if not hmac.compare_digest(expected, h.get("x-signature", "")):
        return refuse("signature tidak valid")
    want_key = USER_KEY if service == "antrean" else PCARE_USER_KEY
    if h.get("user_key") != want_key:
        return refuse("user_key tidak valid")
    if service == "pcare":
        auth = h.get("x-authorization", "")
        want = "Basic " + base64.b64encode(
            f"{PCARE_USER}:{PCARE_PASSWORD}:095".encode()).decode()
        if auth != want:
            return refuse("X-authorization tidak valid")
    return ts


def _scripted(service: str, ts: str) -> JSONResponse | None:
    if STATE["script"]:
        step = STATE["script"].pop(0)
        return _envelope(service, step["code"], step["message"], None, ts)
    return None


# -- Antrean FKTP ---------------------------------------------------------------------------
@app.get("/antreanfktp/ref/poli/tanggal/{tanggal}")
async def ref_poli(tanggal: str, request: Request) -> Response:
    gate = await _gate(request, "antrean")
    if not isinstance(gate, str):
        return gate
    polis = STATE["polis"].get(tanggal)
    if not polis:
        return _envelope("antrean", 201, "Data tidak ditemukan", None, gate)
    return _envelope("antrean", _ok_code("antrean"), "Ok", polis, gate)


@app.get("/antreanfktp/ref/dokter/kodepoli/{kodepoli}/tanggal/{tanggal}")
async def ref_dokter(kodepoli: str, tanggal: str, request: Request) -> Response:
    gate = await _gate(request, "antrean")
    if not isinstance(gate, str):
        return gate
    rows = STATE["dokter"].get(f"{kodepoli}/{tanggal}")
    if not rows:
        return _envelope("antrean", 201, "Data tidak ditemukan", None, gate)
    return _envelope("antrean", _ok_code("antrean"), "Ok", rows, gate)


@app.post("/antreanfktp/antrean/{action}")
async def antrean_write(action: str, request: Request) -> Response:
    gate = await _gate(request, "antrean")
    if not isinstance(gate, str):
        return gate
    scripted = _scripted("antrean", gate)
    if scripted is not None:
        return scripted
    try:
        body = json.loads(await request.body())
    except json.JSONDecodeError:
        return _envelope("antrean", 201, "Format request tidak valid", None, gate)
    key = f"{body.get('tanggalperiksa')}/{body.get('kodepoli')}/{body.get('nomorkartu')}"
    existing = STATE["antrean"].get(key)
    if action == "add":
        missing = [f for f in ANTREAN_FIELDS if f not in body]
        if missing:
            return _envelope("antrean", 201, f"{missing[0]} belum diisi", None, gate)
        if existing is not None:
            return _envelope("antrean", STATE["already_code"], "Data antrean sudah ada", None, gate)
        STATE["antrean"][key] = {"fields": body, "status": "added", "calls": []}
    elif action == "panggil":
        if existing is None:
            return _envelope("antrean", 201, "Antrean tidak ditemukan", None, gate)
        if body.get("status") not in (1, 2) or not isinstance(body.get("waktu"), int):
            return _envelope("antrean", 201, "status/waktu tidak valid", None, gate)
        existing["calls"].append(body["status"])
    elif action == "batal":
        if existing is None:
            return _envelope("antrean", 201, "Antrean tidak ditemukan", None, gate)
        if existing["status"] == "batal":
            return _envelope("antrean", 201, "Antrean sudah dibatalkan", None, gate)
        existing["status"] = "batal"
    else:
        return JSONResponse({"metadata": {"code": 404, "message": "not found"}}, 404)
    STATE["log"].append({"action": action, "key": key, "body": body})
    return _envelope("antrean", _ok_code("antrean"), "Ok", None, gate)


# -- PCare ----------------------------------------------------------------------------------
def _peserta_answer(rec: dict[str, Any] | None, ts: str) -> JSONResponse:
    if rec is None:
        return _envelope("pcare", 204, "NO_CONTENT", None, ts)
    return _envelope("pcare", 200, "OK", rec, ts)


@app.get("/pcare/peserta/nik/{nik}")
async def peserta_nik(nik: str, request: Request) -> Response:
    gate = await _gate(request, "pcare")
    if not isinstance(gate, str):
        return gate
    rec = next((r for r in STATE["peserta"].values() if r.get("noKTP") == nik), None)
    return _peserta_answer(rec, gate)


@app.get("/pcare/peserta/{noka}")
async def peserta_noka(noka: str, request: Request) -> Response:
    gate = await _gate(request, "pcare")
    if not isinstance(gate, str):
        return gate
    return _peserta_answer(STATE["peserta"].get(noka), gate)


# -- test control ---------------------------------------------------------------------------
@app.post("/_control")
async def control(request: Request) -> dict[str, Any]:
    changes = await request.json()
    unknown = set(changes) - set(STATE)
    if unknown:
        return {"error": f"unknown keys {sorted(unknown)}"}
    STATE.update(changes)
    return {"ok": True}


@app.post("/_reset")
async def reset() -> dict[str, Any]:
    STATE.clear()
    STATE.update(_default_state())
    return {"ok": True}


@app.get("/_state")
async def state() -> dict[str, Any]:
    return {"log": STATE["log"], "rejected": STATE["rejected"], "antrean": STATE["antrean"]}


@app.get("/_health")
async def health() -> dict[str, Any]:
    return {"ok": True}


def main() -> None:
    parser = argparse.ArgumentParser(description="fake BPJS web services for tests")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", help="serve https with this certificate (PEM)")
    parser.add_argument("--key", help="private key of --cert (PEM)")
    args = parser.parse_args()
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning",
                ssl_certfile=args.cert, ssl_keyfile=args.key)


if __name__ == "__main__":
    main()
