"""building.pickling: a built landscape crosses between processes as bytes, and only that.

A builder process pickles the landscape sympy made (its compiled functions as code objects);
the server loads it without sympy. Loading admits what a landscape is made of and nothing else.
"""

from __future__ import annotations

import os
import pickle

import pytest

from foghill.building.pickling import dumps, loads
from foghill.engine import formula
from foghill.engine.hill1d import Hill1D
from foghill.engine.surface2d import Surface2D


def test_a_typed_hill_comes_back_with_the_same_heights_tilts_and_floors() -> None:
    built = formula.landscape("x^2 + sin(3*x)", domain=(-2.0, 2.0))
    back = loads(dumps(built))
    assert isinstance(back, Hill1D)
    assert back.minima == built.minima
    assert back.domain == built.domain
    for x in (-1.5, -0.2, 0.0, 0.7, 1.9):
        assert back.loss(x) == built.loss(x)
        assert back.grad(x) == built.grad(x)
        assert back.curvature(x) == built.curvature(x)


def test_a_typed_surface_comes_back_with_the_same_heights_and_floors() -> None:
    built = formula.landscape("(x^2 - 1)^2 + y^2 + 0.1*x*y")
    back = loads(dumps(built))
    assert isinstance(back, Surface2D)
    assert back.minima == built.minima
    for point in ((0.5, -0.25), (-1.0, 0.3), (1.2, 1.1)):
        assert back.loss(point) == built.loss(point)
        assert tuple(back.grad(point)) == tuple(built.grad(point))


class _Sneaky:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("true",))


def test_loading_refuses_anything_a_landscape_is_not_made_of() -> None:
    with pytest.raises(pickle.UnpicklingError, match="a landscape holds no"):
        loads(pickle.dumps(_Sneaky()))
