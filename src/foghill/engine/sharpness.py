"""How sharply a valley curves: the largest eigenvalue of the loss's Hessian.

In plain words: stand at ``theta`` and look in every direction; in one of them the ground
curves up most steeply. That curvature is the valley's *sharpness*. On a bowl of curvature
``L``, gradient descent with step ``eta`` settles only when ``L < 2 / eta``: the sharpness is
the ``L`` of that rule for a valley nobody chose.

How it is found: power iteration on exact Hessian-vector products (the model's ``hvp``, no
finite differences): ``v <- H v / |H v|``, the sharpness is the Rayleigh quotient ``v . H v``.
It stops when two quotients agree to ``tolerance`` (relative) or after ``iterations``. Power
iteration finds the eigenvalue largest in size; if that one is negative (the ground curves
down more than up), it is run again on ``H - mu I`` (mu that negative value), whose largest
eigenvalue is the top one shifted. Starting from the last direction found (``start``), a
walk's sharpness is tracked in a few products per measurement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

__all__ = ["TOLERANCE", "Curvature", "sharpness", "top_curvature"]

FloatArray = NDArray[np.float64]

#: Relative agreement of two successive estimates at which the iteration stops.
TOLERANCE = 1e-6
#: At most this many Hessian-vector products per iteration run.
ITERATIONS = 500


class Curved(Protocol):
    """What sharpness needs of a model: its exact Hessian-vector product."""

    def hvp(self, theta: FloatArray, v: FloatArray) -> FloatArray: ...


@dataclass(frozen=True)
class Curvature:
    """The top eigenvalue (``value``), its unit eigenvector (``direction``) and the products
    it took (``products``)."""

    value: float
    direction: FloatArray
    products: int


def _power(
    product: Curved, theta: FloatArray, v: FloatArray, shift: float, iterations: int, tol: float
) -> Curvature:
    v = v / np.linalg.norm(v)
    value = 0.0
    for k in range(1, iterations + 1):
        w = product.hvp(theta, v) - shift * v
        estimate = float(v @ w)
        norm = float(np.linalg.norm(w))
        if norm == 0.0 or not np.isfinite(norm):
            return Curvature(estimate + shift, v, k)
        v = w / norm
        if k > 1 and abs(estimate - value) <= tol * abs(estimate):
            return Curvature(estimate + shift, v, k)
        value = estimate
    return Curvature(value + shift, v, iterations)


def top_curvature(
    model: Curved,
    theta: FloatArray,
    start: FloatArray | None = None,
    *,
    iterations: int = ITERATIONS,
    tolerance: float = TOLERANCE,
) -> Curvature:
    """The Hessian's largest eigenvalue at ``theta`` and its direction (see the module);
    ``start``: the direction to begin from (else a fixed random one)."""
    v = np.random.default_rng(0).standard_normal(theta.size) if start is None else start
    found = _power(model, theta, v, 0.0, iterations, tolerance)
    if found.value >= 0:
        return found
    shifted = _power(model, theta, v, found.value, iterations, tolerance)
    return Curvature(shifted.value, shifted.direction, found.products + shifted.products)


def sharpness(model: Curved, theta: FloatArray) -> float:
    """The sharpness of ``model``'s valley at ``theta``: the Hessian's largest eigenvalue
    (``lambda_max(grad^2 loss(theta))``), by power iteration on exact products."""
    return top_curvature(model, np.asarray(theta, dtype=float)).value
