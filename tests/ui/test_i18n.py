"""Languages: Bahasa Indonesia by default, English on a touch, live; every .ts entry translated;
the pseudo-translation (twice as long) must not clip any text on any screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.checkin import Step
from kiosk.config import Language
from tests.ui.conftest import ROOT
from ui.i18n import pseudo


def test_indonesian_by_default_and_english_live(qtbot, start_kiosk, demo_settings) -> None:
    kiosk = start_kiosk(demo_settings)
    attract = kiosk.window.attract
    assert attract.title.text() == "Pindai QR IKD atau kartu JKN digital"
    assert attract.keypad_button.text() == "Ketik NIK atau nomor kartu"
    # The language in use is shown pressed and marked, not by colour alone.
    assert attract.lang_id.isChecked() and not attract.lang_en.isChecked()
    assert attract.lang_id.text().startswith("✓") and not attract.lang_en.text().startswith("✓")
    qtbot.mouseClick(attract.lang_en, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: attract.title.text() == "Scan your IKD QR code or digital JKN card")
    assert kiosk.window.keypad.keypad.next_button.text() == "Next"  # the keypad follows too
    assert kiosk.window.status.language is Language.EN
    assert attract.lang_en.isChecked() and not attract.lang_id.isChecked()
    assert attract.lang_en.text() == "✓ English"
    qtbot.mouseClick(attract.lang_en, Qt.MouseButton.LeftButton)  # pressing it again keeps it
    assert attract.lang_en.isChecked()
    qtbot.mouseClick(attract.lang_id, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: attract.keypad_button.text() == "Ketik NIK atau nomor kartu")
    assert kiosk.window.keypad.title.text() == "Ketik NIK atau nomor kartu JKN Anda"
    assert attract.lang_id.isChecked() and not attract.lang_en.isChecked()


def test_next_patient_starts_in_indonesian(qtbot, start_kiosk, demo_settings) -> None:
    kiosk = start_kiosk(demo_settings)
    attract = kiosk.window.attract
    qtbot.mouseClick(attract.lang_en, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(attract.keypad_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.window.keypad.title.text() == "Type your NIK or JKN card number")
    qtbot.mouseClick(kiosk.window.keypad.cancel_button, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.step is Step.ATTRACT
    qtbot.waitUntil(lambda: attract.title.text() == "Pindai QR IKD atau kartu JKN digital")
    assert attract.lang_id.isChecked() and not attract.lang_en.isChecked()
    assert kiosk.languages.language is Language.ID


def test_every_indonesian_string_is_translated() -> None:
    tree = ET.parse(ROOT / "resources" / "translations" / "anjungan_id.ts")
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            tr = m.find("translation")
            text = "".join(tr.itertext()).strip() if tr is not None else ""
            if not text or (tr is not None and tr.get("type") in ("unfinished", "obsolete")):
                missing.append(f"{name}: {m.findtext('source')}")
    assert not missing, missing


def test_pseudo_translation_keeps_placeholders() -> None:
    out = pseudo("About %1–%2 minutes")
    assert "%1" in out and "%2" in out and len(out) >= 2 * len("About –minutes")


def clipped(window) -> list[str]:
    """Visible labels or buttons whose text does not fit in them."""
    bad = []
    for w in window.findChildren(QLabel) + window.findChildren(QPushButton):
        if not w.isVisible() or not w.text():
            continue
        fm = w.fontMetrics()
        if isinstance(w, QLabel) and w.wordWrap():
            need = fm.boundingRect(0, 0, max(w.width() - 2 * w.margin(), 1), 100_000,
                                   int(Qt.TextFlag.TextWordWrap), w.text()).height()
            if need > w.height() + 2:
                bad.append(f"{w.objectName()}: {w.text()[:40]!r} needs {need}px of {w.height()}")
        elif isinstance(w, QPushButton):
            if fm.horizontalAdvance(w.text()) > w.width() - 8:
                bad.append(f"{w.objectName()}: {w.text()[:40]!r} too wide")
        elif fm.horizontalAdvance(w.text()) > w.width() + 2:
            bad.append(f"{w.objectName()}: {w.text()[:40]!r} too wide")
    return bad


def test_pseudo_translation_clips_nothing(qtbot, qapp) -> None:
    """Every screen of the screenshot tour, with text twice as long, fits a 1280x800 kiosk
    (the smaller of the common kiosk panels)."""
    from ui import style
    from ui.i18n import Languages
    from ui.screenshots import first_frame, scenes, stage
    from ui.window import KioskWindow

    style.apply(qapp)
    languages = Languages(pseudo_mode=True)
    languages.switch(Language.ID)
    problems = []
    try:
        for name, state, extra in scenes():
            window = KioskWindow("Klinik Pratama Demo")
            qtbot.addWidget(window)
            window.allow_close = True
            window.resize(1280, 800)
            window.show()
            stage(window, state, extra, first_frame(None))
            qtbot.wait(20)
            assert window.attract.keypad_button.text().startswith("[")
            hint = window.minimumSizeHint()
            if hint.width() > 1280 or hint.height() > 800:
                problems.append(f"{name}: needs {hint.width()}x{hint.height()}")
            problems += [f"{name}: {c}" for c in clipped(window)]
    finally:
        languages.uninstall()
    assert problems == []


def test_qm_files_are_built(tmp_path: Path) -> None:
    for lang in ("id", "en"):
        assert (ROOT / "resources" / "translations" / f"anjungan_{lang}.qm").stat().st_size > 0
