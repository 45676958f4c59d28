"""The wire protocol between kiosks and the central server, shared by both sides.

Every request body and every response body carries ``protocol``; a server that does not speak
the kiosk's version answers 400 with ``error = "protocol_mismatch"`` (and the version it speaks),
and the kiosk stops syncing with a clear message instead of guessing. JSON over HTTP; kiosk
identity comes from the bearer token, and ``kiosk_id`` in the body must match it.

Push: outbox events in seq order with client-generated ids; each id is stored once. The server
answers with the count stored, a result for each event that was not simply stored (duplicate /
conflict / rejected; this keeps answers small) and with ``acked_through``, how far
this kiosk store's outbox is known to it. ``acked_through`` in the request is the kiosk's belief;
a server restored from an older backup answers with less, and the kiosk re-sends the rest.

Pull: the server's change feed holds the latest state of each record under a server-assigned,
monotonically increasing ``seq``. The kiosk sends its cursor and the ``change_id`` it saw there;
an unknown pair (the server lost history) answers ``reset = true``: the kiosk starts again from 0
and, once caught up, drops records the server no longer has.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Anjungan-Protocol"
MAX_BATCH = 1000
MAX_PAGE = 1000

Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Code = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.\-]+$")]
Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Stamp = Annotated[str, Field(min_length=1, max_length=40)]
Count = Annotated[int, Field(ge=0, le=2**53)]


class Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    protocol: int = Field(description="protocol version; must equal the server's")


class WireEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    event_id: Ident
    seq: Annotated[int, Field(ge=1, le=2**53)]
    kind: Code
    payload: dict[str, Any]
    created_at: Stamp = Field(description="kiosk clock; informational only, never used to order")


class EventStatus(enum.Enum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # same id, same content: already here, nothing done
    CONFLICT = "conflict"  # same id, different content: integrity alarm recorded
    REJECTED = "rejected"  # the server cannot accept it: quarantine it and tell staff


class PushRequest(Msg):
    kiosk_id: Ident
    store_id: Ident
    acked_through: Count
    events: Annotated[list[WireEvent], Field(max_length=MAX_BATCH)]


class EventResult(BaseModel):
    model_config = ConfigDict(frozen=True)
    event_id: str
    status: EventStatus
    reason: str | None = None


class PushResponse(Msg):
    stored: int = Field(description="events stored now; every event not in results was")
    results: list[EventResult] = Field(description="only the events not simply stored")
    acked_through: int


class PullRequest(Msg):
    kiosk_id: Ident
    cursor: Count
    cursor_change_id: Annotated[str, Field(max_length=64)] | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 500
    include_own: bool = Field(False, description="also the changes this kiosk's own events"
                                                 " caused (full sync); normally skipped")


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)
    seq: int
    change_id: str
    entity: str
    key: str
    data: dict[str, Any] | None = Field(description="latest state; null = deleted")


class PullResponse(Msg):
    changes: list[Change]
    cursor: int
    cursor_change_id: str | None
    head: int
    more: bool
    reset: bool = False


class DeviceState(enum.Enum):
    OK = "ok"
    DEGRADED = "degraded"
    OFFLINE = "offline"
    UNKNOWN = "unknown"


class HeartbeatRequest(Msg):
    kiosk_id: Ident
    kiosk_time: Stamp
    app_version: Annotated[str, Field(max_length=32)]
    outbox_depth: Count
    quarantined: Count
    camera: DeviceState = DeviceState.UNKNOWN
    printer: DeviceState = DeviceState.UNKNOWN
    last_sync_at: Stamp | None = None


class HeartbeatResponse(Msg):
    server_time: str
    clock_drift_s: float = Field(description="kiosk clock minus server clock, seconds")


class NumberRequest(Msg):
    kiosk_id: Ident
    poli_code: Code
    day: Day


class NumberResponse(Msg):
    poli_code: str
    day: str
    number: int
    label: str


class LeaseRequest(Msg):
    kiosk_id: Ident
    poli_code: Code
    day: Day
    size: Annotated[int, Field(ge=1, le=200)] = 20


class LeaseResponse(Msg):
    lease_id: str
    poli_code: str
    day: str
    first_number: int
    last_number: int


class ErrorBody(BaseModel):
    protocol: int
    error: str
    detail: str


class HealthResponse(BaseModel):
    status: str
    protocol: int
    version: str
    database: str
