"""kiosk-tool decode / nik, run through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest

from kiosk.cli import main
from kiosk.identity import synth
from kiosk.identity.payload import PayloadKind, classify


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_decode_prints_one_line_per_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = synth.make_sample(11, synth.Distortion.MIXED, "QRCODE")
    good = tmp_path / "phone.png"
    cv2.imwrite(str(good), s.frame)
    empty = tmp_path / "scene.jpg"
    cv2.imwrite(str(empty), synth.make_scene(1))
    assert main(["decode", str(good), str(empty)]) == 0
    first, second = _lines(capsys)
    assert first["file"] == str(good)
    assert isinstance(first["ms"], float)
    [code] = first["codes"]  # type: ignore[misc]
    assert code["symbology"] == "QRCODE" and code["payload"] == s.payload
    expected = classify(s.payload)
    token = expected.kind is PayloadKind.OPAQUE_TOKEN
    assert code["kind"] == ("other" if token else expected.kind.value)
    assert code["value"] == expected.value and code["opaque_token"] is token
    assert second["codes"] == []


def test_decode_classifies_a_nik(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import numpy as np
    import qrcode

    qr = qrcode.QRCode(border=4)
    qr.add_data("3171014508900001")
    qr.make(fit=True)
    img = np.where(np.array(qr.get_matrix(), bool), 0, 255).astype(np.uint8)
    path = tmp_path / "nik.png"
    cv2.imwrite(str(path), cv2.resize(img, None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST))
    assert main(["decode", str(path)]) == 0
    [line] = _lines(capsys)
    assert line["codes"] == [
        {
            "symbology": "QRCODE",
            "payload": "3171014508900001",
            "kind": "nik",
            "value": "3171014508900001",
            "opaque_token": False,
        }
    ]


def test_decode_reports_an_ikd_token_as_other_and_flags_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np
    import qrcode

    token = "https://ikd.dukcapil.kemendagri.go.id/v/AbC123"
    qr = qrcode.QRCode(border=4)
    qr.add_data(token)
    qr.make(fit=True)
    img = np.where(np.array(qr.get_matrix(), bool), 0, 255).astype(np.uint8)
    path = tmp_path / "ikd.png"
    cv2.imwrite(str(path), cv2.resize(img, None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST))
    assert main(["decode", str(path)]) == 0
    [line] = _lines(capsys)
    assert line["codes"] == [
        {"symbology": "QRCODE", "payload": token, "kind": "other", "value": None,
         "opaque_token": True}
    ]


def test_decode_bad_files_get_an_error_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.jpg"
    garbage.write_bytes(bytes(range(256)) * 4)
    good = tmp_path / "scene.png"
    cv2.imwrite(str(good), synth.make_scene(2))
    files = [text, tmp_path / "missing.png", empty, garbage, tmp_path, good]
    assert main(["decode", *map(str, files)]) == 2
    lines = _lines(capsys)
    assert [line["file"] for line in lines] == [str(f) for f in files]
    errors = [str(line.get("error")) for line in lines]
    assert "not an image" in errors[0]
    assert "no such file" in errors[1]
    assert "empty file" in errors[2]
    assert "not an image" in errors[3]
    assert "directory" in errors[4]
    assert lines[5]["codes"] == []  # the readable file is still decoded


def test_nik_valid_and_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nik", "3171014508900001"]) == 0
    [ok] = _lines(capsys)
    assert ok == {
        "nik": "3171014508900001",
        "valid": True,
        "errors": [],
        "warnings": [],
        "sex": "P",
        "birth_date": "1990-08-05",
        "province": "DKI Jakarta",
        "regency": "Kota Jakarta Pusat",
        "district": "Gambir",
    }
    assert main(["nik", "3171013102900000"]) == 1
    [bad] = _lines(capsys)
    assert bad["valid"] is False
    assert set(bad["errors"]) == {"impossible_date", "zero_serial"}  # type: ignore[arg-type]
    assert main(["nik", "abc"]) == 1
    assert _lines(capsys)[0]["errors"] == ["not_16_digits"]
