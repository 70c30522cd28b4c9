"""scikit-learn's bundled 8x8 handwritten digits: 1,797 images of 0-9, pixels 0..16.

The file ships inside scikit-learn (``sklearn/datasets/data/digits.csv.gz``: 64 pixels and
the label per line). It is found with ``importlib.util.find_spec("sklearn")``, which locates
the package without importing it, and read with numpy: about 20 ms, where importing
``sklearn.datasets.load_digits`` costs seconds (it pulls in scipy). Nothing is read before
the first call, so ``import foghill`` stays quick.

The split is fixed: a permutation made with seed 0, its first quarter held out (450 images),
the rest (1,347) for training.
"""

from __future__ import annotations

import gzip
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = ["HELD_OUT", "Digits", "digits"]

HELD_OUT = 450


@dataclass(frozen=True, eq=False)
class Digits:
    """Pixels (n, 64) as floats 0..16, labels (n,) ints 0..9; training and held-out."""

    train_x: NDArray[np.float64]
    train_y: NDArray[np.intp]
    heldout_x: NDArray[np.float64]
    heldout_y: NDArray[np.intp]


def _path() -> Path:
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise RuntimeError("the digits come with scikit-learn, which is not installed")
    return Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"


@cache
def digits() -> Digits:
    """The digits, split (read once, then shared; the arrays are read-only)."""
    with gzip.open(_path(), "rb") as file:
        table = np.loadtxt(file, delimiter=",", dtype=np.float64)
    order = np.random.default_rng(0).permutation(len(table))
    held, train = order[:HELD_OUT], order[HELD_OUT:]
    pixels, labels = table[:, :64], table[:, 64].astype(np.intp)
    arrays = (pixels[train], labels[train], pixels[held], labels[held])
    for array in arrays:
        array.setflags(write=False)
    return Digits(*arrays)
