"""The kiosk as a program: first screen of ``kiosk --demo``, ``--self-check``, a bad config, a
missing camera, the demo facility loaded by the app itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.checkin import Step
from kiosk.errors import CameraUnavailable, ConfigError
from kiosk.store import Store
from tests.ui.conftest import ROOT, make_settings
from ui.screens.error import error_text


def run_kiosk(*args: str, env: dict[str, str] | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "ui", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=timeout, check=False)


def test_demo_reaches_its_first_screen_offscreen(tmp_path: Path) -> None:
    out = run_kiosk("--demo", "--windowed", env={
        "ANJUNGAN_EXIT_AFTER_FIRST_SCREEN": "1", "ANJUNGAN_DEMO_DIR": str(tmp_path / "demo"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert out.returncode == 0, out.stderr[-2000:]
    (line,) = [ln for ln in out.stdout.splitlines() if ln.startswith("first-screen-ms=")]
    assert 0 < float(line.split("=")[1]) < 60_000
    assert "language: id" in out.stderr


def test_self_check_passes_on_a_good_config_and_fails_on_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[camera]\nindex = 63\n')
    ok = run_kiosk("--self-check", "--config", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr[-2000:]
    assert "translations" in ok.stdout and "anjungan_id.qm" in ok.stdout
    assert "result: PASS" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[camera]\nindex = "front"\n')
    fail = run_kiosk("--self-check", "--config", str(bad))
    assert fail.returncode == 1
    assert "camera.index: expected an integer" in fail.stdout and "result: FAIL" in fail.stdout


def test_bad_config_is_shown_full_screen_and_logged(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[timeouts]\nscreen_s = 1\n')
    out = run_kiosk("--config", str(bad), "--windowed",
                    env={"ANJUNGAN_EXIT_AFTER_FIRST_SCREEN": "1"})
    assert out.returncode == 2  # out of service
    assert "configuration problem: timeouts.screen_s: must be between 5 and 600" in out.stderr


def test_bad_config_message_on_screen(qtbot, start_kiosk, tmp_path: Path) -> None:
    from ui.app import build_parser, load_settings

    bad = tmp_path / "bad.toml"
    bad.write_text('[printer]\nkind = "laser"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(build_parser().parse_args(["--config", str(bad)]))
    kiosk = start_kiosk(make_settings(tmp_path), error=err.value)
    screen = kiosk.window.error
    assert kiosk.window.stack.currentWidget() is screen and screen.isVisible()
    assert screen.message.text() == error_text(err.value.code)
    assert screen.message.text().startswith("Pengaturan anjungan")  # in Bahasa Indonesia
    assert "printer.kind" in screen.detail.text() and "laser" in screen.detail.text()
    assert not kiosk.io.isRunning() and not kiosk.camera.isRunning()  # nothing started


def test_missing_camera_is_said_on_the_attract_screen_and_keypad_still_works(
        qtbot, start_kiosk, demo_settings) -> None:
    def no_camera() -> None:
        raise CameraUnavailable("camera 0 is not available (unplugged)")

    kiosk = start_kiosk(demo_settings, open_source=no_camera)
    attract = kiosk.window.attract
    qtbot.waitUntil(attract.camera_message.isVisible, timeout=5_000)
    assert "NIK" in attract.camera_message.text()
    assert not attract.preview.isVisible()
    qtbot.mouseClick(attract.keypad_button, Qt.MouseButton.LeftButton)
    assert kiosk.flow.state.step is Step.KEYPAD

    def cases() -> list[dict[str, str]]:
        with Store.open(demo_settings.db_path) as store:
            return store.query("SELECT kind, reason FROM staff_exceptions")
    qtbot.waitUntil(lambda: len(cases()) == 1, timeout=5_000)
    assert cases()[0]["kind"] == "system_problem" and "unplugged" in cases()[0]["reason"]


def test_unwritable_data_folder_is_out_of_service(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[kiosk]\ndata_dir = "{blocker / "data"}"\n')
    out = run_kiosk("--config", str(cfg), "--windowed",
                    env={"ANJUNGAN_EXIT_AFTER_FIRST_SCREEN": "1"})
    assert out.returncode == 2
    assert "data folder problem" in out.stderr and "not writable" in out.stderr


def test_demo_mode_loads_the_demo_facility(qtbot, start_kiosk, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    kiosk = start_kiosk(settings, demo=True)
    qtbot.waitUntil(lambda: kiosk.demo_facility is not None, timeout=10_000)
    assert kiosk.demo_facility.polis == 4
    with Store.open(settings.db_path) as store:
        assert len(store.query("SELECT code FROM polis")) == 4
        assert len(store.query("SELECT noka FROM participants")) == kiosk.demo_facility.participants


def test_damaged_database_is_set_aside_and_staff_are_told(qtbot, start_kiosk, tmp_path) -> None:
    settings = make_settings(tmp_path)
    settings.db_path.parent.mkdir(parents=True)
    settings.db_path.write_bytes(b"this is not an sqlite file" * 100)
    kiosk = start_kiosk(settings, demo=True)
    qtbot.waitUntil(lambda: kiosk.demo_facility is not None, timeout=10_000)
    with Store.open(settings.db_path) as store:
        (exc,) = store.query("SELECT kind, reason FROM staff_exceptions")
    assert exc["kind"] == "system_problem" and "damaged" in exc["reason"]
    assert list(settings.db_path.parent.glob("kiosk.db.corrupt-*"))
    assert kiosk.window.stack.currentWidget() is kiosk.window.attract  # patients carry on
