"""The digits demo: a softmax (optionally one hidden layer) learns to read 8x8 digits.

Start info: ``watched``, eight held-out images (64 ints 0..16, row by row) with their true
``label``; ``classes`` 0..9; the split's sizes. View: ``templates``, ten lists of 64 ints
0..255, what each digit's score looks for (128 is a weight of zero, 255 the largest positive
weight among the ten, 0 the most negative: one scale for all ten, so they compare), and
``guesses``: for each watched image, the model's guess and its probability. Question
(``what: "guess"``): a drawn ``image`` (64 numbers 0..16) -> ``probabilities`` (ten) and
``guess``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from foghill.engine.data.digits import digits
from foghill.engine.models.minibatch import Evaluation, FloatArray, Model
from foghill.engine.models.softmax import Softmax
from foghill.training.demo import Demo, percent, rounded
from foghill.training.requests import AskRequest, DigitsAsk, DigitsRequest, TrainRequest

__all__ = ["DigitsDemo"]

#: Held-out images whose guesses the picture shows (fixed: one of each digit 0-7's first).
WATCHED = 8
INK = 16.0  # the brightest pixel: inputs are scaled to 0..1


def _watched() -> list[int]:
    """The first held-out image of each digit 0..WATCHED-1: varied, fixed."""
    labels = digits().heldout_y
    return [int(np.flatnonzero(labels == d)[0]) for d in range(WATCHED)]


class DigitsDemo(Demo):
    name = "digits"
    tag = "fh-digits"
    request_model: ClassVar[type[TrainRequest]] = DigitsRequest
    ask_model: ClassVar[type[AskRequest] | None] = DigitsAsk

    def model(self, request: TrainRequest) -> Softmax:
        assert isinstance(request, DigitsRequest)
        data = digits()
        return Softmax(
            data.train_x / INK,
            data.train_y,
            data.heldout_x / INK,
            data.heldout_y,
            classes=10,
            hidden=request.hidden,
        )

    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        data = digits()
        return {
            "classes": list(range(10)),
            "train_size": model.n_train,
            "heldout_size": len(data.heldout_y),
            "watched": [
                {"image": [int(v) for v in data.heldout_x[i]], "label": int(data.heldout_y[i])}
                for i in _watched()
            ],
        }

    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(model, Softmax)
        w = model.templates(theta).T  # (10, 64)
        biggest = float(np.abs(w).max()) or 1.0
        templates = np.clip(np.rint(128 + 127 * w / biggest), 0, 255).astype(int)
        watched = model.heldout_x[_watched()]
        p = model.probabilities(theta, watched)
        return {
            "templates": templates.tolist(),
            "guesses": [
                {"guess": int(row.argmax()), "p": rounded(float(row.max()), 3)} for row in p
            ],
        }

    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        return (
            f"After {step} steps the model reads {percent(evaluation.metric)} of the "
            f"{len(digits().heldout_y)} held-out digits right."
        )

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(ask, DigitsAsk)
        assert isinstance(model, Softmax)
        p = model.probabilities(theta, np.asarray(ask.image) / INK)[0]
        guess = int(p.argmax())
        return {
            "what": "guess",
            "probabilities": [rounded(float(v), 4) for v in p],
            "guess": guess,
            "p": rounded(float(p[guess]), 4),
        }
