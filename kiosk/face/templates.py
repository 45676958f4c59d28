"""Enrolled face templates: descriptors only (never images), AES-GCM encrypted at rest.

The key lives outside the database: a 0600 key file beside it (``face-template.key`` in the data
dir) or a configured path, so a copied database alone reveals nothing. The subject id is bound
into each ciphertext (associated data), so a template cannot be moved to another person's row.
Outbox events carry the *encrypted* template for sync, never plaintext. Deletion on request
removes the row and tells the server with a TEMPLATE_DELETED event.
"""

from __future__ import annotations

import base64
import logging
import os
import stat
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import ConfigError
from kiosk.face.matching import Descriptor, mean_descriptor
from kiosk.store import EventKind, Store, Tx

log = logging.getLogger(__name__)

KEY_FILE_NAME = "face-template.key"
MODEL_NAME = "dlib_face_recognition_resnet_model_v1+5pt"
_MAGIC = b"AFT1"  # Anjungan face template, format 1
_NONCE = 12


class ConsentMissing(ValueError):
    """Enrolment was asked for without the patient's explicit consent (a flow bug)."""


class TemplateCorrupt(ValueError):
    """A stored template does not decrypt with this kiosk's key (wrong key or damaged row)."""


def default_key_path(store: Store) -> Path:
    return store.path.parent / KEY_FILE_NAME


def load_key(path: Path, *, create: bool = False) -> bytes:
    """The 256-bit template key; ``create`` makes a new 0600 file when none exists."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        if not create:
            raise ConfigError("face.key_file", f"template key file {path} not found") from None
        key = AESGCM.generate_key(bit_length=256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(base64.urlsafe_b64encode(key).decode() + "\n")
        log.info("created face template key %s", path)
        return key
    except OSError as exc:
        raise ConfigError("face.key_file", f"cannot read {path}: {exc.strerror}") from exc
    with os.fdopen(fd) as fh:
        mode = stat.S_IMODE(os.fstat(fh.fileno()).st_mode)
        text = fh.read().strip()
    if mode & 0o077:
        log.warning("face template key %s was readable by others (%o); set to 0600", path, mode)
        os.chmod(path, 0o600)
    try:
        key = base64.urlsafe_b64decode(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise ConfigError("face.key_file", f"{path} does not hold a 256-bit key")
    return key


def encrypt(key: bytes, subject: str, descriptors: Sequence[Descriptor]) -> bytes:
    plain = np.stack([np.asarray(d, dtype="<f4").reshape(128) for d in descriptors]).tobytes()
    nonce = os.urandom(_NONCE)
    return _MAGIC + nonce + AESGCM(key).encrypt(nonce, plain, subject.encode())


def decrypt(key: bytes, subject: str, blob: bytes) -> list[Descriptor]:
    if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _NONCE + 16:
        raise TemplateCorrupt("not a face template")
    nonce = blob[len(_MAGIC) : len(_MAGIC) + _NONCE]
    try:
        plain = AESGCM(key).decrypt(nonce, blob[len(_MAGIC) + _NONCE :], subject.encode())
    except InvalidTag as exc:
        raise TemplateCorrupt("template does not decrypt with this key") from exc
    rows = np.frombuffer(plain, dtype="<f4").reshape(-1, 128).astype(np.float64)
    return list(rows)


def write_template(
    tx: Tx,
    key: bytes,
    subject: str,
    descriptors: Sequence[Descriptor],
    *,
    consent: bool,
    consent_version: str = "",
    staff: str = "",
) -> str:
    """Store (or replace) ``subject``'s template inside ``tx``; returns the outbox event id."""
    if not consent:
        raise ConsentMissing("face enrolment needs the patient's explicit consent")
    if not subject.strip():
        raise ValueError("face enrolment needs a subject id")
    if len(descriptors) < 1:
        raise ValueError("face enrolment needs at least one descriptor")
    blob = encrypt(key, subject, descriptors)
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    tx.execute(
        "INSERT INTO face_templates (subject, template, n_descriptors, model, consent_version,"
        " enrolled_by, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (subject) DO UPDATE SET template = excluded.template,"
        " n_descriptors = excluded.n_descriptors, model = excluded.model,"
        " consent_version = excluded.consent_version, enrolled_by = excluded.enrolled_by,"
        " enrolled_at = excluded.enrolled_at",
        (subject, blob, len(descriptors), MODEL_NAME, consent_version, staff, now),
    )
    return tx.emit(
        EventKind.TEMPLATE_ENROLLED,
        {
            "subject": subject,
            "template": base64.b64encode(blob).decode(),  # encrypted; the key never leaves
            "n_descriptors": len(descriptors),
            "model": MODEL_NAME,
            "consent_version": consent_version,
            "staff": staff,
            "enrolled_at": now,
        },
    )


def enrol(
    store: Store,
    subject: str,
    descriptors: Sequence[Descriptor],
    *,
    consent: bool,
    consent_version: str = "",
    staff: str = "",
    key_path: Path | None = None,
) -> str:
    """Enrol in its own transaction (the key file is created on first use)."""
    if not consent:
        raise ConsentMissing("face enrolment needs the patient's explicit consent")
    key = load_key(key_path or default_key_path(store), create=True)
    with store.transaction() as tx:
        eid = write_template(
            tx, key, subject, descriptors, consent=consent, consent_version=consent_version,
            staff=staff,
        )
    log.info("face template enrolled for %s (%d descriptors)", subject, len(descriptors))
    return eid


def has_template(store: Store, subject: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM face_templates WHERE subject = ?", (subject,))
    return row.fetchone() is not None


def load_descriptors(
    store: Store, subject: str, key_path: Path | None = None
) -> list[Descriptor] | None:
    row = store.conn.execute(
        "SELECT template FROM face_templates WHERE subject = ?", (subject,)
    ).fetchone()
    if row is None:
        return None
    return decrypt(load_key(key_path or default_key_path(store)), subject, bytes(row[0]))


def load_template(store: Store, subject: str, key_path: Path | None = None) -> Descriptor | None:
    """The subject's template as one mean descriptor, or None when not enrolled."""
    descriptors = load_descriptors(store, subject, key_path)
    return None if descriptors is None else mean_descriptor(descriptors)


def delete_template_in(tx: Tx, subject: str, *, reason: str, staff: str = "") -> str | None:
    """Delete inside ``tx``; returns the outbox event id, or None when there was nothing."""
    cur = tx.execute("DELETE FROM face_templates WHERE subject = ?", (subject,))
    if cur.rowcount == 0:
        return None
    return tx.emit(
        EventKind.TEMPLATE_DELETED,
        {"subject": subject, "reason": reason, "staff": staff,
         "deleted_at": datetime.now(UTC).isoformat(timespec="milliseconds")},
    )


def delete_template(store: Store, subject: str, *, reason: str, staff: str = "") -> bool:
    """Delete on the patient's request; False when no template existed."""
    with store.transaction() as tx:
        eid = delete_template_in(tx, subject, reason=reason, staff=staff)
    if eid is not None:
        log.info("face template deleted for %s (%s)", subject, reason)
    return eid is not None
