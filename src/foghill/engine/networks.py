"""A small real network, written out by hand: its loss, its exact tilt and its exact bend.

In plain words: a curve-drawing machine with two layers of 32 tanh units takes a number x
and gives a number; its 1,153 weights are one flat vector ``theta``. Its loss is half the
mean squared gap between its curve and 60 made-up points (the teaching data below), and
gradient descent walks ``theta`` downhill as it walks a ball down a hill.

In symbols, with ``a1 = tanh(x W1 + b1)``, ``a2 = tanh(a1 W2 + b2)``, ``f = a2 W3 + b3``:
``loss(theta) = (1 / 2N) sum_i (f(x_i) - y_i)^2``. :meth:`Network.grad` is the exact
gradient (back-propagation written out, each line next to the forward line it undoes);
:meth:`Network.hvp` is the exact Hessian-vector product ``H v`` (Pearlmutter's R-operator:
the directional derivative of the back-propagation along ``v``, written out the same way),
so the valley's curvature is measured without finite differences.

The data are made up for teaching (no measurement of anything): 60 evenly spaced x on
[-1, 1] and ``y = sin(6x) + 0.3 sin(15x)``, a wavy curve a small network can learn only
slowly. Measured (tests/engine/test_networks.py): at step size 0.1 the valley's sharpness
climbs from about 11 to the line 2/0.1 = 20 by step 700 and stays there while the loss falls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

__all__ = ["HIDDEN", "POINTS", "Network", "tiny", "wavy_points"]

FloatArray = NDArray[np.float64]

#: Units in each of the two hidden layers.
HIDDEN = 32
#: Points of the teaching data.
POINTS = 60
#: Spread of the first layer's starting weights and biases: wide enough that the units'
#: bends fall across the data (a network started too flat only learns the slow wave).
FIRST_SPREAD = 3.0
FIRST_BIAS_SPREAD = 1.0


def wavy_points(count: int = POINTS) -> tuple[FloatArray, FloatArray]:
    """The made-up teaching data: ``count`` evenly spaced x on [-1, 1], ``y = sin(6x) +
    0.3 sin(15x)``."""
    x = np.linspace(-1.0, 1.0, count)
    return x, np.sin(6 * x) + 0.3 * np.sin(15 * x)


@dataclass(frozen=True, eq=False)
class Network:
    """A 1 -> hidden -> hidden -> 1 tanh network over its data (see the module).

    ``theta`` packs ``W1 (1 x h), b1 (h), W2 (h x h), b2 (h), W3 (h x 1), b3 (1)`` in that
    order; ``theta0`` is the starting guess.
    """

    x: FloatArray
    y: FloatArray
    theta0: FloatArray
    hidden: int = HIDDEN
    #: Where each part lies in ``theta``: (start, stop, shape), worked out once (unpacking
    #: runs three times per Hessian-vector product; np.prod per part per call was a third of it).
    _parts: tuple[tuple[int, int, tuple[int, ...]], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        h = self.hidden
        parts, at = [], 0
        for shape in ((1, h), (h,), (h, h), (h,), (h, 1), (1,)):
            n = math.prod(shape)
            parts.append((at, at + n, shape))
            at += n
        object.__setattr__(self, "_parts", tuple(parts))

    @property
    def size(self) -> int:
        return int(self.theta0.size)

    def unpack(self, theta: FloatArray) -> list[FloatArray]:
        """The weight matrices and biases held in a flat vector (views, no copies)."""
        return [theta[start:stop].reshape(shape) for start, stop, shape in self._parts]

    def _forward(
        self, theta: FloatArray, x: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        w1, b1, w2, b2, w3, b3 = self.unpack(theta)
        a1 = np.tanh(x[:, None] @ w1 + b1)
        a2 = np.tanh(a1 @ w2 + b2)
        return a1, a2, (a2 @ w3 + b3)[:, 0]

    def predict(self, theta: FloatArray, x: FloatArray) -> FloatArray:
        """The network's curve at ``x``."""
        return self._forward(theta, np.asarray(x, dtype=float))[2]

    def loss(self, theta: FloatArray, rows: NDArray[np.intp] | None = None) -> float:
        """Half the mean squared gap between the curve and the points (those ``rows``)."""
        x, y = self._data(rows)
        gap = self.predict(theta, x) - y
        return 0.5 * float(gap @ gap) / gap.size

    def _data(self, rows: NDArray[np.intp] | None) -> tuple[FloatArray, FloatArray]:
        return (self.x, self.y) if rows is None else (self.x[rows], self.y[rows])

    def loss_grad(
        self, theta: FloatArray, rows: NDArray[np.intp] | None = None
    ) -> tuple[float, FloatArray]:
        """The loss and its exact gradient (back-propagation, see the module)."""
        x, y = self._data(rows)
        _, _, w2, _, w3, _ = self.unpack(theta)
        a1, a2, f = self._forward(theta, x)
        gap = f - y
        d = (gap / gap.size)[:, None]  # d loss / d f
        da2 = d @ w3.T  # f = a2 W3 + b3
        dz2 = da2 * (1 - a2**2)  # a2 = tanh(z2)
        da1 = dz2 @ w2.T  # z2 = a1 W2 + b2
        dz1 = da1 * (1 - a1**2)  # a1 = tanh(z1), z1 = x W1 + b1
        grads = (x[None, :] @ dz1, dz1.sum(0), a1.T @ dz2, dz2.sum(0), a2.T @ d, d.sum(0))
        return 0.5 * float(gap @ gap) / gap.size, np.concatenate([g.ravel() for g in grads])

    def grad(self, theta: FloatArray) -> FloatArray:
        """The exact gradient of :meth:`loss` over all the points."""
        return self.loss_grad(theta)[1]

    def hvp(self, theta: FloatArray, v: FloatArray) -> FloatArray:
        """The exact Hessian-vector product ``H(theta) v``: :meth:`loss_grad`'s lines
        differentiated along ``v`` (R{.} below is that directional derivative)."""
        x = self.x
        _, _, w2, _, w3, _ = self.unpack(theta)
        v1, c1, v2, c2, v3, c3 = self.unpack(v)
        a1, a2, f = self._forward(theta, x)
        n = f.size
        d = ((f - self.y) / n)[:, None]
        da2 = d @ w3.T
        dz2 = da2 * (1 - a2**2)
        da1 = dz2 @ w2.T
        # forward: R{a1}, R{a2}, R{f}
        ra1 = (1 - a1**2) * (x[:, None] @ v1 + c1)
        ra2 = (1 - a2**2) * (ra1 @ w2 + a1 @ v2 + c2)
        rd = (ra2 @ w3 + a2 @ v3 + c3) / n  # R{d}
        # backward: R{dz2}, R{dz1} and the weights' R{grad}
        rda2 = rd @ w3.T + d @ v3.T
        rdz2 = rda2 * (1 - a2**2) - 2 * a2 * ra2 * da2
        rda1 = rdz2 @ w2.T + dz2 @ v2.T
        rdz1 = rda1 * (1 - a1**2) - 2 * a1 * ra1 * da1
        parts = (
            x[None, :] @ rdz1,
            rdz1.sum(0),
            ra1.T @ dz2 + a1.T @ rdz2,
            rdz2.sum(0),
            ra2.T @ d + a2.T @ rd,
            rd.sum(0),
        )
        return np.concatenate([p.ravel() for p in parts])


def tiny(seed: int = 0, hidden: int = HIDDEN) -> Network:
    """The network of the edge-of-stability demo over its made-up wavy points (see the
    module), started from ``seed``: first-layer weights ~ N(0, 3^2) and biases ~ N(0, 1)
    (so the units bend across [-1, 1]); the other weights ~ N(0, 1/fan-in), their biases 0."""
    rng = np.random.default_rng(seed)
    h = hidden
    w1 = FIRST_SPREAD * rng.standard_normal(h)
    b1 = FIRST_BIAS_SPREAD * rng.standard_normal(h)
    w2 = rng.standard_normal(h * h) / np.sqrt(h)
    w3 = rng.standard_normal(h) / np.sqrt(h)
    theta0 = np.concatenate([w1, b1, w2, np.zeros(h), w3, np.zeros(1)])
    x, y = wavy_points()
    return Network(x, y, theta0, h)
