"""Built-in landscapes: exact derivatives against finite differences, minima, basins."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

import foghill as fh
from foghill.engine import hills
from foghill.engine.critical import MAX_CANDIDATES_2D
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape
from foghill.engine.surface2d import Surface2D

from .helpers import close, fd_1d, fd_2d, fd_jacobian

ONE_D = [hills.by_name(n) for n in hills.NAMES if hills.by_name(n).dims == 1]
TWO_D = [hills.by_name(n) for n in hills.NAMES if hills.by_name(n).dims == 2]


def test_names_list_every_hill_one_d_first() -> None:
    assert hills.NAMES == (
        "foggy",
        "bowl",
        "plateau",
        "steep",
        "bumpy",
        "round_bowl",
        "narrow_valley",
        "rosenbrock",
        "himmelblau",
        "saddle",
    )
    assert [h.name for h in ONE_D + TWO_D] == list(hills.NAMES)
    assert fh.hills.FOGGY is hills.by_name("foggy")


def test_unknown_hill_is_a_key_error_with_a_clear_message() -> None:
    with pytest.raises(KeyError) as info:
        hills.by_name("everest")
    assert isinstance(info.value, hills.UnknownHill)
    assert str(info.value) == (
        "unknown hill 'everest'; the built-in hills are: foggy, bowl, plateau, steep, bumpy, "
        "round_bowl, narrow_valley, rosenbrock, himmelblau, saddle"
    )


@pytest.mark.parametrize("hill", ONE_D, ids=lambda h: h.name)
def test_1d_gradient_and_curvature_match_finite_differences(hill: Landscape) -> None:
    (lo, hi) = hill.domain[0]
    for x in np.linspace(lo + 0.01, hi - 0.01, 41):
        x = float(x)
        scale = abs(hill.loss(x))
        assert close(fd_1d(hill.loss, x), hill.grad(x), scale), (hill.name, x)
        assert close(fd_1d(hill.grad, x), hill.curvature(x), abs(hill.grad(x))), (hill.name, x)


@pytest.mark.parametrize("hill", TWO_D, ids=lambda h: h.name)
def test_2d_gradient_and_hessian_match_finite_differences(hill: Landscape) -> None:
    (xlo, xhi), (ylo, yhi) = hill.domain
    for x in np.linspace(xlo + 0.01, xhi - 0.01, 7):
        for y in np.linspace(ylo + 0.01, yhi - 0.01, 7):
            p = np.array([x, y])
            g = hill.grad(p)
            h = hill.curvature(p)
            assert g.shape == (2,)
            assert h.shape == (2, 2)
            assert h[0, 1] == h[1, 0]
            fd = fd_2d(hill.loss, p)
            for i in range(2):
                assert close(fd[i], g[i], abs(hill.loss(p))), (hill.name, p)
            jac = fd_jacobian(hill.grad, p)
            for i in range(2):
                for j in range(2):
                    assert close(jac[i, j], h[i, j], float(np.abs(g).max())), (hill.name, p)


@pytest.mark.parametrize("hill", ONE_D + TWO_D, ids=lambda h: h.name)
def test_minima_are_level_curved_up_and_inside(hill: Landscape) -> None:
    assert hill.minima, hill.name
    for m in hill.minima:
        assert hill.contains(m)
        g = np.atleast_1d(hill.grad(m))
        assert float(np.abs(g).max()) <= 1e-9, (hill.name, m, g)
        c = np.atleast_2d(hill.curvature(m))
        assert np.all(np.linalg.eigvalsh(c) > 0.0), (hill.name, m)


def test_analytic_minima() -> None:
    assert hills.BOWL.minima == (0.0,)
    assert hills.PLATEAU.minima == (0.0,)
    assert hills.STEEP.minima == (0.0,)
    assert hills.ROUND_BOWL.minima == ((0.0, 0.0),)
    assert hills.NARROW_VALLEY.minima == ((0.0, 0.0),)
    assert hills.ROSENBROCK.minima == ((1.0, 1.0),)
    assert hills.SADDLE.minima == ((0.0, -math.sqrt(2.0)), (0.0, math.sqrt(2.0)))
    himmelblau = hills.HIMMELBLAU.minima
    assert len(himmelblau) == 4
    known = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    for x, y in known:
        assert min(math.hypot(x - a, y - b) for a, b in himmelblau) < 1e-6
    for m in himmelblau:
        assert hills.HIMMELBLAU.loss(m) < 1e-20


def test_curvature_of_the_plain_hills() -> None:
    assert hills.BOWL.curvature(1.7) == 2.0
    assert hills.PLATEAU.curvature(0.0) == 1.0
    assert hills.STEEP.curvature(0.0) == 1.0
    np.testing.assert_allclose(hills.NARROW_VALLEY.curvature((1.0, 2.0)), [[0.2, 0], [0, 4]])
    # the saddle really is one: up along x, down along y
    eig = np.linalg.eigvalsh(hills.SADDLE.curvature((0.0, 0.0)))
    assert eig[0] < 0.0 < eig[1]


def test_foggy_hill_shape() -> None:
    foggy = hills.FOGGY
    assert foggy.formula == "(x + 1.5)^2/4 - 2.5*exp(-2*(x - 2.5)^2)"
    assert foggy.domain == ((-4.0, 4.0),)
    assert foggy.start == 2.5
    main, side = foggy.minima
    (ridge,) = foggy.maxima
    assert main == pytest.approx(-1.5, abs=1e-9)
    assert side == pytest.approx(2.29343079, abs=1e-7)
    assert ridge == pytest.approx(1.54005963, abs=1e-7)
    # the main valley is deeper, by a clear margin, and broader (gentler curvature)
    assert foggy.loss(side) - foggy.loss(main) > 1.0
    assert foggy.loss(ridge) - foggy.loss(side) > 0.5
    assert foggy.curvature(main) < foggy.curvature(side) / 10
    assert foggy.deepest == main
    # where the ball is dropped matters
    assert foggy.basin(2.5) == side
    assert foggy.basin(-1.0) == main
    assert foggy.basin(-4.0) == main
    assert foggy.basin(4.0) == side
    assert foggy.basin(ridge - 1e-6) == main
    assert foggy.basin(ridge + 1e-6) == side


def test_foggy_loss_values_by_hand() -> None:
    foggy = hills.FOGGY
    # f(x) = (x + 1.5)^2/4 - 2.5 exp(-2 (x - 2.5)^2)
    assert foggy.loss(2.5) == pytest.approx(16 / 4 - 2.5)
    assert foggy.loss(0.5) == pytest.approx(1.0 - 2.5 * math.exp(-8.0))
    # f'(x) = (x + 1.5)/2 + 10 (x - 2.5) exp(-2 (x - 2.5)^2)
    assert foggy.grad(2.5) == pytest.approx(2.0)
    assert foggy.grad(3.0) == pytest.approx(2.25 + 5.0 * math.exp(-0.5))


def test_bumpy_basins_follow_the_ridges() -> None:
    bumpy = hills.BUMPY
    assert len(bumpy.minima) == 5
    assert len(bumpy.maxima) == 4
    for m in bumpy.minima:
        assert bumpy.basin(m) == m
    for i, r in enumerate(bumpy.maxima):
        assert bumpy.basin(r - 1e-4) == bumpy.minima[i]
        assert bumpy.basin(r + 1e-4) == bumpy.minima[i + 1]
    assert bumpy.deepest == pytest.approx(-0.36525, abs=1e-4)


def test_basin_from_exactly_on_a_ridge_picks_the_deeper_side() -> None:
    foggy = hills.FOGGY
    assert foggy.basin(foggy.maxima[0]) == foggy.minima[0]


def test_basin_errors() -> None:
    with pytest.raises(ValueError, match="outside the domain"):
        hills.BOWL.basin(5.0)
    with pytest.raises(ValueError, match="1-D hills only"):
        hills.ROUND_BOWL.basin(0.0)
    slope = fh.landscape("x")
    with pytest.raises(ValueError, match="runs off the left edge"):
        slope.basin(1.0)
    with pytest.raises(ValueError, match="has no valley"):
        _ = slope.deepest


def test_sample_and_contains() -> None:
    xs, ys = hills.BOWL.sample(5)
    np.testing.assert_array_equal(xs, [-4.0, -2.0, 0.0, 2.0, 4.0])
    np.testing.assert_array_equal(ys, [16.0, 4.0, 0.0, 4.0, 16.0])
    with pytest.raises(ValueError, match="at least 2"):
        hills.BOWL.sample(1)
    with pytest.raises(ValueError, match="2-D surface"):
        hills.ROSENBROCK.sample(10)
    assert hills.BOWL.contains(4.0)
    assert not hills.BOWL.contains(4.0000001)
    assert not hills.BOWL.contains(math.nan)
    assert hills.ROSENBROCK.contains((2.0, -1.0))
    assert not hills.ROSENBROCK.contains((0.0, -1.5))
    assert not hills.ROSENBROCK.contains([math.nan, 0.0])


def test_undefined_points_give_nan_not_errors() -> None:
    land = fh.landscape("log(x) + sqrt(x)")
    assert math.isnan(land.loss(-1.0))
    assert math.isnan(land.grad(-1.0))
    assert math.isnan(land.curvature(-1.0))
    xs, ys = land.sample(9)
    assert np.all(np.isnan(ys[xs <= 0.0]))
    assert np.all(np.isfinite(ys[xs > 0.0]))
    cube_root = fh.landscape("x^(1/3)")
    assert math.isnan(cube_root.loss(-8.0))  # a complex number is not a loss
    assert cube_root.loss(8.0) == pytest.approx(2.0)


def test_landscape_is_frozen() -> None:
    with pytest.raises(AttributeError):
        hills.BOWL.name = "cup"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "sin(30*x)*sin(30*y)",
        "sin(30*x)*cos(30*y)*tanh(x*y)*exp(sin(x*y))*cos(x+y)",
    ],
)
def test_an_egg_crate_surface_builds_quickly_with_its_deepest_dips(text: str) -> None:
    fh.landscape(text)  # sympy's caches warm, as on a server
    start = time.thread_time()  # CPU time: the same on a busy machine
    land = fh.landscape(text)
    elapsed = time.thread_time() - start
    assert elapsed < 0.15, f"building {text!r} took {elapsed:.3f} s of CPU"
    assert 1 <= len(land.minima) <= MAX_CANDIDATES_2D
    for p in land.minima:
        assert np.linalg.norm(land.grad(p)) <= 1e-8 * (1.0 + abs(land.loss(p)))


def test_the_egg_crate_minima_are_the_lowest_dips() -> None:
    land = fh.landscape("sin(30*x)*sin(30*y)")
    assert all(land.loss(p) == pytest.approx(-1.0) for p in land.minima)


def test_a_pole_is_a_barrier_not_a_valley() -> None:
    plunge = fh.landscape("-1/x^2", domain=(-4, 5))
    assert plunge.minima == ()
    assert len(plunge.maxima) == 1
    assert abs(plunge.maxima[0]) < 1e-12
    tan = fh.landscape("-tan(x)^2")
    assert tan.minima == ()
    for pole in (-math.pi / 2, math.pi / 2):
        assert any(abs(r - pole) < 1e-12 for r in tan.maxima)


@pytest.mark.parametrize(
    ("text", "floor"),
    [("abs(x-0.1)", 0.1), ("abs(x-0.1)^1.5", 0.1), ("1e10*(x-3)^2", 3.0)],
)
def test_kinks_and_steep_floors_stay_valleys(text: str, floor: float) -> None:
    land = fh.landscape(text)
    assert land.minima == (pytest.approx(floor, abs=1e-12),)


def test_an_undefined_gap_separates_basins_like_a_ridge() -> None:
    land = fh.landscape("1/x^2 + x^2/10")
    floor = 10**0.25
    assert land.minima == (pytest.approx(-floor), pytest.approx(floor))
    assert land.maxima == (0.0,)
    assert land.basin(3.0) == pytest.approx(floor)
    assert land.basin(0.5) == pytest.approx(floor)
    assert land.basin(-3.0) == pytest.approx(-floor)
    regimes = fh.regimes.at_valley(land, 3.0)
    assert regimes.valley == pytest.approx(floor)


def test_two_kinds_share_one_base() -> None:
    hill, surface = fh.landscape("x^2 - x"), fh.landscape("x*y + y^2")
    assert isinstance(hill, Hill1D)
    assert isinstance(surface, Surface2D)
    assert fh.Landscape is Landscape
    for land in (hill, surface, hills.FOGGY, hills.SADDLE, fh.landscape("x")):
        assert isinstance(land, Landscape)  # never searches for valleys, never raises
    assert not isinstance("x^2", Landscape)
    assert (Hill1D.dims, Surface2D.dims) == (1, 2)
    with pytest.raises(TypeError):
        Landscape()  # type: ignore[abstract]


def test_a_point_of_the_wrong_shape_is_refused_not_nan() -> None:
    with pytest.raises(ValueError, match="takes one number"):
        hills.BOWL.loss((1.0, 2.0))
    with pytest.raises(ValueError, match=r"takes a point \(x, y\)"):
        hills.ROSENBROCK.grad(1.0)


def test_a_kind_is_made_from_plain_functions() -> None:
    cup = Hill1D(
        name="cup",
        title="A cup",
        formula="(x - 1)^2",
        domain=((-2.0, 3.0),),
        start=2.0,
        loss_fn=lambda x: (x - 1) ** 2,
        grad_fn=lambda x: 2 * (x - 1),
        curvature_fn=lambda x: 2.0,
    )
    assert cup.minima == (pytest.approx(1.0, abs=1e-12),)
    assert cup.maxima == ()
    assert fh.descend(cup, 2.0, learning_rate=0.5).final == 1.0
    with pytest.raises(ValueError, match="finite lo < hi"):
        Surface2D(
            name="flat",
            title="Flat",
            formula="0",
            domain=((1.0, 0.0), (0.0, 1.0)),
            start=(0.5, 0.5),
            loss_fn=lambda x, y: 0.0,
            grad_fn=lambda x, y: (0.0, 0.0),
            hessian_fn=lambda x, y: (0.0, 0.0, 0.0),
        )
