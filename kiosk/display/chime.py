"""The two-tone chime before each call, synthesised (no licensed sound files to ship).

``resources/sounds/chime.wav`` is this function's output, committed; ``chime_file`` regenerates it
into the data folder if a build lost it, so the display never depends on the file being there.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path

import numpy as np

from kiosk import paths

log = logging.getLogger(__name__)

RATE = 16_000
_TONES = ((659.25, 0.0, 0.55), (523.25, 0.42, 0.9))  # E5 then C5: (Hz, start s, length s)


def chime_samples() -> np.ndarray:
    """16-bit mono samples: two bell-like tones with a soft attack and exponential decay."""
    total = max(start + length for _, start, length in _TONES)
    out = np.zeros(int(total * RATE), dtype=np.float64)
    for freq, start, length in _TONES:
        t = np.arange(int(length * RATE)) / RATE
        env = np.minimum(t / 0.01, 1.0) * np.exp(-t * 4.0)
        tone = (np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(4 * np.pi * freq * t)) * env
        i = int(start * RATE)
        out[i:i + len(tone)] += tone
    out *= 0.6 / np.max(np.abs(out))
    return (out * 32767).astype("<i2")


def write_chime(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(chime_samples().tobytes())
    tmp.replace(path)
    return path


def chime_file(data_dir: Path) -> Path:
    """The bundled chime, or one generated into ``data_dir`` when the bundle lacks it."""
    bundled = paths.resource("sounds", "chime.wav")
    if bundled.is_file():
        return bundled
    made = data_dir / "sounds" / "chime.wav"
    if not made.is_file():
        log.info("bundled chime missing; generating %s", made)
        write_chime(made)
    return made
