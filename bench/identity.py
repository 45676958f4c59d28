"""Code decoding: accuracy on realistic synthetic camera frames, and time per 1280x720 frame.

    python -m bench.identity [--seed N] [--per-kind N] [--negatives N]

Runs on one core (CPU affinity, cv2.setNumThreads(1), OMP/OPENBLAS threads 1). Prints, for our
decoder and for plain pyzbar on the same frames: right / wrong per distortion; then decode time
(wall and thread-CPU, median and p95) for frames with a code, phones showing no code, empty
room scenes and, when ../shared/data/faces is present, real camera frames of people.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"cpu {cpu}"
    except (AttributeError, OSError):
        return "affinity not available"


def _plain_pyzbar(frame: Any) -> list[str]:
    from pyzbar import pyzbar

    return [d.data.decode("utf-8", "replace") for d in pyzbar.decode(frame)]


def _ours(frame: Any) -> list[str]:
    from kiosk.identity.decode import decode_frame

    return [c.payload for c in decode_frame(frame)]


def _timed(fn: Callable[[Any], list[str]], frame: Any) -> tuple[list[str], float, float]:
    w0, c0 = time.perf_counter(), time.thread_time()
    out = fn(frame)
    return out, (time.perf_counter() - w0) * 1000, (time.thread_time() - c0) * 1000


def _p95(xs: list[float]) -> float:
    return sorted(xs)[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def _stats(xs: list[float]) -> str:
    return f"median {statistics.median(xs):5.1f}  p95 {_p95(xs):5.1f}  max {max(xs):5.1f}"


def _real_frames(limit: int) -> list[Any]:
    """Frames of people from the shared face clips (no code in them), scaled to 1280x720."""
    import cv2

    base = Path(os.environ.get("KIOSK_TEST_DATA") or ROOT.parent / "shared" / "data") / "faces"
    frames: list[Any] = []
    for clip in sorted(base.glob("openmpf/*.mp4")):
        cap = cv2.VideoCapture(str(clip))
        while len(frames) < limit:
            ok, frame = cap.read()
            if not ok:
                break
            frames.append(cv2.resize(frame, (1280, 720), interpolation=cv2.INTER_LINEAR))
        cap.release()
    return frames


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--per-kind", type=int, default=20)
    ap.add_argument("--negatives", type=int, default=30)
    args = ap.parse_args()

    import cv2

    cv2.setNumThreads(1)
    where = _one_core()
    from kiosk.identity import synth

    t0 = time.perf_counter()
    samples = synth.make_set(seed=args.seed, per_kind=args.per_kind, negatives=args.negatives)
    print(
        f"identity bench: {len(samples)} synthetic 1280x720 frames (seed {args.seed}), "
        f"generated in {time.perf_counter() - t0:.1f} s; one core ({where})"
    )

    _ours(samples[0].frame)  # warm-up: imports, zbar load
    times: dict[str, dict[str, list[float]]] = {
        "ours": defaultdict(list),
        "pyzbar": defaultdict(list),
    }
    table: dict[str, dict[str, list[int]]] = {"ours": {}, "pyzbar": {}}
    for name, fn in (("ours", _ours), ("pyzbar", _plain_pyzbar)):
        for s in samples:
            out, wall, cpu = _timed(fn, s.frame)
            key = "code" if s.payload is not None else "phone, no code"
            times[name][key + " wall"].append(wall)
            times[name][key + " cpu"].append(cpu)
            row = table[name].setdefault(
                f"{s.distortion.value}/{s.symbology}" if s.symbology else "no code", [0, 0, 0]
            )
            row[0] += 1
            row[1] += s.payload is not None and s.payload in out
            row[2] += sum(1 for o in out if o != s.payload)
    scenes = [synth.make_scene(args.seed + i) for i in range(30)]
    real = _real_frames(60)
    for name, fn in (("ours", _ours), ("pyzbar", _plain_pyzbar)):
        for label, frames in (("empty room", scenes), ("real people", real)):
            for f in frames:
                out, wall, cpu = _timed(fn, f)
                times[name][label + " wall"].append(wall)
                times[name][label + " cpu"].append(cpu)
                table[name].setdefault(label, [0, 0, 0])[2] += len(out)
                table[name][label][0] += 1

    print("\naccuracy (frames / right / wrong):")
    print(f"  {'distortion':24s} {'ours':>16s} {'plain pyzbar':>16s}")
    for key in sorted(table["ours"]):
        o, p = table["ours"][key], table["pyzbar"][key]
        print(f"  {key:24s} {o[0]:4d} {o[1]:4d} {o[2]:4d}     {p[0]:4d} {p[1]:4d} {p[2]:4d}")
    for name in ("ours", "pyzbar"):
        pos = [v for k, v in table[name].items() if "/" in k]
        n, right = sum(v[0] for v in pos), sum(v[1] for v in pos)
        wrong = sum(v[2] for v in table[name].values())
        print(
            f"  {name:8s} right {right}/{n} = {100.0 * right / n:.1f} %, "
            f"wrong payloads (incl. frames without a code) {wrong}"
        )

    print("\ndecode time per 1280x720 frame, ms:")
    for name in ("ours", "pyzbar"):
        for key, xs in times[name].items():
            if xs:
                print(f"  {name:7s} {key:22s} n={len(xs):3d}  {_stats(xs)}")


if __name__ == "__main__":
    main()
