"""What a training demo is: a model built from its settings, and what it tells the picture.

A :class:`Demo` knows how to make its model from a run's settings (refusing, in a sentence,
what cannot be done: a batch larger than the training set, a word that is not on the page),
what its start event says (the fixed facts the picture needs), what its picture needs at a
given step (its ``view``), a one-sentence summary, and how its model answers a question.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np

from foghill.contract import MAX_TRAIN_EXAMPLES
from foghill.engine.models.minibatch import Evaluation, FloatArray, Model, Walk
from foghill.engine.optimizers import Optimizer, by_name
from foghill.errors import BadRequest
from foghill.training.requests import AskRequest, TrainRequest

__all__ = ["Demo", "rounded"]


def rounded(value: float, digits: int = 6) -> float | None:
    """A number as it travels: ``digits`` significant figures; None if it is not finite
    (JSON has no NaN)."""
    if not math.isfinite(value):
        return None
    return float(f"{value:.{digits}g}")


class Demo(ABC):
    """One training demo (see the module). ``name`` is its path in ``/api/train/<name>``."""

    name: ClassVar[str]
    tag: ClassVar[str]
    request_model: ClassVar[type[TrainRequest]]
    ask_model: ClassVar[type[AskRequest] | None] = None
    #: About this many progress events per run (fewer where a whole-set evaluation costs).
    progress_events: ClassVar[int] = 100
    #: Whether some progress events carry the picture of minibatch noise.
    noise: ClassVar[bool] = True

    @abstractmethod
    def model(self, request: TrainRequest) -> Model:
        """The model for these settings (BadRequest, in a sentence, if it cannot be made)."""

    def check(self, request: TrainRequest, model: Model) -> None:
        """Refuse settings the contract's bounds cannot: a batch over the training set, a
        run looking at more than :data:`~foghill.contract.MAX_TRAIN_EXAMPLES` examples."""
        if request.batch_size > model.n_train:
            raise BadRequest(
                f"batch_size must be at most {model.n_train}, the whole training set "
                f"(got {request.batch_size})",
                field="batch_size",
            )
        seen = request.steps * request.batch_size
        if seen > MAX_TRAIN_EXAMPLES:
            raise BadRequest(
                f"steps x batch_size is {seen:,} examples, more than the {MAX_TRAIN_EXAMPLES:,} "
                "one run may look at: take fewer steps or a smaller batch",
                field="steps",
            )

    def stride(self, request: TrainRequest) -> int:
        """Steps between two progress events (about :attr:`progress_events` a run)."""
        return max(1, math.ceil(request.steps / self.progress_events))

    def optimizer(self, request: TrainRequest) -> Optimizer:
        """The walk's update rule: the optimizer named, at the run's learning rate."""
        return by_name(request.optimizer, request.learning_rate)

    def measures(self, request: TrainRequest, model: Model, walk: Walk) -> dict[str, Any]:
        """What a progress event carries besides the shared numbers (none by default)."""
        return {}

    def ending(
        self, request: TrainRequest, model: Model, walk: Walk, reason: str
    ) -> dict[str, Any]:
        """What the end event carries besides its reason (a ``summary`` here replaces the
        shared one): the run as code, where :mod:`foghill.demo_code` writes it."""
        from foghill.demo_code import demo_code  # the programs' text, only at a run's end

        code = demo_code(self.name, request.settings())
        return {} if code is None else {"code": code._asdict()}

    @abstractmethod
    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        """The start event's facts for drawing (fixed during the run)."""

    @abstractmethod
    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        """What the picture needs at this step."""

    @abstractmethod
    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        """One sentence on where the run got to."""

    def identity(self) -> str:
        """What tells this demo's models apart from every other's (its replays are
        remembered under it): its name, unless its data is its own."""
        return self.name

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        """The model's answer to a question (demos that take questions override this)."""
        raise BadRequest(f"the {self.name} demo takes no questions")


def percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def top(values: FloatArray, count: int) -> list[int]:
    """The indices of the ``count`` largest values, largest first (ties: lower index)."""
    order = np.argsort(-values, kind="stable")
    return [int(i) for i in order[:count]]
