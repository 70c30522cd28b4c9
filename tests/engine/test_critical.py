"""engine.critical: where the ground is level, found on a grid and pinned down exactly."""

from __future__ import annotations

import math

import pytest

from foghill.engine.critical import critical_points_1d, minima_2d


def test_a_double_well_has_two_floors_and_a_ridge_between_them() -> None:
    minima, maxima = critical_points_1d(lambda x: x**3 - x, -2.0, 2.0)
    assert minima == pytest.approx((-1.0, 1.0), abs=1e-12)
    assert maxima == pytest.approx((0.0,), abs=1e-12)


def test_a_floor_at_the_edge_of_the_domain_is_not_a_level_place() -> None:
    minima, maxima = critical_points_1d(lambda x: 2 * x, 1.0, 3.0)
    assert minima == maxima == ()


def test_a_pole_is_a_barrier_never_a_floor() -> None:
    def grad(x: float) -> float:  # of -1/x^2, which plunges at 0 (nan there, as required)
        return 2 / x**3 if x else math.nan

    minima, maxima = critical_points_1d(grad, -1.0, 1.0, samples=400, loss=lambda x: -1 / x**2)
    assert minima == ()
    assert len(maxima) == 1
    assert abs(maxima[0]) < 0.01


def test_an_undefined_stretch_between_defined_ground_is_a_barrier() -> None:
    def grad(x: float) -> float:  # of log(x^2 - 1), undefined on (-1, 1)
        return 2 * x / (x * x - 1) if abs(x) > 1 else math.nan

    minima, maxima = critical_points_1d(grad, -3.0, 3.0)
    assert minima == ()
    assert maxima == pytest.approx((0.0,), abs=1e-9)


def test_a_surface_with_two_valleys_has_both_floors_pinned_by_newton() -> None:
    def loss(x: float, y: float) -> float:
        return (x * x - 1) ** 2 + y * y

    def grad(x: float, y: float) -> tuple[float, float]:
        return 4 * x * (x * x - 1), 2 * y

    def hess(x: float, y: float) -> tuple[float, float, float]:
        return 12 * x * x - 4, 0.0, 2.0

    found = minima_2d(loss, grad, hess, ((-2.0, 2.0), (-2.0, 2.0)))
    assert len(found) == 2
    for (x, y), want in zip(found, (-1.0, 1.0), strict=True):
        assert x == pytest.approx(want, abs=1e-12)
        assert y == pytest.approx(0.0, abs=1e-12)
