"""Typed settings: one frozen dataclass tree, loaded from TOML.

Every key has a type and a default; an unknown key or a value of the wrong type or range is
rejected with a ``ConfigError`` naming the key (``camera.index: expected an integer, got "x"``),
because a typo in a kiosk's config should stop it at the counter, not silently do nothing.
"""

from __future__ import annotations

import dataclasses
import enum
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.errors import ConfigError, ConfigUnreadable


class Language(enum.Enum):
    ID = "id"
    EN = "en"


class PrinterKind(enum.Enum):
    PDF_DIR = "pdf-dir"  # write each ticket PDF into a folder (demo, tests, printer sink)
    CUPS = "cups"  # send the PDF to a CUPS queue with lp
    ESCPOS = "escpos"  # raw ESC/POS bytes to a device file (USB thermal printers)
    NONE = "none"  # show the ticket on screen only


@dataclass(frozen=True)
class KioskSection:
    facility_code: str = "DEMO0001"
    facility_name: str = "Klinik Pratama Demo"
    kiosk_id: str = "kiosk-1"
    language: Language = Language.ID
    data_dir: Path = field(default_factory=paths.default_data_dir)


@dataclass(frozen=True)
class ServerSection:
    url: str = ""  # empty = standalone (no central server)
    token: str = ""
    timeout_s: float = 5.0
    sync_interval_s: float = 15.0
    ca_file: Path | None = None  # PEM CA bundle for a server with its own (facility) CA


@dataclass(frozen=True)
class CameraSection:
    index: int = 0
    file: Path | None = None  # replay a video file instead of a device (tests, demos)
    width: int = 640
    height: int = 480


@dataclass(frozen=True)
class PrinterSection:
    kind: PrinterKind = PrinterKind.PDF_DIR
    queue: str = ""  # CUPS queue name, for kind = "cups"
    device: Path | None = None  # e.g. /dev/usb/lp0, for kind = "escpos"
    output_dir: Path | None = None  # for kind = "pdf-dir"; default <data_dir>/tickets
    paper_mm: int = 80


@dataclass(frozen=True)
class TimeoutsSection:
    screen_s: float = 45.0  # idle on any patient screen -> back to the attract screen
    ticket_s: float = 20.0  # the ticket screen resets after this
    face_s: float = 30.0  # whole face verification, per attempt
    staff_idle_s: float = 120.0  # staff desk auto-logout


@dataclass(frozen=True)
class FaceSection:
    # Calibrated on ../shared/data/faces (bench.face): genuine pairs <= 0.557, impostors
    # >= 0.666; 0.60 has no false accept or reject there (kiosk.face.matching).
    match_threshold: float = 0.6
    max_attempts: int = 3
    key_file: Path | None = None  # template key; default <data_dir>/face-template.key (0600)


@dataclass(frozen=True)
class MembershipSection:
    stale_after_h: float = 72.0  # cached status older than this, while offline, shows grey


@dataclass(frozen=True)
class QueueSection:
    max_priority_run: int = 3  # priority tickets called in a row before one regular ticket
    lease_block: int = 20  # numbers per offline lease block (standalone kiosks lease locally)


@dataclass(frozen=True)
class Settings:
    kiosk: KioskSection = field(default_factory=KioskSection)
    server: ServerSection = field(default_factory=ServerSection)
    camera: CameraSection = field(default_factory=CameraSection)
    printer: PrinterSection = field(default_factory=PrinterSection)
    timeouts: TimeoutsSection = field(default_factory=TimeoutsSection)
    face: FaceSection = field(default_factory=FaceSection)
    membership: MembershipSection = field(default_factory=MembershipSection)
    queue: QueueSection = field(default_factory=QueueSection)

    @property
    def db_path(self) -> Path:
        return self.kiosk.data_dir / "kiosk.db"

    @property
    def log_dir(self) -> Path:
        return self.kiosk.data_dir / "logs"

    @property
    def ticket_dir(self) -> Path:
        return self.printer.output_dir or (self.kiosk.data_dir / "tickets")


# Range checks that a type alone cannot express: key -> (predicate, what it must be).
_CHECKS: dict[str, tuple[typing.Callable[[Any], bool], str]] = {
    "kiosk.facility_code": (lambda v: bool(v.strip()), "must not be empty"),
    "kiosk.kiosk_id": (lambda v: bool(v.strip()) and v.isascii(), "must be non-empty ASCII"),
    "server.url": (
        lambda v: v == "" or v.startswith(("http://", "https://")),
        'must start with "http://" or "https://" (or be empty for standalone)',
    ),
    "server.timeout_s": (lambda v: 0 < v <= 120, "must be between 0 and 120 seconds"),
    "server.sync_interval_s": (lambda v: 1 <= v <= 3600, "must be between 1 and 3600 seconds"),
    "camera.index": (lambda v: 0 <= v <= 63, "must be between 0 and 63"),
    "camera.width": (lambda v: 160 <= v <= 4096, "must be between 160 and 4096"),
    "camera.height": (lambda v: 120 <= v <= 4096, "must be between 120 and 4096"),
    "printer.paper_mm": (lambda v: v in (58, 80), "must be 58 or 80"),
    "timeouts.screen_s": (lambda v: 5 <= v <= 600, "must be between 5 and 600 seconds"),
    "timeouts.ticket_s": (lambda v: 3 <= v <= 600, "must be between 3 and 600 seconds"),
    "timeouts.face_s": (lambda v: 5 <= v <= 300, "must be between 5 and 300 seconds"),
    "timeouts.staff_idle_s": (lambda v: 10 <= v <= 3600, "must be between 10 and 3600 seconds"),
    "face.match_threshold": (lambda v: 0.2 <= v <= 1.0, "must be between 0.2 and 1.0"),
    "face.max_attempts": (lambda v: 1 <= v <= 10, "must be between 1 and 10"),
    "membership.stale_after_h": (lambda v: 0 < v <= 24 * 60, "must be between 0 and 1440 hours"),
    "queue.max_priority_run": (lambda v: 1 <= v <= 20, "must be between 1 and 20"),
    "queue.lease_block": (lambda v: 1 <= v <= 200, "must be between 1 and 200"),
}


def load_settings(path: Path | None) -> Settings:
    """Settings from ``path`` (defaults where a key is absent); ``None`` means all defaults."""
    if path is None:
        return Settings()
    settings = settings_from_dict(read_toml(path))
    if not settings.kiosk.data_dir.is_absolute():
        # A relative data_dir is relative to the config file, not to wherever we were started.
        data_dir = (path.parent / settings.kiosk.data_dir).resolve()
        settings = dataclasses.replace(
            settings, kiosk=dataclasses.replace(settings.kiosk, data_dir=data_dir)
        )
    return settings


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or ``ConfigUnreadable`` / ``ConfigError`` saying what is wrong with it."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigUnreadable(f"config file not found: {path}") from exc
    except OSError as exc:
        raise ConfigUnreadable(f"cannot read config file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("", f"{path} is not valid TOML: {exc}") from exc


def settings_from_dict(raw: dict[str, Any]) -> Settings:
    return typing.cast(Settings, _build(Settings, raw, ""))


def with_overrides(settings: Settings, **sections: dict[str, Any]) -> Settings:
    """A copy with some keys replaced, validated like the file (used by command-line flags)."""
    raw = {name: _as_raw(getattr(settings, name)) for name in _fields(Settings)}
    for section, values in sections.items():
        if section not in raw:
            raise ConfigError(section, "unknown section")
        raw[section].update(values)
    return settings_from_dict(raw)


def _fields(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _as_raw(section: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(section):
        value = getattr(section, f.name)
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, Path):
            value = str(value)
        if value is not None:
            out[f.name] = value
    return out


def _build(cls: type, raw: Any, prefix: str) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(prefix.rstrip("."), f"expected a table, got {_show(raw)}")
    hints = _fields(cls)
    unknown = sorted(set(raw) - set(hints))
    if unknown:
        known = ", ".join(sorted(hints))
        raise ConfigError(f"{prefix}{unknown[0]}", f"unknown key (known keys here: {known})")
    kwargs: dict[str, Any] = {}
    for name, hint in hints.items():
        if name not in raw:
            continue
        key = f"{prefix}{name}"
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            kwargs[name] = _build(hint, raw[name], key + ".")
        else:
            kwargs[name] = _convert(hint, raw[name], key)
            check = _CHECKS.get(key)
            if check is not None and kwargs[name] is not None and not check[0](kwargs[name]):
                raise ConfigError(key, f"{check[1]}, got {_show(raw[name])}")
    return cls(**kwargs)


def _convert(hint: Any, value: Any, key: str) -> Any:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        if value == "":
            return None
        return _convert(inner, value, key)
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(key, f"expected true or false, got {_show(value)}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ConfigError(key, f"expected an integer, got {_show(value)}")
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise ConfigError(key, f"expected a number, got {_show(value)}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise ConfigError(key, f"expected a string, got {_show(value)}")
    if hint is Path:
        if isinstance(value, str) and value.strip():
            return Path(value).expanduser()
        raise ConfigError(key, f"expected a path, got {_show(value)}")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        choices = [m.value for m in hint]
        if value in choices:
            return hint(value)
        allowed = ", ".join(map(repr, choices))
        raise ConfigError(key, f"expected one of {allowed}, got {_show(value)}")
    raise TypeError(f"config type {hint!r} for {key} is not supported")  # a bug in this module


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value).lower() if isinstance(value, bool) else repr(value)
