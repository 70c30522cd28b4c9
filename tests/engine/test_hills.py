"""The built-in hills carry their derivatives by hand: each one checked against sympy."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import sympy as sp

from foghill.engine import hills
from foghill.engine.formula import parse
from foghill.engine.hill1d import Hill1D
from foghill.engine.surface2d import Surface2D
from foghill.engine.symbols import X, Y

HILLS = [hills.by_name(n) for n in hills.NAMES]


def agree(hand: float, exact: float) -> bool:
    """Equal up to rounding: the two are the same formula, evaluated in a different order."""
    return abs(hand - exact) <= 1e-11 * (1.0 + abs(exact))


def compiled(expr: sp.Expr, *symbols: sp.Symbol) -> Callable[..., Any]:
    return sp.lambdify(symbols, expr, modules="math")


def points_1d(hill: Hill1D) -> list[float]:
    (lo, hi) = hill.domain[0]
    rng = np.random.default_rng(3)
    grid = np.linspace(lo, hi, 161)
    return [float(v) for v in np.concatenate([grid, rng.uniform(lo, hi, 80)])]


def points_2d(hill: Surface2D) -> list[tuple[float, float]]:
    (xlo, xhi), (ylo, yhi) = hill.domain
    rng = np.random.default_rng(5)
    grid = itertools.product(np.linspace(xlo, xhi, 17), np.linspace(ylo, yhi, 17))
    scattered = zip(rng.uniform(xlo, xhi, 60), rng.uniform(ylo, yhi, 60), strict=True)
    return [(float(a), float(b)) for a, b in itertools.chain(grid, scattered)]


@pytest.mark.parametrize("hill", HILLS, ids=lambda h: h.name)
def test_the_displayed_formula_is_the_loss(hill: Any) -> None:
    expr = parse(hill.formula)
    if isinstance(hill, Hill1D):
        f = compiled(expr, X)
        for x in points_1d(hill):
            assert agree(hill.loss_fn(x), f(x)), (hill.name, x)
    else:
        f = compiled(expr, X, Y)
        for x, y in points_2d(hill):
            assert agree(hill.loss_fn(x, y), f(x, y)), (hill.name, x, y)


@pytest.mark.parametrize("hill", [h for h in HILLS if isinstance(h, Hill1D)], ids=lambda h: h.name)
def test_1d_slope_and_bend_by_hand_are_sympys(hill: Hill1D) -> None:
    expr = parse(hill.formula)
    slope = compiled(sp.diff(expr, X), X)
    bend = compiled(sp.diff(expr, X, 2), X)
    for x in points_1d(hill):
        assert agree(hill.grad_fn(x), slope(x)), (hill.name, x)
        assert agree(hill.curvature_fn(x), bend(x)), (hill.name, x)
        assert agree(hill.grad(x), slope(x))
        assert agree(hill.curvature(x), bend(x))


@pytest.mark.parametrize(
    "hill", [h for h in HILLS if isinstance(h, Surface2D)], ids=lambda h: h.name
)
def test_2d_gradient_and_hessian_by_hand_are_sympys(hill: Surface2D) -> None:
    expr = parse(hill.formula)
    grad = [compiled(sp.diff(expr, v), X, Y) for v in (X, Y)]
    hess = [compiled(sp.diff(expr, a, b), X, Y) for a, b in ((X, X), (X, Y), (Y, Y))]
    for x, y in points_2d(hill):
        for hand, exact in zip(hill.grad_fn(x, y), grad, strict=True):
            assert agree(hand, exact(x, y)), (hill.name, x, y)
        for hand, exact in zip(hill.hessian_fn(x, y), hess, strict=True):
            assert agree(hand, exact(x, y)), (hill.name, x, y)
        h = hill.curvature((x, y))
        assert h[0, 1] == h[1, 0]


def test_each_kind_holds_its_own_dimension() -> None:
    assert [h.dims for h in HILLS] == [1] * 5 + [2] * 5
    assert all(isinstance(h, Hill1D) for h in HILLS[:5])
    assert all(isinstance(h, Surface2D) for h in HILLS[5:])
