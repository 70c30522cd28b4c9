"""Short messages labelled spam or not spam, written for Foghill and made up for teaching.

``messages.csv`` (beside this module) holds them: a ``label`` (``spam`` or ``not spam``) and
the ``text``; every name, brand and offer in them is invented. A message becomes word
counts over a vocabulary: the words (lower case, letters, digits and apostrophes) found in at
least two training messages. The split is fixed: a permutation made with seed 0, its first
quarter held out.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

__all__ = ["Messages", "counts", "messages", "words"]

_WORD = re.compile(r"[a-z0-9']+")
MIN_MESSAGES = 2  # a word must appear in this many training messages to be counted


def words(text: str) -> list[str]:
    """The words of a message, in order (lower case)."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True, eq=False)
class Messages:
    """The messages split, their word counts over ``vocabulary`` and labels (1: spam)."""

    vocabulary: tuple[str, ...]
    train_text: tuple[str, ...]
    train_x: NDArray[np.float64]
    train_y: NDArray[np.intp]
    heldout_text: tuple[str, ...]
    heldout_x: NDArray[np.float64]
    heldout_y: NDArray[np.intp]


def counts(texts: tuple[str, ...] | list[str], vocabulary: tuple[str, ...]) -> NDArray[np.float64]:
    """Each text's word counts over the vocabulary (other words are not counted)."""
    index = {w: i for i, w in enumerate(vocabulary)}
    out = np.zeros((len(texts), len(vocabulary)))
    for row, text in enumerate(texts):
        for word in words(text):
            if word in index:
                out[row, index[word]] += 1.0
    return out


def _read() -> list[tuple[str, int]]:
    text = resources.files(__package__).joinpath("messages.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [(row["text"], int(row["label"] == "spam")) for row in csv.DictReader(lines)]


@cache
def messages() -> Messages:
    """The messages, split and counted (read once, then shared)."""
    rows = _read()
    order = np.random.default_rng(0).permutation(len(rows))
    cut = len(rows) // 4
    held = [rows[i] for i in order[:cut]]
    train = [rows[i] for i in order[cut:]]
    seen: dict[str, int] = {}
    for text, _ in train:
        for word in set(words(text)):
            seen[word] = seen.get(word, 0) + 1
    vocabulary = tuple(sorted(w for w, n in seen.items() if n >= MIN_MESSAGES))
    train_text = tuple(t for t, _ in train)
    heldout_text = tuple(t for t, _ in held)
    arrays = (
        counts(train_text, vocabulary),
        np.array([y for _, y in train], dtype=np.intp),
        counts(heldout_text, vocabulary),
        np.array([y for _, y in held], dtype=np.intp),
    )
    for array in arrays:
        array.setflags(write=False)
    return Messages(vocabulary, train_text, arrays[0], arrays[1], heldout_text, *arrays[2:])
