"""Enrolment: consent required, descriptors only, encrypted at rest, key outside the database,
encrypted template in the outbox, deletion on request."""

from __future__ import annotations

import base64
import os
import sqlite3
import stat
from pathlib import Path

import numpy as np
import pytest

from kiosk.errors import ConfigError
from kiosk.face import offline, templates
from kiosk.store import EventKind, Store

NOKA = "0001234567890"


@pytest.fixture(scope="module")
def real_descriptors(models, fr_dir: Path) -> list[np.ndarray]:
    """Three 'frames' of one real face: the photo, its mirror image, a slightly smaller copy."""
    import cv2

    rgb = offline.read_image(fr_dir / "obama.jpg")
    (box,) = offline.find_faces(models, rgb)
    chip = models.chip(rgb, box)
    small = cv2.resize(cv2.resize(chip, (110, 110)), (150, 150))
    return models.descriptors([chip, np.ascontiguousarray(chip[:, ::-1]), small])


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data" / "kiosk.db") as s:
        yield s


def test_enrol_encrypts_and_keeps_the_key_outside(store, real_descriptors, tmp_path):
    eid = templates.enrol(store, NOKA, real_descriptors, consent=True, consent_version="v1",
                          staff="desk-1")
    key_file = store.path.parent / templates.KEY_FILE_NAME
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert templates.has_template(store, NOKA)
    loaded = templates.load_descriptors(store, NOKA)
    assert loaded is not None and len(loaded) == 3
    for a, b in zip(loaded, real_descriptors, strict=True):
        assert np.allclose(a, b, atol=1e-6)  # stored as float32
    mean = templates.load_template(store, NOKA)
    assert mean is not None and np.allclose(mean, np.mean(real_descriptors, axis=0), atol=1e-6)

    # Nothing in the database file reveals the descriptor: not as float32, not as float64.
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = store.path.read_bytes()
    for d in real_descriptors:
        assert d.astype("<f4").tobytes()[:64] not in raw
        assert d.astype("<f8").tobytes()[:64] not in raw

    (event,) = [e for e in store.pending_events() if e.event_id == eid]
    assert event.kind is EventKind.TEMPLATE_ENROLLED
    blob = base64.b64decode(event.payload["template"])
    assert blob != b"" and real_descriptors[0].astype("<f4").tobytes()[:64] not in blob
    key = templates.load_key(key_file)
    assert np.allclose(templates.decrypt(key, NOKA, blob)[0], real_descriptors[0], atol=1e-6)


def test_no_consent_no_enrolment(store, real_descriptors):
    with pytest.raises(templates.ConsentMissing):
        templates.enrol(store, NOKA, real_descriptors, consent=False)
    assert not templates.has_template(store, NOKA)
    assert store.outbox_depth() == 0
    assert not (store.path.parent / templates.KEY_FILE_NAME).exists()


def test_template_is_bound_to_its_subject_and_key(store, real_descriptors, tmp_path):
    templates.enrol(store, NOKA, real_descriptors, consent=True)
    # Copy the ciphertext onto another person's row: it must not decrypt there.
    store.conn.execute(
        "INSERT INTO face_templates (subject, template, n_descriptors, model, enrolled_at)"
        " SELECT '0009999999999', template, n_descriptors, model, enrolled_at"
        " FROM face_templates WHERE subject = ?", (NOKA,))
    with pytest.raises(templates.TemplateCorrupt):
        templates.load_descriptors(store, "0009999999999")
    other_key = tmp_path / "other.key"
    templates.load_key(other_key, create=True)
    with pytest.raises(templates.TemplateCorrupt):
        templates.load_descriptors(store, NOKA, key_path=other_key)


def test_missing_or_bad_key_file_is_a_clear_config_error(store, real_descriptors, tmp_path):
    templates.enrol(store, NOKA, real_descriptors, consent=True)
    with pytest.raises(ConfigError, match="not found"):
        templates.load_template(store, NOKA, key_path=tmp_path / "missing.key")
    bad = tmp_path / "bad.key"
    bad.write_text("not a key\n")
    with pytest.raises(ConfigError, match="256-bit"):
        templates.load_key(bad)
    loose = tmp_path / "loose.key"
    templates.load_key(loose, create=True)
    os.chmod(loose, 0o644)
    templates.load_key(loose)
    assert stat.S_IMODE(os.stat(loose).st_mode) == 0o600


def test_delete_on_request(store, real_descriptors):
    templates.enrol(store, NOKA, real_descriptors, consent=True)
    assert templates.delete_template(store, NOKA, reason="patient request", staff="desk-1")
    assert not templates.has_template(store, NOKA)
    assert templates.load_template(store, NOKA) is None
    kinds = [e.kind for e in store.pending_events()]
    assert kinds == [EventKind.TEMPLATE_ENROLLED, EventKind.TEMPLATE_DELETED]
    deleted = store.pending_events()[-1].payload
    assert deleted["subject"] == NOKA and "template" not in deleted
    assert not templates.delete_template(store, NOKA, reason="again")


def test_schema_version_3_table_exists(store):
    cols = {r[1] for r in store.conn.execute("PRAGMA table_info(face_templates)")}
    assert {"subject", "template", "n_descriptors", "enrolled_at"} <= cols
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO face_templates (subject) VALUES ('x')")
