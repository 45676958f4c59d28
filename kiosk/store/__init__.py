"""The kiosk's SQLite store: one file, WAL + synchronous=FULL, versioned migrations, an outbox."""

from kiosk.store.db import Store, Tx
from kiosk.store.outbox import EventKind, OutboxEvent

__all__ = ["EventKind", "OutboxEvent", "Store", "Tx"]
