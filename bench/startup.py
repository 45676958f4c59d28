"""Cold start of the kiosk to its first screen (target: within 3 s, models loading after).

Runs ``kiosk --demo --windowed`` offscreen several times with ANJUNGAN_EXIT_AFTER_FIRST_SCREEN=1,
which makes the app report ``first-screen-ms=<ms since process start>`` once the attract screen
has been painted and quit. The first run is cold for the page cache of a fresh install only if
caches were dropped; each run is a fresh process, so imports and Qt start-up are always paid.

    python -m bench.startup [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(demo_dir: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANJUNGAN_EXIT_AFTER_FIRST_SCREEN="1",
               ANJUNGAN_DEMO_DIR=demo_dir)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "ui", "--demo", "--windowed"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    wall = (time.perf_counter() - t0) * 1000
    for line in out.stdout.splitlines():
        if line.startswith("first-screen-ms="):
            return float(line.split("=", 1)[1]), wall
    raise SystemExit(f"the kiosk did not report its first screen (exit {out.returncode}):\n"
                     f"{out.stdout[-2000:]}\n{out.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as demo_dir:
        first = one_run(demo_dir)  # creates and fills the demo store
        runs = [one_run(demo_dir) for _ in range(args.runs)]
    screens = [r[0] for r in runs]
    walls = [r[1] for r in runs]
    print(f"first run (creates the demo store): first screen {first[0]:.0f} ms")
    print(f"first screen after process start: median {statistics.median(screens):.0f} ms, "
          f"max {max(screens):.0f} ms over {len(screens)} runs (target <= 3000 ms)")
    print(f"whole process incl. interpreter start and exit: median "
          f"{statistics.median(walls):.0f} ms")


if __name__ == "__main__":
    main()
