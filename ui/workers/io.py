"""Store and printer work off the GUI thread, in order, on the worker's own store connection.

A job is a function of the store returning the check-in event to feed back (or None). A job
that raises becomes ``WorkFailed`` for its session: the patient is sent to the counter with a
clear message, the traceback goes to the log, and the next patient is unaffected.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QThread, Signal

from kiosk.checkin import WorkFailed
from kiosk.errors import KioskError
from kiosk.store import Store

log = logging.getLogger(__name__)

Job = Callable[[Store], object]


@dataclass(frozen=True)
class _Item:
    session: int
    name: str
    job: Job


class IoWorker(QThread):
    """``submit(session, name, job)``; results come back on ``done(event)`` (queued)."""

    done = Signal(object)
    storeFailed = Signal(object)

    def __init__(self, open_store: Callable[[], Store]) -> None:
        super().__init__()
        self.setObjectName("io")
        self._open = open_store
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self.idle = True

    def submit(self, session: int, name: str, job: Job) -> None:
        self._queue.put(_Item(session, name, job))

    def stop(self) -> None:
        self._queue.put(None)
        self.wait()

    def run(self) -> None:
        try:
            store = self._open()
        except KioskError as exc:
            log.error("store unavailable: %s", exc.detail)
            self.storeFailed.emit(exc)
            self._drain_failed(exc.detail)
            return
        if store.recovered is not None:
            self._report_recovery(store)
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                self.idle = False
                self.done.emit(self._run_one(store, item))
                self.idle = True
        finally:
            store.close()

    @staticmethod
    def _report_recovery(store: Store) -> None:
        """A damaged store was set aside and a clean one started: staff must know (re-sync,
        and the old file kept for the technician)."""
        from datetime import datetime

        from kiosk.staff.exceptions import ExceptionKind, raise_exception

        rec = store.recovered
        assert rec is not None
        detail = f"kiosk database was damaged ({rec.detail}); set aside as {rec.moved_to}"
        log.error("%s", detail)
        raise_exception(store, ExceptionKind.SYSTEM_PROBLEM, detail, None,
                        datetime.now().astimezone())

    def _run_one(self, store: Store, item: _Item) -> object:
        try:
            return item.job(store)
        except KioskError as exc:
            log.error("%s failed: %s", item.name, exc.detail)
            return WorkFailed(item.session, f"{item.name}: {exc.detail}")
        except Exception as exc:
            log.exception("%s failed (a bug)", item.name)
            return WorkFailed(item.session, f"{item.name}: {type(exc).__name__}")

    def _drain_failed(self, detail: str) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            self.done.emit(WorkFailed(item.session, f"{item.name}: {detail}"))
