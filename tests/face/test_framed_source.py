"""Digital zoom over a frame source: the crop is what the analysis sees, at the analysis size."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.camera import FramedSource


class _Frames:
    """A source of given frames (the edge: stands in for a camera)."""

    def __init__(self, frames: list[np.ndarray]) -> None:
        self.frames = list(frames)
        self.closed = False

    def read(self) -> np.ndarray | None:
        return self.frames.pop(0) if self.frames else None

    def close(self) -> None:
        self.closed = True


def test_crop_is_scaled_to_the_analysis_size() -> None:
    frame = np.zeros((480, 640, 3), np.uint8)
    frame[100:200, 50:150] = 255  # the patient's place, white
    src = FramedSource(_Frames([frame]), (50, 100, 100, 100), size=(320, 240))
    out = src.read()
    assert out is not None and out.shape == (240, 320, 3) and out.flags.c_contiguous
    assert out.min() == 255  # nothing outside the crop leaks in


def test_end_of_clip_and_close_pass_through() -> None:
    inner = _Frames([])
    src = FramedSource(inner, (0, 0, 10, 10))
    assert src.read() is None
    src.close()
    assert inner.closed


def test_crop_outside_the_frame_gives_no_frame() -> None:
    src = FramedSource(_Frames([np.zeros((120, 160, 3), np.uint8)]), (500, 500, 50, 50))
    assert src.read() is None


@pytest.mark.parametrize("crop", [(0, 0, 0, 10), (0, 0, 10, -1), (-1, 0, 10, 10)])
def test_impossible_crops_are_refused(crop: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="crop"):
        FramedSource(_Frames([]), crop)
