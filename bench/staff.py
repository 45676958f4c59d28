"""Staff desk figures: PIN check, queue console call, daily summary and its PDF on a busy day.

    python -m bench.staff [--tickets 2000] [--polis 6]

Runs on a real SQLite file (WAL, synchronous=FULL) in a temporary folder. Targets on the 2-core
reference machine: a PIN check well under a second (scrypt is deliberately slow, ~tens of ms),
"call next" under 50 ms, the daily summary of 2,000 tickets under 1 s, the PDF under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path

from kiosk.speech import MAX_NUMBER, call_sentence, number_words
from kiosk.staff import console
from kiosk.staff.pins import PinBook
from kiosk.staff.summary import daily_summary, export_pdf
from kiosk.store import EventKind, Store

WIB = timezone(timedelta(hours=7))
DAY = date(2026, 11, 23)


def _ms(samples: list[float]) -> str:
    qs = statistics.quantiles(samples, n=20) if len(samples) > 1 else samples * 19
    return f"median {statistics.median(samples) * 1000:.1f} ms, p95 {qs[18] * 1000:.1f} ms"


def _fill(store: Store, tickets: int, polis: int) -> None:
    """A busy day written straight into the tables (the issuing path is bench.queue's)."""
    start = datetime.combine(DAY, dtime(7, 0), WIB)
    with store.transaction() as tx:
        for p in range(polis):
            tx.execute("INSERT INTO polis (code, name, letter) VALUES (?, ?, ?)",
                       (f"P{p}", f"Poli {p}", chr(ord("A") + p)))
        for i in range(tickets):
            p = i % polis
            issued = start + timedelta(seconds=20 * i)
            called = issued + timedelta(minutes=15 + i % 40) if i < tickets * 0.9 else None
            status = "served" if called else "waiting"
            tx.execute(
                "INSERT INTO tickets (ticket_id, day, poli_code, number, label, source, kiosk_id,"
                " issued_at, status, called_at) VALUES (?, ?, ?, ?, ?, 'kiosk', 'k1', ?, ?, ?)",
                (f"t{i}", DAY.isoformat(), f"P{p}", i // polis + 1,
                 f"{chr(ord('A') + p)}-{i // polis + 1:03d}", issued.isoformat(), status,
                 called.isoformat() if called else None))
        for i in range(tickets):
            tx.emit(EventKind.VERIFICATION, {"passed": i % 17 != 0, "at": (
                start + timedelta(seconds=20 * i)).isoformat()})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=2000)
    ap.add_argument("--polis", type=int, default=6)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "kiosk.db")
        book = PinBook(store)
        now = datetime.now(UTC)
        book.set_pin("siti", "482913", now)
        checks = []
        for _ in range(10):
            t0 = time.perf_counter()
            book.attempt("482913", now)
            checks.append(time.perf_counter() - t0)
        print(f"PIN check (scrypt n=2^14, r=8), 1 staff: {_ms(checks)}")
        _fill(store, args.tickets, args.polis)
        calls = []
        at = datetime.combine(DAY, dtime(12, 0), WIB)
        for i in range(50):
            t0 = time.perf_counter()
            console.call_next(store, f"P{i % args.polis}", "siti", at + timedelta(seconds=i))
            calls.append(time.perf_counter() - t0)
        print(f"queue console call next ({args.tickets} tickets that day): {_ms(calls)}")
        sums = []
        for _ in range(5):
            t0 = time.perf_counter()
            s = daily_summary(store, DAY, WIB)
            sums.append(time.perf_counter() - t0)
        print(f"daily summary of {s.tickets} tickets, {s.verifications} verifications: "
              f"{_ms(sums)}")
        t0 = time.perf_counter()
        out = export_pdf(s, Path(tmp) / "summary.pdf", "Bench", datetime.now(WIB))
        print(f"daily summary PDF: {(time.perf_counter() - t0) * 1000:.0f} ms, "
              f"{out.stat().st_size} bytes")
        store.close()
    t0 = time.perf_counter()
    for n in range(MAX_NUMBER + 1):
        number_words(n)
    dt = time.perf_counter() - t0
    print(f"number words 0..{MAX_NUMBER}: {dt:.2f} s ({dt / (MAX_NUMBER + 1) * 1e6:.1f} us each)")
    t0 = time.perf_counter()
    for n in range(1, 1000):
        call_sentence(f"A-{n:03d}", "Poli Umum")
    print(f"call sentence: {(time.perf_counter() - t0) / 999 * 1e6:.1f} us each")


if __name__ == "__main__":
    main()
