"""Saying calls aloud: a chime, then the sentence in Bahasa Indonesia through espeak-ng.

Announcements queue up (every call must be heard, unlike the kiosk's prompts where the newest
replaces the rest) and play one after another on a worker thread, never the GUI thread. The chime
goes through ``aplay`` when it exists; espeak-ng plays to the sound card itself, or writes one WAV
per call into ``wav_dir`` (headless machines, tests of the real engine). Without espeak-ng every
call is a log line. Tests of the display use ``RecordingAnnouncer``.
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Announcer(Protocol):
    def announce(self, sentence: str) -> None: ...

    def close(self) -> None: ...


class RecordingAnnouncer:
    """Keeps the sentences that would have been spoken."""

    def __init__(self) -> None:
        self.sentences: list[str] = []

    def announce(self, sentence: str) -> None:
        self.sentences.append(sentence)

    def close(self) -> None:
        pass


class LogAnnouncer:
    """No speech engine on this machine: the call is only written to the log."""

    def announce(self, sentence: str) -> None:
        log.info("call (no speech engine): %s", sentence)

    def close(self) -> None:
        pass


class EspeakAnnouncer:
    def __init__(self, espeak: str, *, chime: Path | None = None, aplay: str | None = None,
                 voice: str = "id", speed: int = 140, wav_dir: Path | None = None) -> None:
        self._espeak = espeak
        self._chime = chime
        self._aplay = aplay
        self._voice = voice
        self._speed = speed
        self._wav_dir = wav_dir
        self._count = 0
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
        self._thread.start()

    def announce(self, sentence: str) -> None:
        self._queue.put(sentence)

    def close(self, timeout: float = 30.0) -> None:
        """Finish what is queued, then stop."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while (sentence := self._queue.get()) is not None:
            try:
                self._play(sentence)
            except (OSError, subprocess.SubprocessError) as exc:
                log.error("could not speak %r: %s", sentence, exc)

    def _play(self, sentence: str) -> None:
        if self._chime is not None and self._aplay is not None and self._wav_dir is None:
            subprocess.run([self._aplay, "-q", str(self._chime)], check=False, timeout=10,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cmd = [self._espeak, "-v", self._voice, "-s", str(self._speed)]
        if self._wav_dir is not None:
            self._count += 1
            self._wav_dir.mkdir(parents=True, exist_ok=True)
            cmd += ["-w", str(self._wav_dir / f"call-{self._count:04d}.wav")]
        proc = subprocess.run([*cmd, "--", sentence], check=False, timeout=60,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            log.error("espeak-ng failed (%d): %s", proc.returncode,
                      proc.stderr.decode(errors="replace").strip())
        else:
            log.info("called: %s", sentence)


def make_announcer(chime: Path | None) -> Announcer:
    """espeak-ng (with the chime through aplay when present), else log lines."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        log.warning("espeak-ng not found: calls are shown but not spoken (apt install espeak-ng)")
        return LogAnnouncer()
    aplay = shutil.which("aplay")
    if aplay is None:
        log.warning("aplay not found: calls are spoken without the chime (apt install alsa-utils)")
    return EspeakAnnouncer(espeak, chime=chime, aplay=aplay)
