"""Self-check: can this machine run the kiosk? Used by ``kiosk --self-check`` (with Qt checks
added by the UI) and ``kiosk-tool self-check``, and by the frozen build's smoke test.

Each check says what it looked at; a failed *required* check makes the whole check fail (exit 1).
A missing camera or an unreachable server is reported but not required: the kiosk still works
by keypad, and offline.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__, paths
from kiosk.config import Settings, load_settings
from kiosk.errors import KioskError

# The dlib models the kiosk uses (the CNN detector is too slow here and is not shipped).
MODEL_FILES = (
    "shape_predictor_68_face_landmarks.dat",
    "shape_predictor_5_face_landmarks.dat",
    "dlib_face_recognition_resnet_model_v1.dat",
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True
    ms: float = 0.0


def passed(checks: list[Check]) -> bool:
    return all(c.ok for c in checks if c.required)


def format_report(checks: list[Check]) -> str:
    lines = [f"Anjungan {__version__} self-check"]
    for c in checks:
        mark = "ok  " if c.ok else ("FAIL" if c.required else "warn")
        lines.append(f"  [{mark}] {c.name:<13} {c.detail} ({c.ms:.0f} ms)")
    lines.append("result: " + ("PASS" if passed(checks) else "FAIL"))
    return "\n".join(lines) + "\n"


def _timed(name: str, fn: Callable[[], str], required: bool = True) -> Check:
    t0 = time.perf_counter()
    try:
        detail = fn()
        ok = True
    except KioskError as exc:
        detail, ok = exc.detail, False
    except Exception as exc:  # a check must report, never crash the report
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return Check(name, ok, detail, required, (time.perf_counter() - t0) * 1000)


def run_checks(settings: Settings, config_path: Path | None) -> list[Check]:
    checks = [
        Check("config", True, str(config_path) if config_path else "built-in defaults"),
        _timed("data dir", lambda: _check_data_dir(settings)),
        _timed("database", lambda: _check_database(settings)),
        _timed("face models", _check_models),
        _timed("zbar", _check_zbar),
        _timed("resources", _check_resources),
        _timed("camera", lambda: _check_camera(settings), required=False),
    ]
    if settings.server.url:
        checks.append(_timed("server", lambda: _check_server(settings), required=False))
    return checks


def _check_data_dir(settings: Settings) -> str:
    paths.ensure_writable_dir(settings.kiosk.data_dir)
    return str(settings.kiosk.data_dir)


def _check_database(settings: Settings) -> str:
    from kiosk.store import Store

    with Store.open(settings.db_path) as store:
        detail = f"{settings.db_path} schema v{store.schema_version}"
        if store.recovered is not None:
            detail += f"; a corrupt file was moved to {store.recovered.moved_to}"
        return detail


def _check_models() -> str:
    from kiosk.errors import ModelMissing

    folder = paths.face_models_dir()
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelMissing(f"missing in {folder}: {', '.join(missing)}")
    import dlib

    dlib.get_frontal_face_detector()
    dlib.shape_predictor(str(folder / MODEL_FILES[0]))
    dlib.shape_predictor(str(folder / MODEL_FILES[1]))
    dlib.face_recognition_model_v1(str(folder / MODEL_FILES[2]))
    return f"dlib {dlib.__version__}, 3 models from {folder}"


def _check_zbar() -> str:
    paths.use_bundled_libraries()
    import numpy as np
    from pyzbar import pyzbar

    pyzbar.decode(np.zeros((8, 8), dtype=np.uint8))
    return "libzbar loaded"


def _check_resources() -> str:
    demo = paths.demo_facility_file()
    if not demo.is_file():
        raise FileNotFoundError(f"demo facility data missing: {demo}")
    json.loads(demo.read_text(encoding="utf-8"))
    return str(paths.resources_dir())


def _check_camera(settings: Settings) -> str:
    import cv2

    from kiosk.camera import quiet_device_probe
    from kiosk.errors import CameraUnavailable

    quiet_device_probe()
    source: str | int = str(settings.camera.file) if settings.camera.file else settings.camera.index
    if isinstance(source, str) and not Path(source).is_file():
        raise CameraUnavailable(f"camera replay file not found: {source}")
    cap = cv2.VideoCapture(source)
    try:
        if not cap.isOpened():
            raise CameraUnavailable(f"no camera at {source!r}: the kiosk will offer the keypad")
        ok, _ = cap.read()
        if not ok:
            raise CameraUnavailable(f"camera {source!r} opened but gave no frame")
    finally:
        cap.release()
    return f"camera {source!r} gives frames"


def _check_server(settings: Settings) -> str:
    import httpx

    from kiosk.errors import ServerUnreachable

    url = settings.server.url.rstrip("/") + "/health"
    try:
        resp = httpx.get(url, timeout=settings.server.timeout_s)
    except httpx.HTTPError as exc:
        raise ServerUnreachable(f"{url}: {exc}") from exc
    return f"{url} answered {resp.status_code}"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("self-check", help="check config, data dir, database, models, zbar, camera")
    p.add_argument("--config", type=Path, default=None, help="kiosk.toml (default: the usual one)")
    p.set_defaults(func=_cmd_self_check)


def _cmd_self_check(args: argparse.Namespace) -> int:
    from kiosk.cli import emit

    config_path = args.config or (
        paths.default_config_file() if paths.default_config_file().exists() else None
    )
    try:
        settings = load_settings(config_path)
    except KioskError as exc:
        emit({"ok": False, "checks": [{"name": "config", "ok": False, "detail": exc.detail}]})
        return 1
    checks = run_checks(settings, config_path)
    emit({
        "ok": passed(checks),
        "version": __version__,
        "checks": [
            {"name": c.name, "ok": c.ok, "required": c.required, "detail": c.detail,
             "ms": round(c.ms, 1)}
            for c in checks
        ],
    })
    return 0 if passed(checks) else 1
