"""Logs never carry a whole NIK or card number, wherever it appears in the record."""

from __future__ import annotations

import logging

from kiosk.log import mask_ids, setup_logging


def test_mask_ids_keeps_only_region_and_last_digits():
    assert mask_ids("NIK 3171014508900001 ok") == "NIK 3171**********01 ok"
    assert mask_ids("noka=0001234567890") == "noka=000********90"
    # Longer or shorter digit runs are not identifiers and stay as they are.
    assert mask_ids("ticket 12345 at 1700000000000000000") == "ticket 12345 at 1700000000000000000"


def test_file_log_masks_messages_arguments_and_tracebacks(tmp_path):
    log_file = setup_logging(tmp_path / "logs")
    log = logging.getLogger("anjungan.test")
    log.info("looked up %s", "3171014508900001")
    try:
        raise ValueError("bad noka 0001234567890")
    except ValueError:
        log.exception("lookup failed for 3171014508900002")
    for h in logging.getLogger().handlers:
        h.flush()
    text = log_file.read_text()
    assert "3171014508900001" not in text and "3171**********01" in text
    assert "0001234567890" not in text and "000********90" in text
    assert "3171014508900002" not in text and "ValueError" in text
    setup_logging(None)
