"""Typed settings from TOML: defaults, every kind of bad value named by its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Language, PrinterKind, Settings, load_settings, with_overrides
from kiosk.errors import ConfigError, ConfigUnreadable


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "kiosk.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_full_file_loads_typed_values(tmp_path):
    p = write(tmp_path, """
[kiosk]
facility_code = "0114U002"
kiosk_id = "lobby-2"
language = "en"
data_dir = "data"

[server]
url = "https://server.klinik.lan:8443"
token = "secret-token"

[camera]
file = "/tmp/clip.mp4"

[printer]
kind = "escpos"
device = "/dev/usb/lp0"
paper_mm = 58

[timeouts]
screen_s = 60

[face]
match_threshold = 0.55
""")
    s = load_settings(p)
    assert s.kiosk.facility_code == "0114U002" and s.kiosk.language is Language.EN
    assert s.kiosk.data_dir == (tmp_path / "data").resolve()  # relative to the config file
    assert s.server.url.startswith("https://") and s.server.token == "secret-token"
    assert s.camera.file == Path("/tmp/clip.mp4") and s.camera.index == 0
    assert s.printer.kind is PrinterKind.ESCPOS and s.printer.device == Path("/dev/usb/lp0")
    assert s.timeouts.screen_s == 60.0 and isinstance(s.timeouts.screen_s, float)
    assert s.face.match_threshold == 0.55
    assert s.db_path == s.kiosk.data_dir / "kiosk.db"


def test_no_file_means_defaults():
    assert load_settings(None) == Settings()


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('[kiosk]\nlanguage = "fr"', "kiosk.language", "expected one of 'id', 'en'"),
        ('[kiosk]\nfacility_cod = "x"', "kiosk.facility_cod", "unknown key"),
        ('[camra]\nindex = 1', "camra", "unknown key"),
        ('[camera]\nindex = "front"', "camera.index", 'expected an integer, got "front"'),
        ("[camera]\nindex = 99", "camera.index", "between 0 and 63"),
        ("[camera]\nindex = true", "camera.index", "expected an integer, got true"),
        ('[server]\nurl = "ftp://x"', "server.url", "http"),
        ("[server]\ntimeout_s = -1", "server.timeout_s", "between 0 and 120"),
        ("[printer]\npaper_mm = 75", "printer.paper_mm", "58 or 80"),
        ('[printer]\nkind = "laser"', "printer.kind", "expected one of"),
        ("[face]\nmatch_threshold = 2", "face.match_threshold", "between 0.2 and 1.0"),
        ('[timeouts]\nscreen_s = "long"', "timeouts.screen_s", "expected a number"),
        ("kiosk = 3", "kiosk", "expected a table"),
        ('[kiosk]\nfacility_code = "  "', "kiosk.facility_code", "must not be empty"),
    ],
)
def test_bad_values_are_rejected_naming_the_key(tmp_path, text, key, words):
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text))
    assert err.value.key == key
    assert words in str(err.value)
    assert str(err.value).startswith(key)


def test_broken_toml_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[kiosk\nfacility_code = "))


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigUnreadable, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_overrides_are_validated_like_the_file():
    s = with_overrides(Settings(), camera={"file": "/tmp/x.mp4"})
    assert s.camera.file == Path("/tmp/x.mp4")
    with pytest.raises(ConfigError) as err:
        with_overrides(Settings(), camera={"index": -3})
    assert err.value.key == "camera.index"


def test_shipped_example_config_loads():
    from kiosk import paths

    s = load_settings(paths.resource("config", "kiosk.example.toml"))
    assert s.printer.kind is PrinterKind.ESCPOS and s.kiosk.kiosk_id == "lobby-1"
