"""kiosk-tool decode IMAGE... / kiosk-tool nik NIK."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from kiosk.errors import ImageUnreadable


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("decode", help="decode QR/barcodes in image files (one JSON line each)")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.set_defaults(func=_decode)
    p = sub.add_parser("nik", help="check a NIK and show what it encodes")
    p.add_argument("nik")
    p.set_defaults(func=_nik)


def read_image(path: Path) -> Any:
    """Load an image file as BGR, with a message that says what is wrong when it cannot be."""
    import cv2
    import numpy as np

    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise ImageUnreadable(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise ImageUnreadable(f"{path}: is a directory") from e
    except OSError as e:
        raise ImageUnreadable(f"{path}: cannot read ({e.strerror})") from e
    if not data:
        raise ImageUnreadable(f"{path}: empty file")
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        raise ImageUnreadable(f"{path}: not an image OpenCV can decode (PNG, JPEG, BMP, ...)")
    return img


def _decode(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.identity.decode import decode_frame
    from kiosk.identity.payload import PayloadKind, classify

    status = 0
    for name in args.images:
        try:
            img = read_image(Path(name))
        except ImageUnreadable as e:
            emit({"file": name, "error": e.detail})
            status = 2
            continue
        t0 = time.perf_counter()
        codes = decode_frame(img)
        ms = (time.perf_counter() - t0) * 1000.0
        out = []
        for c in codes:
            k = classify(c.payload)
            token = k.kind is PayloadKind.OPAQUE_TOKEN
            out.append(
                {
                    "symbology": c.symbology,
                    "payload": c.payload,
                    # The documented kinds are nik, noka and other; an IKD-style token is
                    # "other" to the contract, flagged so a technician sees it was recognised.
                    "kind": PayloadKind.OTHER.value if token else k.kind.value,
                    "value": k.value,
                    "opaque_token": token,
                }
            )
        emit({"file": name, "codes": out, "ms": round(ms, 1)})
    return status


def _nik(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.identity.nik import parse_nik

    info = parse_nik(args.nik.strip())
    emit(info.as_json())
    return 0 if info.valid else 1
