"""A small real facility in a real store file: two polis open all week, tickets issued through
the queue's own operations (numbers from a local lease, call order from the queue rules)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from kiosk.membership.status import MembershipState
from kiosk.queue import store as queue
from kiosk.queue.model import Doctor, Participant, Poli, Session, Ticket
from kiosk.store import Store

WIB = timezone(timedelta(hours=7))
DAY = date(2026, 11, 23)  # a Monday
OPEN = datetime.combine(DAY, time(8, 0), WIB)
POLIS = (Poli("UMU", "Poli Umum", "A"), Poli("GIG", "Poli Gigi", "B"))
POLICY = queue.NumberPolicy(self_lease=True, lease_block=20, max_priority_run=3)


def open_facility(path: Path) -> Store:
    store = Store.open(path)
    with store.transaction() as tx:
        for i, p in enumerate(POLIS):
            queue.upsert_poli(tx, p)
            doc = f"D{i}"
            queue.upsert_doctor(tx, Doctor(doc, f"dr. Dokter {i}", p.code))
            queue.replace_schedule(tx, doc, [
                Session(doc, p.code, wd, time(7, 0), time(16, 0), 200, time(6, 0), time(15, 0))
                for wd in range(7)])
    return store


def participant(n: int, *, born: date = date(1990, 5, 1), pregnant: bool = False) -> Participant:
    return Participant(noka=f"{n:013d}", nik=None, kk_number=None, name=f"Pasien {n}",
                       birth_date=born, sex="P", pregnant=pregnant)


def issue(store: Store, n: int, poli_code: str, at: datetime, *, pregnant: bool = False
          ) -> Ticket:
    got = queue.issue_ticket(store, participant=participant(n, pregnant=pregnant),
                             membership=MembershipState.AKTIF, poli_code=poli_code,
                             doctor_code=None, kiosk_id="kiosk-1", now=at, policy=POLICY)
    assert isinstance(got, queue.Issued), got
    return got.ticket
