"""kiosk-tool queue-status / ticket-pdf / printer-test: queue diagnostics for technicians.

Nothing here prints personal data: queue status shows labels and counts, never card numbers.
"""

from __future__ import annotations

import argparse
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.config import Settings, load_settings
from kiosk.errors import KioskError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("queue-status", help="waiting tickets, call order and leases per poli")
    p.add_argument("--config", type=Path, default=None)
    p.add_argument("--day", type=date.fromisoformat, default=None, help="YYYY-MM-DD (today)")
    p.set_defaults(func=_status)
    p = sub.add_parser("ticket-pdf", help="write a ticket PDF (a stored ticket, or a sample)")
    p.add_argument("ticket_id", nargs="?", help="omit for a sample ticket")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")
    p.add_argument("--paper", type=int, choices=(58, 80), default=None)
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_ticket_pdf)
    p = sub.add_parser("printer-test", help="print a sample ticket on the configured printer")
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_printer_test)


def _settings(path: Path | None) -> Settings:
    default = paths.default_config_file()
    return load_settings(path or (default if default.exists() else None))


def _sample_view(settings: Settings) -> Any:
    from kiosk.queue.model import Priority, WaitBand
    from kiosk.queue.ticket import TicketView

    return TicketView(
        facility_name=settings.kiosk.facility_name, poli_name="Poli Umum (TES / TEST)",
        doctor_name=None, label="A-000", priority=Priority.NONE, ahead=0, wait=WaitBand(0, 0),
        issued_at=datetime.now().astimezone(), ticket_id=uuid.uuid4().hex, booking=False,
        reprint=False)


def _status(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.queue import store as qstore
    from kiosk.store import Store

    try:
        settings = _settings(args.config)
        day = args.day or datetime.now().astimezone().date()
        with Store.open(settings.db_path) as store:
            remaining = qstore.remaining_numbers(store, settings.kiosk.kiosk_id, day)
            polis = []
            for poli in qstore.list_polis(store):
                order = qstore.waiting_order(store, poli.code, day,
                                             settings.queue.max_priority_run)
                polis.append({
                    "poli": poli.code, "name": poli.name, "waiting": len(order),
                    "next": [t.label for t in order[:5]],
                    "leased_numbers_left": remaining.get(poli.code, 0),
                    "sessions": [s.jam_praktek for s in qstore.sessions_for(store, poli.code,
                                                                             day)],
                })
            emit({"ok": True, "day": day.isoformat(), "kiosk_id": settings.kiosk.kiosk_id,
                  "holiday": qstore.holiday_on(store, day), "outbox_depth": store.outbox_depth(),
                  "polis": polis})
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    return 0


def _ticket_pdf(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.queue.ticket import render_pdf, ticket_view
    from kiosk.store import Store

    try:
        settings = _settings(args.config)
        if args.ticket_id:
            with Store.open(settings.db_path) as store:
                view = ticket_view(store, args.ticket_id, settings.kiosk.facility_name,
                                   settings.queue.max_priority_run)
        else:
            view = _sample_view(settings)
        pdf = render_pdf(view, args.paper or settings.printer.paper_mm)
        args.out.write_bytes(pdf)
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    except ValueError as exc:
        emit({"ok": False, "error": "bad_input", "detail": str(exc)})
        return 2
    except OSError as exc:
        emit({"ok": False, "error": "cannot_write", "detail": f"{args.out}: {exc.strerror}"})
        return 1
    emit({"ok": True, "file": str(args.out), "label": view.label, "bytes": len(pdf)})
    return 0


def _printer_test(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.queue.printer import make_printer

    try:
        settings = _settings(args.config)
        where = make_printer(settings).send(_sample_view(settings))
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    emit({"ok": True, "printer": settings.printer.kind.value, "sent_to": where})
    return 0
