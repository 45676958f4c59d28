"""Helpers shared by the queue tests and fixtures (fixed Monday, fictional participants)."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from PIL import Image

from kiosk.queue import store as qstore
from kiosk.queue.model import Doctor, Participant, Poli, Session
from kiosk.store import Store

WIB = timezone(timedelta(hours=7))
MONDAY = date(2026, 11, 23)


def at(hh: int, mm: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=WIB)


def person(i: int, **kw: object) -> Participant:
    """A fictional participant with a unique card number."""
    fields: dict[str, object] = {
        "noka": f"{8880000000000 + i:013d}", "nik": None, "kk_number": None,
        "name": f"Peserta {i}", "birth_date": date(1990, 1, 1), "sex": "L"}
    fields.update(kw)
    return Participant(**fields)  # type: ignore[arg-type]


def add_test_poli(s: Store, capacity: int = 10_000, code: str = "T01", letter: str = "T") -> None:
    """A poli open all day, every day, with a large quota (for numbering tests)."""
    with s.transaction() as tx:
        qstore.upsert_poli(tx, Poli(code, f"Poli Tes {letter}", letter, 1, 5.0))
        qstore.upsert_doctor(tx, Doctor(f"DR{code}", "dr. Tes", code))
        qstore.replace_schedule(tx, f"DR{code}", [
            Session(f"DR{code}", code, wd, time(0, 0), time(23, 59), capacity, time(0, 0),
                    time(23, 59)) for wd in range(7)])



def issue_many(db_path: str, kiosk_id: str, first: int, count: int, self_lease: bool,
               block: int, start: object) -> list[str]:
    """Worker for the multi-process tests: one kiosk issuing ``count`` tickets on T01.

    Returns the outcome of every attempt ("A-301" or the refusal value)."""

    from kiosk.membership import MembershipState
    from kiosk.queue.rules import Refused

    start.wait()  # type: ignore[attr-defined]  # all kiosks begin together
    store = Store.open(Path(db_path))
    policy = qstore.NumberPolicy(self_lease=self_lease, lease_block=block)
    out: list[str] = []
    try:
        for i in range(first, first + count):
            r = qstore.issue_ticket(store, participant=person(i),
                                    membership=MembershipState.AKTIF, poli_code="T01",
                                    doctor_code=None, kiosk_id=kiosk_id, now=at(9),
                                    policy=policy)
            out.append(r.reason.value if isinstance(r, Refused) else r.ticket.label)
    finally:
        store.close()
    return out


def rasterise(pdf: bytes, tmp: Path, dpi: int = 203) -> Image.Image:
    """203 dpi: the resolution of common thermal print heads."""
    src = tmp / "t.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(src),
                    str(tmp / "t")], check=True, timeout=30)
    return Image.open(tmp / "t.png").convert("L")


def issue_forever(db_path: str, kiosk_id: str) -> None:
    """Worker for the kill -9 test: issue tickets until killed."""
    from kiosk.membership import MembershipState

    store = Store.open(Path(db_path))
    policy = qstore.NumberPolicy(self_lease=True, lease_block=3)
    i = 0
    while True:
        qstore.issue_ticket(store, participant=person(i), membership=MembershipState.AKTIF,
                            poli_code="T01", doctor_code=None, kiosk_id=kiosk_id, now=at(9),
                            policy=policy)
        i += 1
