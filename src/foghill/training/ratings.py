"""The ratings demo: matrix factorization learns made-up people's tastes in made-up films.

Start info: ``people`` and ``films`` (names, made up), ``known``: the training ratings as
``[person, film, stars]``, ``heldout``: the held-out cells the same way (their stars are
what the model is scored on), the split's sizes. View: ``grid``, the predicted stars of
every person (rows) for every film (columns), rounded to one decimal; ``map``, each film's
two tastes ``[x, y]`` (the films' map: films liked by the same people sit together). The
progress event's ``metric`` is the root mean squared miss on the held-out cells, in stars.
No questions.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from foghill.engine.data.ratings import FILMS, PEOPLE, ratings
from foghill.engine.models.factorization import Factorization
from foghill.engine.models.minibatch import Evaluation, FloatArray, Model
from foghill.training.demo import Demo, rounded
from foghill.training.requests import RatingsRequest, TrainRequest

__all__ = ["RatingsDemo"]


def _cells(rows: np.ndarray[Any, Any]) -> list[list[int]]:
    return [[int(i), int(j), int(r)] for i, j, r in rows]


class RatingsDemo(Demo):
    name = "ratings"
    tag = "fh-ratings"
    request_model: ClassVar[type[TrainRequest]] = RatingsRequest

    def model(self, request: TrainRequest) -> Factorization:
        r = ratings()
        return Factorization(len(PEOPLE), len(FILMS), r.train, r.heldout)

    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        r = ratings()
        return {
            "people": list(PEOPLE),
            "films": list(FILMS),
            "known": _cells(r.train),
            "heldout": _cells(r.heldout),
            "train_size": model.n_train,
            "heldout_size": len(r.heldout),
        }

    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(model, Factorization)
        grid = np.round(model.grid(theta), 1)
        _, q, _, _ = model.parts(theta)
        return {
            "grid": [[rounded(float(v), 3) for v in row] for row in grid],
            "map": [[rounded(float(v), 3) for v in film] for film in q],
        }

    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        return (
            f"After {step} steps the model's guesses for the {len(ratings().heldout)} held-out "
            f"ratings miss by {evaluation.metric:.2f} stars (root mean square)."
        )
