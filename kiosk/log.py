"""Logging: a rotating file log under the data dir, with NIK and card numbers masked.

Masking happens in the formatter, on the final text (message, arguments and tracebacks alike),
so a NIK that slips into an exception message is still masked.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# 16 digits (NIK) or 13 digits (JKN card number) standing alone, not inside a longer number.
_ID_RE = re.compile(r"(?<!\d)(\d{16}|\d{13})(?!\d)")


def mask_ids(text: str) -> str:
    """``3171014508900001`` -> ``3171**********01``; ``0001234567890`` -> ``000********90``."""

    def _mask(m: re.Match[str]) -> str:
        s = m.group(1)
        keep = 4 if len(s) == 16 else 3
        return s[:keep] + "*" * (len(s) - keep - 2) + s[-2:]

    return _ID_RE.sub(_mask, text)


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_ids(super().format(record))


FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Route the root logger to stderr and (when ``log_dir`` is given) a rotating file.

    Returns the log file path. Safe to call again: earlier handlers from here are replaced.
    """
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_anjungan", False):
            root.removeHandler(h)
            h.close()
    formatter = MaskingFormatter(FORMAT)
    stream = logging.StreamHandler()
    stream.setFormatter(formatter)
    stream._anjungan = True  # type: ignore[attr-defined]
    root.addHandler(stream)
    log_file: Path | None = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_file = log_dir / "kiosk.log"
        fh = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        fh.setFormatter(formatter)
        fh._anjungan = True  # type: ignore[attr-defined]
        root.addHandler(fh)
    root.setLevel(level)
    return log_file
