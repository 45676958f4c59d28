"""kiosk-tool staff-* commands on a real store file (JSON out, clear refusals)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.staff.pins import LoggedIn, PinBook
from kiosk.store import Store
from tests.staff.staff_support import OPEN, open_facility


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str],
         stdin: str = "") -> tuple[int, dict[str, object]]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1])


@pytest.fixture
def config(tmp_path: Path) -> Path:
    open_facility(tmp_path / "kiosk.db").close()
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[kiosk]\ndata_dir = "{tmp_path}"\n')
    return cfg


def test_set_pin_list_and_audit(capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch, config: Path) -> None:
    code, out = _run(capsys, monkeypatch, ["staff-set-pin", "--staff", "siti", "--pin-stdin",
                                           "--config", str(config)], "482913\n")
    assert (code, out) == (0, {"ok": True, "staff": "siti"})
    with Store.open(config.parent / "kiosk.db") as store:
        assert PinBook(store).attempt("482913", OPEN) == LoggedIn("siti")
    code, out = _run(capsys, monkeypatch, ["staff-list", "--config", str(config)])
    assert code == 0 and out["staff"] == ["siti"] and out["locked_for_s"] == 0
    code, out = _run(capsys, monkeypatch, ["staff-audit", "--config", str(config)])
    actions = [e["action"] for e in out["entries"]]  # type: ignore[attr-defined]
    assert actions == ["login", "pin_set"]
    assert "482913" not in json.dumps(out)


def test_a_weak_pin_is_refused_with_the_reason(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch,
                                               config: Path) -> None:
    code, out = _run(capsys, monkeypatch, ["staff-set-pin", "--staff", "siti", "--pin-stdin",
                                           "--config", str(config)], "1234\n")
    assert code == 1 and out["error"] == "pin_rejected" and "1234" in str(out["detail"])
    code, out = _run(capsys, monkeypatch, ["staff-set-pin", "--staff", "a b", "--pin-stdin",
                                           "--config", str(config)], "482913\n")
    assert code == 1 and "staff id" in str(out["detail"])


def test_summary_with_pdf(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                          config: Path) -> None:
    pdf = config.parent / "out" / "summary.pdf"
    code, out = _run(capsys, monkeypatch, ["staff-summary", "--day", "2026-11-23", "--pdf",
                                           str(pdf), "--config", str(config)])
    assert code == 0 and out["tickets"] == 0 and out["failure_rate"] is None
    assert pdf.read_bytes().startswith(b"%PDF")
