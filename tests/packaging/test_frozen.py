"""The PyInstaller one-folder build: it builds from kiosk.spec, passes its own self-check and
starts the kiosk to its first screen.

Slow (a few minutes on 2 cores) but it is the only proof that a technician's build will run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_frozen_build_passes_self_check(tmp_path):
    beside = Path(sys.executable).parent / "pyinstaller"
    pyinstaller = str(beside) if beside.exists() else shutil.which("pyinstaller")
    if pyinstaller is None:
        pytest.skip("pyinstaller is not installed (pip install -e '.[dev]')")
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run(
        [pyinstaller, "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(work), str(ROOT / "kiosk.spec")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    exe = dist / "kiosk" / "kiosk"
    assert exe.is_file()
    bundle = dist / "kiosk" / "_internal"
    assert (bundle / "resources" / "demo" / "facility.json").is_file()
    assert list(bundle.glob("libzbar.so*")), "zbar must travel with the build"
    assert (bundle / "face_recognition_models" / "models"
            / "dlib_face_recognition_resnet_model_v1.dat").is_file()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "xdg"),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env.pop("ANJUNGAN_CONFIG", None)
    check = subprocess.run([str(exe), "--self-check"], env=env, capture_output=True, text=True,
                           timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    for name in ("database", "face models", "zbar", "resources", "translations"):
        line = next(ln for ln in check.stdout.splitlines() if f"] {name}" in ln)
        assert line.lstrip().startswith("[ok  ]"), line
    assert "result: PASS" in check.stdout

    # The self-check does not load the patient flow: start the frozen app itself on the demo
    # facility, to its first screen (every module the kiosk needs must be in the bundle).
    env.update(ANJUNGAN_EXIT_AFTER_FIRST_SCREEN="1", ANJUNGAN_DEMO_DIR=str(tmp_path / "demo"))
    run = subprocess.run([str(exe), "--demo", "--windowed"], env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    assert "first-screen-ms=" in run.stdout, run.stderr[-4000:]
