"""kiosk-tool sync-now / sync-status against a real server, as a technician would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from server_harness import ROOT, make_token
from sync_harness import Srv, check_in

from kiosk.store import Store


def tool(*args: str) -> tuple[int, dict[str, object]]:
    out = subprocess.run([sys.executable, "-m", "kiosk.cli", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    return out.returncode, json.loads(out.stdout.strip().splitlines()[-1])


def test_sync_now_then_status(sqlite_srv: Srv, tmp_path: Path) -> None:
    token = make_token(sqlite_srv.url, "cli-kiosk")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\nkiosk_id = "cli-kiosk"\ndata_dir = "{tmp_path / "data"}"\n'
                      f'[server]\nurl = "{sqlite_srv.base}"\ntoken = "{token}"\n')
    with Store.open(tmp_path / "data" / "kiosk.db") as store:
        check_in(store, "cli-kiosk", 3)
    code, status = tool("sync-status", "--config", str(config))
    assert code == 0 and status["outbox_depth"] == 3 and status["last_success"] is None
    code, now = tool("sync-now", "--config", str(config))
    assert code == 0 and now["ok"] is True and now["outbox_depth"] == 0
    code, status = tool("sync-status", "--config", str(config))
    assert status["sent"] == 3 and status["last_success"] is not None
    config.write_text(config.read_text().replace(token, "akk_wrong"))
    code, now = tool("sync-now", "--config", str(config))
    assert code == 1 and "unknown token" in str(now["error"])
