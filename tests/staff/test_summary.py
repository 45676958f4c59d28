"""The daily summary from a real store, and its PDF read back with poppler's pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.config import Language
from kiosk.staff import console
from kiosk.staff.exceptions import (
    ExceptionKind,
    Resolution,
    override_verification,
    raise_exception,
    resolve,
)
from kiosk.staff.summary import daily_summary, export_pdf, record_verification
from kiosk.store import EventKind, Store
from tests.staff.staff_support import DAY, OPEN, WIB, issue


def _verifications(store: Store, results: list[bool]) -> None:
    for ok in results:
        record_verification(store, "0001234567890", ok, OPEN, "" if ok else "no match")


def _busy_day(store: Store) -> None:
    # Poli Umum: 3 tickets; called after 10, 20 and 30 minutes; one served, one absent.
    ts = [issue(store, n, "UMU", OPEN + timedelta(minutes=n)) for n in range(3)]
    for i, _t in enumerate(ts):
        call = console.call_next(store, "UMU", "siti", OPEN + timedelta(minutes=i + 10 * (i + 1)))
        assert call is not None
    console.mark_served(store, ts[0].ticket_id, "siti", OPEN + timedelta(minutes=40))
    console.mark_absent(store, ts[1].ticket_id, "siti", OPEN + timedelta(minutes=41))
    # Poli Gigi: 1 ticket still waiting.
    issue(store, 10, "GIG", OPEN)
    case = raise_exception(store, ExceptionKind.FACE_FAILED, "no match", "1", OPEN)
    raise_exception(store, ExceptionKind.UNKNOWN_PARTICIPANT, "not in roster", "2", OPEN)
    resolve(store, case, Resolution.GENERAL_PATIENT, "", "siti", OPEN + timedelta(minutes=5))
    override_verification(store, "3", "KTP asli dicek oleh petugas", "siti", OPEN)


def test_daily_figures(store: Store) -> None:
    _busy_day(store)
    _verifications(store, [True] * 6 + [False] * 2)
    s = daily_summary(store, DAY, WIB)
    umum, gigi = sorted(s.polis, key=lambda p: p.name, reverse=True)
    assert (umum.name, umum.issued, umum.served, umum.absent, umum.waiting) == (
        "Poli Umum", 3, 1, 1, 1)
    assert umum.mean_wait_min == pytest.approx(20.0)
    assert umum.median_wait_min == pytest.approx(20.0)
    assert umum.max_wait_min == pytest.approx(30.0)
    assert (gigi.issued, gigi.waiting, gigi.mean_wait_min) == (1, 1, None)
    assert s.tickets == 4
    assert (s.verifications, s.verification_failures) == (8, 2)
    assert s.failure_rate == pytest.approx(0.25)
    assert (s.exceptions_raised, s.exceptions_resolved, s.exceptions_open) == (2, 1, 1)
    assert s.overrides == 1
    # an event without its own time counts on the day it was committed
    with store.transaction() as tx:
        tx.emit(EventKind.VERIFICATION, {"passed": False, "participant_id": "x"})
    today = datetime.now(WIB).date()
    assert daily_summary(store, today, WIB).verification_failures == 1 + (2 if today == DAY
                                                                          else 0)
    other_day = daily_summary(store, DAY - timedelta(days=400), WIB)  # never "today"
    assert other_day.tickets == 0 and other_day.failure_rate is None
    assert other_day.exceptions_raised == 0


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize(("language", "words"), [
    (Language.ID, ("Ringkasan harian", "Tingkat gagal", "Menunggu")),
    (Language.EN, ("Daily summary", "Failure rate", "Waiting")),
])
def test_pdf_carries_the_figures(store: Store, tmp_path: Path, language: Language,
                                 words: tuple[str, ...]) -> None:
    _busy_day(store)
    _verifications(store, [True] * 6 + [False] * 2)
    s = daily_summary(store, DAY, WIB)
    out = export_pdf(s, tmp_path / "reports" / "summary.pdf", "Klinik Pratama <Sehat> & Co",
                     OPEN + timedelta(hours=9), language)
    assert out.read_bytes().startswith(b"%PDF")
    assert not list(out.parent.glob("*.part"))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Klinik Pratama <Sehat> & Co" in text
    assert "2026-11-23" in text
    for w in words:
        assert w in text
    lines = {ln.split()[0] + " " + ln.split()[1]: ln.split() for ln in text.splitlines()
             if ln.strip().startswith("Poli ")}
    assert lines["Poli Umum"][3:] == ["3", "1", "1", "1", "20.0", "20.0", "30.0"]
    assert lines["Poli Gigi"][3:] == ["1", "0", "0", "1", "-", "-", "-"]
    assert "25.0%" in text
    rate_line = next(ln for ln in text.splitlines() if words[1] in ln)
    assert rate_line.split()[-1] == "25.0%"
