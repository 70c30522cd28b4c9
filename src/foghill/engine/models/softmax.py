"""Multinomial logistic regression (softmax), with an optional small hidden layer.

In plain words: each class has a template; an example's score for a class is how well it
matches that template (plus a bias); the scores become probabilities with the softmax, and
the loss is how surprised the model is by the true class, averaged (cross-entropy). With a
hidden layer, the example is first turned into ``hidden`` new features by ``tanh`` of its
own templates.

In symbols, for features ``x`` and true class ``y``: ``z = x W + b`` (or ``h = tanh(x W1 +
b1)``, ``z = h W2 + b2``), ``p = softmax(z)``, ``loss = -log p_y``. The exact gradient is
``dz = p - onehot(y)``, ``dW = x^T dz``, ``db = dz`` (and through the hidden layer ``dh =
dz W2^T``, ``da = dh (1 - h^2)``, ``dW1 = x^T da``, ``db1 = da``), averaged over the rows.

The parameters live in one flat vector (``W``, ``b`` or ``W1``, ``b1``, ``W2``, ``b2``, each
row-major, in that order); :meth:`Softmax.parts` gives views of it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from foghill.engine.models.minibatch import Split

__all__ = ["Softmax"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def _softmax(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


class Softmax:
    """A softmax classifier on fixed training and held-out sets (see the module's rule).

    ``train_x`` (n, d) floats, ``train_y`` (n,) class numbers ``0..classes-1``; the same for
    the held-out set. ``hidden``: 0 for no hidden layer, else its width. The starting guess
    draws every weight from a normal distribution (sd 0.01 without a hidden layer, where a
    plain zero start would do; ``1/sqrt(fan-in)`` with one, so the hidden units differ).
    """

    metric_name = "accuracy"

    def __init__(
        self,
        train_x: ArrayLike,
        train_y: ArrayLike,
        heldout_x: ArrayLike,
        heldout_y: ArrayLike,
        classes: int,
        hidden: int = 0,
    ) -> None:
        self.train_x = np.asarray(train_x, dtype=np.float64)
        self.train_y = np.asarray(train_y, dtype=np.intp)
        self.heldout_x = np.asarray(heldout_x, dtype=np.float64)
        self.heldout_y = np.asarray(heldout_y, dtype=np.intp)
        self.classes = classes
        self.hidden = hidden
        self.features = self.train_x.shape[1]
        self.n_train = len(self.train_y)
        d, h, c = self.features, hidden, classes
        shapes = [(d, c), (c,)] if h == 0 else [(d, h), (h,), (h, c), (c,)]
        self._shapes = shapes
        self._cuts: list[tuple[slice, tuple[int, ...]]] = []
        at = 0
        for shape in shapes:
            n = int(np.prod(shape))
            self._cuts.append((slice(at, at + n), shape))
            at += n
        self.size = at

    def parts(self, theta: FloatArray) -> list[FloatArray]:
        """Views of ``theta`` as the weight matrices and biases, in order."""
        return [theta[cut].reshape(shape) for cut, shape in self._cuts]

    def init(self, rng: np.random.Generator) -> FloatArray:
        if self.hidden == 0:
            return rng.standard_normal(self.size) * 0.01
        scale = []
        for shape in self._shapes:
            fan_in = shape[0] if len(shape) == 2 else 1
            sd = 1.0 / np.sqrt(fan_in) if len(shape) == 2 else 0.0
            scale.append(np.full(int(np.prod(shape)), sd))
        start: FloatArray = rng.standard_normal(self.size) * np.concatenate(scale)
        return start

    def _forward(self, theta: FloatArray, x: FloatArray) -> tuple[FloatArray, FloatArray | None]:
        """The scores z, and the hidden layer's values (None without one)."""
        parts = self.parts(theta)
        if self.hidden == 0:
            w, b = parts
            return x @ w + b, None
        w1, b1, w2, b2 = parts
        h = np.tanh(x @ w1 + b1)
        return h @ w2 + b2, h

    def probabilities(self, theta: FloatArray, x: ArrayLike) -> FloatArray:
        """Each row's probability for every class, shape (n, classes)."""
        z, _ = self._forward(theta, np.atleast_2d(np.asarray(x, dtype=np.float64)))
        return _softmax(z)

    def _loss(self, z: FloatArray, y: IntArray) -> float:
        top = z.max(axis=1)
        log_sum = top + np.log(np.exp(z - top[:, None]).sum(axis=1))
        return float(np.mean(log_sum - z[np.arange(len(y)), y]))

    def loss_grad(self, theta: FloatArray, rows: IntArray) -> tuple[float, FloatArray]:
        x, y = self.train_x[rows], self.train_y[rows]
        return self.loss_grad_on(theta, x, y)

    def loss_grad_on(
        self, theta: FloatArray, x: FloatArray, y: IntArray
    ) -> tuple[float, FloatArray]:
        """The mean cross-entropy over (x, y) and its exact gradient."""
        z, h = self._forward(theta, x)
        m = len(y)
        rows = np.arange(m)
        # One exponential serves both the loss and the probabilities.
        z -= z.max(axis=1, keepdims=True)
        dz = np.exp(z)
        total = dz.sum(axis=1)
        loss = float(np.mean(np.log(total) - z[rows, y]))
        dz /= total[:, None]
        dz[rows, y] -= 1.0
        dz /= m
        if h is None:
            return loss, np.concatenate([(x.T @ dz).ravel(), dz.sum(axis=0)])
        _, _, w2, _ = self.parts(theta)
        da = (dz @ w2.T) * (1.0 - h * h)
        grads = [(x.T @ da).ravel(), da.sum(axis=0), (h.T @ dz).ravel(), dz.sum(axis=0)]
        return loss, np.concatenate(grads)

    def evaluate(self, theta: FloatArray, split: Split) -> tuple[float, float]:
        if split == "train":
            x, y = self.train_x, self.train_y
        else:
            x, y = self.heldout_x, self.heldout_y
        z, _ = self._forward(theta, x)
        return self._loss(z, y), float(np.mean(z.argmax(axis=1) == y))

    def templates(self, theta: FloatArray) -> FloatArray:
        """What each class looks for in the input, (features, classes): the weights ``W``;
        with a hidden layer, ``W1 W2``, the map the model makes while the hidden units stay
        near their straight middle (tanh(a) ~ a)."""
        parts = self.parts(theta)
        if self.hidden == 0:
            return parts[0]
        out: FloatArray = parts[0] @ parts[2]
        return out
