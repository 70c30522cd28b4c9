"""A landscape: how wrong a guess is (its loss), over a domain of guesses.

In plain words: height is how wrong the guess is; the tilt under your feet (the gradient)
says which way is uphill, and the bend (the curvature) says how fast that tilt changes.

In symbols: a loss ``f`` on a domain ``D``; in 1-D, ``f(x)``, ``f'(x)`` and ``f''(x)``; in 2-D,
``f(x, y)``, ``grad f = (df/dx, df/dy)`` and the Hessian ``H = [[f_xx, f_xy], [f_xy, f_yy]]``.

There are two small kinds, each in its own module, and :class:`Landscape` is what they share:

- :class:`~foghill.engine.hill1d.Hill1D`, a loss of one number ``x``;
- :class:`~foghill.engine.surface2d.Surface2D`, a loss of a point ``(x, y)``.

Each carries its loss and its exact derivatives as plain scalar functions, side by side
(``loss_fn``, ``grad_fn``, and ``curvature_fn`` or ``hessian_fn``). Where they come from is
not the kind's business: the built-in hills write them by hand (:mod:`foghill.engine.hills`),
a typed formula gets them from sympy (:mod:`foghill.engine.symbolic`), a line fit from its
closed form (:mod:`foghill.engine.linefit`). Every one is exact, never a finite difference.

Where the loss is undefined (``log`` of a negative number, a fractional power of one, a
division by zero, an overflow) the public methods return ``nan`` rather than raising.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
Point = float | tuple[float, float]
"""A place on a landscape: a number on a hill, an ``(x, y)`` pair on a surface."""
Domain = tuple[tuple[float, float], ...]
"""One ``(lo, hi)`` pair per coordinate."""
Coordinates = float | Sequence[float] | FloatArray
"""What the methods accept as a place: a number, a pair, or an array of either shape."""

UNDEFINED = (ArithmeticError, ValueError, TypeError)
"""What a raw loss function raises where the loss is undefined (TypeError: a complex value
reached ``float`` or ``math.isfinite``)."""


class Landscape(ABC):
    """What every landscape offers, whichever kind it is.

    Fields: ``name`` ("foggy", ..., "custom" for formulas), ``title``, ``formula`` (display
    text, ``^`` for powers), ``dims`` (1 or 2), ``domain`` (one ``(lo, hi)`` per coordinate),
    ``start`` (a suggested place to drop the ball), ``minima`` (1-D: sorted floats; 2-D:
    sorted ``(x, y)`` pairs), ``maxima`` (1-D: the ridges, and poles, that separate basins;
    empty in 2-D). Minima and maxima not given when the landscape is made are found
    numerically on first use and kept (:mod:`foghill.engine.critical`).

    A small base class rather than a runtime-checkable Protocol: on Python 3.11,
    ``isinstance`` against such a Protocol reads every attribute, which would search for the
    minima (or raise, for a landscape with no valley) just to answer the question.
    """

    dims: ClassVar[Literal[1, 2]]
    name: str
    title: str
    formula: str
    domain: Domain
    start: Point

    @property
    @abstractmethod
    def minima(self) -> tuple[float, ...] | tuple[tuple[float, float], ...]:
        """The valley floors inside the domain, sorted."""

    @property
    @abstractmethod
    def maxima(self) -> tuple[float, ...]:
        """The ridges (and poles) between basins of a hill, sorted; empty on a surface."""

    @abstractmethod
    def loss(self, p: Coordinates) -> float:
        """The height (how wrong the guess is) at ``p``; nan where undefined."""

    @abstractmethod
    def grad(self, p: Coordinates) -> float | FloatArray:
        """The exact tilt at ``p``: a float on a hill, a (2,) array on a surface."""

    @abstractmethod
    def curvature(self, p: Coordinates) -> float | FloatArray:
        """The exact bend at ``p``: ``f''`` on a hill, the 2x2 Hessian on a surface."""

    @abstractmethod
    def contains(self, p: Coordinates) -> bool:
        """Whether ``p`` lies inside the (closed) domain. Non-finite points never do."""

    @abstractmethod
    def sample(self, n: int = 241) -> tuple[FloatArray, FloatArray]:
        """``n`` evenly spaced points across a hill and the loss at each (a surface refuses)."""

    @abstractmethod
    def basin(self, x: float) -> float:
        """The minimum that pure downhill flow from ``x`` reaches (a surface refuses)."""

    @property
    def deepest(self) -> Point:
        """The lowest minimum (ties: the first). ValueError when there is no valley."""
        if not self.minima:
            raise ValueError(f"the landscape {self.formula!r} has no valley inside its domain")
        return min(self.minima, key=self.loss)

    def survey(self) -> None:
        """Find the minima and maxima now, rather than on first use."""
        _ = self.minima, self.maxima


def real(value: Any) -> float:
    """A real float, or nan for anything else (a complex number from a fractional power)."""
    try:
        return float(value)
    except UNDEFINED:
        return math.nan


def as_domain(domain: Sequence[tuple[float, float]] | tuple[float, float], dims: int) -> Domain:
    """``(lo, hi)`` (for every coordinate) or one pair per coordinate, checked: finite lo < hi."""
    arr = np.asarray(domain, dtype=float)
    if arr.shape == (2,):
        arr = np.tile(arr, (dims, 1))
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(
            f"a domain is (lo, hi) or one (lo, hi) pair per coordinate, got {domain!r}"
        )
    pairs = [(float(a), float(b)) for a, b in arr]
    if len(pairs) != dims:
        raise ValueError(f"a {dims}-D landscape needs {dims} (lo, hi) pairs, got {len(pairs)}")
    for lo, hi in pairs:
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ValueError(f"a domain needs finite lo < hi, got ({lo:g}, {hi:g})")
    return tuple(pairs)


def as_number(p: Any) -> float:
    """The one coordinate of a place on a hill; ValueError for anything but one number."""
    if isinstance(p, float):
        return p
    arr = np.asarray(p, dtype=float)
    if arr.size != 1:
        raise ValueError(f"a 1-D landscape takes one number, got shape {arr.shape}")
    return float(arr.reshape(()))


def as_point(p: Any) -> tuple[float, float]:
    """The ``(x, y)`` of a place on a surface; ValueError for anything but a pair."""
    arr = np.asarray(p, dtype=float)
    if arr.shape != (2,):
        raise ValueError(f"a 2-D landscape takes a point (x, y), got shape {arr.shape}")
    return float(arr[0]), float(arr[1])
