"""Kiosk hardening: no way out without staff, a frozen GUI is noticed and the process restarted,
crashes restart with backoff, the camera never queues stale frames."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import ROOT
from tests.ui.test_i18n import clipped
from ui.supervisor import supervise
from ui.watchdog import EXIT_FROZEN, Watchdog
from ui.window import KioskWindow
from ui.workers.camera import CameraWorker


def test_window_ignores_close_and_alt_f4_until_staff_unlock(qtbot) -> None:
    w = KioskWindow("Klinik")
    qtbot.addWidget(w)
    w.show()
    qtbot.keyClick(w, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    w.close()
    assert w.isVisible()
    w.allow_close = True  # what the staff desk sets after a good PIN
    w.close()
    assert not w.isVisible()


def test_watchdog_dumps_stacks_when_the_gui_freezes(qtbot, tmp_path: Path) -> None:
    fired: list[float] = []
    with open(tmp_path / "stacks.txt", "w") as dump:
        dog = Watchdog(limit_s=0.4, beat_ms=50, on_frozen=fired.append, dump_to=dump)
        dog.start()
        qtbot.wait(300)
        assert not dog.fired  # a beating GUI is left alone
        time.sleep(1.2)  # the GUI thread is stuck
        qtbot.waitUntil(lambda: dog.fired, timeout=2_000)
        dog.stop()
    assert fired and fired[0] >= 0.4
    stacks = (tmp_path / "stacks.txt").read_text()
    assert "test_watchdog_dumps_stacks_when_the_gui_freezes" in stacks  # the frozen frame


FROZEN_CHILD = textwrap.dedent("""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import time
    from ui.watchdog import Watchdog
    app = QApplication([])
    dog = Watchdog(limit_s=0.5, beat_ms=50)
    dog.start()
    QTimer.singleShot(100, lambda: time.sleep(30))  # a GUI bug that never returns
    app.exec()
""")


def test_frozen_kiosk_exits_non_zero_for_the_supervisor(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-c", FROZEN_CHILD], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == EXIT_FROZEN
    assert time.monotonic() - t0 < 20
    assert "GUI thread frozen" in out.stderr and "Thread" in out.stderr


def test_supervisor_restarts_a_crashing_kiosk_with_backoff(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    child = (f"import pathlib, sys; p = pathlib.Path({str(runs)!r});"
             " n = len(p.read_text()) if p.exists() else 0; p.write_text('x' * (n + 1));"
             " sys.exit(3 if n < 2 else 0)")
    slept: list[float] = []
    code = supervise([sys.executable, "-c", child], sleep=slept.append, first_delay_s=1.0)
    assert code == 0
    assert runs.read_text() == "xxx"  # crashed twice, then a clean exit ended it
    assert slept == [1.0, 2.0]


def test_supervisor_gives_up_only_when_told(tmp_path: Path) -> None:
    slept: list[float] = []
    code = supervise([sys.executable, "-c", "raise SystemExit(5)"], max_restarts=3,
                     sleep=slept.append, first_delay_s=1.0)
    assert code == 5 and slept == [1.0, 2.0, 4.0]


def test_camera_worker_sends_only_the_newest_frame(qtbot, clip: Path) -> None:
    from kiosk.camera import VideoFileSource

    got: list[object] = []
    cam = CameraWorker(lambda: VideoFileSource(clip, loop=True), fps_cap=200)
    cam.frameReady.connect(got.append)
    cam.start()
    try:
        qtbot.waitUntil(lambda: cam.frames_read > 20, timeout=10_000)
        assert cam.frames_emitted == 1 and len(got) == 1  # never acknowledged: nothing queued
        cam.ack()
        qtbot.waitUntil(lambda: len(got) == 2, timeout=5_000)
    finally:
        cam.stop()
    assert not cam.isRunning()


def test_clipping_check_sees_clipped_text(qtbot) -> None:
    w = KioskWindow("Klinik")
    qtbot.addWidget(w)
    b = QPushButton("a very long text that cannot fit", w.attract)
    b.setFixedWidth(60)
    w.show()
    b.show()
    assert any("too wide" in c for c in clipped(w))


def test_staff_shortcut_opens_the_pin_dialog_and_only_staff_may_close(
        qtbot, start_kiosk, demo_settings) -> None:
    kiosk = start_kiosk(demo_settings, staff=True)
    kiosk.window.allow_close = False  # as in full-screen kiosk mode
    assert kiosk.staff is not None
    from ui.staff.pin_dialog import now_local

    kiosk.staff.pins.set_pin("siti", "2468", now_local())
    kiosk.window.activateWindow()
    qtbot.waitUntil(kiosk.window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: kiosk.staff.pin_dialog is not None, timeout=5_000)
    kiosk.window.close()
    assert kiosk.window.isVisible()  # a PIN dialog is not a login
    dialog = kiosk.staff.pin_dialog
    for d in "2468":
        dialog.press(d)
    dialog.submit()  # the right PIN (set below, before the shortcut) opens the desk
    qtbot.waitUntil(lambda: kiosk.staff.desk is not None, timeout=5_000)
    kiosk.window.close()  # a logged-in staff member may leave kiosk mode
    assert not kiosk.window.isVisible()
    kiosk.staff.desk.logout(idle=False)
    kiosk.window.allow_close = True


def test_only_the_full_screen_kiosk_is_supervised(monkeypatch) -> None:
    from ui.app import build_parser
    from ui.supervisor import CHILD, wanted

    parse = build_parser().parse_args
    monkeypatch.delenv(CHILD, raising=False)
    monkeypatch.delenv("ANJUNGAN_EXIT_AFTER_FIRST_SCREEN", raising=False)
    assert wanted(parse([])) and wanted(parse(["--demo"]))
    assert not wanted(parse(["--windowed"])) and not wanted(parse(["--no-supervise"]))
    monkeypatch.setenv(CHILD, "1")  # the supervised child itself
    assert not wanted(parse([]))
