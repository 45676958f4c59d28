"""Wiring the BPJS bridge into a running server: one ``Bridge`` per ``ServerContext``.

Settings come from the TOML file named by ``$ANJUNGAN_BPJS_CONFIG`` (else ``bpjs.toml`` in the
data directory, else ``/etc/anjungan/bpjs.toml``, when present) and from ``ANJUNGAN_BPJS_*`` /
``ANJUNGAN_JKN_*`` variables. With no BPJS URL configured the bridge is off: nothing is queued
or sent, and peserta lookups say so.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.server.bpjs.client import BpjsClient
from kiosk.server.bpjs.config import BridgeConfig, load_bridge_config
from kiosk.server.bpjs.feed import feed_events
from kiosk.server.bpjs.outbox import OutboxSender
from kiosk.server.bpjs.peserta import PesertaService
from kiosk.server.db import Database

log = logging.getLogger(__name__)

CONFIG_ENV = "ANJUNGAN_BPJS_CONFIG"
SYSTEM_CONFIG = Path("/etc/anjungan/bpjs.toml")
_ATTR = "_bpjs_bridge"


def config_path(environ: Mapping[str, str]) -> Path | None:
    value = environ.get(CONFIG_ENV)
    if value:
        return Path(value).expanduser()
    for candidate in (paths.default_data_dir() / "bpjs.toml", SYSTEM_CONFIG):
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Bridge:
    config: BridgeConfig
    db: Database
    client: BpjsClient | None  # None: no BPJS service configured
    sender: OutboxSender | None  # None: Antrean FKTP not configured, nothing is queued
    peserta: PesertaService

    @property
    def sending(self) -> bool:
        return self.sender is not None

    def notify(self) -> None:
        """New outbox rows were committed: let the sender try now."""
        if self.sender is not None:
            self.sender.wake()


def build_bridge(db: Database, config: BridgeConfig) -> Bridge:
    bpjs = config.bpjs
    client = BpjsClient(bpjs) if (bpjs.antrean_url or bpjs.pcare_url) else None
    sender: OutboxSender | None = None
    if client is not None and bpjs.antrean_url:
        sender = OutboxSender(db, client, base_s=bpjs.retry_base_s, cap_s=bpjs.retry_cap_s)
        sender.feeders.append(lambda now_s: feed_events(db, now_s))
    peserta = PesertaService(db, client if bpjs.pcare_url else None, bpjs.peserta_cache_h)
    log.info("BPJS bridge: antrean %s, pcare %s, Mobile JKN service %s",
             "on" if sender else "off", "on" if bpjs.pcare_url else "off",
             "on" if config.jkn.username and config.jkn.password else "off")
    return Bridge(config, db, client, sender, peserta)


def bridge_for(ctx: Any) -> Bridge:
    """The bridge of this server context, built on first use; its sender loop is registered in
    ``ctx.background`` so ``kiosk-server serve`` starts it."""
    existing = getattr(ctx, _ATTR, None)
    if isinstance(existing, Bridge):
        return existing
    bridge = build_bridge(ctx.db, load_bridge_config(config_path(os.environ)))
    if bridge.sender is not None:
        sender = bridge.sender
        ctx.background.append(
            lambda stop: sender.run(stop, poll_s=bridge.config.bpjs.poll_s))
    setattr(ctx, _ATTR, bridge)
    return bridge
