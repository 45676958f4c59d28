"""Model loading, the descriptor child process, cameras, kiosk-tool face commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from kiosk import cli, paths
from kiosk.camera import DeviceSource
from kiosk.errors import CameraUnavailable, ModelMissing
from kiosk.face import engine, offline


def test_missing_model_file_is_named(tmp_path: Path):
    for name in (engine.PREDICTOR_5, engine.PREDICTOR_68):
        shutil.copy(paths.face_models_dir() / name, tmp_path / name)
    with pytest.raises(ModelMissing, match=engine.RESNET):
        engine.load_models(tmp_path, with_descriptor=True)
    (tmp_path / engine.PREDICTOR_68).unlink()
    with pytest.raises(ModelMissing, match=engine.PREDICTOR_68):
        engine.load_models(tmp_path)
    with pytest.raises(ModelMissing, match=engine.RESNET):
        engine.DescriptorWorker(tmp_path)


def test_landmark_model_is_replaceable(models, fr_dir: Path):
    """The 68-point seam: any callable returning 68 points in iBUG order can stand in."""
    calls = []

    def other(frame, box):
        calls.append(box)
        return models.landmarks(frame, box)

    swapped = engine.load_models(landmarks=other)
    rgb = offline.read_image(fr_dir / "obama.jpg")
    (box,) = swapped.detect(rgb, 0)
    assert swapped.landmarks(rgb, box).shape == (68, 2) and calls == [box]


def test_descriptor_worker_matches_in_process(models, fr_dir: Path):
    rgb = offline.read_image(fr_dir / "biden.jpg")
    (box,) = offline.find_faces(models, rgb)
    chip = models.chip(rgb, box)
    with engine.DescriptorWorker() as worker:
        worker.wait_ready(timeout=120)
        (remote,) = worker.submit([chip]).result(timeout=60)
    (local,) = models.descriptors([chip])
    assert np.allclose(remote, local, atol=1e-6)


def test_frames_must_be_rgb_uint8():
    with pytest.raises(ValueError, match="RGB"):
        engine.as_rgb(np.zeros((10, 10), dtype=np.uint8))
    view = np.zeros((20, 20, 3), dtype=np.uint8)[:, ::-1]
    assert engine.as_rgb(view).flags.c_contiguous


def test_absent_camera_is_a_clear_error():
    with pytest.raises(CameraUnavailable, match="camera 63"):
        DeviceSource(63)


def _tool(capsys, *argv: str) -> tuple[int, dict]:
    code = cli.main(list(argv))
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_face_match_cli(capsys, faces_dir: Path, tmp_path: Path):
    fr = faces_dir / "face_recognition"
    code, out = _tool(capsys, "face-match", str(fr / "biden.jpg"), str(fr / "biden_biden2.jpg"))
    assert code == 0 and out["match"] is True and out["faces"] == [1, 1]
    assert out["distance"] < out["threshold"] == 0.6 and out["error"] is None
    code, out = _tool(capsys, "face-match", str(fr / "biden.jpg"),
                      str(faces_dir / "dlib_faces" / "Tom_Cruise_avp_2014_4.jpg"))
    assert code == 1 and out["match"] is False and out["distance"] > 0.6
    code, out = _tool(capsys, "face-match", str(fr / "biden.jpg"), str(fr / "two_people.jpg"))
    assert code == 2 and out["faces"] == [1, 2] and "2 faces" in out["error"]
    assert out["distance"] is None
    blank = tmp_path / "wall.png"
    import cv2

    cv2.imwrite(str(blank), np.full((240, 320, 3), 200, np.uint8))
    code, out = _tool(capsys, "face-match", str(blank), str(fr / "biden.jpg"))
    assert code == 2 and out["faces"] == [0, 1] and "no face" in out["error"]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 truncated")
    code, out = _tool(capsys, "face-match", str(broken), str(fr / "biden.jpg"))
    assert code == 2 and "not a readable image" in out["error"]
    code, out = _tool(capsys, "face-match", str(tmp_path / "none.jpg"), str(fr / "biden.jpg"))
    assert code == 2 and "no such file" in out["error"]
    johns = faces_dir / "dlib_johns"
    code, out = _tool(capsys, "face-match", "--aligned",
                      str(johns / "John_Simm__000288_00470387.jpg"),
                      str(johns / "John_Simm__000297_00470170.jpg"))
    assert code == 0 and out["match"] is True


def test_liveness_cli(capsys, faces_dir: Path, tmp_path: Path):
    code, out = _tool(capsys, "liveness", str(faces_dir / "eye_blink_detector" / "output.avi"))
    assert code == 0
    assert out["frames"] == 16 and out["frames_with_face"] == 16
    assert [e for e in out["events"] if e["kind"] == "blink"] == []
    assert 0 < out["ms_per_frame"]["median"] <= out["ms_per_frame"]["p95"]
    code, out = _tool(capsys, "liveness", str(tmp_path / "missing.mp4"))
    assert code == 2 and "does not exist" in out["error"]
