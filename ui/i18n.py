"""Languages: Qt Linguist translators for Bahasa Indonesia (default) and English, plus a
pseudo-translation that lengthens every string to find clipped layouts.

Source strings in the code are English; ``resources/translations/anjungan_<lang>.qm`` holds the
compiled translations. Switching installs a different translator on the application, which sends
``LanguageChange`` to every widget so screens retranslate live.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk import paths
from kiosk.config import Language
from kiosk.errors import TranslationsMissing

log = logging.getLogger(__name__)

_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "áéîõüÿÅÉÎÕÜŸçñšž")


def pseudo(text: str) -> str:
    """Twice as long with accents, keeping ``%1``-style placeholders intact."""
    if not text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1].isdigit():
            out.append(text[i : i + 2])
            i += 2
            continue
        ch = text[i].translate(_ACCENTS)
        out.append(ch + (ch if ch.isalpha() else ""))
        i += 1
    return "[" + "".join(out) + "]"


class PseudoTranslator(QTranslator):
    """Every string doubled and accented: the layout check for languages longer than ours."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


def qm_file(language: Language, directory: Path | None = None) -> Path:
    return (directory or paths.translations_dir()) / f"anjungan_{language.value}.qm"


def load_translator(language: Language, directory: Path | None = None) -> QTranslator:
    """The compiled translator for ``language``; TranslationsMissing when it is absent."""
    path = qm_file(language, directory)
    translator = QTranslator()
    if not path.is_file() or not translator.load(str(path)):
        raise TranslationsMissing(
            f"{path} is missing or unreadable: run scripts/build-translations.sh"
        )
    return translator


class Languages:
    """Owns the installed translator; ``switch`` retranslates the whole UI live."""

    def __init__(self, directory: Path | None = None, *, pseudo_mode: bool = False) -> None:
        self._dir = directory
        self._pseudo = pseudo_mode
        self._current: QTranslator | None = None
        self.language = Language.ID

    def switch(self, language: Language) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before switching language")
        new: QTranslator
        if self._pseudo:
            new = PseudoTranslator()
        else:
            try:
                new = load_translator(language, self._dir)
            except TranslationsMissing as exc:
                # Source strings are English: the kiosk still works, in the wrong language.
                log.error("%s", exc.detail)
                new = QTranslator()
        if self._current is not None:
            app.removeTranslator(self._current)
        app.installTranslator(new)
        self._current = new
        self.language = language
        log.info("language: %s%s", language.value, " (pseudo)" if self._pseudo else "")

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._current is not None:
            app.removeTranslator(self._current)
        self._current = None
