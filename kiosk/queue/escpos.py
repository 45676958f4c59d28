"""A small ESC/POS encoder for thermal receipt printers (Epson TM and the many compatibles).

Only what a queue ticket needs: initialise, align, bold, double size, text, QR (``GS ( k``,
model 2), feed and cut, and the real-time paper status query ``DLE EOT 4``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.queue.ticket import PRIORITY_MARK, TicketView, ticket_ref

ESC = b"\x1b"
GS = b"\x1d"
PAPER_STATUS_QUERY = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor status


class Align(enum.Enum):
    LEFT = 0
    CENTER = 1
    RIGHT = 2


class QrEcc(enum.Enum):
    L = 48
    M = 49
    Q = 50
    H = 51


class EscPos:
    """Accumulates commands; ``bytes(doc)`` is what goes to the device."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def __bytes__(self) -> bytes:
        return bytes(self._buf)

    def raw(self, data: bytes) -> EscPos:
        self._buf += data
        return self

    def init(self) -> EscPos:
        return self.raw(ESC + b"@")

    def align(self, a: Align) -> EscPos:
        return self.raw(ESC + b"a" + bytes([a.value]))

    def bold(self, on: bool) -> EscPos:
        return self.raw(ESC + b"E" + bytes([1 if on else 0]))

    def size(self, width: int = 1, height: int = 1) -> EscPos:
        """Character magnification 1-8 in each direction (``GS !``)."""
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError(f"size must be 1-8, got {width}x{height}")
        return self.raw(GS + b"!" + bytes([(width - 1) << 4 | (height - 1)]))

    def text(self, s: str) -> EscPos:
        """A line of text. Printers' default code page is CP437; anything outside it prints
        as "?" rather than as garbage bytes."""
        return self.raw(s.encode("cp437", errors="replace") + b"\n")

    def feed(self, lines: int) -> EscPos:
        return self.raw(ESC + b"d" + bytes([max(0, min(lines, 255))]))

    def qr(self, data: str, module: int = 6, ecc: QrEcc = QrEcc.M) -> EscPos:
        payload = data.encode("ascii")
        if not 1 <= module <= 16:
            raise ValueError(f"QR module size must be 1-16, got {module}")
        if len(payload) > 7089:
            raise ValueError("QR data too long")
        n = len(payload) + 3
        return (
            self._qr_fn(b"\x04\x00", b"\x31\x41\x32\x00")  # fn 165: model 2
            ._qr_fn(b"\x03\x00", b"\x31\x43" + bytes([module]))  # fn 167: module size
            ._qr_fn(b"\x03\x00", b"\x31\x45" + bytes([ecc.value]))  # fn 169: error correction
            ._qr_fn(bytes([n & 0xFF, n >> 8]), b"\x31\x50\x30" + payload)  # fn 180: store
            ._qr_fn(b"\x03\x00", b"\x31\x51\x30")  # fn 181: print
        )

    def _qr_fn(self, length: bytes, body: bytes) -> EscPos:
        return self.raw(GS + b"(k" + length + body)

    def cut(self) -> EscPos:
        """Feed to the cutter and cut (``GS V 66 0``)."""
        return self.raw(GS + b"V" + bytes([66, 0]))


class PaperStatus(enum.Enum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"


def parse_paper_status(byte: int) -> PaperStatus:
    """Decode the answer to ``DLE EOT 4``: bits 5-6 = paper out, bits 2-3 = near end."""
    if byte & 0x93 != 0x12:
        raise ValueError(f"not a DLE EOT 4 status byte: 0x{byte:02x}")
    if byte & 0x60:
        return PaperStatus.OUT
    if byte & 0x0C:
        return PaperStatus.NEAR_END
    return PaperStatus.OK


def columns(paper_mm: int) -> int:
    """Characters per line in font A: 48 on 80 mm paper, 32 on 58 mm."""
    return 48 if paper_mm == 80 else 32


def ticket_bytes(view: TicketView, paper_mm: int) -> bytes:
    cols = columns(paper_mm)
    big = 4 if paper_mm == 80 else 3

    def fit(s: str, width: int = 1) -> str:
        return s[: cols // width]

    doc = EscPos().init().align(Align.CENTER)
    doc.bold(True).text(fit(view.facility_name)).bold(False)
    doc.text(fit("NOMOR ANTREAN / QUEUE NUMBER"))
    doc.size(big, big).bold(True).text(fit(view.label, big)).size(1, 1).bold(False)
    doc.size(2, 2).text(fit(view.poli_name, 2)).size(1, 1)
    if view.doctor_name:
        doc.text(fit(view.doctor_name))
    if view.priority.is_priority:
        doc.bold(True).text(fit(f"** {PRIORITY_MARK[view.priority]} **")).bold(False)
    if view.booking:
        doc.text(fit("Booking Mobile JKN / online booking"))
    doc.text(fit(f"Di depan Anda / Ahead: {view.ahead}"))
    doc.text(fit(f"Tunggu / Wait: {view.wait_text}"))
    doc.text(fit(view.when_text))
    doc.qr(ticket_ref(view.ticket_id), module=6 if paper_mm == 80 else 4)
    doc.text(fit("Harap menunggu panggilan"))
    if view.reprint:
        doc.bold(True).text("CETAK ULANG / REPRINT").bold(False)
    return bytes(doc.feed(3).cut())


@dataclass(frozen=True)
class QrCommand:
    """A QR found in an ESC/POS stream (used by tests and the technician tool)."""

    data: str
    module: int


def find_qr(stream: bytes) -> list[QrCommand]:
    """The QR payloads stored by ``GS ( k`` fn 180 in ``stream``, with the module size."""
    out: list[QrCommand] = []
    module = 3
    i = 0
    head = GS + b"(k"
    while (i := stream.find(head, i)) != -1:
        n = stream[i + 3] | stream[i + 4] << 8
        body = stream[i + 5: i + 5 + n]
        if body[:2] == b"\x31\x43":
            module = body[2]
        elif body[:3] == b"\x31\x50\x30":
            out.append(QrCommand(body[3:].decode("ascii"), module))
        i += 5 + n
    return out
