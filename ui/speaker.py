"""Spoken prompts for the main steps: espeak-ng in a subprocess, off the GUI thread.

``EspeakSpeaker`` speaks one prompt at a time on its own thread; a newer prompt replaces any that
has not started yet (the patient only needs the current step). Without espeak-ng the kiosk is
silent and says so once in the log. Tests use ``RecordingSpeaker``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from typing import Protocol

from kiosk.config import Language

log = logging.getLogger(__name__)

_VOICES = {Language.ID: "id", Language.EN: "en"}


class Speaker(Protocol):
    def say(self, text: str, language: Language) -> None: ...

    def close(self) -> None: ...


class SilentSpeaker:
    def say(self, text: str, language: Language) -> None:
        pass

    def close(self) -> None:
        pass


class RecordingSpeaker:
    """Keeps what would have been said (tests, screenshots)."""

    def __init__(self) -> None:
        self.said: list[tuple[str, Language]] = []

    def say(self, text: str, language: Language) -> None:
        self.said.append((text, language))

    def close(self) -> None:
        pass


class EspeakSpeaker:
    def __init__(self, binary: str) -> None:
        self._binary = binary
        self._cond = threading.Condition()
        self._pending: tuple[str, Language] | None = None
        self._closed = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._run, name="speaker", daemon=True)
        self._thread.start()

    def say(self, text: str, language: Language) -> None:
        with self._cond:
            self._pending = (text, language)
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                text, language = self._pending  # type: ignore[misc]
                self._pending = None
            try:
                self._proc = subprocess.Popen(
                    [self._binary, "-v", _VOICES[language], "-s", "150", "--", text],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
                self._proc.wait()
            except OSError as exc:
                log.warning("espeak-ng failed: %s", exc)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
        self._thread.join(timeout=5)


def make_speaker(enabled: bool = True) -> Speaker:
    binary = shutil.which("espeak-ng") if enabled else None
    if binary is None:
        if enabled:
            log.info("espeak-ng not installed: spoken prompts are off")
        return SilentSpeaker()
    return EspeakSpeaker(binary)
