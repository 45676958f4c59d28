"""A watchdog for a frozen GUI thread.

A timer on the GUI thread stamps a heartbeat; a plain Python thread checks it. If the GUI has not
beaten for ``limit_s`` the watchdog writes every thread's stack to the log (faulthandler) and
exits non-zero, so the supervisor restarts the kiosk instead of leaving a dead screen.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QTimer

log = logging.getLogger(__name__)

EXIT_FROZEN = 70  # EX_SOFTWARE


class Watchdog:
    def __init__(
        self,
        limit_s: float = 30.0,
        beat_ms: int = 500,
        *,
        on_frozen: Callable[[float], None] | None = None,
        dump_to: TextIO | None = None,
    ) -> None:
        self.limit_s = limit_s
        self._last = time.monotonic()
        self._timer = QTimer()
        self._timer.setInterval(beat_ms)
        self._timer.timeout.connect(self._beat)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_frozen = on_frozen or self._die
        self._dump_to = dump_to or sys.stderr
        self.fired = False

    def _beat(self) -> None:
        self._last = time.monotonic()

    def start(self) -> None:
        self._last = time.monotonic()
        self._timer.start()
        self._thread = threading.Thread(target=self._watch, name="watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _watch(self) -> None:
        while not self._stop.wait(min(1.0, self.limit_s / 4)):
            stalled = time.monotonic() - self._last
            if stalled >= self.limit_s:
                self.fired = True
                log.critical("GUI thread frozen for %.1f s; stacks follow", stalled)
                faulthandler.dump_traceback(file=self._dump_to, all_threads=True)
                self._on_frozen(stalled)
                return

    @staticmethod
    def _die(stalled: float) -> None:
        logging.shutdown()
        os._exit(EXIT_FROZEN)
