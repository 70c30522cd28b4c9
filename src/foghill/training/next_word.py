"""The next-word demo: the model learns which word tends to follow which, from this page.

The corpus is Foghill's own lesson (:mod:`foghill.engine.data.next_word`): this model
learns from the page you are reading. Start info: ``vocabulary_size``, ``word`` (the
watched word), the split's sizes (pairs of words), ``rare`` (the token that stands for every
word found once). The progress event's ``metric`` is the held-out surprise in bits per
word. View: ``next``, the watched word's eight likeliest next words (``{word, p}``).

Questions: ``what: "next"`` with a ``word`` -> ``next`` (eight ``{word, p}``); ``what:
"write"`` with a ``prompt`` and a ``count`` -> ``words`` and ``text`` (the prompt and the
words): ``count`` words drawn one after another from the model's probabilities, starting
after the prompt's last known word, by a generator seeded with the run's seed and the step
(the same question gets the same words; the rare token is never drawn).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from foghill.engine.data.next_word import RARE, corpus, tokens
from foghill.engine.models.bigram import Bigram
from foghill.engine.models.minibatch import Evaluation, FloatArray, Model
from foghill.errors import BadRequest
from foghill.training.demo import Demo, rounded, top
from foghill.training.requests import AskRequest, NextWordAsk, NextWordRequest, TrainRequest

__all__ = ["NextWordDemo", "words"]

DIM = 16
SHOW = 8


def words() -> list[str]:
    """The words a reader may pick: the vocabulary, lower case, the rare token left out."""
    return [w for w in corpus().vocabulary if w != RARE]


def _known(word: str, field: str) -> int:
    """The word's index, or a sentence naming some words that are there."""
    found = corpus().index(word)
    if found is None or word == RARE:
        some = ", ".join(w for w in corpus().vocabulary[:10] if w not in (RARE, "."))
        raise BadRequest(
            f"{word!r} is not one of the words this page uses more than once (in lower "
            f"case); try one such as {some}",
            field=field,
        )
    return found


def _next(model: Bigram, theta: FloatArray, index: int) -> list[dict[str, Any]]:
    p = model.probabilities(theta, [index])[0]
    vocabulary = corpus().vocabulary
    return [{"word": vocabulary[i], "p": rounded(float(p[i]), 3)} for i in top(p, SHOW)]


class NextWordDemo(Demo):
    name = "next-word"
    tag = "fh-next-word"
    request_model: ClassVar[type[TrainRequest]] = NextWordRequest
    ask_model: ClassVar[type[AskRequest] | None] = NextWordAsk
    progress_events = 50  # each whole-set evaluation costs a few ms here

    def model(self, request: TrainRequest) -> Bigram:
        assert isinstance(request, NextWordRequest)
        _known(request.word, "word")
        c = corpus()
        return Bigram(len(c.vocabulary), c.train, c.heldout, dim=DIM)

    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        assert isinstance(request, NextWordRequest)
        c = corpus()
        return {
            "vocabulary_size": len(c.vocabulary),
            "word": request.word,
            "train_size": model.n_train,
            "heldout_size": len(c.heldout),
            "rare": RARE,
        }

    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(request, NextWordRequest)
        assert isinstance(model, Bigram)
        return {"next": _next(model, theta, _known(request.word, "word"))}

    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        return (
            f"After {step} steps the model is surprised by {evaluation.metric:.2f} bits per "
            "word of the page it has not trained on."
        )

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(ask, NextWordAsk)
        assert isinstance(model, Bigram)
        if ask.what == "next":
            found = _next(model, theta, _known(ask.word, "word"))
            return {"what": "next", "word": ask.word, "next": found}
        c = corpus()
        said = [i for i in map(c.index, tokens(ask.prompt)) if i is not None]
        current = said[-1] if said else c.index(".")
        rare = c.index(RARE)
        assert current is not None
        rng = np.random.default_rng((ask.seed, ask.step))
        written: list[str] = []
        for _ in range(ask.count):
            p = model.probabilities(theta, [current])[0]
            if rare is not None:
                p[rare] = 0.0
            current = int(rng.choice(len(p), p=p / p.sum()))
            written.append(c.vocabulary[current])
        text = " ".join([ask.prompt.strip(), *written]).strip().replace(" .", ".")
        return {"what": "write", "prompt": ask.prompt, "words": written, "text": text}
