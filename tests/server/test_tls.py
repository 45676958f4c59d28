"""HTTPS straight from kiosk-server (--tls-cert/--tls-key): kiosks verify the facility's CA."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from server_harness import ServerProc, make_token

from kiosk.store import EventKind, Store
from kiosk.sync.engine import EngineConfig, SyncEngine


def self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "anjungan-test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp / "server.pem", tmp / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_sync_over_tls_verifies_the_certificate(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    url = f"sqlite:///{tmp_path / 'server.db'}"
    token = make_token(url, "tls-kiosk")
    proc = ServerProc(url, extra=("--tls-cert", str(cert), "--tls-key", str(key)),
                      tls_ca=cert).start()
    store_path = tmp_path / "kiosk.db"
    with Store.open(store_path) as store, store.transaction() as tx:
        tx.emit(EventKind.TICKET_ISSUED, {"ticket_id": "t1"})
    try:
        untrusting = SyncEngine(EngineConfig(base_url=proc.base, token=token,
                                             kiosk_id="tls-kiosk"), store_path)
        refused = untrusting.run_once()
        untrusting.close()
        trusting = SyncEngine(EngineConfig(base_url=proc.base, token=token, kiosk_id="tls-kiosk",
                                           ca_file=cert), store_path)
        ok = trusting.run_once()
        trusting.close()
    finally:
        proc.stop()
    assert not refused.online and refused.error is not None
    assert "CERTIFICATE_VERIFY_FAILED" in refused.error
    assert refused.outbox_depth == 1
    assert ok.online and ok.outbox_depth == 0
