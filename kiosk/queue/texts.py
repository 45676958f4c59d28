"""What the patient reads when no ticket is issued, and the priority group names, in both
languages. Data in the core so the UI and the staff desk say the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.config import Language
from kiosk.queue.model import REFUSAL_ACTION, NextAction, Priority, Refusal, WaitBand


@dataclass(frozen=True)
class RefusalText:
    reason: str
    next_step: str


REFUSALS: Mapping[Refusal, Mapping[Language, RefusalText]] = {
    Refusal.OUTSIDE_HOURS: {
        Language.ID: RefusalText("Pengambilan nomor antrean untuk poli ini belum dibuka atau"
                                 " sudah selesai.", "Silakan lihat jadwal poli di layar."),
        Language.EN: RefusalText("Queue numbers for this clinic are not being issued at this"
                                 " time.", "Please check the clinic hours on screen."),
    },
    Refusal.QUOTA_FULL: {
        Language.ID: RefusalText("Kuota antrean poli ini untuk hari ini sudah penuh.",
                                 "Pilih poli atau dokter lain, atau tanyakan ke loket."),
        Language.EN: RefusalText("Today's quota for this clinic is full.",
                                 "Choose another clinic or doctor, or ask at the counter."),
    },
    Refusal.HOLIDAY: {
        Language.ID: RefusalText("Hari ini hari libur; poli tidak melayani.",
                                 "Silakan datang pada hari kerja berikutnya."),
        Language.EN: RefusalText("Today is a public holiday; the clinic is closed.",
                                 "Please come back on the next working day."),
    },
    Refusal.CLOSED_FOR_NEW_TICKETS: {
        Language.ID: RefusalText("Pendaftaran untuk sesi ini sudah ditutup.",
                                 "Pilih poli atau sesi lain, atau tanyakan ke loket."),
        Language.EN: RefusalText("Registration for this session has closed.",
                                 "Choose another clinic or session, or ask at the counter."),
    },
    Refusal.NO_SESSION_TODAY: {
        Language.ID: RefusalText("Tidak ada dokter yang praktik di poli ini hari ini.",
                                 "Pilih poli lain atau tanyakan ke loket."),
        Language.EN: RefusalText("No doctor is seeing patients in this clinic today.",
                                 "Choose another clinic or ask at the counter."),
    },
    Refusal.INACTIVE_STATUS: {
        Language.ID: RefusalText("Status kepesertaan JKN Anda tidak memungkinkan pengambilan"
                                 " nomor di anjungan.", "Silakan ke loket pendaftaran."),
        Language.EN: RefusalText("Your JKN membership status does not allow a ticket from the"
                                 " kiosk.", "Please go to the registration counter."),
    },
    Refusal.ALREADY_HAS_TICKET: {
        Language.ID: RefusalText("Anda sudah memiliki nomor antrean untuk poli ini hari ini.",
                                 "Tiket Anda dapat dicetak ulang."),
        Language.EN: RefusalText("You already have a queue number for this clinic today.",
                                 "Your ticket can be printed again."),
    },
    Refusal.UNKNOWN_POLI: {
        Language.ID: RefusalText("Poli ini tidak tersedia.", "Silakan tanyakan ke loket."),
        Language.EN: RefusalText("This clinic is not available.", "Please ask at the counter."),
    },
    Refusal.NO_NUMBER_AVAILABLE: {
        Language.ID: RefusalText("Anjungan belum dapat memberi nomor antrean saat ini.",
                                 "Silakan ke loket pendaftaran."),
        Language.EN: RefusalText("The kiosk cannot issue a queue number right now.",
                                 "Please go to the registration counter."),
    },
}

PRIORITY_NAMES: Mapping[Priority, Mapping[Language, str]] = {
    Priority.NONE: {Language.ID: "Umum", Language.EN: "Regular"},
    Priority.ELDERLY: {Language.ID: "Lansia", Language.EN: "Elderly"},
    Priority.DISABLED: {Language.ID: "Disabilitas", Language.EN: "Disability"},
    Priority.PREGNANT: {Language.ID: "Ibu hamil", Language.EN: "Pregnant"},
}


def refusal_text(reason: Refusal, language: Language) -> RefusalText:
    return REFUSALS[reason][language]


def next_action(reason: Refusal) -> NextAction:
    return REFUSAL_ACTION[reason]


def wait_text(band: WaitBand, language: Language) -> str:
    """``"15-25 menit"`` / ``"15-25 minutes"``; zero ahead reads as "soon"."""
    if band.high_min == 0:
        return "Segera dipanggil" if language is Language.ID else "You will be called soon"
    unit = "menit" if language is Language.ID else "minutes"
    return f"{band.low_min}-{band.high_min} {unit}"
