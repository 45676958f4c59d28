"""Ticket PDFs rasterised with pdftoppm and their QR decoded back with pyzbar; ESC/POS bytes."""

from __future__ import annotations

import itertools
import re
import subprocess
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from pyzbar import pyzbar
from queue_support import at, person, rasterise

from kiosk.membership import MembershipState
from kiosk.queue import escpos
from kiosk.queue import store as q
from kiosk.queue.model import Priority, WaitBand
from kiosk.queue.ticket import (
    TicketView,
    parse_ticket_ref,
    qr_matrix,
    render_pdf,
    ticket_ref,
    ticket_view,
)
from kiosk.store import Store


def view(**kw: object) -> TicketView:
    base: dict[str, object] = {
        "facility_name": "Klinik Pratama Demo", "poli_name": "Poli Umum",
        "doctor_name": "dr. Andi Wijaya", "label": "A-312", "priority": Priority.NONE,
        "ahead": 4, "wait": WaitBand(20, 30), "issued_at": datetime(2026, 11, 23, 9, 5),
        "ticket_id": "3f2a9c0d41b84f7e9a51c2d7e8f60b13", "booking": False, "reprint": False}
    base.update(kw)
    return TicketView(**base)  # type: ignore[arg-type]


def pdf_text(pdf: bytes, tmp: Path) -> str:
    src = tmp / "x.pdf"
    src.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(src), "-"], check=True,
                          capture_output=True, text=True, timeout=30).stdout


def page_size_mm(pdf: bytes, tmp: Path) -> tuple[float, float]:
    src = tmp / "s.pdf"
    src.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(src)], check=True, capture_output=True, text=True,
                          timeout=30).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert m is not None
    return float(m.group(1)) * 25.4 / 72, float(m.group(2)) * 25.4 / 72


@pytest.mark.parametrize("paper", [58, 80])
def test_pdf_qr_decodes_to_the_ticket_reference(paper: int, tmp_path: Path) -> None:
    v = view(priority=Priority.ELDERLY)
    pdf = render_pdf(v, paper)
    width, height = page_size_mm(pdf, tmp_path)
    assert abs(width - paper) < 0.1 and 60 < height < 160
    codes = pyzbar.decode(rasterise(pdf, tmp_path))
    assert [(c.type, c.data.decode()) for c in codes] == [("QRCODE", ticket_ref(v.ticket_id))]
    assert parse_ticket_ref(codes[0].data.decode()) == v.ticket_id


@pytest.mark.parametrize("paper", [58, 80])
def test_pdf_says_what_the_patient_needs(paper: int, tmp_path: Path) -> None:
    text = pdf_text(render_pdf(view(priority=Priority.PREGNANT, booking=True, reprint=True),
                               paper), tmp_path)
    for needle in ("Klinik Pratama Demo", "A-312", "Poli Umum", "dr. Andi Wijaya",
                   "PRIORITAS IBU HAMIL", "20-30 menit", "Di depan Anda", "Senin, 23-11-2026 09:05",
                   "Booking Mobile JKN", "CETAK ULANG"):
        assert needle in text, needle


def test_qr_carries_no_personal_data() -> None:
    ref = ticket_ref("3f2a9c0d41b84f7e9a51c2d7e8f60b13")
    assert re.fullmatch(r"ANJ1:[0-9a-f]{32}", ref)
    for bad in ("3171011403850001", "ANJ1:", "ANJ1:12 34", "XYZ:abc"):
        with pytest.raises(ValueError, match="not an Anjungan ticket"):
            parse_ticket_ref(bad)


def test_number_is_the_biggest_thing_on_the_ticket(tmp_path: Path) -> None:
    """The first tall run of dark rows (the number) is over 12 mm high: readable at arm's length."""
    img = np.asarray(rasterise(render_pdf(view(), 80), tmp_path))
    dark_rows = [int(y) for y in np.flatnonzero((img < 128).any(axis=1))]
    runs, start = [], dark_rows[0]
    for a, b in itertools.pairwise(dark_rows):
        if b != a + 1:
            runs.append(a - start + 1)
            start = b
    assert max(runs[:4]) > 100  # rows of the number at 203 dpi (> 12 mm tall)


def test_rejects_odd_paper() -> None:
    with pytest.raises(ValueError, match="58 or 80"):
        render_pdf(view(), 76)


def test_view_from_store(store: Store) -> None:
    r = q.issue_ticket(store, participant=person(1, birth_date=datetime(1950, 5, 5).date()),
                       membership=MembershipState.AKTIF, poli_code="001", doctor_code=None,
                       kiosk_id="k1", now=at(9), policy=q.NumberPolicy(self_lease=True))
    assert isinstance(r, q.Issued)
    v = ticket_view(store, r.ticket.ticket_id, "Klinik Pratama Demo")
    assert (v.label, v.poli_name, v.doctor_name, v.priority, v.reprint) == (
        "A-300", "Poli Umum", "dr. Andi Wijaya", Priority.ELDERLY, False)
    with pytest.raises(ValueError, match="no ticket"):
        ticket_view(store, "missing", "x")


# -- ESC/POS ---------------------------------------------------------------------------------


def test_escpos_primitives() -> None:
    assert bytes(escpos.EscPos().init()) == b"\x1b@"
    assert bytes(escpos.EscPos().size(2, 3)) == b"\x1d!\x12"
    assert bytes(escpos.EscPos().bold(True).bold(False)) == b"\x1bE\x01\x1bE\x00"
    assert bytes(escpos.EscPos().align(escpos.Align.CENTER)) == b"\x1ba\x01"
    assert bytes(escpos.EscPos().cut()) == b"\x1dVB\x00"
    assert bytes(escpos.EscPos().text("Hari ± 5 menit")) == b"Hari \xf1 5 menit\n"
    assert bytes(escpos.EscPos().text("日")) == b"?\n"
    qr = bytes(escpos.EscPos().qr("ABC", module=5))
    assert qr == (b"\x1d(k\x04\x001A2\x00" b"\x1d(k\x03\x001C\x05" b"\x1d(k\x03\x001E1"
                  b"\x1d(k\x06\x001P0ABC" b"\x1d(k\x03\x001Q0")
    with pytest.raises(ValueError):
        escpos.EscPos().size(9, 1)
    with pytest.raises(ValueError):
        escpos.EscPos().qr("x", module=0)


@pytest.mark.parametrize(("byte", "status"), [
    (0x12, escpos.PaperStatus.OK), (0x1E, escpos.PaperStatus.NEAR_END),
    (0x72, escpos.PaperStatus.OUT), (0x7E, escpos.PaperStatus.OUT)])
def test_paper_status(byte: int, status: escpos.PaperStatus) -> None:
    assert escpos.parse_paper_status(byte) is status


def test_paper_status_rejects_non_status_bytes() -> None:
    with pytest.raises(ValueError, match="status byte"):
        escpos.parse_paper_status(0x41)


@pytest.mark.parametrize("paper", [58, 80])
def test_escpos_ticket(paper: int) -> None:
    v = view(priority=Priority.DISABLED, reprint=True)
    data = escpos.ticket_bytes(v, paper)
    assert data.startswith(b"\x1b@") and data.endswith(b"\x1dVB\x00")
    (qr,) = escpos.find_qr(data)
    assert qr.data == ticket_ref(v.ticket_id) and qr.module == (6 if paper == 80 else 4)
    assert b"A-312" in data and b"PRIORITAS DISABILITAS" in data and b"CETAK ULANG" in data
    long_name = view(facility_name="Klinik Pratama Sehat Sentosa Abadi Jaya Makmur Sejahtera")
    assert b"Sejahtera" not in escpos.ticket_bytes(long_name, 58)  # cut at 32 columns


def test_qr_matrix_is_square() -> None:
    m = qr_matrix(ticket_ref("a" * 32))
    assert len(m) == len(m[0]) and len(m) >= 21
