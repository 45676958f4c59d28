"""Decode QR and card barcodes from camera frames, robustly and within a frame's time budget.

Plain zbar on a whole 1280x720 frame misses almost half of what a kiosk camera really sees
(dark-mode screens, dim phones, blur, glare, rotated card barcodes) and spends its time on the
whole frame. Instead:

1. find code-like regions on a half-size copy (dense edges in a compact blob), so an empty room
   costs a few milliseconds;
2. for the best region run zbar on a small crop through a fixed ladder of variants
   (``LADDER``; the runner-up region only gets its cheap rungs): as seen with the polarity
   guessed from the quiet zone, 1D strips turned to the nearest axis, the other polarity,
   smoothing (noise, JPEG, moire), upscaling (small codes), a wide unsharp mask (focus blur);
   stop at the first success.

Only symbologies with an integrity check are enabled (QR: Reed-Solomon; Code 128: mod-103 check
character; EAN-13: check digit), so a payload is never invented out of noise; Code 39 and
Interleaved 2 of 5 have no mandatory check and stay off. The ladder is bounded by a fixed pixel
budget, not a clock: the same frame always gives the same answer, and the worst case is bounded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kiosk.errors import ImageUnreadable

log = logging.getLogger(__name__)

Gray = npt.NDArray[Any]  # uint8 pixels; cv2 returns untyped arrays

MAX_REGIONS = 2
MIN_REGION_PX = 24  # in full-resolution pixels: a 21-module QR at ~1.5 px per module
DENSITY = 0.45  # in full-resolution pixels, the shorter side of a candidate region


@dataclass(frozen=True)
class DecodedCode:
    """One code read from a frame. ``payload`` is the text; ``raw`` the bytes zbar returned."""

    symbology: str
    payload: str
    raw: bytes
    polygon: tuple[tuple[int, int], ...]
    method: str


def _symbols() -> list[object]:
    from pyzbar.pyzbar import ZBarSymbol

    return [ZBarSymbol.QRCODE, ZBarSymbol.CODE128, ZBarSymbol.EAN13]


def to_gray(frame: npt.NDArray[np.uint8]) -> Gray:
    """Frames come as BGR (OpenCV), RGB (Qt) or gray; the luma difference between BGR and RGB
    weighting does not matter for decoding."""
    import cv2

    if frame.ndim == 2:
        return np.ascontiguousarray(frame, dtype=np.uint8)
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(np.ascontiguousarray(frame, dtype=np.uint8), cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(np.ascontiguousarray(frame, dtype=np.uint8), cv2.COLOR_BGRA2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 1:
        return np.ascontiguousarray(frame[:, :, 0], dtype=np.uint8)
    raise ImageUnreadable(f"unsupported frame shape {frame.shape}")


def _zbar(img: Gray) -> list[tuple[str, bytes, tuple[tuple[int, int], ...]]]:
    from pyzbar import pyzbar

    out = []
    for d in pyzbar.decode(np.ascontiguousarray(img), symbols=_symbols()):
        poly = tuple((int(p.x), int(p.y)) for p in d.polygon)
        out.append((str(d.type), bytes(d.data), poly))
    return out


@dataclass(frozen=True)
class _Region:
    x: int
    y: int
    w: int
    h: int
    angle: float  # of the long side, degrees (minAreaRect convention)
    aspect: float  # long side / short side: a 1D code is a long strip
    score: float


def find_regions(gray: Gray) -> list[_Region]:
    """Compact blobs of dense edges: where a code could be. Half-size, ~2 ms for 720p.

    An edge pixel counts when its gradient is near the strongest one around it (so a dim,
    low-contrast screen counts as much as a bright one) and above the frame's noise floor (so
    JPEG and sensor noise do not); a code is a place where such pixels are dense, unlike the
    single edges of furniture and walls."""
    import cv2

    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    gx = cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 1, 0, ksize=3), alpha=0.25)
    gy = cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 0, 1, ksize=3), alpha=0.25)
    mag = cv2.add(gx, gy)
    floor = max(2.0 * float(cv2.mean(mag)[0]), 4.0)
    near_max = cv2.convertScaleAbs(cv2.dilate(mag, np.ones((15, 15), np.uint8)), alpha=0.3)
    _, above_floor = cv2.threshold(mag, floor, 255, cv2.THRESH_BINARY)
    strong = cv2.bitwise_and(cv2.compare(mag, near_max, cv2.CMP_GT), above_floor)
    density = cv2.blur(strong, (11, 11))  # 0..255: the share of strong edge pixels around
    _, dense = cv2.threshold(density, DENSITY * 255, 255, cv2.THRESH_BINARY)
    dense = cv2.morphologyEx(dense, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    dense = cv2.morphologyEx(dense, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    # CCOMP, not EXTERNAL: a code inside the ring of a phone's bezel is a blob of its own
    contours, hierarchy = cv2.findContours(dense, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    regions: list[_Region] = []
    min_side = MIN_REGION_PX / 2
    parents = hierarchy[0][:, 3] if hierarchy is not None else []
    holes: dict[int, float] = {}
    for c, parent in zip(contours, parents, strict=True):
        if parent != -1:
            holes[int(parent)] = holes.get(int(parent), 0.0) + cv2.contourArea(c)
    for i, (c, parent) in enumerate(zip(contours, parents, strict=True)):
        if parent != -1:  # the boundary of a hole
            continue
        x, y, w, h = cv2.boundingRect(c)
        area = cv2.contourArea(c) - holes.get(i, 0.0)  # a ring (a bezel's edges) is not solid
        if max(w, h) < min_side or area < min_side * min_side / 2:
            continue
        (_, _), (rw, rh), ang = cv2.minAreaRect(c)
        short, long_ = min(rw, rh), max(rw, rh)
        if short < min_side / 3 or long_ > 12 * short:
            continue
        if area / max(rw * rh, 1.0) < 0.45:  # a compact blob, not a ragged texture
            continue
        if rw < rh:
            ang += 90.0
        inside = np.zeros((h, w), np.uint8)
        cv2.drawContours(inside, [c], -1, 255, -1, offset=(-x, -y))
        mean_density = cv2.mean(density[y : y + h, x : x + w], mask=inside)[0] / 255.0
        regions.append(
            _Region(
                2 * x, 2 * y, 2 * w, 2 * h, float(ang), long_ / max(short, 1.0), area * mean_density
            )
        )
    regions.sort(key=lambda r: -r.score)
    return regions[:MAX_REGIONS]


def _stretch(img: Gray) -> Gray:
    import cv2

    lo, hi = np.percentile(img[::2, ::2], (1, 99))
    if hi - lo < 4:
        return img
    return cv2.convertScaleAbs(img, alpha=255.0 / (hi - lo), beta=-lo * 255.0 / (hi - lo))


@dataclass
class _Work:
    """One region being decoded: the crop, what we guessed about it, and whether it is done."""

    crop: Gray  # contrast-stretched, always as seen (no polarity change)
    x0: int
    y0: int
    scale: float  # crop pixels per frame pixel
    dark: bool  # guessed: light modules on a dark screen (dark mode)
    bars_angle: float | None  # a strip this far off the axes (a 1D code; zbar reads rows/columns)
    strip: bool  # long and thin: probably a 1D code
    deep: bool  # big enough to be worth the whole ladder
    done: bool = False


def _guess_dark(crop: Gray, box: tuple[int, int, int, int]) -> bool:
    """Dark mode when the quiet zone just outside the code is darker than the code itself."""
    x, y, w, h = box
    inner = crop[max(y, 0) : y + h, max(x, 0) : x + w]
    pad_x, pad_y = max(w // 12, 3), max(h // 12, 3)
    outer = crop[max(y - pad_y, 0) : y + h + pad_y, max(x - pad_x, 0) : x + w + pad_x]
    if inner.size == 0 or outer.size <= inner.size:
        return False
    ring_mean = (float(outer.sum()) - float(inner.sum())) / (outer.size - inner.size)
    return ring_mean < float(inner.mean())


def _prepare(gray: Gray, r: _Region) -> _Work:
    import cv2

    mx, my = int(r.w * 0.15) + 8, int(r.h * 0.15) + 8
    x0, y0 = max(r.x - mx, 0), max(r.y - my, 0)
    x1, y1 = min(r.x + r.w + mx, gray.shape[1]), min(r.y + r.h + my, gray.shape[0])
    crop = gray[y0:y1, x0:x1]
    dark = _guess_dark(crop, (r.x - x0, r.y - y0, r.w, r.h))
    scale = 1.0
    if min(crop.shape) > LARGE_CROP_PX:
        # a big code has big modules: half the pixels decode as well and twice as fast
        crop = cv2.resize(crop, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        scale = 0.5
    tilt = (r.angle + 45.0) % 90.0 - 45.0  # off the nearest axis
    strip = r.aspect > STRIP_ASPECT
    bars = tilt if strip and abs(tilt) > 4.0 else None
    deep = min(r.w, r.h) >= DEEP_MIN_PX or not strip
    return _Work(_stretch(crop), x0, y0, scale, dark, bars, strip, deep)


def _upright(img: Gray, angle: float) -> Gray:
    import cv2

    h, w = img.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, rot, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _rung(step: str, flip: bool, w: _Work) -> Gray | None:
    """The image for one rung of the ladder, or None when the rung does not apply here.

    Images are first turned to dark modules on a light ground (the guessed polarity, or the
    other one when ``flip``), so every filter below can assume that."""
    import cv2

    base = 255 - w.crop if w.dark != flip else w.crop
    if step == "plain":
        return base
    if w.bars_angle is not None:
        base = _upright(base, w.bars_angle)
    if step == "upright":
        return base if w.bars_angle is not None else None
    if step == "up":
        if w.strip:  # 1D: only the bar widths matter, so stretch along the code
            return cv2.resize(base, None, fx=2, fy=1, interpolation=cv2.INTER_CUBIC)
        if min(base.shape) > SMALL_CROP_PX:
            return None
        return cv2.resize(base, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    if step == "smooth":  # noise, JPEG blocks, moire
        return _stretch(cv2.GaussianBlur(base, (0, 0), 1.0))
    if step == "sharpen":  # focus blur: a strong, wide unsharp mask after a 1.5x upscale
        f = 1.5 if min(base.shape) <= 2 * SMALL_CROP_PX else 1.0
        if f > 1.0:
            base = cv2.resize(base, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
        soft = cv2.GaussianBlur(base, (0, 0), 3.3 * f)
        return cv2.addWeighted(base, 2.5, soft, -1.5, 0)
    raise ValueError(step)


# (rung, flip polarity). Most codes go at the first rung; the order after that is by what paid
# off on the synthetic sets (bench/identity.py, seeds 20261121, 777 and 4242: 644 codes read of
# 660): plain 492, upright 61, smooth 39, up 19, sharpen 16, the flipped polarity 17. OpenCV's QR
# detectors (QRCodeDetector, QRCodeDetectorAruco) were tried as a last rung: no extra decode at
# ~16 ms a call, so they are out, as are CLAHE and a morphological close (no extra decode either).
LADDER: tuple[tuple[str, bool], ...] = (
    ("plain", False),
    ("upright", False),
    ("plain", True),
    ("upright", True),
    ("smooth", False),
    ("up", False),
    ("sharpen", False),
)
# Only the best region climbs the whole ladder; the next one gets the cheap rungs. On the
# synthetic sets 642 of 645 codes were in the best region, and 2 of the other 3 went at a cheap
# rung, while every extra region costs a frame without a code the whole ladder again.
CHEAP_RUNGS = frozenset({"plain", "upright"})
# Thin strips (a line of text on a badge, a striped shirt) are most of what a room full of people
# offers; 1D codes that needed more than the cheap rungs were never thinner than this (full-res
# px). Square blobs (small QR codes) always get the whole ladder.
DEEP_MIN_PX = 48
STRIP_ASPECT = 1.6
LARGE_CROP_PX = 420
SMALL_CROP_PX = 220
BUDGET_PX = 1_600_000  # zbar pixels per frame (~25 ms on one core), a fixed cap, not a clock


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode_gray(gray: Gray) -> list[DecodedCode]:
    """Every code in a gray frame; see the module docstring for the strategy."""
    found: dict[str, DecodedCode] = {}
    if min(gray.shape) < MIN_REGION_PX:
        return []
    works = [_prepare(gray, r) for r in find_regions(gray)]
    budget = BUDGET_PX
    for step, flip in LADDER:
        for i, w in enumerate(works):
            if w.done or (step not in CHEAP_RUNGS and (i > 0 or not w.deep)):
                continue
            maybe = _rung(step, flip, w)
            if maybe is None or maybe.size > budget:
                continue
            budget -= maybe.size
            for sym, raw, _poly in _zbar(maybe):
                if not raw:
                    continue
                w.done = True
                text = _text(raw)
                log.debug("%s read at rung %s%s", sym, step, " (flipped)" if flip else "")
                found.setdefault(
                    text, DecodedCode(sym, text, raw, _box(w), f"{step}{'-flip' * flip}")
                )
    return list(found.values())


def _box(w: _Work) -> tuple[tuple[int, int], ...]:
    """Where in the frame the code was found (the searched region, in frame pixels)."""
    h, wd = w.crop.shape
    x1, y1 = w.x0 + int(wd / w.scale), w.y0 + int(h / w.scale)
    return ((w.x0, w.y0), (x1, w.y0), (x1, y1), (w.x0, y1))


def decode_frame(frame: npt.NDArray[np.uint8]) -> list[DecodedCode]:
    """Every code found in one camera frame (BGR, RGB or gray uint8)."""
    return decode_gray(to_gray(frame))
