"""Ticket printers, chosen by ``printer.kind``: a PDF folder, a CUPS queue, raw ESC/POS to a
device file, or none (screen only).

The ticket is always committed to the store before printing. A printer problem raises
``PrinterOffline`` / ``PrinterOutOfPaper``; the ticket stays valid, the UI shows it on screen
and staff can reprint it. A successful print records TICKET_PRINTED.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import select
import stat
import subprocess
import tempfile
import termios
import tty
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kiosk.config import PrinterKind, Settings
from kiosk.errors import PrinterOffline, PrinterOutOfPaper
from kiosk.queue import escpos
from kiosk.queue import store as qstore
from kiosk.queue.ticket import TicketView, render_pdf, ticket_view
from kiosk.store import Store

log = logging.getLogger(__name__)


class TicketPrinter(Protocol):
    def send(self, view: TicketView) -> str:
        """Print one ticket; returns where it went (for the log and kiosk-tool)."""
        ...


class NoPrinter:
    def send(self, view: TicketView) -> str:
        return "screen only"


class PdfDirPrinter:
    """Writes ``<dir>/<day>/<label>-<id8>[-reprint].pdf``, atomically (temp file + rename)."""

    def __init__(self, output_dir: Path, paper_mm: int) -> None:
        self.output_dir = output_dir
        self.paper_mm = paper_mm

    def send(self, view: TicketView) -> str:
        pdf = render_pdf(view, self.paper_mm)
        folder = self.output_dir / view.issued_at.date().isoformat()
        name = f"{view.label}-{view.ticket_id[:8]}{'-reprint' if view.reprint else ''}.pdf"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as fh:
                fh.write(pdf)
                tmp = Path(fh.name)
            os.replace(tmp, folder / name)
        except OSError as exc:
            raise PrinterOffline(f"cannot write ticket into {folder}: {exc.strerror}") from exc
        return str(folder / name)


class CupsPrinter:
    """``lp -d <queue> <file.pdf>``; lp's own error text goes into the exception detail."""

    def __init__(self, queue: str, paper_mm: int, lp: str = "lp", timeout_s: float = 15.0) -> None:
        if not queue:
            raise PrinterOffline("printer.kind is cups but printer.queue is empty")
        self.queue = queue
        self.paper_mm = paper_mm
        self.lp = lp
        self.timeout_s = timeout_s

    def send(self, view: TicketView) -> str:
        pdf = render_pdf(view, self.paper_mm)
        with tempfile.TemporaryDirectory(prefix="anjungan-ticket-") as tmp:
            path = Path(tmp) / f"{view.label}.pdf"
            path.write_bytes(pdf)
            try:
                done = subprocess.run(
                    [self.lp, "-d", self.queue, "-t", f"Antrean {view.label}", str(path)],
                    capture_output=True, text=True, timeout=self.timeout_s, check=False)
            except FileNotFoundError as exc:
                raise PrinterOffline(f"{self.lp} not found: install cups-client") from exc
            except subprocess.TimeoutExpired as exc:
                raise PrinterOffline(f"{self.lp} did not answer in {self.timeout_s:g} s") from exc
        if done.returncode != 0:
            raise PrinterOffline(
                f"lp -d {self.queue} failed ({done.returncode}): {done.stderr.strip()}")
        return f"cups:{self.queue} {done.stdout.strip()}"


class EscPosPrinter:
    """Raw ESC/POS bytes to a device file (``/dev/usb/lp0``, a serial port).

    Before printing, asks for the paper status (DLE EOT 4) when the device can be read; a
    device that never answers (many USB printers behind write-only drivers) is printed to
    without the check.
    """

    def __init__(self, device: Path, paper_mm: int, status_timeout_s: float = 0.5) -> None:
        self.device = device
        self.paper_mm = paper_mm
        self.status_timeout_s = status_timeout_s

    def send(self, view: TicketView) -> str:
        data = escpos.ticket_bytes(view, self.paper_mm)
        fd = self._open()
        try:
            status = self._paper_status(fd)
            if status is escpos.PaperStatus.OUT:
                raise PrinterOutOfPaper(f"{self.device}: paper roll is empty")
            if status is escpos.PaperStatus.NEAR_END:
                log.warning("%s: paper roll nearly empty", self.device)
            _write_all(fd, data, self.device)
        finally:
            os.close(fd)
        return f"escpos:{self.device} {len(data)} bytes"

    def _open(self) -> int:
        try:
            try:
                fd = os.open(self.device, os.O_RDWR | os.O_NOCTTY)
            except PermissionError:
                fd = os.open(self.device, os.O_WRONLY | os.O_NOCTTY)
        except FileNotFoundError as exc:
            raise PrinterOffline(f"{self.device} does not exist: printer unplugged?") from exc
        except OSError as exc:
            raise PrinterOffline(f"cannot open {self.device}: {exc.strerror}") from exc
        if os.isatty(fd):
            tty.setraw(fd, termios.TCSANOW)  # serial printers: bytes as they are, no echo
        return fd

    def _paper_status(self, fd: int) -> escpos.PaperStatus | None:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            return None  # a plain file standing in for a printer has no sensors
        flags = os.O_ACCMODE & fcntl.fcntl(fd, fcntl.F_GETFL)
        if flags == os.O_WRONLY:
            return None
        _write_all(fd, escpos.PAPER_STATUS_QUERY, self.device)
        ready, _, _ = select.select([fd], [], [], self.status_timeout_s)
        if not ready:
            log.info("%s: no answer to the paper status query; printing without it", self.device)
            return None
        try:
            answer = os.read(fd, 1)
        except OSError as exc:
            raise PrinterOffline(f"{self.device}: {exc.strerror}") from exc
        if not answer:
            return None
        try:
            return escpos.parse_paper_status(answer[0])
        except ValueError:
            log.warning("%s: odd status byte 0x%02x ignored", self.device, answer[0])
            return None


def _write_all(fd: int, data: bytes, device: Path) -> None:
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:  # Linux usblp reports paper-out this way
                raise PrinterOutOfPaper(f"{device}: {exc.strerror}") from exc
            raise PrinterOffline(f"{device}: write failed: {exc.strerror}") from exc
        view = view[n:]


def make_printer(settings: Settings) -> TicketPrinter:
    p = settings.printer
    if p.kind is PrinterKind.PDF_DIR:
        return PdfDirPrinter(settings.ticket_dir, p.paper_mm)
    if p.kind is PrinterKind.CUPS:
        return CupsPrinter(p.queue, p.paper_mm)
    if p.kind is PrinterKind.ESCPOS:
        if p.device is None:
            raise PrinterOffline("printer.kind is escpos but printer.device is not set")
        return EscPosPrinter(p.device, p.paper_mm)
    return NoPrinter()


def print_ticket(store: Store, printer: TicketPrinter, ticket_id: str, *, facility_name: str,
                 now: datetime, max_priority_run: int = 3) -> str:
    """Print (or reprint) a committed ticket, then record TICKET_PRINTED.

    Printer errors propagate after logging; nothing in the store changes in that case.
    """
    view = ticket_view(store, ticket_id, facility_name, max_priority_run)
    try:
        where = printer.send(view)
    except (PrinterOffline, PrinterOutOfPaper) as exc:
        log.warning("ticket %s not printed: %s", view.label, exc.detail)
        raise
    qstore.mark_printed(store, ticket_id, now)
    log.info("ticket %s printed: %s", view.label, where)
    return where
