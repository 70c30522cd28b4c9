"""engine.symbolic: a sympy expression becomes a landscape whose slope and bend are exact."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from foghill.engine.hill1d import Hill1D
from foghill.engine.surface2d import Surface2D
from foghill.engine.symbolic import NotExactError, check_exact, from_expr
from foghill.engine.symbols import X, Y


def test_a_curve_gets_its_exact_slope_and_bend_and_its_floors() -> None:
    hill = from_expr(
        X**4 / 4 - X**2 / 2, name="w", title="W", formula="x^4/4 - x^2/2", domain=(-2, 2)
    )
    assert isinstance(hill, Hill1D)
    for x in (-1.7, -0.3, 0.5, 1.9):
        assert hill.grad(x) == pytest.approx(x**3 - x, abs=1e-15)
        assert hill.curvature(x) == pytest.approx(3 * x**2 - 1, abs=1e-15)
    assert hill.minima == pytest.approx((-1.0, 1.0), abs=1e-12)
    assert hill.start == pytest.approx(1.0)  # three quarters of the way across


def test_a_surface_gets_its_gradient_and_hessian() -> None:
    expr = X**2 * Y + sp.sin(Y)
    land = from_expr(expr, name="s", title="S", formula="x^2*y + sin(y)", domain=(-3, 3))
    assert isinstance(land, Surface2D)
    x, y = 0.7, -1.2
    gx, gy = land.grad((x, y))
    assert (gx, gy) == pytest.approx((2 * x * y, x**2 + math.cos(y)), abs=1e-15)
    bend = land.curvature((x, y))
    assert bend.ravel().tolist() == pytest.approx([2 * y, 2 * x, 2 * x, -math.sin(y)], abs=1e-15)


def test_a_kink_bends_by_nothing_off_the_kink() -> None:
    hill = from_expr(sp.Abs(X - 1), name="v", title="V", formula="abs(x - 1)", domain=(-4, 4))
    assert hill.grad(3.0) == 1.0
    assert hill.grad(-3.0) == -1.0
    assert hill.curvature(3.0) == 0.0


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        (sp.arg(X) + X, "complex parts"),
        (sp.Derivative(sp.Function("f")(X), X), "cannot be computed exactly"),
        (X + sp.zoo, "undefined everywhere"),
    ],
)
def test_what_plain_real_arithmetic_cannot_compute_is_refused(expr: sp.Expr, words: str) -> None:
    with pytest.raises(NotExactError, match=words):
        check_exact(expr)


def test_symbols_other_than_x_and_y_are_refused() -> None:
    z = sp.Symbol("z", real=True)
    with pytest.raises(ValueError, match="unexpected symbols"):
        from_expr(X + z, name="z", title="Z", formula="x + z", domain=(-1, 1))
    with pytest.raises(ValueError, match="unexpected symbols"):
        from_expr(X + Y, name="y", title="Y", formula="x + y", domain=(-1, 1), dims=1)
