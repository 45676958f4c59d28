"""Printer sinks end to end: the ticket is committed first, printed after, reprintable.

The hardware edge is replaced by things that behave like it: a pseudo-terminal that answers
DLE EOT 4 like an ESC/POS printer, a plain file, a missing device node, the real ``lp`` with no
CUPS scheduler running, and an ``lp`` stand-in that files the job into a folder.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyzbar import pyzbar
from queue_support import at, person, rasterise

from kiosk.config import PrinterKind, Settings, with_overrides
from kiosk.errors import PrinterOffline, PrinterOutOfPaper
from kiosk.membership import MembershipState
from kiosk.queue import escpos
from kiosk.queue import store as q
from kiosk.queue.printer import (
    CupsPrinter,
    EscPosPrinter,
    NoPrinter,
    PdfDirPrinter,
    TicketPrinter,
    make_printer,
    print_ticket,
)
from kiosk.queue.ticket import ticket_ref
from kiosk.store import EventKind, Store


def new_ticket(store: Store, i: int = 1) -> str:
    r = q.issue_ticket(store, participant=person(i), membership=MembershipState.AKTIF,
                       poli_code="001", doctor_code=None, kiosk_id="k1", now=at(9, i),
                       policy=q.NumberPolicy(self_lease=True))
    assert isinstance(r, q.Issued)
    return r.ticket.ticket_id


def printed_events(store: Store) -> list[dict[str, object]]:
    return [e.payload for e in store.pending_events() if e.kind is EventKind.TICKET_PRINTED]


def do_print(store: Store, printer: TicketPrinter, tid: str) -> str:
    return print_ticket(store, printer, tid, facility_name="Klinik Pratama Demo", now=at(9, 30))


def test_pdf_dir_print_and_reprint(store: Store, tmp_path: Path) -> None:
    tid = new_ticket(store)
    printer = PdfDirPrinter(tmp_path / "tickets", 80)
    first = Path(do_print(store, printer, tid))
    assert first.name == f"A-300-{tid[:8]}.pdf" and first.parent.name == "2026-11-23"
    codes = pyzbar.decode(rasterise(first.read_bytes(), tmp_path))
    assert [c.data.decode() for c in codes] == [ticket_ref(tid)]
    second = Path(do_print(store, printer, tid))
    assert second.name.endswith("-reprint.pdf") and second != first
    assert [e["print_count"] for e in printed_events(store)] == [1, 2]
    assert not list(first.parent.glob("*.tmp"))


def test_pdf_dir_unwritable_is_printer_offline(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "tickets"
    blocker.write_text("a file where the folder should be")
    tid = new_ticket(store)
    with pytest.raises(PrinterOffline, match="cannot write ticket"):
        do_print(store, PdfDirPrinter(blocker, 58), tid)
    assert q.get_ticket(store, tid) is not None and printed_events(store) == []


# -- ESC/POS over a pseudo-terminal --------------------------------------------------------


class FakeEscPosDevice:
    """The printer end of a pty: answers DLE EOT 4 with ``status`` and records the rest."""

    def __init__(self, status: int | None) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.path = Path(os.ttyname(slave))
        self._slave = slave  # kept open so the pty stays configured between opens
        self.status = status
        self.received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        import select

        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            self.received += chunk
            if escpos.PAPER_STATUS_QUERY in chunk and self.status is not None:
                os.write(self.master, bytes([self.status]))

    def wait_for(self, marker: bytes, timeout: float = 5.0) -> None:
        deadline = threading.Event()
        for _ in range(int(timeout / 0.02)):
            if marker in self.received:
                return
            deadline.wait(0.02)
        raise AssertionError(f"{marker!r} never reached the printer")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        os.close(self.master)
        os.close(self._slave)


@pytest.fixture
def device_factory() -> Iterator[type[FakeEscPosDevice]]:
    made: list[FakeEscPosDevice] = []

    class Factory(FakeEscPosDevice):
        def __init__(self, status: int | None) -> None:
            super().__init__(status)
            made.append(self)

    yield Factory
    for d in made:
        d.close()


def test_escpos_prints_after_paper_check(store: Store,
                                         device_factory: type[FakeEscPosDevice]) -> None:
    dev = device_factory(0x12)  # paper present
    tid = new_ticket(store)
    where = do_print(store, EscPosPrinter(dev.path, 58), tid)
    assert where.startswith(f"escpos:{dev.path}")
    dev.wait_for(b"\x1dVB\x00")
    data = bytes(dev.received)
    assert data.startswith(escpos.PAPER_STATUS_QUERY + b"\x1b@")
    assert escpos.find_qr(data)[0].data == ticket_ref(tid) and b"A-300" in data
    assert [e["print_count"] for e in printed_events(store)] == [1]


def test_escpos_out_of_paper_keeps_ticket(store: Store,
                                          device_factory: type[FakeEscPosDevice]) -> None:
    dev = device_factory(0x72)  # paper end sensor
    tid = new_ticket(store)
    with pytest.raises(PrinterOutOfPaper, match="paper roll is empty"):
        do_print(store, EscPosPrinter(dev.path, 80), tid)
    assert b"\x1b@" not in dev.received  # nothing but the status query was sent
    t = q.get_ticket(store, tid)
    assert t is not None and t.print_count == 0 and printed_events(store) == []
    dev.status = 0x12  # staff puts in a new roll: the same ticket prints
    do_print(store, EscPosPrinter(dev.path, 80), tid)
    dev.wait_for(b"\x1dVB\x00")
    assert [e["print_count"] for e in printed_events(store)] == [1]


def test_escpos_silent_device_prints_without_check(
        store: Store, device_factory: type[FakeEscPosDevice]) -> None:
    dev = device_factory(None)  # never answers the status query
    tid = new_ticket(store)
    do_print(store, EscPosPrinter(dev.path, 80, status_timeout_s=0.1), tid)
    dev.wait_for(b"\x1dVB\x00")


def test_escpos_unplugged_is_offline(store: Store, tmp_path: Path) -> None:
    tid = new_ticket(store)
    with pytest.raises(PrinterOffline, match="unplugged"):
        do_print(store, EscPosPrinter(tmp_path / "usb-lp0-gone", 80), tid)
    assert q.get_ticket(store, tid) is not None and printed_events(store) == []


def test_escpos_to_plain_file(store: Store, tmp_path: Path) -> None:
    sink = tmp_path / "lp0.bin"
    sink.write_bytes(b"")
    tid = new_ticket(store)
    do_print(store, EscPosPrinter(sink, 80), tid)
    assert escpos.find_qr(sink.read_bytes())[0].data == ticket_ref(tid)


# -- CUPS ------------------------------------------------------------------------------------


def test_cups_with_real_lp_and_no_scheduler(store: Store) -> None:
    if shutil.which("lp") is None:
        pytest.skip("lp (cups-client) not installed")
    tid = new_ticket(store)
    with pytest.raises(PrinterOffline, match="lp -d thermal failed"):
        do_print(store, CupsPrinter("thermal", 80), tid)
    assert printed_events(store) == []


def test_cups_missing_lp(store: Store, tmp_path: Path) -> None:
    tid = new_ticket(store)
    with pytest.raises(PrinterOffline, match="not found"):
        do_print(store, CupsPrinter("thermal", 80, lp=str(tmp_path / "no-lp")), tid)


def test_cups_job_reaches_the_queue(store: Store, tmp_path: Path) -> None:
    """An lp stand-in that files each job by queue name, as a spooler would."""
    spool = tmp_path / "spool"
    lp = tmp_path / "lp"
    lp.write_text(f"""#!/bin/sh
# usage: lp -d QUEUE -t TITLE FILE
mkdir -p "{spool}/$2" && cp "$5" "{spool}/$2/job.pdf" && echo "request id is $2-1 (1 file(s))"
""")
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    tid = new_ticket(store)
    where = do_print(store, CupsPrinter("thermal", 58, lp=str(lp)), tid)
    assert where == "cups:thermal request id is thermal-1 (1 file(s))"
    codes = pyzbar.decode(rasterise((spool / "thermal" / "job.pdf").read_bytes(), tmp_path))
    assert [c.data.decode() for c in codes] == [ticket_ref(tid)]


# -- choice by config ------------------------------------------------------------------------


def test_make_printer_by_kind(tmp_path: Path) -> None:
    base = with_overrides(Settings(), kiosk={"data_dir": str(tmp_path)})
    pdf = make_printer(base)
    assert isinstance(pdf, PdfDirPrinter) and pdf.output_dir == tmp_path / "tickets"
    cups = make_printer(with_overrides(base, printer={"kind": "cups", "queue": "tm20",
                                                      "paper_mm": 58}))
    assert isinstance(cups, CupsPrinter) and (cups.queue, cups.paper_mm) == ("tm20", 58)
    dev = make_printer(with_overrides(base, printer={"kind": "escpos",
                                                     "device": "/dev/usb/lp0"}))
    assert isinstance(dev, EscPosPrinter) and dev.device == Path("/dev/usb/lp0")
    assert isinstance(make_printer(with_overrides(base, printer={"kind": "none"})), NoPrinter)
    with pytest.raises(PrinterOffline, match="device is not set"):
        make_printer(with_overrides(base, printer={"kind": "escpos"}))
    with pytest.raises(PrinterOffline, match="queue is empty"):
        make_printer(with_overrides(base, printer={"kind": "cups"}))
    assert {k.value for k in PrinterKind} == {"pdf-dir", "cups", "escpos", "none"}


def test_escpos_enospc_is_out_of_paper(store: Store) -> None:
    """/dev/full fails every write with ENOSPC, as Linux usblp does when the roll is empty."""
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full not available")
    tid = new_ticket(store)
    with pytest.raises(PrinterOutOfPaper, match="/dev/full"):
        do_print(store, EscPosPrinter(Path("/dev/full"), 80), tid)
    assert printed_events(store) == [] and q.get_ticket(store, tid) is not None
