"""Synthetic camera frames of phone screens and cards showing codes, for the bench and tests.

Everything is drawn from a seed, so a test set is reproducible without committing images. The
distortions are the ones a kiosk camera really sees when people hold up a phone: small codes,
tilted and rotated phones, focus and motion blur, dim or low-contrast screens, glare, screen
moire (the camera sampling the screen's pixel grid), dark mode (light modules on dark), sensor
noise and JPEG re-encoding. Negative frames (no code, but text and stripes) check that nothing is
ever "decoded" out of thin air.
"""

from __future__ import annotations

import base64
import enum
import functools
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Gray = npt.NDArray[Any]  # uint8 pixels; cv2 returns untyped arrays
Arr = npt.NDArray[Any]

FRAME_W, FRAME_H = 1280, 720


class Distortion(enum.Enum):
    SMALL = "small"
    TILT = "tilt"
    ROTATION = "rotation"
    BLUR = "blur"
    MOTION = "motion"
    DIM = "dim"
    GLARE = "glare"
    MOIRE = "moire"
    DARK_MODE = "dark_mode"
    JPEG = "jpeg"
    MIXED = "mixed"
    NONE = "none"  # negative frame: no code at all


@dataclass(frozen=True)
class Sample:
    """One frame (BGR, 1280x720) and what is on it; ``payload`` is None for a negative frame."""

    name: str
    distortion: Distortion
    symbology: str | None
    payload: str | None
    frame: Arr
    box: tuple[int, int, int, int] | None = None  # x, y, w, h of the phone screen


def _random_nik(rng: np.random.Generator) -> str:
    # real region prefixes keep the set honest for the classifier as well
    prefix = str(rng.choice(["317101", "327301", "357801", "510301", "920101", "120101"]))
    day = int(rng.integers(1, 29)) + (40 if rng.random() < 0.5 else 0)
    return (
        f"{prefix}{day:02d}{int(rng.integers(1, 13)):02d}{int(rng.integers(0, 100)):02d}"
        f"{int(rng.integers(1, 10000)):04d}"
    )


def _random_noka(rng: np.random.Generator) -> str:
    return "000" + "".join(str(int(d)) for d in rng.integers(0, 10, 10))


def _random_payload(rng: np.random.Generator, symbology: str) -> str:
    r = rng.random()
    if symbology == "CODE128":
        return _random_nik(rng) if r < 0.5 else _random_noka(rng)
    if r < 0.3:
        return _random_nik(rng)
    if r < 0.5:
        return _random_noka(rng)
    if r < 0.65:
        return f"https://antrean.example.id/c?nik={_random_nik(rng)}&src=kiosk"
    if r < 0.75:
        return json.dumps({"noKartu": _random_noka(rng), "nama": "PESERTA"})
    n = int(rng.choice([48, 96, 160]))
    raw = rng.integers(0, 256, n, dtype=np.uint8).tobytes()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def qr_modules(payload: str, ec: str = "M") -> Gray:
    """The QR matrix, one pixel per module, 0 = dark, with a 4-module quiet zone."""
    import qrcode
    import qrcode.constants as qc

    level = {"L": qc.ERROR_CORRECT_L, "M": qc.ERROR_CORRECT_M, "Q": qc.ERROR_CORRECT_Q}[ec]
    qr = qrcode.QRCode(error_correction=level, border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    return np.where(np.array(qr.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)


def code128_modules(payload: str) -> Gray:
    """A one-row Code 128 symbol, one pixel per module, 0 = bar, with 10-module quiet zones.

    Widths come from reportlab's encoder (upper case = bar, lower case = space, A=1..D=4)."""
    from reportlab.graphics.barcode.code128 import Code128

    sym = Code128(payload)
    sym.validate()
    sym.encode()
    sym.decompose()
    row = [255] * 10
    for ch in sym.decomposed:
        width = ord(ch.upper()) - ord("A") + 1
        row.extend([0 if ch.isupper() else 255] * width)
    row.extend([255] * 10)
    return np.array([row], dtype=np.uint8)


@functools.cache
def _grid() -> tuple[Arr, Arr]:
    yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
    return yy, xx


def _background(rng: np.random.Generator) -> Arr:
    """A plausible room: a smooth gradient, some blurred shapes, a few high-contrast edges.

    Drawn in gray (the decoder works on luma anyway) and returned as BGR by the JPEG step."""
    import cv2

    yy, xx = _grid()
    base = rng.uniform(60, 170) + rng.uniform(-0.05, 0.05) * xx + rng.uniform(-0.05, 0.05) * yy
    img = (base * rng.uniform(0.8, 1.2)).astype(np.float32)
    for _ in range(int(rng.integers(3, 8))):
        color = float(rng.uniform(20, 230))
        x, y = int(rng.integers(0, FRAME_W)), int(rng.integers(0, FRAME_H))
        if rng.random() < 0.5:
            w, h = int(rng.integers(40, 400)), int(rng.integers(40, 300))
            cv2.rectangle(img, (x, y), (x + w, y + h), color, -1)
        else:
            cv2.circle(img, (x, y), int(rng.integers(20, 200)), color, -1)
    blurred: Arr = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(1.0, 4.0)))
    return blurred.astype(np.float32)


def _screen(
    rng: np.random.Generator, code: Gray, module_px: int, dark: bool, bars: bool
) -> tuple[Arr, Arr]:
    """The phone (or card) face as seen straight on: code centred among some UI clutter.

    Returns the image (0..1, 1 = lit) and its four corners."""
    import cv2

    if bars:
        height = max(int(code.shape[1] * module_px * rng.uniform(0.18, 0.35)), 30)
        sym = cv2.resize(code, (code.shape[1] * module_px, height), interpolation=cv2.INTER_NEAREST)
    else:
        sym = cv2.resize(
            code,
            (code.shape[1] * module_px, code.shape[0] * module_px),
            interpolation=cv2.INTER_NEAREST,
        )
    sh, sw = sym.shape
    pad_x, pad_top, pad_bot = int(sw * 0.12), int(sh * 0.45) + 10, int(sh * 0.35) + 10
    screen = np.full((sh + pad_top + pad_bot, sw + 2 * pad_x), 245, np.uint8)
    # header bar and text lines, as in the IKD / Mobile JKN apps
    cv2.rectangle(screen, (0, 0), (screen.shape[1], max(pad_top // 3, 4)), 120, -1)
    for i in range(3):
        y = pad_top // 3 + 8 + i * max(pad_top // 6, 6)
        if y < pad_top - 6:
            x2 = int(screen.shape[1] * rng.uniform(0.3, 0.8))
            cv2.line(screen, (pad_x, y), (x2, y), 60, max(module_px // 2, 1))
    screen[pad_top : pad_top + sh, pad_x : pad_x + sw] = sym
    img = screen.astype(np.float32) / 255.0
    if dark:
        img = 1.0 - img  # dark mode: light modules on a dark screen
    h, w = img.shape
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    return img, corners


@dataclass(frozen=True)
class _Params:
    target_module: float  # final pixels per module in the frame
    angle: float  # in-plane rotation, degrees
    tilt: float  # degrees the phone is turned away from the camera
    keystone: float  # how much smaller the far edge looks (0.05 = 5 %)
    gauss: float
    motion: int
    lo: float  # screen black level (0..255)
    hi: float  # screen white level
    glare: float
    moire: float
    dark: bool
    jpeg: int
    noise: float


def _params(rng: np.random.Generator, kind: Distortion, bars: bool) -> _Params:
    mild_mod = rng.uniform(3.0, 6.0) if not bars else rng.uniform(2.2, 3.5)
    p = dict(
        target_module=mild_mod,
        angle=rng.uniform(-25, 25),
        tilt=rng.uniform(0.0, 20.0),
        keystone=rng.uniform(0.0, 0.04),
        gauss=rng.uniform(0.0, 0.8),
        motion=0,
        lo=rng.uniform(15, 50),
        hi=rng.uniform(170, 240),
        glare=0.0,
        moire=0.0,
        dark=False,
        jpeg=int(rng.integers(70, 95)),
        noise=rng.uniform(1.0, 4.0),
    )
    if kind is Distortion.SMALL:
        p["target_module"] = rng.uniform(2.0, 2.8) if not bars else rng.uniform(1.5, 2.0)
    elif kind is Distortion.TILT:
        # at arm's length the far edge is only a few percent smaller; the big effect of tilting
        # is the foreshortening (cos of the angle) along the tilt axis
        p["tilt"] = rng.uniform(30.0, 60.0)
        p["keystone"] = rng.uniform(0.04, 0.12)
    elif kind is Distortion.ROTATION:
        p["angle"] = rng.uniform(-180, 180)
    elif kind is Distortion.BLUR:
        p["gauss"] = rng.uniform(1.2, 2.0) * p["target_module"] / 4.0
    elif kind is Distortion.MOTION:
        # hand shake during the exposure: a smear of up to about 1.5 modules
        p["motion"] = max(3, round(p["target_module"] * rng.uniform(0.8, 1.5)))
    elif kind is Distortion.DIM:
        p["lo"] = rng.uniform(20, 45)
        p["hi"] = p["lo"] + rng.uniform(22, 40)
    elif kind is Distortion.GLARE:
        p["glare"] = rng.uniform(0.5, 1.0)
    elif kind is Distortion.MOIRE:
        p["moire"] = rng.uniform(0.25, 0.45)
    elif kind is Distortion.DARK_MODE:
        p["dark"] = True
    elif kind is Distortion.JPEG:
        p["jpeg"] = int(rng.integers(15, 35))
        p["noise"] = rng.uniform(4.0, 8.0)
    elif kind is Distortion.MIXED:
        p["angle"] = rng.uniform(-180, 180)
        p["tilt"] = rng.uniform(10.0, 40.0)
        p["keystone"] = rng.uniform(0.02, 0.08)
        p["gauss"] = rng.uniform(0.5, 1.2)
        p["lo"] = rng.uniform(30, 60)
        p["hi"] = p["lo"] + rng.uniform(45, 90)
        p["dark"] = bool(rng.random() < 0.4)
        p["moire"] = rng.uniform(0.0, 0.2)
        p["glare"] = rng.uniform(0.0, 0.5)
        p["jpeg"] = int(rng.integers(35, 70))
    return _Params(**p)  # type: ignore[arg-type]


def _place(rng: np.random.Generator, corners: Arr, scale: float, p: _Params) -> Arr:
    """Where the screen's corners land in the frame: scaled, rotated, foreshortened, shifted."""
    c = corners * scale
    c -= c.mean(axis=0)
    # tilt: foreshortening along one axis, and the far edge a little smaller (keystone)
    axis = int(rng.integers(0, 2))
    c[:, axis] *= np.cos(np.deg2rad(p.tilt))
    edges = ([0, 3], [1, 2]) if axis == 0 else ([0, 1], [2, 3])  # left/right or top/bottom
    far = edges[int(rng.integers(0, 2))]
    for i in far:
        c[i, 1 - axis] *= 1.0 - p.keystone
    a = np.deg2rad(p.angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    c = c @ rot.T
    ext = np.abs(c).max(axis=0)
    margin_x = max(FRAME_W / 2 - ext[0] - 5, 0)
    margin_y = max(FRAME_H / 2 - ext[1] - 5, 0)
    centre = np.array(
        [
            FRAME_W / 2 + rng.uniform(-margin_x, margin_x),
            FRAME_H / 2 + rng.uniform(-margin_y, margin_y),
        ],
        np.float32,
    )
    return (c + centre).astype(np.float32)


def _render(
    rng: np.random.Generator, code: Gray | None, bars: bool, kind: Distortion
) -> tuple[Arr, tuple[int, int, int, int]]:
    import cv2

    frame = _background(rng)
    p = _params(rng, kind, bars)
    if code is None:
        # a phone showing text and stripes but no code: the false-positive trap
        code = np.full((24, 60), 255, np.uint8)
        for x in range(0, 60, int(rng.integers(2, 5))):
            code[:, x] = 0
        code[rng.random(code.shape) < 0.15] = 0
        bars = False
    module_px = 6
    screen, corners = _screen(rng, code, module_px, p.dark, bars)
    # screen pixel grid: a dark gap between pixels, the source of moire once resampled
    if p.moire > 0:
        period = int(rng.integers(3, 5))
        grid = np.ones_like(screen)
        grid[::period, :] *= 1.0 - p.moire
        grid[:, ::period] *= 1.0 - p.moire
        screen = screen * grid
    level: Arr = p.lo + (p.hi - p.lo) * screen
    dst = _place(rng, corners, p.target_module / module_px, p)
    m = cv2.getPerspectiveTransform(corners, dst)
    # pre-filter so the downscale integrates like a lens rather than aliasing like a nearest pick
    sigma = max(0.5 * module_px / p.target_module - 0.5, 0.0)
    if sigma > 0 and p.moire == 0:
        level = cv2.GaussianBlur(level, (0, 0), sigma)
    warped = cv2.warpPerspective(level, m, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(level), m, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
    # a black phone bezel around the screen
    bezel = cv2.dilate(mask, np.ones((15, 15), np.uint8))
    frame *= 1.0 - bezel
    frame += bezel * 12.0
    frame = frame * (1.0 - mask) + warped * mask
    if p.glare > 0:
        pts = dst[:4]
        cx, cy = pts.mean(axis=0) + rng.uniform(-0.25, 0.25, 2) * (pts.max(0) - pts.min(0))
        # a ceiling light on a glossy screen: a small hot spot, saturated at its centre
        radius = float(np.linalg.norm(pts[0] - pts[2])) * rng.uniform(0.05, 0.12)
        yy, xx = _grid()
        blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2))
        frame += blob * 255 * p.glare
    if p.gauss > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), p.gauss)
    if p.motion > 1:
        k: Arr = np.zeros((p.motion, p.motion), np.float32)
        k[p.motion // 2, :] = 1.0 / p.motion
        rot = cv2.getRotationMatrix2D(
            (p.motion / 2 - 0.5, p.motion / 2 - 0.5), rng.uniform(0, 180), 1
        )
        k = cv2.warpAffine(k, rot, (p.motion, p.motion))
        k = (k / max(float(k.sum()), 1e-6)).astype(np.float32)
        frame = cv2.filter2D(frame, -1, k)
    frame += rng.standard_normal(frame.shape, dtype=np.float32) * np.float32(p.noise)
    out = np.clip(frame, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, p.jpeg])
    assert ok
    x, y, w, h = cv2.boundingRect(dst.astype(np.int32))
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert decoded is not None
    return decoded, (x, y, w, h)


def make_sample(seed: int, kind: Distortion, symbology: str | None) -> Sample:
    """One deterministic frame; ``symbology`` is "QRCODE", "CODE128" or None (no code)."""
    rng = np.random.default_rng(seed)
    if symbology is None or kind is Distortion.NONE:
        frame, box = _render(rng, None, False, Distortion.MIXED)
        return Sample(f"neg-{seed}", Distortion.NONE, None, None, frame, box)
    payload = _random_payload(rng, symbology)
    bars = symbology == "CODE128"
    code = (
        code128_modules(payload) if bars else qr_modules(payload, str(rng.choice(["L", "M", "Q"])))
    )
    frame, box = _render(rng, code, bars, kind)
    return Sample(f"{kind.value}-{symbology}-{seed}", kind, symbology, payload, frame, box)


def make_set(seed: int = 20261121, per_kind: int = 20, negatives: int = 30) -> list[Sample]:
    """The standard evaluation set: ``per_kind`` frames per distortion (3 in 4 QR, 1 in 4 Code
    128) plus ``negatives`` frames without any code."""
    out: list[Sample] = []
    kinds = [k for k in Distortion if k is not Distortion.NONE]
    for ki, kind in enumerate(kinds):
        for i in range(per_kind):
            sym = "CODE128" if i % 4 == 3 else "QRCODE"
            out.append(make_sample(seed * 1000 + ki * 100 + i, kind, sym))
    for i in range(negatives):
        out.append(make_sample(seed * 1000 + 99000 + i, Distortion.NONE, None))
    return out


def make_scene(seed: int) -> Arr:
    """A frame of the room with nobody showing anything: what the attract screen sees most."""
    import cv2

    rng = np.random.default_rng(seed)
    frame = _background(rng)
    frame += rng.standard_normal(frame.shape, dtype=np.float32) * np.float32(rng.uniform(1, 4))
    ok, buf = cv2.imencode(".jpg", np.clip(frame, 0, 255).astype(np.uint8))
    assert ok
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert decoded is not None
    return decoded
