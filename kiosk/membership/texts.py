"""What the patient reads for each membership state, in Bahasa Indonesia and English.

Kept as data in the core so the UI, the staff desk and the tests all use one wording. Each entry
has a short title (shown beside the icon), an explanation and the next step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.config import Language
from kiosk.membership.status import MembershipState


@dataclass(frozen=True)
class Guidance:
    title: str
    explanation: str
    next_step: str


GUIDANCE: Mapping[MembershipState, Mapping[Language, Guidance]] = {
    MembershipState.AKTIF: {
        Language.ID: Guidance(
            "AKTIF",
            "Kepesertaan JKN Anda aktif.",
            "Silakan lanjut memilih poli dan mengambil nomor antrean.",
        ),
        Language.EN: Guidance(
            "ACTIVE",
            "Your JKN membership is active.",
            "Please go on to choose a clinic and take a queue number.",
        ),
    },
    MembershipState.NON_AKTIF: {
        Language.ID: Guidance(
            "NON-AKTIF",
            "Kepesertaan JKN Anda tidak aktif, misalnya karena ada tunggakan iuran atau"
            " kepesertaan dari tempat kerja sudah berakhir.",
            "Bayar tunggakan lewat aplikasi Mobile JKN atau bank, atau hubungi HRD tempat kerja"
            " baru. Petugas di loket dapat mendaftarkan kunjungan sebagai pasien umum."
            " Info: Care Center BPJS Kesehatan 165.",
        ),
        Language.EN: Guidance(
            "INACTIVE",
            "Your JKN membership is not active, for example because contributions are unpaid"
            " or membership through an employer has ended.",
            "Pay the arrears in the Mobile JKN app or at a bank, or ask your new employer's HR."
            " Staff at the counter can register this visit as a general (non-JKN) patient."
            " BPJS Kesehatan call centre: 165.",
        ),
    },
    MembershipState.PENANGGUHAN: {
        Language.ID: Guidance(
            "PENANGGUHAN",
            "Kepesertaan Anda ditangguhkan: data ganda atau menunggu verifikasi Dukcapil.",
            "Perbarui data NIK/KK melalui layanan PANDAWA (WhatsApp 0811-8165-165) atau kantor"
            " cabang BPJS Kesehatan. Silakan ke loket pendaftaran.",
        ),
        Language.EN: Guidance(
            "SUSPENDED",
            "Your membership is suspended: duplicate data, or waiting for civil registry"
            " (Dukcapil) verification.",
            "Update your NIK/family card data through the PANDAWA WhatsApp service"
            " (0811-8165-165) or a BPJS branch office. Please go to the registration counter.",
        ),
    },
    MembershipState.DENDA_PELAYANAN: {
        Language.ID: Guidance(
            "DENDA PELAYANAN",
            "Kepesertaan aktif kembali, tetapi ada denda pelayanan untuk rawat inap.",
            "Rawat jalan hari ini bisa dilanjutkan. Petugas akan menjelaskan denda bila Anda"
            " perlu dirawat inap.",
        ),
        Language.EN: Guidance(
            "SERVICE PENALTY",
            "Your membership is active again, but a service penalty applies to inpatient care.",
            "Today's outpatient visit can go ahead. Staff will explain the penalty if you need"
            " inpatient care.",
        ),
    },
    MembershipState.OTHER_FKTP: {
        Language.ID: Guidance(
            "TERDAFTAR DI FASKES LAIN",
            "Anda terdaftar di fasilitas kesehatan tingkat pertama (FKTP) lain.",
            "Silakan ke loket: petugas akan menentukan apakah Anda dapat dilayani di sini"
            " (gawat darurat, rujukan, atau kunjungan sementara).",
        ),
        Language.EN: Guidance(
            "REGISTERED ELSEWHERE",
            "You are registered at another first-level health facility (FKTP).",
            "Please go to the counter: staff will decide whether you can be seen here"
            " (emergency, referral or visiting rules).",
        ),
    },
    MembershipState.UNKNOWN: {
        Language.ID: Guidance(
            "STATUS BELUM DIKETAHUI",
            "Status kepesertaan tidak dapat dipastikan saat ini (data tidak ada atau sudah lama).",
            "Silakan ke loket pendaftaran; petugas akan memeriksa status Anda.",
        ),
        Language.EN: Guidance(
            "STATUS UNKNOWN",
            "Your membership status cannot be confirmed right now (no data, or data too old).",
            "Please go to the registration counter; staff will check your status.",
        ),
    },
}


def guidance(state: MembershipState, language: Language) -> Guidance:
    return GUIDANCE[state][language]
