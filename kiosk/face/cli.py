"""kiosk-tool face-match and liveness: face checks on files, for technicians and tests."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.config import load_settings
from kiosk.errors import KioskError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "face-match", help="1:1 match of the single face in REF against the one in PROBE"
    )
    p.add_argument("ref", type=Path)
    p.add_argument("probe", type=Path)
    p.add_argument("--threshold", type=float, default=None, help="default: face.match_threshold")
    p.add_argument("--aligned", action="store_true",
                   help="both images are 150x150 dlib face chips (skip detection)")
    p.add_argument("--config", type=Path, default=None)
    p.set_defaults(func=_face_match)

    p = sub.add_parser("liveness", help="passive blink/mouth/head-turn analysis of a video clip")
    p.add_argument("video", type=Path)
    p.add_argument("--upsample", type=int, default=1, choices=(0, 1, 2),
                   help="HOG upsampling of the fallback search that finds small faces"
                        " (1: faces from about 55 px)")
    p.set_defaults(func=_liveness)


def _face_match(args: argparse.Namespace) -> int:
    from kiosk.cli import emit
    from kiosk.face import engine, matching, offline

    out: dict[str, Any] = {"distance": None, "match": False, "threshold": None,
                           "faces": [None, None], "error": None}
    try:
        default = paths.default_config_file()
        settings = load_settings(args.config or (default if default.exists() else None))
        threshold = args.threshold if args.threshold is not None else (
            settings.face.match_threshold)
        out["threshold"] = threshold
        images = [offline.read_image(args.ref), offline.read_image(args.probe)]
        models = engine.load_models(with_descriptor=True)
        found = [offline.describe_photo(models, im, aligned=args.aligned) for im in images]
    except KioskError as exc:
        out["error"] = exc.detail
        emit(out)
        return 2
    out["faces"] = [f.faces for f in found]
    for name, f in zip(("REF", "PROBE"), found, strict=True):
        if f.descriptor is None:
            out["error"] = f"{name}: {'no face' if f.faces == 0 else f'{f.faces} faces'} found"
            emit(out)
            return 2
    ref, probe = (f.descriptor for f in found)
    assert ref is not None and probe is not None
    result = matching.MatchResult(matching.distance(ref, probe), threshold)
    out["distance"] = round(result.distance, 4)
    out["match"] = result.match
    emit(out)
    return 0 if result.match else 1


def _liveness(args: argparse.Namespace) -> int:
    from kiosk.camera import VideoFileSource
    from kiosk.cli import emit
    from kiosk.face import engine, offline
    from kiosk.face.analyzer import AnalyzerConfig

    try:
        source = VideoFileSource(args.video)
        models = engine.load_models()
    except KioskError as exc:
        emit({"error": exc.detail})
        return 2
    with source:
        report = offline.analyse_clip(
            models, source, fps=source.fps,
            config=AnalyzerConfig(fallback_upsample=args.upsample),
        )
    emit(report.as_json())
    return 0
