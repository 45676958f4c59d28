"""kiosk-tool staff-*: set staff PINs, list staff and lockout, read the audit log, daily summary.

A PIN is never taken from the command line (it would stay in the shell history): it is typed
twice at a hidden prompt, or read from the first line of stdin with ``--pin-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path

from kiosk import paths
from kiosk.config import Settings, load_settings
from kiosk.errors import KioskError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("staff-set-pin", help="create or change a staff member's desk PIN")
    p.add_argument("--staff", required=True, help="staff id, e.g. siti (shown in the audit log)")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_set_pin)
    p = sub.add_parser("staff-list", help="staff with a PIN, and the keypad lockout state")
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_list)
    p = sub.add_parser("staff-audit", help="the latest staff actions (newest first)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_audit)
    p = sub.add_parser("staff-summary", help="the daily summary figures (and PDF)")
    p.add_argument("--day", type=date.fromisoformat, default=None, help="YYYY-MM-DD (today)")
    p.add_argument("--pdf", type=Path, default=None, help="also write the PDF report here")
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_summary)


def _settings(path: Path | None) -> Settings:
    default = paths.default_config_file()
    return load_settings(path or (default if default.exists() else None))


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("New PIN: ")
    if getpass.getpass("Same PIN again: ") != first:
        return None
    return first


def _set_pin(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.staff.pins import PinBook, PinRejected
    from kiosk.store import Store

    pin = _read_pin(args.pin_stdin)
    if pin is None:
        emit({"ok": False, "error": "pin_mismatch", "detail": "the two PINs differ"})
        return 1
    try:
        settings = _settings(args.config)
        with Store.open(settings.db_path) as store:
            PinBook(store).set_pin(args.staff, pin, datetime.now().astimezone(), by="kiosk-tool")
    except PinRejected as exc:
        emit({"ok": False, "error": "pin_rejected", "detail": str(exc)})
        return 1
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    emit({"ok": True, "staff": args.staff})
    return 0


def _list(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.staff.pins import PinBook, time_left
    from kiosk.store import Store

    try:
        with Store.open(_settings(args.config).db_path) as store:
            book = PinBook(store)
            lock = book.lockout()
            left = time_left(lock, datetime.now().astimezone())
            emit({"ok": True, "staff": book.staff_ids(), "failed_attempts": lock.failures,
                  "locked_for_s": round(left.total_seconds())})
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    return 0


def _audit(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.staff.audit import entries
    from kiosk.store import Store

    try:
        with Store.open(_settings(args.config).db_path) as store:
            rows = [{"at": e.at.isoformat(), "staff": e.staff, "action": e.action.value,
                     "subject": e.subject, "reason": e.reason, "detail": e.detail}
                    for e in entries(store, args.limit)]
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    emit({"ok": True, "entries": rows})
    return 0


def _summary(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.staff.summary import daily_summary, export_pdf
    from kiosk.store import Store

    try:
        settings = _settings(args.config)
        now = datetime.now().astimezone()
        day = args.day or now.date()
        with Store.open(settings.db_path) as store:
            s = daily_summary(store, day)
        if args.pdf is not None:
            export_pdf(s, args.pdf, settings.kiosk.facility_name, now, settings.kiosk.language)
    except KioskError as exc:
        emit({"ok": False, "error": exc.code.value, "detail": exc.detail})
        return 1
    except OSError as exc:
        emit({"ok": False, "error": "report_unwritable", "detail": str(exc)})
        return 1
    emit({
        "ok": True, "day": day.isoformat(), "tickets": s.tickets,
        "polis": [{"poli": p.code, "name": p.name, "issued": p.issued, "served": p.served,
                   "absent": p.absent, "waiting": p.waiting, "mean_wait_min": p.mean_wait_min,
                   "max_wait_min": p.max_wait_min} for p in s.polis],
        "verifications": s.verifications, "verification_failures": s.verification_failures,
        "failure_rate": s.failure_rate, "overrides": s.overrides,
        "exceptions": {"raised": s.exceptions_raised, "resolved": s.exceptions_resolved,
                       "open": s.exceptions_open},
        "pdf": str(args.pdf) if args.pdf else None,
    })
    return 0
