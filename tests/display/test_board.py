"""The waiting-room board as a real widget (offscreen): calls from the staff desk's queue console
appear in big type and are "spoken" through a recording announcer; the chime and espeak-ng edge."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import wave
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.config import Settings
from kiosk.display.chime import RATE, chime_file, chime_samples, write_chime
from kiosk.staff import console
from kiosk.staff.console import Call
from kiosk.staff.pins import PinBook
from kiosk.store import Store
from tests.staff.staff_support import OPEN, POLIS, issue
from ui.display.board import WaitingRoomDisplay
from ui.display.voice import EspeakAnnouncer, RecordingAnnouncer
from ui.staff.desk import StaffDesk


def _board(qtbot: QtBot, recent: tuple[Call, ...] = ()) -> tuple[WaitingRoomDisplay,
                                                                  RecordingAnnouncer]:
    voice = RecordingAnnouncer()
    board = WaitingRoomDisplay(POLIS, voice, facility_name="Klinik Pratama Demo", recent=recent)
    qtbot.addWidget(board)
    board.show()
    return board, voice


def test_a_call_is_shown_big_and_spoken(qtbot: QtBot) -> None:
    board, voice = _board(qtbot)
    assert board.current("UMU") is None
    board.show_call(Call("t1", "A-012", "UMU", "Poli Umum", OPEN))
    assert board.current("UMU") == "A-012"
    assert board.panels["UMU"].current.text() == "A-012"
    assert board.panels["UMU"].current.font().pixelSize() >= 100
    assert "A-012" in board.banner.text() and "Poli Umum" in board.banner.text()
    assert voice.sentences == ["nomor antrean A dua belas, silakan ke poli umum"]
    board.show_call(Call("t2", "A-013", "UMU", "Poli Umum", OPEN))
    board.show_call(Call("t3", "B-001", "GIG", "Poli Gigi", OPEN))
    assert board.current("UMU") == "A-013" and board.previous("UMU") == ["A-012"]
    assert board.current("GIG") == "B-001"
    assert voice.sentences[1:] == ["nomor antrean A tiga belas, silakan ke poli umum",
                                   "nomor antrean be satu, silakan ke poli gigi"]


def test_a_recall_is_spoken_again_without_moving_the_board(qtbot: QtBot) -> None:
    board, voice = _board(qtbot)
    board.show_call(Call("t1", "A-012", "UMU", "Poli Umum", OPEN))
    board.show_call(Call("t2", "A-013", "UMU", "Poli Umum", OPEN))
    board.show_call(Call("t2", "A-013", "UMU", "Poli Umum", OPEN, recall=True))
    assert board.current("UMU") == "A-013" and board.previous("UMU") == ["A-012"]
    assert voice.sentences[-1] == voice.sentences[-2]


def test_previous_numbers_are_capped_and_the_board_restores_after_restart(
        qtbot: QtBot, store: Store) -> None:
    board, _voice = _board(qtbot)
    for n in range(1, 8):
        board.show_call(Call(f"t{n}", f"A-{n:03d}", "UMU", "Poli Umum", OPEN))
    assert board.previous("UMU") == ["A-006", "A-005", "A-004", "A-003"]
    issue(store, 1, "UMU", OPEN)
    issue(store, 2, "UMU", OPEN + timedelta(minutes=1))
    c1 = console.call_next(store, "UMU", "siti", OPEN + timedelta(minutes=5))
    c2 = console.call_next(store, "UMU", "siti", OPEN + timedelta(minutes=6))
    assert c1 is not None and c2 is not None
    restored, voice = _board(qtbot, tuple(console.recent_calls(store, OPEN.date())))
    assert restored.current("UMU") == c2.label and restored.previous("UMU") == [c1.label]
    assert voice.sentences == []  # restoring says nothing


def test_unknown_poli_gets_a_panel_and_an_unreadable_number_is_shown_not_spoken(
        qtbot: QtBot) -> None:
    board, voice = _board(qtbot)
    board.show_call(Call("t9", "C-003", "KIA", "Poli KIA", OPEN))
    assert board.current("KIA") == "C-003"
    assert voice.sentences == ["nomor antrean ce tiga, silakan ke poli kia"]
    board.show_call(Call("t10", "??", "KIA", "Poli KIA", OPEN))
    assert board.current("KIA") == "??" and len(voice.sentences) == 1


def test_queue_console_calls_reach_the_display(qtbot: QtBot, store: Store,
                                               tmp_path: Path) -> None:
    issue(store, 1, "UMU", OPEN)
    t2 = issue(store, 2, "UMU", OPEN + timedelta(minutes=1), pregnant=True)
    now = [OPEN + timedelta(minutes=10)]
    book = PinBook(store)
    desk = StaffDesk(store, Settings(), "siti", pins=book, report_dir=tmp_path,
                     clock=lambda: now[0])
    qtbot.addWidget(desk)
    board, voice = _board(qtbot)
    desk.called.connect(board.show_call)
    desk.tabs.setCurrentWidget(desk.queue)
    with qtbot.waitSignal(desk.called) as got:
        desk.queue.call_button.click()
    assert isinstance(got.args[0], Call) and got.args[0].label == t2.label
    assert board.current("UMU") == t2.label
    assert voice.sentences == [f"nomor antrean A {_words(t2.label)}, silakan ke poli umum"]
    desk.queue.recall_button.click()
    assert len(voice.sentences) == 2 and voice.sentences[0] == voice.sentences[1]
    desk.logout(idle=False)


def _words(label: str) -> str:
    from kiosk.speech import number_words

    return number_words(int(label.split("-")[1]))


def test_chime_is_a_short_audible_wav_and_the_bundled_one_matches(tmp_path: Path) -> None:
    path = write_chime(tmp_path / "chime.wav")
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        assert 0.5 < w.getnframes() / RATE < 2.0
    assert np.abs(frames).max() > 10_000
    assert path.stat().st_size < 64_000
    assert paths.resource("sounds", "chime.wav").read_bytes() == path.read_bytes()
    assert np.array_equal(chime_samples(), frames)
    assert chime_file(tmp_path) == paths.resource("sounds", "chime.wav")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_espeak_speaks_indonesian_calls_in_order(tmp_path: Path) -> None:
    voice = EspeakAnnouncer(shutil.which("espeak-ng") or "", wav_dir=tmp_path)
    voice.announce("nomor antrean A dua belas, silakan ke poli umum")
    voice.announce("nomor antrean be satu, silakan ke poli gigi")
    t0 = time.monotonic()
    voice.close()
    assert time.monotonic() - t0 < 30
    wavs = sorted(tmp_path.glob("call-*.wav"))
    assert [w.name for w in wavs] == ["call-0001.wav", "call-0002.wav"]
    for w in wavs:
        with wave.open(str(w)) as f:
            assert f.getnframes() / f.getframerate() > 1.0  # a sentence, not silence


def test_board_and_pin_dialog_speak_indonesian(qtbot: QtBot, store: Store,
                                               tmp_path: Path) -> None:
    """The Indonesian .ts compiled here with lrelease, installed like the kiosk does."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.config import Language
    from kiosk.staff.pins import PinBook
    from ui.i18n import load_translator
    from ui.staff.pin_dialog import PinDialog

    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([lrelease, "-silent", str(paths.translations_dir() / "anjungan_id.ts"),
                    "-qm", str(tmp_path / "anjungan_id.qm")], check=True)
    translator = load_translator(Language.ID, tmp_path)
    QCoreApplication.installTranslator(translator)
    try:
        board, _ = _board(qtbot)
        dialog = PinDialog(PinBook(store), lambda: OPEN)
        qtbot.addWidget(dialog)
        assert board.banner.text() == "Silakan menunggu nomor Anda dipanggil"
        board.show_call(Call("t1", "A-012", "UMU", "Poli Umum", OPEN))
        assert board.banner.text() == "Nomor A-012, silakan ke Poli Umum"
        assert dialog.title.text() == "Masukkan PIN petugas Anda"
        desk = StaffDesk(store, Settings(), "siti", pins=PinBook(store), report_dir=tmp_path,
                         clock=lambda: OPEN)
        qtbot.addWidget(desk)
        assert desk.tabs.tabText(0) == "Kasus" and desk.logout_button.text() == "Keluar"
        desk.logout(idle=False)
    finally:
        QCoreApplication.removeTranslator(translator)
