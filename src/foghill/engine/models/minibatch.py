"""The minibatch walk: the same rule as on the hill, with the tilt felt on a few examples.

In plain words: shuffle the training examples, take the next small batch, work out exactly
how the loss on that batch tilts, take one optimizer step, repeat; when every example has
been used once (an epoch), shuffle again. In symbols, with ``B_k`` the k-th batch:
``g_k = (1/|B_k|) sum_{i in B_k} grad loss_i(theta_k)``, ``(step_k, state) = update(g_k,
state)``, ``theta_{k+1} = theta_k + step_k``; the optimizers are those of
:mod:`foghill.engine.optimizers`, working on one flat parameter vector.

Everything random comes from one ``numpy.random.Generator`` seeded with the run's seed: the
starting guess first, then one permutation of the training rows per epoch. Same model, same
optimizer, same batch size and same seed: the very same walk, to the last bit. The noise
picture draws its extra batches from a generator of its own (seeded by the seed and the
step), so looking at the noise never changes the walk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from foghill.engine.optimizers import Optimizer

__all__ = ["Evaluation", "Model", "Noise", "Walk", "projected_noise"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
Split = Literal["train", "heldout"]


class Model(Protocol):
    """What the walk needs of a model: its size, a starting guess, and exact numbers.

    ``loss_grad(theta, rows)``: the mean loss over those training rows and its exact
    gradient (a flat vector of ``size`` numbers). ``evaluate(theta, split)``: the mean loss
    over the whole split and the model's metric there (``metric_name`` says which).
    """

    n_train: int
    size: int
    metric_name: str

    def init(self, rng: np.random.Generator) -> FloatArray: ...

    def loss_grad(self, theta: FloatArray, rows: IntArray) -> tuple[float, FloatArray]: ...

    def evaluate(self, theta: FloatArray, split: Split) -> tuple[float, float]: ...


@dataclass(frozen=True)
class Evaluation:
    """The whole-set numbers at one step: loss on the training set and held out, and the
    metric held out."""

    loss: float
    heldout_loss: float
    metric: float


@dataclass(frozen=True)
class Noise:
    """Minibatch gradients against the full gradient, seen in a plane.

    The plane's first direction is the full gradient's own; the second is a fixed direction
    orthogonal to it. ``full`` is the full gradient in that plane (``[|g|, 0]``), ``batches``
    are ``count`` minibatch gradients (each on a fresh batch of the run's size) in it.
    """

    full: tuple[float, float]
    batches: tuple[tuple[float, float], ...]


class Walk:
    """One minibatch walk, step by step (see the module's rule).

    ``theta`` is the current flat parameter vector, ``step`` the steps taken, ``epoch`` the
    whole passes over the training set begun so far (fractional: steps x batch / rows).
    """

    def __init__(self, model: Model, optimizer: Optimizer, batch_size: int, seed: int) -> None:
        if not 1 <= batch_size <= model.n_train:
            raise ValueError(
                f"the batch size must lie between 1 and the {model.n_train} training examples, "
                f"got {batch_size}"
            )
        self.model = model
        self.optimizer = optimizer
        self.batch_size = batch_size
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self.theta: FloatArray = model.init(self._rng)
        self._state: Any = optimizer.init(self.theta)
        self._order: IntArray = np.arange(0, dtype=np.intp)
        self._at = 0
        self.step = 0
        self.last_loss = float("nan")

    @property
    def epoch(self) -> float:
        return self.step * self.batch_size / self.model.n_train

    def _batch(self) -> IntArray:
        """The next batch: the next rows of this epoch's shuffle; a new shuffle when fewer
        than a whole batch remain (so every batch has the same size)."""
        if self._at + self.batch_size > self._order.size:
            self._order = self._rng.permutation(self.model.n_train).astype(np.intp)
            self._at = 0
        rows = self._order[self._at : self._at + self.batch_size]
        self._at += self.batch_size
        return rows

    def advance(self, count: int = 1) -> float:
        """Take ``count`` steps; the last batch's loss (as measured before its step)."""
        model, update = self.model, self.optimizer.update
        theta, state = self.theta, self._state
        loss = self.last_loss
        for _ in range(count):
            loss, grad = model.loss_grad(theta, self._batch())
            step, state = update(grad, state)
            theta = theta + step
        self.theta, self._state = theta, state
        self.step += count
        self.last_loss = loss
        return loss

    def evaluate(self) -> Evaluation:
        loss, _ = self.model.evaluate(self.theta, "train")
        heldout_loss, metric = self.model.evaluate(self.theta, "heldout")
        return Evaluation(loss, heldout_loss, metric)

    def noise(self, count: int = 30) -> Noise:
        """``count`` minibatch gradients and the full gradient at ``theta`` (see
        :class:`Noise`), from a generator seeded by (seed, step): the walk is untouched."""
        return projected_noise(
            lambda rows: self.model.loss_grad(self.theta, rows)[1],
            self.model.n_train,
            self.batch_size,
            np.random.default_rng((self.seed, self.step)),
            count,
        )


def projected_noise(
    gradient: Callable[[IntArray], FloatArray],
    n_train: int,
    batch_size: int,
    rng: np.random.Generator,
    count: int,
) -> Noise:
    """The full gradient and ``count`` minibatch gradients, projected on the full gradient's
    direction and a fixed orthogonal one (a random direction drawn first from ``rng``, made
    orthogonal by one Gram-Schmidt step). A zero full gradient gives the first axis of the
    parameter space instead."""
    full = gradient(np.arange(n_train, dtype=np.intp))
    norm = float(np.linalg.norm(full))
    first = full / norm if norm > 0 else np.eye(1, full.size, 0).ravel()
    other = rng.standard_normal(full.size)
    other -= (other @ first) * first
    other /= float(np.linalg.norm(other)) or 1.0
    batches = []
    for _ in range(count):
        rows = rng.choice(n_train, size=batch_size, replace=False).astype(np.intp)
        g = gradient(rows)
        batches.append((float(g @ first), float(g @ other)))
    return Noise((float(full @ first), float(full @ other)), tuple(batches))
