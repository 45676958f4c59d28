"""The printed ticket: what it says (``TicketView``) and its PDF for 58 mm and 80 mm paper.

The QR code carries only an opaque ticket reference (``ANJ1:<ticket id>``), never a name, NIK or
card number: a ticket left on a bench must not leak who it belongs to.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import qrcode
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from kiosk.queue import store as qstore
from kiosk.queue.model import Priority, Ticket, TicketSource, WaitBand
from kiosk.store import Store

REF_PREFIX = "ANJ1:"

PRIORITY_MARK: dict[Priority, str] = {
    Priority.ELDERLY: "PRIORITAS LANSIA / ELDERLY",
    Priority.DISABLED: "PRIORITAS DISABILITAS / DISABILITY",
    Priority.PREGNANT: "PRIORITAS IBU HAMIL / PREGNANT",
}

_DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def ticket_ref(ticket_id: str) -> str:
    return REF_PREFIX + ticket_id


def parse_ticket_ref(text: str) -> str:
    """The ticket id inside a scanned ticket QR; ValueError for anything else."""
    if not text.startswith(REF_PREFIX) or not text[len(REF_PREFIX):].isalnum():
        raise ValueError("not an Anjungan ticket code")
    return text[len(REF_PREFIX):]


@dataclass(frozen=True)
class TicketView:
    facility_name: str
    poli_name: str
    doctor_name: str | None
    label: str
    priority: Priority
    ahead: int
    wait: WaitBand
    issued_at: datetime
    ticket_id: str
    booking: bool
    reprint: bool

    @property
    def wait_text(self) -> str:
        if self.wait.high_min == 0:
            return "Segera dipanggil / Called soon"
        return f"± {self.wait.low_min}-{self.wait.high_min} menit / minutes"

    @property
    def when_text(self) -> str:
        return f"{_DAYS_ID[self.issued_at.weekday()]}, {self.issued_at:%d-%m-%Y %H:%M}"


def ticket_view(store: Store, ticket_id: str, facility_name: str,
                max_priority_run: int = 3) -> TicketView:
    t = qstore.get_ticket(store, ticket_id)
    if t is None:
        raise ValueError(f"no ticket {ticket_id}")
    poli = qstore.get_poli(store, t.poli_code)
    ahead, wait = qstore.estimate(store, ticket_id, max_priority_run)
    return view_of(t, facility_name, poli.name if poli else t.poli_code,
                   qstore.doctor_name(store, t.doctor_code), ahead, wait)


def view_of(t: Ticket, facility_name: str, poli_name: str, doctor_name: str | None,
            ahead: int, wait: WaitBand) -> TicketView:
    return TicketView(
        facility_name=facility_name, poli_name=poli_name, doctor_name=doctor_name,
        label=t.label, priority=t.priority, ahead=ahead, wait=wait, issued_at=t.issued_at,
        ticket_id=t.ticket_id, booking=t.source is TicketSource.BOOKING,
        reprint=t.print_count > 0,
    )


def qr_matrix(data: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    return [list(map(bool, row)) for row in qr.get_matrix()]


def _fit(text: str, font: str, wanted: float, width: float) -> float:
    w = stringWidth(text, font, wanted)
    return wanted if w <= width else wanted * width / w


def render_pdf(view: TicketView, paper_mm: int) -> bytes:
    """One page as wide as the paper roll and as long as its content (no blank paper fed
    through a cutter); text is scaled down to fit the printable width."""
    if paper_mm not in (58, 80):
        raise ValueError(f"paper must be 58 or 80 mm wide, got {paper_mm}")
    width = paper_mm * mm
    margin = 4 * mm if paper_mm == 80 else 3 * mm
    probe = canvas.Canvas(io.BytesIO(), pagesize=(width, 1000 * mm))
    used = 1000 * mm - _draw(probe, view, paper_mm, width, 1000 * mm, margin)
    height = used + margin
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=True)
    c.setTitle(f"Antrean {view.label}")
    c.setAuthor("Anjungan")
    _draw(c, view, paper_mm, width, height, margin)
    c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c: canvas.Canvas, view: TicketView, paper_mm: int, width: float, height: float,
          margin: float) -> float:
    """Draw the ticket top-down; returns the lowest y used."""
    usable = width - 2 * margin
    cx = width / 2
    y: float = height - margin

    def line(text: str, font: str, size: float, gap: float = 1.5 * mm) -> None:
        nonlocal y
        s = _fit(text, font, size, usable)
        y -= s
        c.setFont(font, s)
        c.drawCentredString(cx, y, text)
        y -= gap

    line(view.facility_name, "Helvetica-Bold", 11)
    line("NOMOR ANTREAN / QUEUE NUMBER", "Helvetica", 7.5)
    line(view.label, "Helvetica-Bold", 60 if paper_mm == 80 else 44, 3 * mm)
    line(view.poli_name, "Helvetica-Bold", 12)
    if view.doctor_name:
        line(view.doctor_name, "Helvetica", 9)
    if view.priority.is_priority:
        s = _fit(PRIORITY_MARK[view.priority], "Helvetica-Bold", 9, usable - 4 * mm)
        box_h = s + 3 * mm
        y -= box_h
        c.setLineWidth(1.2)
        c.rect(margin, y, usable, box_h)
        c.setFont("Helvetica-Bold", s)
        c.drawCentredString(cx, y + 1.5 * mm + 0.2 * s, PRIORITY_MARK[view.priority])
        y -= 2 * mm
    if view.booking:
        line("Booking Mobile JKN / online booking", "Helvetica-Oblique", 8)
    line(f"Di depan Anda / Ahead of you: {view.ahead}", "Helvetica", 9)
    line(f"Perkiraan tunggu / Wait: {view.wait_text}", "Helvetica", 9)
    line(view.when_text, "Helvetica", 9, 2 * mm)
    matrix = qr_matrix(ticket_ref(view.ticket_id))
    side = min(usable * 0.6, 34 * mm)
    cell = side / len(matrix)
    x0 = cx - side / 2
    y -= side
    c.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        top = y + side - (r + 1) * cell
        col = 0
        while col < len(row):  # one rectangle per run of dark modules
            if row[col]:
                start = col
                while col < len(row) and row[col]:
                    col += 1
                c.rect(x0 + start * cell, top, (col - start) * cell, cell, stroke=0, fill=1)
            else:
                col += 1
    y -= 2 * mm
    line("Harap menunggu panggilan / Please wait to be called", "Helvetica", 7)
    if view.reprint:
        line("CETAK ULANG / REPRINT", "Helvetica-Bold", 8)
    return y
