"""The line through dots: O(1) closed forms against direct sums, and the walk to least squares."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import foghill as fh
from foghill.engine.linefit import Dots, fit, least_squares, line_landscape, slope_hill

from .helpers import close, fd_1d, fd_2d, fd_jacobian

ESSAY_X = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]
ESSAY_Y = [1.2, 2.6, 3.1, 4.4, 5.2, 6.3, 7.5, 8.1, 9.2, 10.3]


def direct_loss(x: np.ndarray, y: np.ndarray, w: float, b: float) -> float:
    r = w * x + b - y
    return float(np.mean(r * r))


def direct_grad(x: np.ndarray, y: np.ndarray, w: float, b: float) -> tuple[float, float]:
    r = w * x + b - y
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))


def datasets() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(7)
    out = [(np.array(ESSAY_X), np.array(ESSAY_Y))]
    for n, offset, spread in [
        (2, 0.0, 1.0),
        (20, 0.0, 3.0),
        (100_000, 0.0, 10.0),
        (500, 1000.0, 2.0),
        (50, -3.0, 1e-3),
    ]:
        x = offset + spread * rng.standard_normal(n)
        y = -0.7 * x + 4.0 + rng.standard_normal(n)
        out.append((x, y))
    return out


@pytest.mark.parametrize("data", datasets(), ids=lambda d: f"n={len(d[0])}")
def test_closed_forms_match_direct_sums(data: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = data
    dots = Dots(x, y)
    top = least_squares(dots)
    for w, b in [(0.0, 0.0), (1.3, -2.0), (top.w + 0.1, top.b - 0.3), (-50.0, 7.0)]:
        assert dots.loss(w, b) == pytest.approx(direct_loss(x, y, w, b), rel=1e-9)
        gw, gb = dots.grad(w, b)
        dw, db = direct_grad(x, y, w, b)
        scale = abs(dw) + abs(db) + 2 * math.sqrt(direct_loss(x, y, w, b)) * (1 + abs(x).max())
        assert abs(gw - dw) <= 1e-9 * scale
        assert abs(gb - db) <= 1e-9 * scale


@pytest.mark.parametrize("data", datasets()[:4], ids=lambda d: f"n={len(d[0])}")
def test_landscape_derivatives_match_finite_differences(
    data: tuple[np.ndarray, np.ndarray],
) -> None:
    dots = Dots(*data)
    land = dots.landscape()
    for w, b in [(0.0, 0.0), (1.3, -2.0), (-0.7, 4.0)]:
        p = np.array([w, b])
        fd = fd_2d(land.loss, p)
        g = land.grad(p)
        for i in range(2):
            assert close(fd[i], g[i], land.loss(p))
        jac = fd_jacobian(land.grad, p)
        h = land.curvature(p)
        for i in range(2):
            for j in range(2):
                assert close(jac[i, j], h[i, j], float(np.abs(g).max()))
    hill = slope_hill(dots, b=0.5)
    for w in (-3.0, 0.0, 2.0):
        assert close(fd_1d(hill.loss, w), hill.grad(w), hill.loss(w))
        assert close(fd_1d(hill.grad, w), hill.curvature(w), abs(hill.grad(w)))


def test_least_squares_matches_polyfit() -> None:
    for x, y in datasets():
        top = least_squares(Dots(x, y))
        w, b = np.polyfit(x, y, 1)
        assert top.w == pytest.approx(w, rel=1e-9, abs=1e-9)
        assert top.b == pytest.approx(b, rel=1e-9, abs=1e-9 * (1 + abs(b)))
        assert top.loss == pytest.approx(direct_loss(x, y, top.w, top.b), rel=1e-9)


def test_two_dots_are_fitted_exactly() -> None:
    top = least_squares(Dots([1.0, 3.0], [2.0, 6.0]))
    assert top == pytest.approx((2.0, 0.0, 0.0), abs=1e-15)


def test_fit_walks_to_the_least_squares_line() -> None:
    dots = Dots(ESSAY_X, ESSAY_Y)
    t = fit(dots, w=0.0, b=0.0, learning_rate=0.05, max_steps=5000)
    top = least_squares(dots)
    assert t.outcome == "settled"
    assert t.positions.shape == (t.n_steps + 1, 2)
    np.testing.assert_allclose(t.positions[0], [0.0, 0.0])
    np.testing.assert_allclose(t.positions[-1], [top.w, top.b], atol=1e-4)
    assert t.losses[-1] == pytest.approx(top.loss, abs=1e-9)
    assert t.losses[-1] < t.losses[0]


def test_fit_with_an_optimizer_and_a_far_start() -> None:
    dots = Dots(ESSAY_X, ESSAY_Y)
    t = fit(dots, w=1e4, b=-1e4, optimizer=fh.optimizers.adam(0.5), max_steps=300)
    assert t.outcome != "flew-off"
    assert t.optimizer == "adam"
    assert t.losses[-1] < t.losses[0]


def test_fit_flies_off_when_the_rate_is_too_big() -> None:
    dots = Dots(ESSAY_X, ESSAY_Y)
    # the largest curvature of the (w, b) landscape
    top_curvature = float(np.linalg.eigvalsh(dots.landscape().curvature((0.0, 0.0)))[-1])
    t = fit(dots, learning_rate=2.2 / top_curvature, max_steps=1000)
    assert t.outcome == "flew-off"
    t = fit(dots, learning_rate=1.8 / top_curvature, max_steps=1000)
    assert t.outcome != "flew-off"


def test_big_fit_steps_cost_the_same_as_small_ones() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, 100_000)
    dots = Dots(x, 1.9 * x + 0.4 + rng.standard_normal(x.size))
    t = fit(dots, learning_rate=0.02, max_steps=5000)
    assert t.outcome == "settled"
    np.testing.assert_allclose(t.positions[-1], least_squares(dots)[:2], atol=1e-4)


def test_slope_hill_is_the_bridge_to_the_ball() -> None:
    dots = Dots(ESSAY_X, ESSAY_Y)
    hill = slope_hill(dots, b=0.0)
    x, y = np.array(ESSAY_X), np.array(ESSAY_Y)
    assert hill.dims == 1
    (floor,) = hill.minima
    assert floor == pytest.approx(float(np.sum(x * y) / np.sum(x * x)), rel=1e-12)
    assert hill.curvature(0.0) == pytest.approx(2 * float(np.mean(x * x)), rel=1e-12)
    assert hill.loss(1.7) == pytest.approx(direct_loss(x, y, 1.7, 0.0), rel=1e-12)
    assert hill.contains(0.0)
    r = fh.regimes.at_valley(hill, 0.0)
    assert r.fly_off == pytest.approx(1 / float(np.mean(x * x)), rel=1e-12)
    assert fh.descend(hill, 0.0, learning_rate=0.9 * r.fly_off, max_steps=2000).settled
    assert fh.descend(hill, 0.0, learning_rate=1.1 * r.fly_off, max_steps=2000).outcome == (
        "flew-off"
    )
    shifted = slope_hill(dots, b=1.0)
    assert shifted.minima[0] == pytest.approx(float(np.sum(x * (y - 1)) / np.sum(x * x)))


def test_line_landscape_domain_holds_the_best_line_and_the_start() -> None:
    dots = Dots(ESSAY_X, ESSAY_Y)
    land = line_landscape(dots, include=(500.0, -900.0))
    top = least_squares(dots)
    assert land.contains((top.w, top.b))
    assert land.contains((0.0, 0.0))
    assert land.contains((500.0, -900.0))
    assert land.minima == ((top.w, top.b),)


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([1.0, 2.0], [1.0], "x and y must have the same length, got 2 and 1"),
        ([1.0], [1.0], "a line needs at least 2 dots, got 1"),
        ([], [], "a line needs at least 2 dots, got 0"),
        ([1.0, math.nan], [1.0, 2.0], r"x must be finite numbers \(no nan or infinity\)"),
        ([1.0, 2.0], [1.0, math.inf], r"y must be finite numbers \(no nan or infinity\)"),
        ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], "the x values are all equal"),
        ([0.0, 1e-300], [1.0, 2.0], "the x values are too close together to fit a line"),
        ([0.0, 1e-160], [0.0, 1e150], "the x values are too close together to fit a line"),
        (["a", "b"], [1.0, 2.0], "x must be a list of numbers"),
        ([[1.0, 2.0]], [[1.0, 2.0]], r"x must be a flat list of numbers, got shape \(1, 2\)"),
        ([1e200, -1e200], [1.0, 2.0], "too large to square"),
    ],
)
def test_dots_are_validated(x: list[object], y: list[object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Dots(x, y)  # type: ignore[arg-type]


def test_fit_start_must_be_finite() -> None:
    with pytest.raises(ValueError, match="the starting w must be finite"):
        fit(Dots(ESSAY_X, ESSAY_Y), w=math.nan, learning_rate=0.1)


finite = st.floats(min_value=-10.0, max_value=10.0, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=30))
def test_descent_approaches_the_least_squares_line(points: list[tuple[float, float]]) -> None:
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    assume(np.var(x) >= 0.5)
    dots = Dots(x, y)
    eig = np.linalg.eigvalsh(dots.landscape().curvature((0.0, 0.0)))
    # at rate 1/L the slow direction shrinks by (1 - eig[0]/eig[-1]) a step: 50,000 steps
    # are 25 e-folds when the valley is at most 2,000 times longer than wide
    assume(eig[-1] / eig[0] <= 2000.0)
    t = fit(dots, learning_rate=1.0 / eig[-1], max_steps=50_000)
    top = least_squares(dots)
    assert t.settled
    # |grad| <= 1e-6 at the end, so the distance to the floor is at most 1e-6 / smallest bend
    dist = math.hypot(t.positions[-1, 0] - top.w, t.positions[-1, 1] - top.b)
    assert dist <= 1.01e-6 / eig[0] + 1e-12
    assert t.losses[-1] >= top.loss - 1e-12
    assert t.losses[-1] - top.loss <= 1e-9 * (1 + t.losses[0])
