"""The spam demo: logistic regression on word counts learns which words make spam.

Start info: ``shown``, twelve held-out messages (six of each kind) with their ``text`` and
``spam`` (true or false); the split's sizes and the vocabulary's. View: ``scores``, each
shown message's probability of spam; ``misclassified``, how many held-out messages are on
the wrong side of one half (of ``heldout_size``); ``spammy`` and ``hammy``, the six words
with the largest and the most negative weights (``{word, weight}``). Question (``what:
"score"``): a typed ``text`` -> ``p`` (the probability of spam), ``spam`` (p > 0.5) and
``words``: the message's counted words with how hard each pushed (weight x count), hardest
first.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from foghill.engine.data.spam import counts, messages, words
from foghill.engine.models.logistic import Logistic
from foghill.engine.models.minibatch import Evaluation, FloatArray, Model
from foghill.training.demo import Demo, percent, rounded, top
from foghill.training.requests import AskRequest, SpamAsk, SpamRequest, TrainRequest

__all__ = ["SpamDemo"]

SHOWN = 6  # of each kind
TOP_WORDS = 6


def _shown() -> list[int]:
    labels = messages().heldout_y
    spam = np.flatnonzero(labels == 1)[:SHOWN]
    ham = np.flatnonzero(labels == 0)[:SHOWN]
    return [int(i) for pair in zip(spam, ham, strict=True) for i in pair]


class SpamDemo(Demo):
    name = "spam"
    tag = "fh-spam"
    request_model: ClassVar[type[TrainRequest]] = SpamRequest
    ask_model: ClassVar[type[AskRequest] | None] = SpamAsk

    def model(self, request: TrainRequest) -> Logistic:
        m = messages()
        return Logistic(m.train_x, m.train_y, m.heldout_x, m.heldout_y)

    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        m = messages()
        return {
            "train_size": model.n_train,
            "heldout_size": len(m.heldout_y),
            "vocabulary_size": len(m.vocabulary),
            "shown": [{"text": m.heldout_text[i], "spam": bool(m.heldout_y[i])} for i in _shown()],
        }

    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(model, Logistic)
        m = messages()
        p = model.probabilities(theta, m.heldout_x)
        weights = theta[:-1]
        return {
            "scores": [rounded(float(p[i]), 3) for i in _shown()],
            "misclassified": int(np.sum((p > 0.5) != (m.heldout_y == 1))),
            "spammy": [
                {"word": m.vocabulary[i], "weight": rounded(float(weights[i]), 3)}
                for i in top(weights, TOP_WORDS)
            ],
            "hammy": [
                {"word": m.vocabulary[i], "weight": rounded(float(weights[i]), 3)}
                for i in top(-weights, TOP_WORDS)
            ],
        }

    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        return (
            f"After {step} steps the model sorts {percent(evaluation.metric)} of the "
            f"{len(messages().heldout_y)} held-out messages correctly."
        )

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(ask, SpamAsk)
        assert isinstance(model, Logistic)
        vocabulary = messages().vocabulary
        x = counts([ask.text], vocabulary)[0]
        p = float(model.probabilities(theta, x[None, :])[0])
        push = x * theta[:-1]
        used = [int(i) for i in np.flatnonzero(x)]
        used.sort(key=lambda i: -abs(float(push[i])))
        unknown = sorted({w for w in words(ask.text) if w not in set(vocabulary)})
        return {
            "what": "score",
            "p": rounded(p, 4),
            "spam": p > 0.5,
            "words": [{"word": vocabulary[i], "push": rounded(float(push[i]), 3)} for i in used],
            "unknown": unknown[:20],
        }
