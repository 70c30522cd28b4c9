"""Made-up people rating made-up films, generated from hidden tastes (made up for teaching).

Thirty people and twenty films, each with two hidden tastes and a bias, drawn with a fixed
seed; a rating is the average plus both biases plus the tastes' agreement plus a little
noise, rounded to a whole number of stars from 1 to 5. About three in five cells are rated;
one rated cell in five is held out. Every name and title is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

__all__ = ["FILMS", "PEOPLE", "Ratings", "ratings"]

PEOPLE = (
    "Ada", "Bram", "Cleo", "Dev", "Edda", "Finn", "Gala", "Hugo", "Ines", "Joss",
    "Kemi", "Lars", "Mila", "Nico", "Oona", "Pip", "Quin", "Rosa", "Sami", "Tova",
    "Ugo", "Vera", "Wren", "Xavi", "Yara", "Zeno", "Arlo", "Bea", "Cass", "Dara",
)  # fmt: skip
FILMS = (
    "The Lantern Keeper",
    "Seven Salt Roads",
    "Moth Orchestra",
    "A Quiet Avalanche",
    "Paper Comets",
    "The Last Tram to Orly Hill",
    "Brass Tide",
    "Gardens of Static",
    "Midnight at the Glasshouse",
    "The Cartographer's Cat",
    "Iron Meadow",
    "Small Hours",
    "Fog Over Tallow Bay",
    "Kingdom of Spoons",
    "The Borrowed Summer",
    "Neon Pilgrims",
    "Under the Clockwork Sky",
    "Half a Lighthouse",
    "The Marrow Sisters",
    "Crater Lullaby",
)
SEED = 9
TASTES = 2
RATED = 0.6
HELD_OUT = 0.2


@dataclass(frozen=True, eq=False)
class Ratings:
    """Rows of (person, film, stars), split; ``hidden`` is the true taste grid (before
    noise and rounding), kept for the tests."""

    train: NDArray[np.float64]
    heldout: NDArray[np.float64]
    hidden: NDArray[np.float64]


@cache
def ratings() -> Ratings:
    """The ratings (made once, then shared)."""
    rng = np.random.default_rng(SEED)
    people, films = len(PEOPLE), len(FILMS)
    p = rng.standard_normal((people, TASTES))
    q = rng.standard_normal((films, TASTES))
    hidden = 3.2 + 0.3 * rng.standard_normal((people, 1)) + 0.5 * rng.standard_normal(films)
    hidden = hidden + 0.8 * p @ q.T
    stars = np.clip(np.rint(hidden + 0.3 * rng.standard_normal(hidden.shape)), 1, 5)
    rated = np.argwhere(rng.random((people, films)) < RATED)
    rows = np.column_stack([rated, stars[rated[:, 0], rated[:, 1]]]).astype(np.float64)
    held = rng.random(len(rows)) < HELD_OUT
    arrays = (rows[~held], rows[held], hidden)
    for array in arrays:
        array.setflags(write=False)
    return Ratings(*arrays)
