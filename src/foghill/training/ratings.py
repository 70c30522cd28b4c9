"""The ratings demo: matrix factorization learns made-up people's tastes in made-up films.

Start info: ``people`` and ``films`` (names, made up), ``known``: the training ratings as
``[person, film, stars]``, ``heldout``: the held-out cells the same way (their stars are
what the model is scored on), the split's sizes. View: ``grid``, the predicted stars of
every person (rows) for every film (columns), rounded to one decimal; ``map``, each film's
two tastes ``[x, y]`` (the films' map: films liked by the same people sit together). The
progress event's ``metric`` is the root mean squared miss on the held-out cells, in stars.
A question (``what: "predict"``) names a person and a film; the answer is the predicted
stars and the four parts that add up to them (the known ratings' mean, the person's own
offset, the film's own offset, how well their two tastes match), and the stars they really
gave if the cell is a known or a held-out rating.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

import numpy as np

from foghill.engine.data.ratings import FILMS, PEOPLE, ratings
from foghill.engine.models.factorization import Factorization
from foghill.engine.models.minibatch import Evaluation, FloatArray, Model
from foghill.training.demo import Demo, rounded
from foghill.training.requests import AskRequest, RatingsAsk, RatingsRequest, TrainRequest

__all__ = ["RatingsDemo"]


@cache
def _stars_given() -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """The stars of each known and each held-out rating, by (person, film): read once."""
    r = ratings()
    known = {(int(i), int(j)): int(s) for i, j, s in r.train}
    return known, {(int(i), int(j)): int(s) for i, j, s in r.heldout}


def _cells(rows: np.ndarray[Any, Any]) -> list[list[int]]:
    return [[int(i), int(j), int(r)] for i, j, r in rows]


class RatingsDemo(Demo):
    name = "ratings"
    tag = "fh-ratings"
    request_model: ClassVar[type[TrainRequest]] = RatingsRequest
    ask_model: ClassVar[type[AskRequest] | None] = RatingsAsk

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

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(ask, RatingsAsk)
        assert isinstance(model, Factorization)
        i, j = ask.person, ask.film
        p, q, a, b = model.parts(theta)
        parts = {
            "mean": model.mean,
            "person": float(a[i]),
            "film": float(b[j]),
            "tastes": float(p[i] @ q[j]),
        }
        given, kept = _stars_given()
        return {
            "what": "predict",
            "person": i,
            "film": j,
            "stars": rounded(sum(parts.values()), 4),
            "parts": {name: rounded(value, 4) for name, value in parts.items()},
            "given": given.get((i, j)),
            "kept": kept.get((i, j)),
        }
