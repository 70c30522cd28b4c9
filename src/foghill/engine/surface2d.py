"""A surface: a loss of a point ``(x, y)``, with its exact gradient and Hessian.

In plain words: a map of heights; the gradient is the arrow pointing straight uphill, the
Hessian says how that arrow turns as you move; a valley floor is where the arrow vanishes and
the ground curves up in every direction.

In symbols: ``f(x, y)``, ``grad f = (f_x, f_y)``, ``H = [[f_xx, f_xy], [f_xy, f_yy]]`` on
``[xlo, xhi] x [ylo, yhi]``; a minimum has ``grad f = 0`` and ``H`` positive definite.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Literal

import numpy as np

from foghill.engine.critical import minima_2d
from foghill.engine.landscape import (
    UNDEFINED,
    Coordinates,
    Domain,
    FloatArray,
    Landscape,
    as_domain,
    as_point,
    real,
)


@dataclass(frozen=True, eq=False)
class Surface2D(Landscape):
    """A 2-D landscape: ``loss_fn(x, y)``, ``grad_fn(x, y) = (f_x, f_y)``,
    ``hessian_fn(x, y) = (f_xx, f_xy, f_yy)``.

    The three ``*_fn`` are the raw scalar functions, public so that the descent loop can call
    them directly: they take Python floats and return a float, a pair and a triple; where the
    loss is undefined they may raise ``ArithmeticError``/``ValueError`` or return complex
    numbers (the methods :meth:`loss`, :meth:`grad`, :meth:`curvature` give nan instead).

    ``known_minima``: exact valley floors, trusted as given; when None they are found
    numerically on first use (grid, then Newton's method on the exact gradient and Hessian).
    """

    dims: ClassVar[Literal[2]] = 2
    name: str
    title: str
    formula: str
    domain: Domain
    start: tuple[float, float]
    loss_fn: Callable[[float, float], float] = field(repr=False)
    grad_fn: Callable[[float, float], tuple[float, float]] = field(repr=False)
    hessian_fn: Callable[[float, float], tuple[float, float, float]] = field(repr=False)
    known_minima: tuple[tuple[float, float], ...] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "domain", as_domain(self.domain, 2))
        object.__setattr__(self, "start", as_point(self.start))
        if self.known_minima is not None:
            known = tuple(sorted((float(a), float(b)) for a, b in self.known_minima))
            object.__setattr__(self, "known_minima", known)

    # ----------------------------------------------------------------- evaluation
    def loss(self, p: Coordinates) -> float:
        """The height ``f(x, y)``; nan where undefined."""
        return self._height(*as_point(p))

    def grad(self, p: Coordinates) -> FloatArray:
        """The exact gradient ``(f_x, f_y)`` as a (2,) array; nan where undefined."""
        return np.array(self._gradient(*as_point(p)))

    def curvature(self, p: Coordinates) -> FloatArray:
        """The exact Hessian ``[[f_xx, f_xy], [f_xy, f_yy]]`` (2x2); nan where undefined."""
        hxx, hxy, hyy = self._hessian(*as_point(p))
        return np.array([[hxx, hxy], [hxy, hyy]])

    def contains(self, p: Coordinates) -> bool:
        """Whether ``(x, y)`` lies inside the rectangle. Non-finite points never do."""
        x, y = as_point(p)
        (xlo, xhi), (ylo, yhi) = self.domain
        return bool(xlo <= x <= xhi and ylo <= y <= yhi)

    def sample(self, n: int = 241) -> tuple[FloatArray, FloatArray]:
        """Refused: a surface is not drawn as a curve."""
        raise ValueError("sample() draws a 1-D hill; this landscape is a 2-D surface")

    def basin(self, x: float) -> float:
        """Refused: basins are worked out on 1-D hills."""
        raise ValueError("basin() is defined for 1-D hills only")

    # ----------------------------------------------------------------- valleys
    @cached_property
    def _found_minima(self) -> tuple[tuple[float, float], ...]:
        return minima_2d(self._height, self._gradient, self._hessian, self.domain)

    @property
    def minima(self) -> tuple[tuple[float, float], ...]:
        """The valley floors, sorted by x: ``known_minima``, else found on first use."""
        return self.known_minima if self.known_minima is not None else self._found_minima

    @property
    def maxima(self) -> tuple[float, ...]:
        """Always empty: ridges separate basins on a hill, not on a surface."""
        return ()

    # ----------------------------------------------------------------- nan, never raise
    def _height(self, x: float, y: float) -> float:
        try:
            return real(self.loss_fn(x, y))
        except UNDEFINED:
            return math.nan

    #: ``height(x, y)``: the loss at two floats, nan where undefined: :meth:`loss` without
    #: its conversions, for loops over many points (a map's grid).
    height = _height

    def _gradient(self, x: float, y: float) -> tuple[float, float]:
        try:
            gx, gy = self.grad_fn(x, y)
            return real(gx), real(gy)
        except UNDEFINED:
            return math.nan, math.nan

    def _hessian(self, x: float, y: float) -> tuple[float, float, float]:
        try:
            hxx, hxy, hyy = self.hessian_fn(x, y)
            return real(hxx), real(hxy), real(hyy)
        except UNDEFINED:
            return math.nan, math.nan, math.nan
