"""The sync engine's loop in a QThread the UI owns (the engine opens its own store there).

The GUI reads ``engine.status()`` whenever it likes; ``wake()`` after each committed change
pushes it at once rather than at the next timer.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from kiosk.sync.engine import SyncEngine


class SyncWorker(QThread):
    def __init__(self, engine: SyncEngine) -> None:
        super().__init__()
        self.setObjectName("sync")
        self.engine = engine
        self._stop = threading.Event()

    def run(self) -> None:
        self.engine.run_forever(self._stop)

    def stop(self) -> None:
        self._stop.set()
        self.engine.stop_waiting()
        self.wait()
