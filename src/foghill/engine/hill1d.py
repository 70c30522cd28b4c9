"""A hill: a loss of one number, with its exact slope and bend.

In plain words: a curve over a line of guesses; the slope says which way is downhill, the
bend how quickly that changes; valleys are where the slope turns from down to up, ridges
where it turns from up to down, and each valley drains the ground between its two ridges.

In symbols: ``f(x)``, ``f'(x)``, ``f''(x)`` on ``[lo, hi]``; a minimum is a root of ``f'``
where ``f'`` changes sign from ``-`` to ``+``, a maximum one from ``+`` to ``-``.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Literal

import numpy as np

from foghill.engine.critical import critical_points_1d
from foghill.engine.landscape import (
    UNDEFINED,
    Coordinates,
    Domain,
    FloatArray,
    Landscape,
    as_domain,
    as_number,
    real,
)


@dataclass(frozen=True, eq=False)
class Hill1D(Landscape):
    """A 1-D landscape: ``loss_fn(x)``, ``grad_fn(x) = f'(x)``, ``curvature_fn(x) = f''(x)``.

    The three ``*_fn`` are the raw scalar functions, public so that the descent loop can call
    them directly for speed: they take and return Python floats, and where the loss is
    undefined they may raise ``ArithmeticError``/``ValueError`` or return a complex number
    (the methods :meth:`loss`, :meth:`grad`, :meth:`curvature` turn that into nan).

    ``known_minima``: exact valley floors, trusted as given; when None they are found
    numerically on first use (bisection on ``grad_fn``), as the ridges always are.
    """

    dims: ClassVar[Literal[1]] = 1
    name: str
    title: str
    formula: str
    domain: Domain
    start: float
    loss_fn: Callable[[float], float] = field(repr=False)
    grad_fn: Callable[[float], float] = field(repr=False)
    curvature_fn: Callable[[float], float] = field(repr=False)
    known_minima: tuple[float, ...] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "domain", as_domain(self.domain, 1))
        object.__setattr__(self, "start", float(self.start))
        if self.known_minima is not None:
            known = tuple(sorted(float(m) for m in self.known_minima))
            object.__setattr__(self, "known_minima", known)

    # ----------------------------------------------------------------- evaluation
    def loss(self, p: Coordinates) -> float:
        """The height ``f(x)``; nan where undefined."""
        return _value(self.loss_fn, as_number(p))

    def grad(self, p: Coordinates) -> float:
        """The exact slope ``f'(x)``; nan where undefined."""
        return _value(self.grad_fn, as_number(p))

    def curvature(self, p: Coordinates) -> float:
        """The exact bend ``f''(x)``; nan where undefined."""
        return _value(self.curvature_fn, as_number(p))

    def contains(self, p: Coordinates) -> bool:
        """Whether ``lo <= x <= hi``. Non-finite numbers never are."""
        (lo, hi) = self.domain[0]
        return bool(lo <= as_number(p) <= hi)

    def sample(self, n: int = 241) -> tuple[FloatArray, FloatArray]:
        """``n`` evenly spaced points across the domain and the loss at each (nan: undefined)."""
        if n < 2:
            raise ValueError(f"sample() needs at least 2 points, got {n}")
        (lo, hi) = self.domain[0]
        xs = np.linspace(lo, hi, n)
        return xs, np.array([self.loss(float(v)) for v in xs])

    # ----------------------------------------------------------------- valleys
    @cached_property
    def _critical(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        (lo, hi) = self.domain[0]
        return critical_points_1d(self.grad, lo, hi, loss=self.loss)

    @property
    def minima(self) -> tuple[float, ...]:
        """The valley floors, sorted: ``known_minima``, else found on first use."""
        return self.known_minima if self.known_minima is not None else self._critical[0]

    @property
    def maxima(self) -> tuple[float, ...]:
        """The ridges, and poles, that separate basins, sorted (found on first use)."""
        return self._critical[1]

    def basin(self, x: float) -> float:
        """The minimum that pure downhill flow from ``x`` reaches.

        Basins are separated by the local maxima. From exactly on a ridge, the deeper of the
        two neighbouring valleys is chosen. ValueError when downhill from ``x`` runs off the
        edge of the domain (no valley on that side of the ridges).
        """
        x = as_number(x)
        if not self.contains(x):
            raise ValueError(f"x = {x:g} lies outside the domain {self.domain[0]}")
        ridges = self.maxima
        i = bisect.bisect_left(ridges, x)
        if i < len(ridges) and ridges[i] == x:
            sides = [self._valley_between(i - 1, i), self._valley_between(i, i + 1)]
            found = [m for m in sides if m is not None]
            if found:
                return min(found, key=self.loss)
        valley = self._valley_between(i - 1, i)
        if valley is None:
            side = "left" if self.grad(x) > 0 else "right"
            raise ValueError(
                f"downhill from x = {x:g} runs off the {side} edge of the domain: no valley there"
            )
        return valley

    def _valley_between(self, left: int, right: int) -> float | None:
        lo = self.maxima[left] if left >= 0 else -math.inf
        hi = self.maxima[right] if right < len(self.maxima) else math.inf
        inside = [m for m in self.minima if lo < m < hi]
        return inside[0] if inside else None


def _value(fn: Callable[[float], float], x: float) -> float:
    """``fn(x)`` as a real float; nan where it raises or is not real."""
    try:
        return real(fn(x))
    except UNDEFINED:
        return math.nan
