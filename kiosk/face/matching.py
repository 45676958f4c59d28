"""1:1 matching: descriptors from the best frames, compared with the enrolled template. Pure."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Descriptor = npt.NDArray[np.float64]

# Calibrated on ../shared/data/faces (dlib 20.0.1, 5-point alignment, no jitter): genuine pairs
# reach 0.557 at most (dlib_johns; 0.525 on the full photos), impostors start at 0.666 (0.682 on
# the full photos). 0.60 sits in that gap, a little nearer the genuine side than the midpoint
# (0.611): a false accept costs more than sending someone to the desk.
DEFAULT_THRESHOLD = 0.60


@dataclass(frozen=True)
class MatchResult:
    distance: float
    threshold: float

    @property
    def match(self) -> bool:
        return self.distance <= self.threshold


def distance(a: Descriptor, b: Descriptor) -> float:
    return float(np.linalg.norm(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)))


def mean_descriptor(descriptors: Sequence[Descriptor]) -> Descriptor:
    """The average of several frames' descriptors (steadier than any single frame)."""
    if not descriptors:
        raise ValueError("no descriptors to average")
    stacked = np.stack([np.asarray(d, dtype=float).reshape(128) for d in descriptors])
    mean: Descriptor = stacked.mean(axis=0)
    return mean


def compare(
    probe: Sequence[Descriptor], template: Sequence[Descriptor], threshold: float
) -> MatchResult:
    """Mean probe descriptor against the mean template descriptor."""
    return MatchResult(distance(mean_descriptor(probe), mean_descriptor(template)), threshold)


def same_person(descriptors: Sequence[Descriptor], threshold: float) -> bool:
    """Every pair within ``threshold``: the face that answered the challenges never changed."""
    return all(distance(a, b) <= threshold for a, b in itertools.combinations(descriptors, 2))


def pick_best(scored: Sequence[tuple[float, int]], n: int = 5, spread: int = 3) -> list[int]:
    """Indices of the ``n`` best-scored frames, at least ``spread`` frames apart so they are
    not all the same instant. ``scored`` holds (score, frame index)."""
    chosen: list[int] = []
    for _score, idx in sorted(scored, reverse=True):
        if all(abs(idx - c) >= spread for c in chosen):
            chosen.append(idx)
            if len(chosen) == n:
                break
    return sorted(chosen)
