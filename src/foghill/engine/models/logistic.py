"""Binary logistic regression on word counts: is this message spam?

In plain words: every word has a weight; a message's score is the sum of its words' weights
(each as often as it appears) plus a bias; the squashing function turns the score into a
probability of spam, and the loss is how surprised the model is by the true label, averaged
(binary cross-entropy).

In symbols, for counts ``x`` and label ``y`` (1 spam, 0 not): ``z = x . w + b``,
``p = 1 / (1 + e^-z)``, ``loss = -(y log p + (1 - y) log(1 - p))``, computed as
``max(z, 0) - y z + log(1 + e^-|z|)`` so that it never overflows. The exact gradient is
``dz = p - y``, ``dw = dz x``, ``db = dz``, averaged over the rows. The parameters are one
flat vector: the weights, then the bias.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from foghill.engine.models.minibatch import Split

__all__ = ["Logistic", "sigmoid"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def sigmoid(z: FloatArray) -> FloatArray:
    """``1 / (1 + e^-z)`` without overflow for large negative z."""
    out: FloatArray = np.exp(-np.logaddexp(0.0, -z))
    return out


class Logistic:
    """Binary logistic regression on fixed training and held-out sets (see the module).

    ``train_x`` (n, d) counts, ``train_y`` (n,) 0 or 1; the same held out. The starting
    guess draws every weight from a normal distribution with sd 0.01.
    """

    metric_name = "accuracy"

    def __init__(
        self, train_x: ArrayLike, train_y: ArrayLike, heldout_x: ArrayLike, heldout_y: ArrayLike
    ) -> None:
        self.train_x = np.asarray(train_x, dtype=np.float64)
        self.train_y = np.asarray(train_y, dtype=np.float64)
        self.heldout_x = np.asarray(heldout_x, dtype=np.float64)
        self.heldout_y = np.asarray(heldout_y, dtype=np.float64)
        self.n_train = len(self.train_y)
        self.size = self.train_x.shape[1] + 1

    def init(self, rng: np.random.Generator) -> FloatArray:
        start: FloatArray = rng.standard_normal(self.size) * 0.01
        return start

    def scores(self, theta: FloatArray, x: ArrayLike) -> FloatArray:
        """Each row's score ``z`` (before squashing)."""
        out: FloatArray = np.asarray(x, dtype=np.float64) @ theta[:-1] + theta[-1]
        return out

    def probabilities(self, theta: FloatArray, x: ArrayLike) -> FloatArray:
        """Each row's probability of the label 1 (spam)."""
        return sigmoid(self.scores(theta, x))

    @staticmethod
    def _loss(z: FloatArray, y: FloatArray) -> float:
        return float(np.mean(np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z)))))

    def loss_grad(self, theta: FloatArray, rows: IntArray) -> tuple[float, FloatArray]:
        x, y = self.train_x[rows], self.train_y[rows]
        z = self.scores(theta, x)
        dz = (sigmoid(z) - y) / len(y)
        return self._loss(z, y), np.concatenate([x.T @ dz, [dz.sum()]])

    def evaluate(self, theta: FloatArray, split: Split) -> tuple[float, float]:
        if split == "train":
            x, y = self.train_x, self.train_y
        else:
            x, y = self.heldout_x, self.heldout_y
        z = self.scores(theta, x)
        return self._loss(z, y), float(np.mean((z > 0) == (y == 1)))
