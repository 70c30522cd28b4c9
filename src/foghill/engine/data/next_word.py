"""The words of Foghill's own lesson, in order: the text the next-word model learns from.

The lesson (``lessons/gradient-descent.md``) is stripped of its markup: the front matter,
the widget blocks and other fenced blocks (task lists too), bound numbers, HTML tags, link
targets and Markdown's marks. What
is left is read as lower-case words (letters, digits, apostrophes), with ``.`` standing for
the end of any sentence (``.``, ``?``, ``!``), so a written sentence can end; a word found
only once becomes ``…`` (one token for all the rare words). The model
learns pairs: each word and the word after it. The split is fixed: a permutation of the
pairs made with seed 0, one pair in ten held out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from foghill.lessons.syntax import NUMBER_ROLE

__all__ = ["RARE", "Corpus", "corpus", "lesson_words", "tokens"]

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.?!]")
HELD_OUT_EVERY = 10
#: A word found fewer times than this is read as :data:`RARE` (one token for all of them).
MIN_COUNT = 2
RARE = "\u2026"
LESSON = "gradient-descent.md"


def tokens(text: str) -> list[str]:
    """Plain text as words and sentence ends (``.``), lower case."""
    text = text.lower().replace("\u2019", "'")
    return ["." if t in ".?!" else t for t in _TOKEN.findall(text)]


def lesson_words(markdown: str) -> list[str]:
    """The lesson's words in order, its markup stripped (see the module)."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _FENCE.sub(" ", text)
    text = NUMBER_ROLE.sub(" ", text)  # a bound number: its value is not the lesson's words
    text = _TAG.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    return tokens(text)


@dataclass(frozen=True, eq=False)
class Corpus:
    """The vocabulary (most frequent first), the word counts, and the (word, next word)
    pairs as indices, split."""

    vocabulary: tuple[str, ...]
    frequency: NDArray[np.intp]
    train: NDArray[np.intp]  # (n, 2): word, next word
    heldout: NDArray[np.intp]

    def index(self, word: str) -> int | None:
        try:
            return self.vocabulary.index(word)
        except ValueError:
            return None


@cache
def corpus() -> Corpus:
    """The lesson as pairs of words (read once, then shared)."""
    lesson = resources.files("foghill.lessons").joinpath(LESSON).read_text(encoding="utf-8")
    found = lesson_words(lesson)
    once = {w for w, n in zip(*np.unique(found, return_counts=True), strict=True) if n < MIN_COUNT}
    found = [RARE if w in once else w for w in found]
    names, inverse, frequency = np.unique(found, return_inverse=True, return_counts=True)
    order = np.argsort(-frequency, kind="stable")  # most frequent first, then alphabetical
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    ids = rank[inverse].astype(np.intp)
    pairs = np.stack([ids[:-1], ids[1:]], axis=1)
    shuffled = np.random.default_rng(0).permutation(len(pairs))
    cut = len(pairs) // HELD_OUT_EVERY
    train, held = pairs[shuffled[cut:]], pairs[shuffled[:cut]]
    for array in (train, held):
        array.setflags(write=False)
    vocabulary = tuple(str(names[i]) for i in order)
    return Corpus(vocabulary, frequency[order].astype(np.intp), train, held)
