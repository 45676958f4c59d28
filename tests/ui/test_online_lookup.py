"""Online identify at the kiosk: the I/O worker's lookup job refreshes from a real server process,
resolves IKD tokens through the server's verifier, and falls back to the local store (never
blocking, never crashing) when the server is away, slow or talks nonsense."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from identity_support import (
    BUDI,
    GOOD_TOKEN,
    NEW_NIK,
    NEW_NOKA,
    NEW_PARTICIPANT,
    FakeVerifier,
    ServerProc,
    demo_document,
    free_port,
    import_document,
    server_env,
)
from server_harness import db_url, make_token

from kiosk.checkin import (
    FetchStatus,
    IdKind,
    LookUp,
    ParticipantFound,
    ParticipantNotFound,
    Prompt,
    Step,
    TokenNotResolved,
)
from kiosk.config import Settings
from kiosk.membership import MembershipState
from kiosk.membership.roster import find_participant
from kiosk.queue.printer import make_printer
from kiosk.server.auth import Role
from kiosk.store import Store
from kiosk.sync.engine import EngineConfig, SyncEngine
from tests.ui.conftest import make_settings
from ui import services

BUDI_TOKEN = "ikd:budi-token-0123456789abcdefghij"


@dataclass
class Srv:
    proc: ServerProc
    url: str
    admin: str

    @property
    def base(self) -> str:
        return self.proc.base


def _start(tmp: Path, env: dict[str, str]) -> Srv:
    url = db_url("sqlite", tmp)
    admin = make_token(url, "admin", Role.ADMIN)
    proc = ServerProc(url, env, tmp / "server.log")
    proc.start()
    import_document(proc.base, admin, demo_document())
    return Srv(proc, url, admin)


@pytest.fixture(scope="module")
def verifier() -> Iterator[FakeVerifier]:
    v = FakeVerifier()
    yield v
    v.stop()


@pytest.fixture(scope="module")
def srv(verifier: FakeVerifier, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Srv]:
    """A server with the facility's IKD verifier; PCare not configured."""
    s = _start(tmp_path_factory.mktemp("online-verifier"), server_env(verifier))
    yield s
    s.proc.stop()


@pytest.fixture(scope="module")
def plain_srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Srv]:
    """A server without any verifier (NoVerifier)."""
    s = _start(tmp_path_factory.mktemp("online-plain"), server_env())
    yield s
    s.proc.stop()


def kiosk_settings(tmp_path: Path, srv: Srv | None, url: str | None = None,
                   timeout_s: float = 5.0) -> Settings:
    kiosk_id = f"k-{time.monotonic_ns() % 10**9}"
    token = make_token(srv.url, kiosk_id) if srv else "t"
    return make_settings(tmp_path, kiosk={"kiosk_id": kiosk_id},
                         server={"url": url or (srv.base if srv else ""), "token": token,
                                 "timeout_s": timeout_s})


def pull(settings: Settings) -> None:
    """The kiosk's regular sync: what it knows before the patient arrives."""
    s = settings.server
    engine = SyncEngine(EngineConfig(base_url=s.url, token=s.token,
                                     kiosk_id=settings.kiosk.kiosk_id), settings.db_path)
    try:
        assert engine.run_once().online
    finally:
        engine.close()


def context(settings: Settings) -> services.Context:
    return services.Context(settings=settings, printer=make_printer(settings),
                            has_template=lambda store, noka: False)


def run_lookup(ctx: services.Context, kind: IdKind, value: str) -> tuple[object, float]:
    with Store.open(ctx.settings.db_path) as store:
        t0 = time.monotonic()
        result = services.look_up(ctx, LookUp(7, kind, value))(store)
        return result, time.monotonic() - t0


def test_participant_added_on_the_server_after_the_last_pull_is_found_online(srv, tmp_path):
    settings = kiosk_settings(tmp_path, srv)
    pull(settings)
    rina = dict(NEW_PARTICIPANT, noka="0009990000456", nik="3171015203950015")
    import_document(srv.base, srv.admin, demo_document([rina]))  # after the kiosk's pull
    with Store.open(settings.db_path) as store:
        assert find_participant(store, nik=rina["nik"]) is None
    result, _ = run_lookup(context(settings), IdKind.NIK, rina["nik"])
    assert isinstance(result, ParticipantFound)
    assert result.adult.participant_id == "0009990000456" and result.adult.name == "Rina Wulandari"
    with Store.open(settings.db_path) as store:
        row = store.query("SELECT name, status_fetched_at FROM participants WHERE noka = ?",
                          ("0009990000456",))[0]
        assert row["status_fetched_at"] is not None
    # by card number too, and the family comes along with its members
    result, _ = run_lookup(context(settings), IdKind.NOKA, BUDI[1])
    assert isinstance(result, ParticipantFound)
    assert {p.participant_id for p in result.family} == {"0009990000022", "0009990000033"}


def test_refreshed_status_fetch_time_drives_the_status_screen(srv, tmp_path):
    """A cached status too old to trust turns current once the server's fresher one arrives."""
    settings = kiosk_settings(tmp_path, srv)
    doc = demo_document()
    for p in doc["participants"]:
        if p["noka"] == BUDI[1]:
            p["fetched_hours_ago"] = 500  # older than [membership] stale_after_h
    import_document(srv.base, srv.admin, doc)
    pull(settings)
    ctx = context(settings)
    with Store.open(settings.db_path) as store:
        before = services.fetch_status(ctx, FetchStatus(7, BUDI[1]))(store)
    assert before.status.detail.status.state is MembershipState.UNKNOWN  # stale: grey
    import_document(srv.base, srv.admin, demo_document())  # PCare answer from 2 h ago
    run_lookup(ctx, IdKind.NIK, BUDI[0])
    with Store.open(settings.db_path) as store:
        after = services.fetch_status(ctx, FetchStatus(7, BUDI[1]))(store)
    assert after.status.detail.status.state is MembershipState.AKTIF and after.status.may_queue


def test_offline_the_kiosk_uses_its_own_store_without_waiting(srv, tmp_path):
    settings = kiosk_settings(tmp_path, srv)
    pull(settings)
    offline = replace(settings, server=replace(settings.server,
                                               url=f"http://127.0.0.1:{free_port()}"))
    ctx = context(offline)
    result, took = run_lookup(ctx, IdKind.NIK, BUDI[0])
    assert isinstance(result, ParticipantFound) and result.adult.participant_id == BUDI[1]
    assert took < 1.5
    result, took = run_lookup(ctx, IdKind.NIK, NEW_NIK)  # only the server knows her
    assert isinstance(result, ParticipantNotFound) and took < 0.5  # resting: no new attempt
    result, _ = run_lookup(ctx, IdKind.TOKEN, GOOD_TOKEN)
    assert isinstance(result, TokenNotResolved) and "central server" in result.detail


class _Silent:
    """A server that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.sock.close()


class _Garbage(BaseHTTPRequestHandler):
    """A wrong server (a captive portal, a printer's web page): 200 with HTML for everything."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _html(self) -> None:
        body = b"<html><body>Wi-Fi login</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _html


@pytest.fixture
def garbage_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
    thread = threading.Thread(target=httpd.serve_forever, name="garbage-http")
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_a_silent_or_garbage_server_never_blocks_or_breaks_the_lookup(srv, tmp_path,
                                                                      garbage_url):
    settings = kiosk_settings(tmp_path, srv)
    pull(settings)
    silent = _Silent()
    try:
        ctx = context(replace(settings, server=replace(settings.server, url=silent.url)))
        result, took = run_lookup(ctx, IdKind.NOKA, BUDI[1])
        assert isinstance(result, ParticipantFound)
        assert 2.5 < took < 4.5  # min(server.timeout_s = 5, 3 s), then the local store
        result, took = run_lookup(ctx, IdKind.TOKEN, GOOD_TOKEN)
        assert isinstance(result, TokenNotResolved) and took < 0.5
    finally:
        silent.close()
    ctx = context(replace(settings, server=replace(settings.server, url=garbage_url)))
    result, took = run_lookup(ctx, IdKind.NIK, BUDI[0])
    assert isinstance(result, ParticipantFound) and took < 2
    result, _ = run_lookup(ctx, IdKind.TOKEN, GOOD_TOKEN)
    assert isinstance(result, TokenNotResolved) and "not JSON" in result.detail


def test_ikd_token_resolves_to_a_nik_and_the_lookup_continues(srv, tmp_path):
    settings = kiosk_settings(tmp_path, srv)
    pull(settings)
    import_document(srv.base, srv.admin, demo_document([NEW_PARTICIPANT]))
    result, _ = run_lookup(context(settings), IdKind.TOKEN, GOOD_TOKEN)
    assert isinstance(result, ParticipantFound) and result.adult.participant_id == NEW_NOKA
    result, _ = run_lookup(context(settings), IdKind.TOKEN, "ikd:expired-0123456789abcdefghij")
    assert isinstance(result, TokenNotResolved) and result.detail == "kode IKD kedaluwarsa"
    result, took = run_lookup(context(settings), IdKind.TOKEN,
                              "ikd:slow-token-0123456789abcdefghij")
    assert isinstance(result, TokenNotResolved) and took < 4
    assert "did not answer within 1 s" in result.detail


def test_without_a_verifier_the_patient_is_asked_to_type_the_nik(plain_srv, tmp_path):
    settings = kiosk_settings(tmp_path, plain_srv)
    result, _ = run_lookup(context(settings), IdKind.TOKEN, GOOD_TOKEN)
    assert isinstance(result, TokenNotResolved)
    assert "no IKD verifier is configured" in result.detail


def test_standalone_kiosk_never_calls_out(tmp_path):
    settings = kiosk_settings(tmp_path, None, url="")
    ctx = context(settings)
    assert ctx.server is None
    result, _ = run_lookup(ctx, IdKind.TOKEN, GOOD_TOKEN)
    assert isinstance(result, TokenNotResolved)
    result, _ = run_lookup(ctx, IdKind.NIK, BUDI[0])
    assert isinstance(result, ParticipantNotFound)  # empty store, nobody to ask


# -- the real kiosk: scan an IKD code, online ------------------------------------------------


def online_kiosk(start_kiosk: Any, qtbot: Any, demo_settings: Settings, srv: Srv) -> Any:
    kiosk_id = f"k-ui-{time.monotonic_ns() % 10**9}"
    settings = replace(
        demo_settings, kiosk=replace(demo_settings.kiosk, kiosk_id=kiosk_id),
        server=replace(demo_settings.server, url=srv.base, token=make_token(srv.url, kiosk_id)))
    kiosk = start_kiosk(settings)
    qtbot.waitUntil(kiosk.online, timeout=20_000)
    return kiosk


def test_scanned_ikd_code_is_verified_and_the_check_in_goes_on(qtbot, start_kiosk,
                                                               demo_settings, srv):
    kiosk = online_kiosk(start_kiosk, qtbot, demo_settings, srv)
    kiosk.wedge.scanned.emit(BUDI_TOKEN)
    qtbot.waitUntil(lambda: kiosk.flow.state.step is Step.FAMILY, timeout=10_000)
    assert kiosk.flow.state.session.adult.participant_id == BUDI[1]


def test_scanned_ikd_code_without_a_verifier_asks_for_the_nik(qtbot, start_kiosk,
                                                              demo_settings, plain_srv):
    kiosk = online_kiosk(start_kiosk, qtbot, demo_settings, plain_srv)
    kiosk.wedge.scanned.emit(GOOD_TOKEN)
    qtbot.waitUntil(lambda: kiosk.flow.state.step is Step.KEYPAD, timeout=10_000)
    state = kiosk.flow.state
    assert state.session.prompt is Prompt.TOKEN_NEEDS_TYPED_NIK and state.session.id_value is None
    assert kiosk.window.keypad.prompt.isVisible() and "NIK" in kiosk.window.keypad.prompt.text()


def test_lookup_job_result_is_an_event_for_the_same_session(srv, tmp_path):
    """Every path of the job answers with the session it was started for (late answers for a
    patient who left are then ignored by the flow)."""
    settings = kiosk_settings(tmp_path, srv)
    for kind, value in [(IdKind.TOKEN, GOOD_TOKEN), (IdKind.NIK, "3171019999990001"),
                        (IdKind.NOKA, BUDI[1])]:
        result, _ = run_lookup(context(settings), kind, value)
        assert getattr(result, "session", None) == 7, result
