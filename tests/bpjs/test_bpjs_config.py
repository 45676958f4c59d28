"""Bridge settings: file + environment, required credentials, masked secrets, clear errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.errors import ConfigError, ConfigUnreadable
from kiosk.server.bpjs.config import BridgeConfig, Secret, load_bridge_config

FULL = """
[server]
port = 8740   # other tables of a shared server config are ignored

[bpjs]
antrean_url = "https://apijkn.bpjs-kesehatan.go.id/antreanfktp/"
pcare_url = "https://apijkn.bpjs-kesehatan.go.id/pcare-rest/"
cons_id = "1234"
secret = "file-secret"
user_key = "file-user-key"
pcare_user = "klinik"
pcare_password = "file-pcare-password"

[jkn]
base_path = "/antrol"
username = "mobilejkn"
password = "file-jkn-password"
"""


def write(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "bpjs.toml"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_nothing_configured_means_everything_off() -> None:
    cfg = load_bridge_config(None, {})
    assert cfg == BridgeConfig()
    assert not cfg.bpjs.antrean_url and not cfg.jkn.username and cfg.jkn.base_path == "/jkn"


def test_file_then_environment_wins(tmp_path: Path) -> None:
    cfg = load_bridge_config(write(tmp_path, FULL), {
        "ANJUNGAN_BPJS_SECRET": "env-secret", "ANJUNGAN_JKN_MAX_DAYS_AHEAD": "7",
        "ANJUNGAN_BPJS_TIMEOUT_S": "3.5"})
    assert cfg.bpjs.secret == Secret("env-secret") and cfg.bpjs.cons_id.value == "1234"
    assert cfg.bpjs.pcare_key.value == "file-user-key"  # one user_key for both services
    assert (cfg.jkn.base_path, cfg.jkn.max_days_ahead, cfg.bpjs.timeout_s) == ("/antrol", 7, 3.5)


def test_secrets_never_show_in_reprs_or_errors(tmp_path: Path) -> None:
    cfg = load_bridge_config(write(tmp_path, FULL), {})
    text = repr(cfg) + str(cfg.bpjs.secret) + f"{cfg.jkn.password}"
    for secret in ("file-secret", "file-user-key", "file-pcare-password", "file-jkn-password"):
        assert secret not in text
    assert "Secret(***)" in repr(cfg)


def test_world_readable_credentials_are_warned_about(tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        load_bridge_config(write(tmp_path, FULL, 0o644), {})
    assert "chmod 600" in caplog.text


@pytest.mark.parametrize(("env", "key"), [
    ({"ANJUNGAN_BPJS_ANTREAN_URL": "https://x/"}, "bpjs.cons_id"),
    ({"ANJUNGAN_BPJS_ANTREAN_URL": "https://x/", "ANJUNGAN_BPJS_CONS_ID": "1",
      "ANJUNGAN_BPJS_SECRET": "s"}, "bpjs.user_key"),
    ({"ANJUNGAN_BPJS_PCARE_URL": "https://x/", "ANJUNGAN_BPJS_CONS_ID": "1",
      "ANJUNGAN_BPJS_SECRET": "s", "ANJUNGAN_BPJS_PCARE_USER": "u",
      "ANJUNGAN_BPJS_PCARE_PASSWORD": "p"}, "bpjs.pcare_user_key"),
    ({"ANJUNGAN_BPJS_ANTREAN_URL": "http://bpjs.example/"}, "bpjs.antrean_url"),
    ({"ANJUNGAN_BPJS_TIMEOUT_S": "soon"}, "bpjs.timeout_s"),
    ({"ANJUNGAN_BPJS_TIMEOUT_S": "0"}, "bpjs.timeout_s"),
    ({"ANJUNGAN_JKN_BASE_PATH": "jkn/"}, "jkn.base_path"),
    ({"ANJUNGAN_JKN_TIMEZONE": "Mars/Olympus"}, "jkn.timezone"),
    ({"ANJUNGAN_JKN_MAX_DAYS_AHEAD": "1.5"}, "jkn.max_days_ahead"),
])
def test_bad_settings_name_the_key(env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_bridge_config(None, env)
    assert info.value.key == key


def test_a_secret_in_a_bad_value_is_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path, '[bpjs]\nsecret = 12345\n')
    with pytest.raises(ConfigError, match=r"bpjs\.secret: expected a string") as info:
        load_bridge_config(path, {})
    assert "12345" not in str(info.value)


def test_unknown_keys_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"bpjs\.secert: unknown key"):
        load_bridge_config(write(tmp_path, '[bpjs]\nsecert = "x"\n'), {})
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_bridge_config(write(tmp_path, "[bpjs\n"), {})
    with pytest.raises(ConfigUnreadable, match="not found"):
        load_bridge_config(tmp_path / "missing.toml", {})
