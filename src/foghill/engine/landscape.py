"""A landscape: how wrong a guess is (its loss), over a domain of guesses.

In plain words: height is how wrong the guess is; the tilt under your feet (the gradient)
says which way is uphill, and the bend (the curvature) says how fast that tilt changes.

In symbols: a loss ``f`` on a domain ``D``; in 1-D, ``f(x)``, ``f'(x)`` and ``f''(x)``; in 2-D,
``f(x, y)``, ``grad f = (df/dx, df/dy)`` and the Hessian ``H = [[f_xx, f_xy], [f_xy, f_yy]]``.
Every derivative is exact: sympy differentiates the expression and ``sympy.lambdify`` compiles
it for Python's ``math`` module (scalar speed).

Where the loss is undefined (``log`` of a negative number, a fractional power of one, a
division by zero, an overflow) the public methods return ``nan`` rather than raising.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, overload

import numpy as np
import sympy as sp
from numpy.typing import NDArray

from foghill.engine.critical import critical_points_1d, minima_2d
from foghill.engine.symbols import X, Y

FloatArray = NDArray[np.float64]
Point = float | tuple[float, float]
Domain = tuple[tuple[float, float], ...]

_UNDEFINED = (ArithmeticError, ValueError, TypeError)


def _real(value: Any) -> float:
    """A real float, or nan for anything else (a complex number from a fractional power)."""
    try:
        return float(value)
    except _UNDEFINED:
        return math.nan


def _safe1(fn: Callable[[float], Any]) -> Callable[[float], float]:
    def call(x: float) -> float:
        try:
            return _real(fn(x))
        except _UNDEFINED:
            return math.nan

    return call


def _safe2(fn: Callable[[float, float], Any]) -> Callable[[float, float], float]:
    def call(x: float, y: float) -> float:
        try:
            return _real(fn(x, y))
        except _UNDEFINED:
            return math.nan

    return call


def _no_delta(expr: sp.Expr) -> sp.Expr:
    """Curvature of a kink (``abs``): sympy's ``DiracDelta`` is taken as 0 (true off the kink).

    So is the slope of ``sign(u)`` that sympy leaves unevaluated when it cannot tell that
    ``u`` is real (``abs(log(x))``): ``sign`` is flat wherever it is defined.
    """
    return expr.replace(
        lambda e: (
            isinstance(e, sp.DiracDelta)
            or (isinstance(e, sp.Derivative) and isinstance(e.expr, sp.sign))
        ),
        lambda e: sp.Integer(0),
    )


class NotExactError(ValueError):
    """A loss whose exact slope or bend cannot be compiled to plain real arithmetic."""


_COMPLEX_PARTS = (sp.re, sp.im, sp.arg)
_UNEVALUATED = (sp.Derivative, sp.Subs)
_UNDEFINED_EVERYWHERE = (sp.AccumBounds, sp.zoo, sp.nan, sp.oo, -sp.oo)


def check_exact(*exprs: sp.Expr) -> None:
    """NotExactError (a ValueError, in words) unless every expression is plain real arithmetic.

    sympy writes the slope of, say, ``abs(x^e)`` with the real and imaginary parts of
    ``x^e``, which Python's ``math`` cannot compute.
    """
    for expr in exprs:
        if expr.has(*_COMPLEX_PARTS):
            raise NotExactError(
                "this formula's slope cannot be computed exactly (it needs the complex parts "
                "of a number); try writing it another way"
            )
        if expr.has(*_UNEVALUATED):
            raise NotExactError(
                "this formula's slope cannot be computed exactly; try writing it another way"
            )
        if expr.has(*_UNDEFINED_EVERYWHERE):
            raise NotExactError(
                "this formula's slope is undefined everywhere (it divides by zero or takes "
                "log(0)); try writing it another way"
            )


@dataclass(frozen=True, eq=False)
class Landscape:
    """A loss over a 1-D or 2-D domain, with its exact gradient, curvature and minima.

    Build one with :meth:`from_expr` (built-in hills and typed formulas both do).

    Fields: ``name`` ("foggy", ..., "custom" for formulas), ``title``, ``formula`` (display
    text, ``^`` for powers), ``dims`` (1 or 2), ``domain`` (one ``(lo, hi)`` per coordinate),
    ``minima`` (1-D: sorted floats; 2-D: sorted ``(x, y)`` pairs), ``maxima`` (1-D only: the
    ridges, and poles, that separate basins; empty in 2-D), ``start`` (a suggested place to drop the
    ball), ``expr`` (the sympy expression).

    ``_f``, ``_df`` and ``_d2f`` are the raw compiled functions (1-D: of ``x``; 2-D: of ``x, y``,
    with ``_df`` returning the pair ``(f_x, f_y)`` and ``_d2f`` the triple
    ``(f_xx, f_xy, f_yy)``). They may raise ``ValueError``/``ArithmeticError`` or return a
    complex number where the loss is undefined; the descent loop uses them directly for speed.
    """

    name: str
    title: str
    formula: str
    dims: Literal[1, 2]
    domain: Domain
    minima: tuple[float, ...] | tuple[tuple[float, float], ...]
    maxima: tuple[float, ...]
    start: Point
    expr: sp.Expr = field(repr=False)
    _f: Callable[..., Any] = field(repr=False)
    _df: Callable[..., Any] = field(repr=False)
    _d2f: Callable[..., Any] = field(repr=False)

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_expr(
        cls,
        expr: sp.Expr,
        *,
        name: str,
        title: str,
        formula: str,
        domain: Sequence[tuple[float, float]] | tuple[float, float],
        dims: int | None = None,
        start: Point | None = None,
        minima: Sequence[float] | Sequence[tuple[float, float]] | None = None,
    ) -> Landscape:
        """Compile ``expr`` (in the real symbols ``x``, and ``y`` for a surface).

        ``dims`` defaults to 2 when ``y`` appears in ``expr``, else 1. ``domain`` is one
        ``(lo, hi)`` pair (used for every coordinate) or one pair per coordinate. ``minima``
        given here are trusted (analytic values); otherwise they are found numerically
        (see :mod:`foghill.engine.critical`). ``start`` defaults to three quarters of the
        way across the domain.
        """
        expr = sp.sympify(expr)  # already a sympy object: no text is parsed here
        if dims is None:
            dims = 2 if Y in expr.free_symbols else 1
        if dims not in (1, 2):
            raise ValueError(f"a landscape has 1 or 2 dimensions, not {dims}")
        extra = expr.free_symbols - {X, Y}
        if extra or (dims == 1 and Y in expr.free_symbols):
            raise ValueError(f"unexpected symbols in the loss: {sorted(map(str, extra))}")
        dom = _domain(domain, dims)
        if dims == 1:
            return cls._from_expr_1d(expr, name, title, formula, dom, start, minima)
        return cls._from_expr_2d(expr, name, title, formula, dom, start, minima)

    @classmethod
    def _from_expr_1d(
        cls,
        expr: sp.Expr,
        name: str,
        title: str,
        formula: str,
        dom: Domain,
        start: Point | None,
        minima: Sequence[Any] | None,
    ) -> Landscape:
        d1 = sp.diff(expr, X)
        d2 = _no_delta(sp.diff(d1, X))
        check_exact(expr, d1, d2)
        f = sp.lambdify(X, expr, modules="math")
        df = sp.lambdify(X, d1, modules="math")
        d2f = sp.lambdify(X, d2, modules="math")
        (lo, hi) = dom[0]
        found_min, found_max = critical_points_1d(_safe1(df), lo, hi, loss=_safe1(f))
        mins = tuple(sorted(float(m) for m in minima)) if minima is not None else found_min
        x0 = lo + 0.75 * (hi - lo) if start is None else _scalar(start)
        return cls(name, title, formula, 1, dom, mins, found_max, x0, expr, f, df, d2f)

    @classmethod
    def _from_expr_2d(
        cls,
        expr: sp.Expr,
        name: str,
        title: str,
        formula: str,
        dom: Domain,
        start: Point | None,
        minima: Sequence[Any] | None,
    ) -> Landscape:
        gx, gy = sp.diff(expr, X), sp.diff(expr, Y)
        hxx, hxy, hyy = (
            _no_delta(sp.diff(gx, X)),
            _no_delta(sp.diff(gx, Y)),
            _no_delta(sp.diff(gy, Y)),
        )
        check_exact(expr, gx, gy, hxx, hxy, hyy)
        f = sp.lambdify((X, Y), expr, modules="math")
        df = sp.lambdify((X, Y), (gx, gy), modules="math")
        d2f = sp.lambdify((X, Y), (hxx, hxy, hyy), modules="math")
        if minima is None:
            mins: tuple[tuple[float, float], ...] = minima_2d(
                _safe2(f), _pair(df), _triple(d2f), dom
            )
        else:
            mins = tuple(sorted((float(a), float(b)) for a, b in minima))
        if start is None:
            pt = (
                dom[0][0] + 0.75 * (dom[0][1] - dom[0][0]),
                dom[1][0] + 0.75 * (dom[1][1] - dom[1][0]),
            )
        else:
            pt = _xy(start)
        return cls(name, title, formula, 2, dom, mins, (), pt, expr, f, df, d2f)

    # ----------------------------------------------------------------- evaluation
    def loss(self, p: float | Sequence[float] | FloatArray) -> float:
        """The height (how wrong the guess is) at ``p``; nan where undefined."""
        try:
            if self.dims == 1:
                return _real(self._f(_scalar(p)))
            x, y = _xy(p)
            return _real(self._f(x, y))
        except _UNDEFINED:
            return math.nan

    @overload
    def grad(self, p: float) -> float: ...
    @overload
    def grad(self, p: Sequence[float] | FloatArray) -> FloatArray: ...
    def grad(self, p: float | Sequence[float] | FloatArray) -> float | FloatArray:
        """The exact tilt: ``f'(x)`` in 1-D, ``(df/dx, df/dy)`` as an array in 2-D."""
        try:
            if self.dims == 1:
                return _real(self._df(_scalar(p)))
            x, y = _xy(p)
            gx, gy = self._df(x, y)
            return np.array([_real(gx), _real(gy)])
        except _UNDEFINED:
            return math.nan if self.dims == 1 else np.full(2, math.nan)

    @overload
    def curvature(self, p: float) -> float: ...
    @overload
    def curvature(self, p: Sequence[float] | FloatArray) -> FloatArray: ...
    def curvature(self, p: float | Sequence[float] | FloatArray) -> float | FloatArray:
        """The exact bend: ``f''(x)`` in 1-D, the 2x2 Hessian in 2-D."""
        try:
            if self.dims == 1:
                return _real(self._d2f(_scalar(p)))
            x, y = _xy(p)
            hxx, hxy, hyy = (_real(v) for v in self._d2f(x, y))
            return np.array([[hxx, hxy], [hxy, hyy]])
        except _UNDEFINED:
            return math.nan if self.dims == 1 else np.full((2, 2), math.nan)

    def contains(self, p: float | Sequence[float] | FloatArray) -> bool:
        """Whether ``p`` lies inside the (closed) domain. Non-finite points never do."""
        if self.dims == 1:
            (lo, hi) = self.domain[0]
            return bool(lo <= _scalar(p) <= hi)
        x, y = _xy(p)
        (xlo, xhi), (ylo, yhi) = self.domain
        return bool(xlo <= x <= xhi and ylo <= y <= yhi)

    def sample(self, n: int = 241) -> tuple[FloatArray, FloatArray]:
        """``n`` evenly spaced points across a 1-D domain and the loss at each (nan: undefined)."""
        if self.dims != 1:
            raise ValueError("sample() draws a 1-D hill; this landscape is a 2-D surface")
        if n < 2:
            raise ValueError(f"sample() needs at least 2 points, got {n}")
        (lo, hi) = self.domain[0]
        xs = np.linspace(lo, hi, n)
        f = _safe1(self._f)
        return xs, np.array([f(float(v)) for v in xs])

    # ----------------------------------------------------------------- valleys
    @property
    def deepest(self) -> Point:
        """The lowest minimum (ties: the leftmost). ValueError when there is no valley."""
        if not self.minima:
            raise ValueError(f"the landscape {self.formula!r} has no valley inside its domain")
        return min(self.minima, key=self.loss)

    def basin(self, x: float) -> float:
        """The minimum that pure downhill flow from ``x`` reaches (1-D).

        Basins are separated by the local maxima. From exactly on a ridge, the deeper of the
        two neighbouring valleys is chosen. ValueError when downhill from ``x`` runs off the
        edge of the domain (no valley on that side of the ridges).
        """
        if self.dims != 1:
            raise ValueError("basin() is defined for 1-D hills only")
        x = _scalar(x)
        if not self.contains(x):
            raise ValueError(f"x = {x:g} lies outside the domain {self.domain[0]}")
        ridges = self.maxima
        mins = self.minima
        assert all(isinstance(m, float) for m in mins)
        i = bisect.bisect_left(ridges, x)
        if i < len(ridges) and ridges[i] == x:
            sides = [self._valley_between(i - 1, i), self._valley_between(i, i + 1)]
            found = [m for m in sides if m is not None]
            if found:
                return min(found, key=self.loss)
        valley = self._valley_between(i - 1, i)
        if valley is None:
            g = self.grad(x)
            side = "left" if g > 0 else "right"
            raise ValueError(
                f"downhill from x = {x:g} runs off the {side} edge of the domain: no valley there"
            )
        return valley

    def _valley_between(self, left: int, right: int) -> float | None:
        lo = self.maxima[left] if left >= 0 else -math.inf
        hi = self.maxima[right] if right < len(self.maxima) else math.inf
        inside = [float(m) for m in self.minima if isinstance(m, float) and lo < m < hi]
        return inside[0] if inside else None


def _domain(domain: Sequence[tuple[float, float]] | tuple[float, float], dims: int) -> Domain:
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


def _scalar(p: Any) -> float:
    if isinstance(p, float):
        return p
    arr = np.asarray(p, dtype=float)
    if arr.size != 1:
        raise ValueError(f"a 1-D landscape takes one number, got shape {arr.shape}")
    return float(arr.reshape(()))


def _xy(p: Any) -> tuple[float, float]:
    arr = np.asarray(p, dtype=float)
    if arr.shape != (2,):
        raise ValueError(f"a 2-D landscape takes a point (x, y), got shape {arr.shape}")
    return float(arr[0]), float(arr[1])


def _pair(fn: Callable[..., Any]) -> Callable[[float, float], tuple[float, float]]:
    def call(x: float, y: float) -> tuple[float, float]:
        try:
            a, b = fn(x, y)
            return _real(a), _real(b)
        except _UNDEFINED:
            return math.nan, math.nan

    return call


def _triple(fn: Callable[..., Any]) -> Callable[[float, float], tuple[float, float, float]]:
    def call(x: float, y: float) -> tuple[float, float, float]:
        try:
            a, b, c = fn(x, y)
            return _real(a), _real(b), _real(c)
        except _UNDEFINED:
            return math.nan, math.nan, math.nan

    return call
