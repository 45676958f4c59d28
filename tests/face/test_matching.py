"""Calibration on real photos: the default threshold separates every independent genuine pair
from every impostor pair (near-duplicates and crops left out, per the data MANIFEST)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kiosk.config import FaceSection
from kiosk.face import matching, offline
from kiosk.face.engine import Descriptor, FaceModels

# Independent photos per person. Multi-face images name the face by its position (left first).
# two_people.jpg is left out: its faces are copies of obama3.jpg (d=0.056) and biden.jpg
# (d=0.074), near-duplicates like the ones the MANIFEST lists.
PHOTOS = {
    "obama": ["obama.jpg", "obama2.jpg", "obama3.jpg", "test_obama1.jpg"],
    "biden": ["biden.jpg", "biden_biden2.jpg"],
    "alex": ["alex-lacamoire.png", "alex_lacamoire_img1.jpg", "test_alex_lacamoire1.jpg"],
    "kit": ["kit_harington_john1.jpeg", "kit_harington_john2.jpeg", "test_johnsnow_test1.jpg",
            "test_kit_with_rose.jpg#1"],
    "rose": ["rose_leslie_img1.jpg", "rose_leslie_img2.jpg", "test_kit_with_rose.jpg#0"],
    "lin": ["lin-manuel-miranda.png"],
    "S001": ["../openmpf/meds-aa-S001-01.jpg", "../openmpf/meds-aa-S001-02.jpg",
             "../openmpf/meds-aa-S001-03.jpg"],
    "S029": ["../openmpf/meds-aa-S029-01.jpg"],
    "S419": ["../openmpf/meds-af-S419-01.jpg"],
    "tom": ["../dlib_faces/Tom_Cruise_avp_2014_4.jpg"],
}
DUPLICATE_CHIP = "John_Shimkus__000378_03227610.jpg"  # same file as ..._02340151.jpg


def _photo_descriptors(models: FaceModels, fr_dir: Path) -> list[tuple[str, Descriptor]]:
    out = []
    for person, names in PHOTOS.items():
        for name in names:
            file, _, pos = name.partition("#")
            rgb = offline.read_image(fr_dir / file)
            boxes = offline.find_faces(models, rgb)
            box = boxes[int(pos)] if pos else boxes[0]
            assert pos or len(boxes) == 1, f"{file}: expected one face, found {len(boxes)}"
            out.append((person, models.descriptors([models.chip(rgb, box)])[0]))
    return out


def _chip_descriptors(models: FaceModels, faces_dir: Path) -> list[tuple[str, Descriptor]]:
    files = sorted(p for p in (faces_dir / "dlib_johns").glob("*.jpg") if p.name != DUPLICATE_CHIP)
    chips = [offline.read_image(p) for p in files]
    return [
        (p.name.split("__")[0], d)
        for p, d in zip(files, models.descriptors(chips), strict=True)
    ]


def _pairs(items: list[tuple[str, Descriptor]]) -> tuple[list[float], list[float]]:
    genuine, impostor = [], []
    for (pa, da), (pb, db) in itertools.combinations(items, 2):
        (genuine if pa == pb else impostor).append(matching.distance(da, db))
    return genuine, impostor


@pytest.fixture(scope="module")
def distances(models: FaceModels, faces_dir: Path, fr_dir: Path) -> dict[str, list[float]]:
    g1, i1 = _pairs(_photo_descriptors(models, fr_dir))
    g2, i2 = _pairs(_chip_descriptors(models, faces_dir))
    return {"photo_genuine": g1, "photo_impostor": i1, "chip_genuine": g2, "chip_impostor": i2}


def test_default_threshold_separates_every_independent_pair(distances):
    threshold = FaceSection().match_threshold
    assert threshold == matching.DEFAULT_THRESHOLD
    genuine = distances["photo_genuine"] + distances["chip_genuine"]
    impostor = distances["photo_impostor"] + distances["chip_impostor"]
    assert len(genuine) > 250 and len(impostor) > 1000
    false_rejects = [d for d in genuine if d > threshold]
    false_accepts = [d for d in impostor if d <= threshold]
    assert false_rejects == [] and false_accepts == []
    # The margin either side is real, not a coincidence of rounding.
    assert max(genuine) < threshold - 0.02 < threshold + 0.05 < min(impostor)


def test_mean_of_several_frames_and_same_person_check(distances, models, fr_dir):
    rgb = offline.read_image(fr_dir / "obama.jpg")
    (box,) = offline.find_faces(models, rgb)
    chip = models.chip(rgb, box)
    flipped = chip[:, ::-1].copy()  # a mirror image: same person, a different "frame"
    probe = models.descriptors([chip, flipped])
    biden = offline.read_image(fr_dir / "biden.jpg")
    (bbox,) = offline.find_faces(models, biden)
    other = models.descriptors([models.chip(biden, bbox)])
    assert matching.same_person(probe, 0.6)
    assert not matching.same_person([*probe, *other], 0.6)
    assert not matching.compare(probe, other, 0.6).match


def test_pick_best_spreads_frames():
    scored = [(3.0, 10), (2.9, 11), (2.8, 12), (2.0, 20), (1.0, 30), (0.5, 40)]
    assert matching.pick_best(scored, n=3, spread=3) == [10, 20, 30]
