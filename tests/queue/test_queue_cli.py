"""kiosk-tool queue-status / ticket-pdf / printer-test against a real store and config file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyzbar import pyzbar
from queue_support import at, person, rasterise

from kiosk.cli import main
from kiosk.config import load_settings
from kiosk.membership import MembershipState
from kiosk.queue import store as q
from kiosk.queue.demo import load_demo
from kiosk.queue.ticket import ticket_ref
from kiosk.store import Store


@pytest.fixture
def config(tmp_path: Path) -> Path:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[kiosk]\ndata_dir = "data"\nkiosk_id = "k1"\n[printer]\npaper_mm = 58\n')
    return cfg


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_queue_status_and_ticket_pdf(config: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    settings = load_settings(config)
    with Store.open(settings.db_path) as s:
        now = at(9).astimezone()
        load_demo(s, now.replace(hour=7), open_all_day=True)
        today = now.date()
        r = q.issue_ticket(s, participant=person(1), membership=MembershipState.AKTIF,
                           poli_code="001", doctor_code=None, kiosk_id="k1", now=now,
                           policy=q.NumberPolicy(self_lease=True, lease_block=20))
        assert isinstance(r, q.Issued)
    code, out = run(capsys, "queue-status", "--config", str(config), "--day", today.isoformat())
    assert code == 0 and out["outbox_depth"] == 1
    umum = next(p for p in out["polis"] if p["poli"] == "001")  # type: ignore[union-attr]
    assert umum["waiting"] == 1 and umum["next"] == ["A-300"]
    assert umum["leased_numbers_left"] == 19
    assert "0009990000011" not in json.dumps(out) and person(1).noka not in json.dumps(out)

    pdf = tmp_path / "t.pdf"
    code, out = run(capsys, "ticket-pdf", r.ticket.ticket_id, "--out", str(pdf),
                    "--config", str(config))
    assert code == 0 and out["label"] == "A-300"
    codes = pyzbar.decode(rasterise(pdf.read_bytes(), tmp_path))
    assert [c.data.decode() for c in codes] == [ticket_ref(r.ticket.ticket_id)]

    code, out = run(capsys, "ticket-pdf", "nope", "--out", str(pdf), "--config", str(config))
    assert code == 2 and "no ticket" in str(out["detail"])


def test_sample_pdf_and_printer_test(config: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ticket-pdf", "--out", str(tmp_path / "s.pdf"), "--paper", "80",
                    "--config", str(config))
    assert code == 0 and out["label"] == "A-000"
    code, out = run(capsys, "printer-test", "--config", str(config))
    assert code == 0 and Path(str(out["sent_to"])).is_file()
    bad = tmp_path / "bad.toml"
    bad.write_text('[printer]\nkind = "escpos"\ndevice = "/nonexistent/lp9"\n')
    code, out = run(capsys, "printer-test", "--config", str(bad))
    assert code == 1 and out["error"] == "printer_offline"
