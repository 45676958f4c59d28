"""What the Mobile JKN endpoints do, independent of HTTP: book, report, cancel, register.

Every answer is an ``Answer`` (metadata code + message + optional response) because Mobile JKN
shows the message to the patient. Bookings are ordinary server bookings (``source = "jkn"``):
they reach every kiosk through the pull feed, take their number from the server's counter in the
same transaction, and are queued for BPJS (``antrean/add``, ``antrean/batal``) in it too.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.queue.numbering import bpjs_number
from kiosk.server.bpjs.feed import add_payload, bpjs_code
from kiosk.server.bpjs.outbox import Action, enqueue
from kiosk.server.bpjs.peserta import ROSTER_DEFAULTS
from kiosk.server.db import Database, Tx, utcnow_iso
from kiosk.server.domain import (
    Booking,
    Entity,
    allocate_number,
    dumps,
    get_record,
    record_change,
    set_booking_status,
    upsert_booking,
)
from kiosk.server.jkn import rules
from kiosk.server.jkn.rules import Rejected

log = logging.getLogger(__name__)

OK, FAILED, NEW_PATIENT = 200, 201, 202
ACTIVE = ("booked", "checked_in")
KETERANGAN = ("Peserta harap datang 30 menit sebelum jam praktek dan konfirmasi kehadiran di "
              "anjungan atau loket pendaftaran.")


@dataclass(frozen=True)
class Answer:
    code: int
    message: str
    response: Any = None


@dataclass(frozen=True)
class Slot:
    """One doctor's session on the requested day."""

    doctor_code: str
    poli_code: str
    start: str
    end: str
    capacity: int
    last_ticket: str | None  # no more tickets after this (HH:MM), when the facility says so

    @property
    def jampraktek(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Entry:
    """A place in a poli's queue for one day: a booking or a kiosk ticket."""

    label: str
    number: int
    doctor_code: str | None
    noka: str | None
    status: str  # waiting | called | served | absent | cancelled
    called_at: str | None
    booking_id: str | None


def _find_poli(tx: Tx, kodepoli: str) -> dict[str, Any] | None:
    """By our code or by the BPJS code given at import (``bpjs_code``)."""
    rec = get_record(tx, Entity.POLI, kodepoli)
    if rec is not None:
        return rec
    for row in tx.all("SELECT data FROM records WHERE entity = ? AND data IS NOT NULL",
                      (Entity.POLI,)):
        data: dict[str, Any] = json.loads(row["data"])
        if str(data.get("bpjs_code", "")) == kodepoli:
            return data
    return None


def _lock_day(tx: Tx, poli_code: str, day: date) -> None:
    """Serialise bookings and cancellations of one poli and day (see jkn_day_locks)."""
    tx.execute("INSERT INTO jkn_day_locks (poli_code, day, changes) VALUES (?, ?, 0)"
               " ON CONFLICT (poli_code, day) DO NOTHING", (poli_code, day.isoformat()))
    tx.execute("UPDATE jkn_day_locks SET changes = changes + 1 WHERE poli_code = ? AND day = ?",
               (poli_code, day.isoformat()))


def _doctor(tx: Tx, code: str) -> dict[str, Any]:
    return get_record(tx, Entity.DOCTOR, code) or {"code": code, "name": code}


def _slots(tx: Tx, poli_code: str, day: date) -> list[Slot]:
    out = []
    for row in tx.all("SELECT data FROM records WHERE entity = ? AND data IS NOT NULL",
                      (Entity.SCHEDULE,)):
        sched = json.loads(row["data"])
        for s in sched.get("sessions", []):
            if s.get("poli_code") == poli_code and s.get("weekday") == day.weekday():
                out.append(Slot(str(s["doctor_code"]), poli_code, str(s["start_time"])[:5],
                                str(s["end_time"])[:5], int(s.get("capacity") or 0),
                                str(s["last_ticket"])[:5] if s.get("last_ticket") else None))
    return sorted(out, key=lambda s: (s.start, s.doctor_code))


def _entries(tx: Tx, poli_code: str, day: date) -> list[Entry]:
    """Bookings and kiosk tickets of a poli on a day; a checked-in booking counts once."""
    iso = day.isoformat()
    tickets: dict[str, dict[str, Any]] = {}
    # Prefilter on the JSON text (dumps writes "day":"yyyy-mm-dd"), then check properly.
    for row in tx.all("SELECT ticket_id, status, data FROM tickets WHERE data LIKE ?",
                      (f'%"day":"{iso}"%',)):
        data = json.loads(row["data"])
        if data.get("day") == iso and data.get("poli_code") == poli_code:
            tickets[row["ticket_id"]] = {**data, "status": row["status"]}
    out: list[Entry] = []
    for b in tx.all("SELECT booking_id, status, number, label, doctor_code, noka, data"
                    " FROM bookings WHERE day = ? AND poli_code = ?", (iso, poli_code)):
        data = json.loads(b["data"])
        ticket = tickets.pop(str(data.get("ticket_id")), None) if data.get("ticket_id") else None
        status = ("cancelled" if b["status"] == "cancelled" else
                  ticket["status"] if ticket else
                  "served" if b["status"] == "served" else "waiting")
        out.append(Entry(str(b["label"] or ""), int(b["number"] or 0), b["doctor_code"],
                         b["noka"], status, ticket.get("called_at") if ticket else None,
                         b["booking_id"]))
    for t in tickets.values():
        if t.get("booking_id"):
            continue  # a booking not on this server (yet): counted when its booking arrives
        out.append(Entry(str(t.get("label") or ""), int(t.get("number") or 0),
                         t.get("doctor_code"), t.get("noka"), str(t["status"]),
                         t.get("called_at"), None))
    return out


def _live(entries: list[Entry], doctor_code: str | None = None) -> list[Entry]:
    return [e for e in entries if e.status != "cancelled"
            and (doctor_code is None or e.doctor_code in (None, doctor_code))]


def _last_called(entries: list[Entry]) -> str:
    called = [e for e in entries if e.called_at and e.status in ("called", "served", "absent")]
    if not called:
        return "-"
    latest = max(called, key=lambda e: str(e.called_at))
    return _bpjs_label(latest)


def _bpjs_label(e: Entry) -> str:
    letter = e.label.split("-")[0] if "-" in e.label else (e.label[:1] or "A")
    try:
        return bpjs_number(letter, e.number)[0]
    except ValueError:
        return e.label


def _waiting_ahead(entries: list[Entry], number: int) -> int:
    """Still waiting with a lower number: an estimate, since calls follow arrival."""
    return sum(1 for e in entries if e.status == "waiting" and e.number < number)


def _kodedokter(code: str) -> int | str:
    return int(code) if code.isdigit() else code


class JknService:
    def __init__(self, db: Database, tz: ZoneInfo, max_days_ahead: int, *,
                 send_to_bpjs: bool, notify: Callable[[], None],
                 clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.tz = tz
        self.max_days_ahead = max_days_ahead
        self.send_to_bpjs = send_to_bpjs
        self.notify = notify
        self.clock = clock

    def now_local(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), self.tz)

    def today(self) -> date:
        return self.now_local().date()

    # -- POST /antrean -----------------------------------------------------------------------
    def book(self, body: Any) -> Answer:
        try:
            req = rules.parse_booking(body, self.today(), self.max_days_ahead)
            with self.db.transaction() as tx:
                answer = self._book(tx, req)
        except Rejected as exc:
            return Answer(FAILED, exc.message)
        if self.send_to_bpjs:
            self.notify()
        return answer

    def _book(self, tx: Tx, req: rules.BookingRequest) -> Answer:
        day, iso = req.tanggalperiksa, req.tanggalperiksa.isoformat()
        poli = _find_poli(tx, req.kodepoli)
        if poli is None:
            raise Rejected(f"Poli {req.kodepoli} tidak ditemukan")
        poli_code = str(poli["code"])
        _lock_day(tx, poli_code, day)
        holiday = get_record(tx, Entity.HOLIDAY, iso)
        if holiday is not None:
            raise Rejected(f"Tanggal {iso} hari libur ({holiday.get('name', 'libur')}), "
                           "silakan pilih tanggal lain")
        entries = _entries(tx, poli_code, day)
        mine = [e for e in _live(entries) if e.noka == req.nomorkartu]
        if mine:
            raise Rejected("Nomor antrean hanya dapat diambil 1 kali pada tanggal dan poli yang "
                           f"sama (nomor Anda {_bpjs_label(mine[0])})")
        slot = self._choose_slot(tx, req, poli_code, day, entries)
        got = allocate_number(tx, poli_code, iso)
        letter = str(poli.get("letter") or poli_code[:1].upper())
        nomor, angka = bpjs_number(letter, got.number)
        known = (get_record(tx, Entity.PARTICIPANT, req.nomorkartu) is not None
                 or tx.one("SELECT noka FROM jkn_new_patients WHERE noka = ?",
                           (req.nomorkartu,)) is not None or bool(req.norm))
        booking = Booking(
            booking_id=f"jkn-{uuid.uuid4().hex}", source="jkn", poli_code=poli_code, day=iso,
            status="booked", noka=req.nomorkartu, nik=req.nik, doctor_code=slot.doctor_code,
            number=got.number, label=got.label,
            extra=(("created_at", utcnow_iso()), ("jam_praktek", slot.jampraktek)),
        )
        upsert_booking(tx, booking)
        tx.execute(
            "INSERT INTO jkn_bookings (booking_id, noka, new_patient, data, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (booking.booking_id, req.nomorkartu, int(not known),
             dumps({"keluhan": req.keluhan, "nohp": req.nohp, "norm": req.norm}), utcnow_iso()),
        )
        if self.send_to_bpjs:
            ticket = {"noka": req.nomorkartu, "day": iso, "poli_code": poli_code,
                      "doctor_code": slot.doctor_code, "number": got.number,
                      "jam_praktek": slot.jampraktek}
            enqueue(tx, Action.ADD, add_payload(tx, ticket, nik=req.nik, nohp=req.nohp,
                                                norm=req.norm, keterangan=KETERANGAN),
                    f"booking:{booking.booking_id}:add", self.clock())
        log.info("Mobile JKN booking %s at %s on %s: %s", booking.booking_id, poli_code, iso,
                 got.label)
        response = {
            "nomorantrean": nomor, "angkaantrean": angka,
            "namapoli": poli.get("name", poli_code),
            "sisaantrean": _waiting_ahead(_live(entries, slot.doctor_code), got.number),
            "antreanpanggil": _last_called(_live(entries)),
            "keterangan": KETERANGAN,
        }
        if not known:
            return Answer(NEW_PATIENT, "Pasien baru: silakan lengkapi data peserta, lalu "
                          "datang ke loket pendaftaran untuk melengkapi rekam medis", response)
        return Answer(OK, "Ok", response)

    def _choose_slot(self, tx: Tx, req: rules.BookingRequest, poli_code: str, day: date,
                     entries: list[Entry]) -> Slot:
        slots = _slots(tx, poli_code, day)
        if req.kodedokter is not None:
            slots = [s for s in slots if req.kodedokter in
                     (s.doctor_code, bpjs_code(get_record(tx, Entity.DOCTOR, s.doctor_code),
                                               s.doctor_code))]
        if req.jampraktek is not None:
            slots = [s for s in slots if s.jampraktek == req.jampraktek]
        if not slots:
            raise Rejected("Tidak ada jadwal dokter pada poli, tanggal dan jam yang dipilih")
        if day == self.today():
            now = self.now_local().time()
            slots = [s for s in slots if now < dtime.fromisoformat(s.last_ticket or s.end)]
            if not slots:
                raise Rejected("Jam praktek hari ini sudah selesai, silakan pilih tanggal lain")
        for s in slots:
            if len(_live(entries, s.doctor_code)) < s.capacity:
                return s
        raise Rejected("Kuota antrean untuk jadwal ini sudah penuh, silakan pilih jadwal lain")

    # -- GET /antrean/status/{kodepoli}/{tanggalperiksa} ---------------------------------
    def status(self, kodepoli: str, tanggal: str) -> Answer:
        try:
            rules.check_kodepoli(kodepoli)
            day = rules.check_tanggal_periksa(rules.parse_tanggal(tanggal), self.today(),
                                              self.max_days_ahead)
            with self.db.transaction(readonly=True) as tx:
                poli = _find_poli(tx, kodepoli)
                if poli is None:
                    raise Rejected(f"Poli {kodepoli} tidak ditemukan")
                poli_code = str(poli["code"])
                slots = _slots(tx, poli_code, day)
                if not slots:
                    raise Rejected("Tidak ada jadwal dokter pada poli dan tanggal tersebut")
                entries = _entries(tx, poli_code, day)
                out = []
                for s in slots:
                    doctor = _doctor(tx, s.doctor_code)
                    mine = _live(entries, s.doctor_code)
                    out.append({
                        "namapoli": poli.get("name", poli_code),
                        "totalantrean": len(mine),
                        "sisaantrean": sum(1 for e in mine if e.status == "waiting"),
                        "antreanpanggil": _last_called(mine),
                        "keterangan": "",
                        "kodedokter": _kodedokter(bpjs_code(doctor, s.doctor_code)),
                        "namadokter": doctor.get("name", s.doctor_code),
                        "jampraktek": s.jampraktek,
                    })
        except Rejected as exc:
            return Answer(FAILED, exc.message)
        return Answer(OK, "Ok", out)

    # -- GET /antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa} -----------------
    def remaining(self, nomorkartu: str, kodepoli: str, tanggal: str) -> Answer:
        try:
            noka = rules.check_noka(nomorkartu)
            rules.check_kodepoli(kodepoli)
            day = rules.check_tanggal_periksa(rules.parse_tanggal(tanggal), self.today(),
                                              self.max_days_ahead)
            with self.db.transaction(readonly=True) as tx:
                poli = _find_poli(tx, kodepoli)
                if poli is None:
                    raise Rejected(f"Poli {kodepoli} tidak ditemukan")
                entries = _entries(tx, str(poli["code"]), day)
        except Rejected as exc:
            return Answer(FAILED, exc.message)
        mine = [e for e in _live(entries) if e.noka == noka]
        if not mine:
            return Answer(FAILED, "Antrean tidak ditemukan")
        e = mine[0]
        same_doctor = _live(entries, e.doctor_code)
        return Answer(OK, "Ok", {
            "nomorantrean": _bpjs_label(e),
            "namapoli": poli.get("name", poli["code"]),
            "sisaantrean": _waiting_ahead(same_doctor, e.number) if e.status == "waiting" else 0,
            "antreanpanggil": _last_called(same_doctor),
            "keterangan": KETERANGAN if e.status == "waiting" else "",
        })

    # -- PUT /antrean/batal --------------------------------------------------------------
    def cancel(self, body: Any) -> Answer:
        try:
            req = rules.parse_cancel(body, self.today())
            with self.db.transaction() as tx:
                self._cancel(tx, req)
        except Rejected as exc:
            return Answer(FAILED, exc.message)
        if self.send_to_bpjs:
            self.notify()
        return Answer(OK, "Ok")

    def _cancel(self, tx: Tx, req: rules.CancelRequest) -> None:
        poli = _find_poli(tx, req.kodepoli)
        if poli is None:
            raise Rejected(f"Poli {req.kodepoli} tidak ditemukan")
        _lock_day(tx, str(poli["code"]), req.tanggalperiksa)
        rows = tx.all("SELECT booking_id, status, data FROM bookings WHERE day = ? AND"
                      " poli_code = ? AND noka = ?",
                      (req.tanggalperiksa.isoformat(), poli["code"], req.nomorkartu))
        live = [r for r in rows if r["status"] != "cancelled"]
        if not live:
            raise Rejected("Antrean sudah dibatalkan" if rows else "Antrean tidak ditemukan")
        row = live[0]
        data = json.loads(row["data"])
        ticket = (tx.one("SELECT status FROM tickets WHERE ticket_id = ?", (data["ticket_id"],))
                  if data.get("ticket_id") else None)
        if row["status"] == "served" or (ticket and ticket["status"] in ("called", "served")):
            raise Rejected("Pasien sudah dilayani, antrean tidak dapat dibatalkan")
        set_booking_status(tx, row["booking_id"], "cancelled", cancelled_at=utcnow_iso(),
                           cancel_reason=req.alasan, cancelled_via="jkn")
        if self.send_to_bpjs:
            enqueue(tx, Action.BATAL, {
                "tanggalperiksa": req.tanggalperiksa.isoformat(),
                "kodepoli": bpjs_code(poli, str(poli["code"])),
                "nomorkartu": req.nomorkartu,
                "alasan": req.alasan or "Dibatalkan peserta melalui Mobile JKN",
            }, f"booking:{row['booking_id']}:batal", self.clock())
        log.info("Mobile JKN booking %s cancelled", row["booking_id"])

    # -- POST /peserta -------------------------------------------------------------------
    def register(self, body: Any) -> Answer:
        try:
            p = rules.parse_new_patient(body, self.today())
        except Rejected as exc:
            return Answer(FAILED, exc.message)
        data = {"nomorkartu": p.nomorkartu, "nik": p.nik, "nomorkk": p.nomorkk, "nama": p.nama,
                "jeniskelamin": p.jeniskelamin, "tanggallahir": p.tanggallahir.isoformat(),
                "nohp": p.nohp, **p.address}
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO jkn_new_patients (noka, nik, data, registered_at) VALUES (?,?,?,?)"
                " ON CONFLICT (noka) DO UPDATE SET nik = excluded.nik, data = excluded.data,"
                " registered_at = excluded.registered_at",
                (p.nomorkartu, p.nik, dumps(data), utcnow_iso()),
            )
            if get_record(tx, Entity.PARTICIPANT, p.nomorkartu) is None:
                record_change(tx, Entity.PARTICIPANT, p.nomorkartu, {
                    **ROSTER_DEFAULTS, "noka": p.nomorkartu, "nik": p.nik,
                    "kk_number": p.nomorkk or None, "name": p.nama,
                    "birth_date": p.tanggallahir.isoformat(), "sex": p.jeniskelamin,
                    "phone": p.nohp or None,
                })
        log.info("new patient registered from Mobile JKN")
        return Answer(OK, "Harap datang ke admisi untuk melengkapi data rekam medis")
