"""The daily summary for the facility: tickets per poli, waits, verification failures, cases.

``daily_summary`` computes the figures from the store (read-only); ``export_pdf`` writes them as
a one-page A4 report with reportlab. Waits are measured from issue (arrival) to the first call.

Verification figures come from the day's VERIFICATION outbox events, whose payload carries
``"passed": true|false`` and ``"at"`` (ISO instant; the event's commit time when absent);
manual overrides and cases come from the audit log and staff_exceptions.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.config import Language
from kiosk.store import EventKind, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PoliSummary:
    code: str
    name: str
    issued: int  # every ticket of the day except cancelled ones
    served: int
    absent: int
    waiting: int  # still waiting or being called
    mean_wait_min: float | None  # issue -> first call, over tickets called so far
    median_wait_min: float | None
    max_wait_min: float | None


@dataclass(frozen=True)
class DailySummary:
    day: date
    polis: tuple[PoliSummary, ...]
    verifications: int
    verification_failures: int
    overrides: int
    exceptions_raised: int
    exceptions_resolved: int
    exceptions_open: int  # raised that day and still open

    @property
    def tickets(self) -> int:
        return sum(p.issued for p in self.polis)

    @property
    def failure_rate(self) -> float | None:
        """Failed verifications / all verifications, or None when there were none."""
        if self.verifications == 0:
            return None
        return self.verification_failures / self.verifications


def record_verification(store: Store, participant_id: str, passed: bool, now: datetime,
                        detail: str = "") -> str:
    """The VERIFICATION event the daily summary counts: one per face check (pass or fail)."""
    with store.transaction() as tx:
        return tx.emit(EventKind.VERIFICATION, {"participant_id": participant_id,
                                                "passed": passed, "detail": detail,
                                                "at": now.isoformat()})


def _local_day(stamp: str, tz: tzinfo | None) -> date:
    at = datetime.fromisoformat(stamp)
    if at.tzinfo is not None:
        at = at.astimezone(tz)
    return at.date()


def _window(day: date) -> tuple[str, str]:
    """A string range safely wider than the local day in any offset (filtered exactly after)."""
    return (day - timedelta(days=1)).isoformat(), (day + timedelta(days=2)).isoformat()


def daily_summary(store: Store, day: date, tz: tzinfo | None = None) -> DailySummary:
    """Figures for ``day`` (facility local date; ``tz`` None = this machine's zone)."""
    names = {r["code"]: r["name"] for r in store.query("SELECT code, name FROM polis")}
    rows = store.query(
        "SELECT poli_code, status, issued_at, called_at FROM tickets WHERE day = ?"
        " AND status != 'cancelled'", (day.isoformat(),))
    codes = sorted({r["poli_code"] for r in rows} | {
        r["code"] for r in store.query("SELECT code FROM polis WHERE active = 1")})
    polis: list[PoliSummary] = []
    for code in codes:
        mine = [r for r in rows if r["poli_code"] == code]
        waits = [
            (datetime.fromisoformat(r["called_at"])
             - datetime.fromisoformat(r["issued_at"])).total_seconds() / 60
            for r in mine if r["called_at"]
        ]
        polis.append(PoliSummary(
            code=code,
            name=names.get(code, code),
            issued=len(mine),
            served=sum(r["status"] == "served" for r in mine),
            absent=sum(r["status"] == "absent" for r in mine),
            waiting=sum(r["status"] in ("waiting", "called") for r in mine),
            mean_wait_min=statistics.fmean(waits) if waits else None,
            median_wait_min=statistics.median(waits) if waits else None,
            max_wait_min=max(waits) if waits else None,
        ))
    lo, hi = _window(day)
    passed = failed = 0
    for r in store.query(
            "SELECT payload, at FROM (SELECT payload, coalesce(json_extract(payload, '$.at'),"
            " created_at) AS at FROM outbox WHERE kind = ?) WHERE at >= ? AND at < ?",
            (EventKind.VERIFICATION.value, lo, hi)):
        if _local_day(r["at"], tz) != day:
            continue
        result = json.loads(r["payload"]).get("passed")
        if result is True:
            passed += 1
        elif result is False:
            failed += 1
    overrides = sum(
        _local_day(r["at"], tz) == day for r in store.query(
            "SELECT at FROM audit WHERE action = 'override' AND at >= ? AND at < ?", (lo, hi)))
    raised = resolved = still_open = 0
    for r in store.query("SELECT created_at, resolved_at FROM staff_exceptions WHERE"
                         " created_at >= ? AND created_at < ? OR resolved_at >= ?"
                         " AND resolved_at < ?", (lo, hi, lo, hi)):
        if _local_day(r["created_at"], tz) == day:
            raised += 1
            still_open += r["resolved_at"] is None
        if r["resolved_at"] and _local_day(r["resolved_at"], tz) == day:
            resolved += 1
    return DailySummary(day, tuple(polis), passed + failed, failed, overrides, raised, resolved,
                        still_open)


_LABELS = {
    Language.ID: {
        "title": "Ringkasan harian", "date": "Tanggal", "poli": "Poli", "issued": "Tiket",
        "served": "Dilayani", "absent": "Tidak hadir", "waiting": "Menunggu",
        "mean": "Rata-rata tunggu (mnt)", "median": "Median (mnt)", "max": "Maks (mnt)",
        "total": "Jumlah", "verif": "Verifikasi wajah", "fail": "Gagal", "rate": "Tingkat gagal",
        "override": "Verifikasi manual oleh petugas", "exc_raised": "Kasus ke petugas",
        "exc_resolved": "Kasus diselesaikan", "exc_open": "Kasus masih terbuka",
        "generated": "Dibuat",
    },
    Language.EN: {
        "title": "Daily summary", "date": "Date", "poli": "Poli", "issued": "Tickets",
        "served": "Served", "absent": "Absent", "waiting": "Waiting",
        "mean": "Mean wait (min)", "median": "Median (min)", "max": "Max (min)",
        "total": "Total", "verif": "Face verifications", "fail": "Failed",
        "rate": "Failure rate", "override": "Manual verifications by staff",
        "exc_raised": "Cases sent to staff", "exc_resolved": "Cases resolved",
        "exc_open": "Cases still open", "generated": "Generated",
    },
}


def fmt_minutes(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def fmt_rate(v: float | None) -> str:
    return "-" if v is None else f"{v * 100:.1f}%"


def export_pdf(summary: DailySummary, path: Path, facility_name: str, now: datetime,
               language: Language = Language.ID) -> Path:
    """Write the summary as an A4 PDF (atomically: a half-written report never appears)."""
    t = _LABELS[language]
    styles = getSampleStyleSheet()
    head = [t["poli"], t["issued"], t["served"], t["absent"], t["waiting"], t["mean"],
            t["median"], t["max"]]
    body = [[f"{p.name} ({p.code})", p.issued, p.served, p.absent, p.waiting,
             fmt_minutes(p.mean_wait_min), fmt_minutes(p.median_wait_min),
             fmt_minutes(p.max_wait_min)] for p in summary.polis]
    total = [t["total"], summary.tickets, sum(p.served for p in summary.polis),
             sum(p.absent for p in summary.polis), sum(p.waiting for p in summary.polis),
             "", "", ""]
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    table = Table([[Paragraph(h, small) for h in head], *body, total], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTSIZE", (0, 1), (-1, -1), 9),
    ]))
    facts = Table([
        [t["verif"], str(summary.verifications)],
        [t["fail"], str(summary.verification_failures)],
        [t["rate"], fmt_rate(summary.failure_rate)],
        [t["override"], str(summary.overrides)],
        [t["exc_raised"], str(summary.exceptions_raised)],
        [t["exc_resolved"], str(summary.exceptions_resolved)],
        [t["exc_open"], str(summary.exceptions_open)],
    ], colWidths=[90 * mm, 30 * mm])
    facts.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    story = [
        Paragraph(f"{t['title']}: {_xml(facility_name)}", styles["Title"]),
        Paragraph(f"{t['date']}: {summary.day.isoformat()}", styles["Normal"]),
        Spacer(1, 6 * mm), table, Spacer(1, 8 * mm), facts, Spacer(1, 8 * mm),
        Paragraph(f"{t['generated']}: {now.isoformat(timespec='minutes')}", small),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    SimpleDocTemplate(str(tmp), pagesize=A4, title=f"{t['title']} {summary.day.isoformat()}",
                      leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm).build(story)
    os.replace(tmp, path)
    log.info("daily summary for %s written to %s", summary.day, path)
    return path


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
