"""Membership status: the colour state derived from what PCare says and how old that answer is.

Pure functions only. A state is never conveyed by colour alone: every state carries an icon name
and words (see ``kiosk.membership.texts``). The derivation is deliberately conservative: anything
the kiosk cannot read with confidence becomes UNKNOWN (grey), which sends the patient to staff.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.errors import ServerProtocolError


class MembershipState(enum.Enum):
    AKTIF = "aktif"
    NON_AKTIF = "non_aktif"
    PENANGGUHAN = "penangguhan"
    DENDA_PELAYANAN = "denda_pelayanan"
    OTHER_FKTP = "other_fktp"  # registered at another first-level facility
    UNKNOWN = "unknown"  # no record, stale while offline, or unreadable

    @property
    def may_take_ticket(self) -> bool:
        """Outpatient care at this facility can go ahead without staff."""
        return self in (MembershipState.AKTIF, MembershipState.DENDA_PELAYANAN)


class Colour(enum.Enum):
    """Display colours for the status tile. ``text`` is the colour for words and icon on it:
    whichever of black or white gives the higher WCAG contrast (>= 4.5:1 for all six)."""

    GREEN = "#1B7F3B"
    RED = "#C62828"
    AMBER = "#F2B600"
    ORANGE = "#E8710A"
    BLUE = "#1F5FBF"
    GREY = "#6B6B6B"

    @property
    def text(self) -> str:
        return "#000000" if contrast(self.value, "#000000") > contrast(self.value,
                                                                       "#FFFFFF") else "#FFFFFF"


def _luminance(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Reason(enum.Enum):
    """Why the state is what it is (for staff screens and logs; patients see the texts)."""

    FROM_STATUS_CODE = "from_status_code"
    FROM_FLAGS = "from_flags"
    NO_RECORD = "no_record"
    STALE = "stale"
    CLOCK_SUSPECT = "clock_suspect"  # fetched_at lies in the future: the device clock is wrong
    UNRECOGNISED = "unrecognised"


# VClaim-style status codes seen in the field (DESIGN.md section 4).
STATUS_CODE_STATES: Mapping[int, MembershipState] = {
    0: MembershipState.AKTIF,
    7: MembershipState.PENANGGUHAN,
    9: MembershipState.NON_AKTIF,  # unpaid contributions
    15: MembershipState.NON_AKTIF,  # inactive at month end
    2: MembershipState.NON_AKTIF,  # deceased
    6: MembershipState.NON_AKTIF,  # coverage ended
}

_ICON: Mapping[MembershipState, str] = {
    MembershipState.AKTIF: "check",
    MembershipState.NON_AKTIF: "cross",
    MembershipState.PENANGGUHAN: "pause",
    MembershipState.DENDA_PELAYANAN: "warning",
    MembershipState.OTHER_FKTP: "building",
    MembershipState.UNKNOWN: "question",
}

_COLOUR: Mapping[MembershipState, Colour] = {
    MembershipState.AKTIF: Colour.GREEN,
    MembershipState.NON_AKTIF: Colour.RED,
    MembershipState.PENANGGUHAN: Colour.AMBER,
    MembershipState.DENDA_PELAYANAN: Colour.ORANGE,
    MembershipState.OTHER_FKTP: Colour.BLUE,
    MembershipState.UNKNOWN: Colour.GREY,
}

# A fetched_at this far in the future is put down to clock trouble, not to transmission delay.
CLOCK_TOLERANCE = timedelta(minutes=5)


def icon_name(state: MembershipState) -> str:
    """Base name of the icon file: ``resources/icons/<name>.svg``."""
    return _ICON[state]


def colour(state: MembershipState) -> Colour:
    return _COLOUR[state]


@dataclass(frozen=True)
class PesertaRecord:
    """The membership facts the kiosk keeps (a subset of PCare's ``peserta`` answer)."""

    aktif: bool | None
    ket_aktif: str = ""
    tunggakan: int = 0  # arrears in rupiah
    kd_provider: str | None = None  # the member's own FKTP code
    jns_peserta: str = ""  # e.g. "PBI (APBN)", "PEKERJA PENERIMA UPAH"
    status_code: int | None = None  # VClaim-style code when the source gives one


def parse_pcare_peserta(data: Mapping[str, Any]) -> PesertaRecord:
    """Read PCare's ``peserta`` response object; a malformed one raises ServerProtocolError."""
    if not isinstance(data, Mapping):
        raise ServerProtocolError(f"peserta: expected an object, got {type(data).__name__}")
    aktif = data.get("aktif")
    if aktif is not None and not isinstance(aktif, bool):
        raise ServerProtocolError(f"peserta.aktif: expected true/false, got {aktif!r}")
    ket = data.get("ketAktif") or ""
    if not isinstance(ket, str):
        raise ServerProtocolError(f"peserta.ketAktif: expected text, got {ket!r}")
    raw_tunggakan = data.get("tunggakan") or 0
    try:
        tunggakan = int(raw_tunggakan)
    except (TypeError, ValueError):
        raise ServerProtocolError(
            f"peserta.tunggakan: expected a number, got {raw_tunggakan!r}"
        ) from None
    provider = data.get("kdProviderPst")
    kd_provider: str | None = None
    if isinstance(provider, Mapping):
        value = provider.get("kdProvider")
        if value is not None and str(value).strip():
            kd_provider = str(value).strip()
    elif provider is not None:
        raise ServerProtocolError(f"peserta.kdProviderPst: expected an object, got {provider!r}")
    jns = data.get("jnsPeserta")
    if isinstance(jns, Mapping):  # PCare nests it as {kode, nama}
        jns = jns.get("nama") or jns.get("kode") or ""
    code = _status_code(data)
    return PesertaRecord(
        aktif=aktif,
        ket_aktif=ket.strip(),
        tunggakan=tunggakan,
        kd_provider=kd_provider,
        jns_peserta=str(jns or "").strip(),
        status_code=code,
    )


def _status_code(data: Mapping[str, Any]) -> int | None:
    status = data.get("statusPeserta")
    raw = status.get("kode") if isinstance(status, Mapping) else data.get("statusCode")
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ServerProtocolError(f"peserta status code: expected a number, got {raw!r}") from None


def derive_state(record: PesertaRecord, facility_code: str) -> tuple[MembershipState, Reason]:
    """The colour state for a fresh record, seen from the facility ``facility_code``.

    Inactive or suspended beats everything; among active members, "registered elsewhere" beats
    the service penalty because it is what decides outpatient care here.
    """
    ket = record.ket_aktif.upper()
    if record.status_code is not None:
        base = STATUS_CODE_STATES.get(record.status_code)
        if base is None:
            return MembershipState.UNKNOWN, Reason.UNRECOGNISED
        reason = Reason.FROM_STATUS_CODE
    elif record.aktif is True:
        base, reason = MembershipState.AKTIF, Reason.FROM_FLAGS
    elif record.aktif is False:
        suspended = "ANGGUH" in ket  # PENANGGUHAN, DITANGGUHKAN
        base = MembershipState.PENANGGUHAN if suspended else MembershipState.NON_AKTIF
        reason = Reason.FROM_FLAGS
    else:
        return MembershipState.UNKNOWN, Reason.UNRECOGNISED
    if base is not MembershipState.AKTIF:
        return base, reason
    if record.kd_provider and record.kd_provider.strip() != facility_code.strip():
        return MembershipState.OTHER_FKTP, reason
    if "DENDA" in ket:
        return MembershipState.DENDA_PELAYANAN, reason
    return MembershipState.AKTIF, reason


@dataclass(frozen=True)
class MembershipStatus:
    """What the kiosk shows: state, why, and how old the underlying answer is."""

    state: MembershipState
    reason: Reason
    record: PesertaRecord | None
    fetched_at: datetime | None
    age: timedelta | None

    @property
    def colour(self) -> Colour:
        return colour(self.state)

    @property
    def icon(self) -> str:
        return icon_name(self.state)


def assess(
    record: PesertaRecord | None,
    fetched_at: datetime | None,
    now: datetime,
    *,
    stale_after_h: float,
    facility_code: str,
) -> MembershipStatus:
    """The status to show now, from the freshest record the kiosk has.

    A record older than ``stale_after_h`` (which only happens while the server is unreachable,
    since online lookups refresh it) is grey: staff must check, the kiosk does not guess.
    """
    if record is None or fetched_at is None:
        return MembershipStatus(MembershipState.UNKNOWN, Reason.NO_RECORD, record, fetched_at, None)
    age = now - fetched_at
    if age < -CLOCK_TOLERANCE:
        return MembershipStatus(MembershipState.UNKNOWN, Reason.CLOCK_SUSPECT, record, fetched_at,
                                age)
    age = max(age, timedelta(0))
    if age > timedelta(hours=stale_after_h):
        return MembershipStatus(MembershipState.UNKNOWN, Reason.STALE, record, fetched_at, age)
    state, reason = derive_state(record, facility_code)
    return MembershipStatus(state, reason, record, fetched_at, age)


def age_in_years(birth: date, today: date) -> int:
    years = today.year - birth.year
    if (today.month, today.day) < (birth.month, birth.day):
        years -= 1
    return years


ADULT_AGE = 17  # KTP age in Indonesia: may act for family members after verifying themselves


def may_act_for_family(birth: date, today: date) -> bool:
    return age_in_years(birth, today) >= ADULT_AGE
