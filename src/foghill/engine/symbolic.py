"""A sympy expression -> a landscape with exact derivatives, compiled to plain ``math``.

In plain words: sympy works out the slope and the bend of the formula by the rules of
calculus, and each is turned into a small Python function (``sympy.lambdify(...,
modules="math")``), so that the descent runs at plain Python speed.

In symbols: for ``f(x)``, ``f'`` and ``f''``; for ``f(x, y)``, ``(f_x, f_y)`` and
``(f_xx, f_xy, f_yy)``. Only typed formulas come this way (:mod:`foghill.engine.formula`),
so this module, and sympy with it, is imported when the first formula is read.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape, Point, as_domain, as_number, as_point
from foghill.engine.surface2d import Surface2D
from foghill.engine.symbols import X, Y


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


def from_expr(
    expr: sp.Expr,
    *,
    name: str,
    title: str,
    formula: str,
    domain: Sequence[tuple[float, float]] | tuple[float, float],
    dims: int | None = None,
    start: Point | None = None,
) -> Landscape:
    """A :class:`Hill1D` or :class:`Surface2D` from ``expr`` (in the real symbols ``x``, ``y``).

    ``dims`` defaults to 2 when ``y`` appears in ``expr``, else 1. ``domain`` is one
    ``(lo, hi)`` pair (used for every coordinate) or one pair per coordinate. ``start``
    defaults to three quarters of the way across the domain. The minima (and ridges) are
    found numerically now, not on first use, so that building a landscape from a formula
    is where all the time goes (a server bounds that time).
    """
    expr = sp.sympify(expr)  # already a sympy object: no text is parsed here
    if dims is None:
        dims = 2 if Y in expr.free_symbols else 1
    if dims not in (1, 2):
        raise ValueError(f"a landscape has 1 or 2 dimensions, not {dims}")
    extra = expr.free_symbols - {X, Y}
    if extra or (dims == 1 and Y in expr.free_symbols):
        raise ValueError(f"unexpected symbols in the loss: {sorted(map(str, extra))}")
    dom = as_domain(domain, dims)
    land: Landscape
    if dims == 1:
        (lo, hi) = dom[0]
        land = _hill(
            expr,
            name=name,
            title=title,
            formula=formula,
            domain=dom,
            start=lo + 0.75 * (hi - lo) if start is None else as_number(start),
        )
    else:
        (xlo, xhi), (ylo, yhi) = dom
        land = _surface(
            expr,
            name=name,
            title=title,
            formula=formula,
            domain=dom,
            start=(
                (xlo + 0.75 * (xhi - xlo), ylo + 0.75 * (yhi - ylo))
                if start is None
                else as_point(start)
            ),
        )
    land.survey()
    return land


def _hill(
    expr: sp.Expr,
    *,
    name: str,
    title: str,
    formula: str,
    domain: tuple[tuple[float, float], ...],
    start: float,
) -> Hill1D:
    d1 = sp.diff(expr, X)
    d2 = _no_delta(sp.diff(d1, X))
    check_exact(expr, d1, d2)
    return Hill1D(
        name=name,
        title=title,
        formula=formula,
        domain=domain,
        start=start,
        loss_fn=sp.lambdify(X, expr, modules="math"),
        grad_fn=sp.lambdify(X, d1, modules="math"),
        curvature_fn=sp.lambdify(X, d2, modules="math"),
    )


def _surface(
    expr: sp.Expr,
    *,
    name: str,
    title: str,
    formula: str,
    domain: tuple[tuple[float, float], ...],
    start: tuple[float, float],
) -> Surface2D:
    gx, gy = sp.diff(expr, X), sp.diff(expr, Y)
    hxx, hxy, hyy = (
        _no_delta(sp.diff(gx, X)),
        _no_delta(sp.diff(gx, Y)),
        _no_delta(sp.diff(gy, Y)),
    )
    check_exact(expr, gx, gy, hxx, hxy, hyy)
    return Surface2D(
        name=name,
        title=title,
        formula=formula,
        domain=domain,
        start=start,
        loss_fn=sp.lambdify((X, Y), expr, modules="math"),
        grad_fn=sp.lambdify((X, Y), (gx, gy), modules="math"),
        hessian_fn=sp.lambdify((X, Y), (hxx, hxy, hyy), modules="math"),
    )
