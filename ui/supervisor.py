"""Restart on crash: the full-screen kiosk runs as a child of a tiny supervisor.

A clean exit (0: staff closed the kiosk) ends the supervisor; any other exit (a crash, the
watchdog's exit after a frozen GUI, a signal) restarts the child after a backoff that doubles
from 1 s up to 60 s and resets once a child has run for 5 minutes.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import time
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

CHILD = "ANJUNGAN_SUPERVISED"
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 60.0
STABLE_S = 300.0


def wanted(args: argparse.Namespace) -> bool:
    """Full-screen production runs are supervised; development and child runs are not."""
    return not (args.windowed or args.no_supervise or os.environ.get(CHILD) == "1"
                or os.environ.get("ANJUNGAN_EXIT_AFTER_FIRST_SCREEN") == "1")


def supervise(
    command: Sequence[str],
    *,
    max_restarts: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    first_delay_s: float = FIRST_DELAY_S,
) -> int:
    """Run ``command`` until it exits 0; returns the last exit code when restarts run out."""
    from kiosk.log import setup_logging

    if not logging.getLogger().handlers:
        setup_logging(None)
    env = dict(os.environ, **{CHILD: "1"})
    delay = first_delay_s
    restarts = 0
    while True:
        started = time.monotonic()
        code = subprocess.call(list(command), env=env)
        if code == 0:
            log.info("kiosk exited cleanly")
            return 0
        ran = time.monotonic() - started
        if ran >= STABLE_S:
            delay = first_delay_s
        log.error("kiosk exited with %d after %.0f s; restarting in %.0f s", code, ran, delay)
        if max_restarts is not None and restarts >= max_restarts:
            return code
        restarts += 1
        sleep(delay)
        delay = min(delay * 2, MAX_DELAY_S)
