"""Where things are. The only module that knows a source checkout from a frozen build.

In a checkout, resources live beside the packages; in a PyInstaller one-folder build they sit
under ``sys._MEIPASS``. Per-user data goes under XDG directories unless the config says otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def app_root() -> Path:
    """The folder that holds ``resources/`` (the checkout, or the frozen bundle)."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def demo_facility_file() -> Path:
    return resource("demo", "facility.json")


def translations_dir() -> Path:
    return resource("translations")


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "anjungan"


def default_config_file() -> Path:
    """``$ANJUNGAN_CONFIG`` if set, else the per-user config, else the system-wide one."""
    env = os.environ.get("ANJUNGAN_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    user = Path(base) / "anjungan" / "kiosk.toml"
    return user if user.exists() else Path("/etc/anjungan/kiosk.toml")


def face_models_dir() -> Path:
    """The dlib model files: bundled in a frozen build, else from ``face_recognition_models``."""
    if is_frozen():
        return app_root() / "face_recognition_models" / "models"
    import importlib.util

    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        return Path("face_recognition_models-not-installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def bundled_zbar() -> Path | None:
    """The zbar shared library shipped inside a frozen build, if any."""
    if not is_frozen():
        return None
    for cand in sorted(app_root().glob("libzbar.so*")):
        return cand
    return None


def use_bundled_libraries() -> None:
    """In a frozen build, point pyzbar at the bundled zbar (it only searches the system).

    Entry points call this first; in a checkout it does nothing.
    """
    lib = bundled_zbar()
    if lib is None:
        return
    import ctypes

    import pyzbar.wrapper

    if not pyzbar.wrapper.LIBZBAR:
        pyzbar.wrapper.LIBZBAR = ctypes.cdll.LoadLibrary(str(lib))
        pyzbar.wrapper.EXTERNAL_DEPENDENCIES = [pyzbar.wrapper.LIBZBAR]


def ensure_writable_dir(path: Path) -> None:
    """Create ``path`` if needed and prove it takes a file, or raise ``DataDirUnwritable``."""
    from kiosk.errors import DataDirUnwritable

    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise DataDirUnwritable(
            f"the data folder {path} is not writable: {exc.strerror or exc}"
        ) from exc
