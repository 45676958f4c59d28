"""Membership status: colour states with icon and words, cached-status freshness, family lookup."""

from kiosk.membership.status import (
    Colour,
    MembershipState,
    MembershipStatus,
    PesertaRecord,
    Reason,
    assess,
    derive_state,
    icon_name,
    parse_pcare_peserta,
)
from kiosk.membership.texts import Guidance, guidance

__all__ = [
    "Colour",
    "Guidance",
    "MembershipState",
    "MembershipStatus",
    "PesertaRecord",
    "Reason",
    "assess",
    "derive_state",
    "guidance",
    "icon_name",
    "parse_pcare_peserta",
]
