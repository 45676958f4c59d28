"""Wire messages of the on-demand identity calls, shared by the server and the kiosk client.

``POST /v1/identity/resolve``: an opaque IKD token -> the NIK the facility's verifier vouches
for, or why not. ``GET /v1/participants/lookup?nik=|noka=``: the participant's roster record and
family as pull ``Change`` records, so the kiosk applies them with the same code as a pull.
Pydantic only (no FastAPI, no httpx): the kiosk imports this module too.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.sync.protocol import PROTOCOL_VERSION, Change, Msg

MAX_TOKEN_CHARS = 4096  # a QR code holds at most about 3 KB
MAX_FAMILY = 50
Nik = Annotated[str, Field(pattern=r"^[0-9]{16}$")]


class TokenStatus(enum.Enum):
    RESOLVED = "resolved"  # the verifier vouches for this NIK
    UNVERIFIABLE = "unverifiable"  # nobody could say (no verifier, verifier down): type the NIK
    REJECTED = "rejected"  # the verifier says no (expired, forged, revoked): type the NIK


class ResolveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    protocol: int = PROTOCOL_VERSION
    token: Annotated[str, Field(min_length=1, max_length=MAX_TOKEN_CHARS)]

    @field_validator("token")
    @classmethod
    def _printable(cls, value: str) -> str:
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
            raise ValueError("the token contains control characters; send the code as scanned")
        return value


class ResolveResponse(Msg):
    status: TokenStatus
    nik: Nik | None = None
    reason: Annotated[str, Field(max_length=500)] = ""

    @model_validator(mode="after")
    def _nik_iff_resolved(self) -> ResolveResponse:
        if (self.status is TokenStatus.RESOLVED) != (self.nik is not None):
            raise ValueError("nik is given exactly when status is 'resolved'")
        return self


class LookupSource(enum.Enum):
    BPJS = "bpjs"  # PCare answered just now
    CACHE = "cache"  # the server's cached PCare answer (recent enough, or PCare unreachable)
    ROSTER = "roster"  # the facility roster as it is (PCare not configured or not answering)


class ParticipantLookup(Msg):
    participant: Change
    family: Annotated[list[Change], Field(max_length=MAX_FAMILY)] = Field(default_factory=list)
    source: LookupSource
    status_fetched_at: str | None = None
    bpjs_error: str | None = None
