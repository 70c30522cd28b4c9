"""Contour maps: every line vertex lies on its level of the exact loss, bands tile the map."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from foghill.engine import contours, formula, hills
from foghill.engine.surface2d import Surface2D

SURFACES = ("round_bowl", "narrow_valley", "rosenbrock", "himmelblau", "saddle")


def _surface(name: str) -> Surface2D:
    land = hills.by_name(name)
    assert isinstance(land, Surface2D)
    return land


@pytest.mark.parametrize("name", SURFACES)
@pytest.mark.parametrize("grid", [60, 100, 200])
def test_every_vertex_lies_on_its_level(name: str, grid: int) -> None:
    """The stated tolerance (contours.on_level_tolerance): on a 200 grid, 5% of the gap to
    the nearest other level, (200/grid)^2 times that on a coarser one; the exact loss is
    evaluated at each rounded vertex."""
    land = _surface(name)
    drawn = contours.contour_map(contours.surface_heights(land, grid), 14)
    tolerance = contours.on_level_tolerance(drawn.levels, drawn.loss_range, grid)
    assert len(drawn.lines) == len(drawn.levels) >= 10
    for line, tol in zip(drawn.lines, tolerance, strict=True):
        assert line.paths, f"level {line.level} has no line"
        for path in line.paths:
            xy = np.array(path).reshape(-1, 2)
            off = [abs(land.loss(p) - line.level) for p in xy]
            assert max(off) <= tol, (line.level, max(off), tol)


def test_a_wrong_tolerance_would_be_caught() -> None:
    """The check above can fail: a line's vertices are far off any other level."""
    land = _surface("himmelblau")
    drawn = contours.contour_map(contours.surface_heights(land, 100), 14)
    tolerance = contours.on_level_tolerance(drawn.levels, drawn.loss_range, 100)
    first, second = drawn.lines[0], drawn.lines[1]
    xy = np.array(second.paths[0]).reshape(-1, 2)
    assert max(abs(land.loss(p) - first.level) for p in xy) > tolerance[0]


def test_levels_are_ascending_quantiles_inside_the_range() -> None:
    land = _surface("rosenbrock")
    grid = contours.surface_heights(land, 120)
    drawn = contours.contour_map(grid, 14)
    levels = np.array(drawn.levels)
    assert np.all(np.diff(levels) > 0)
    lo, hi = drawn.loss_range
    assert lo == pytest.approx(np.nanmin(grid.z))
    assert hi == pytest.approx(np.nanmax(grid.z))
    assert lo < levels[0]
    assert levels[-1] < hi
    # Quantiles: about the same share of the grid between neighbouring levels.
    shares = np.diff(np.searchsorted(np.sort(grid.z.ravel()), levels)) / grid.z.size
    assert np.allclose(shares, 1 / 15, atol=0.01)


def test_bands_run_from_the_lowest_to_the_highest_height() -> None:
    drawn = contours.contour_map(contours.surface_heights(_surface("saddle"), 100), 8)
    bounds = [(b.lower, b.upper) for b in drawn.bands]
    assert bounds[0][0] == drawn.loss_range[0]
    assert bounds[-1][1] == drawn.loss_range[1]
    for (_, upper), (lower, _) in itertools.pairwise(bounds):
        assert upper == lower
    for band in drawn.bands:
        for ring in band.paths:
            assert ring[:2] == ring[-2:]  # closed


def test_coordinates_are_rounded_to_the_quantum() -> None:
    land = _surface("narrow_valley")
    drawn = contours.contour_map(contours.surface_heights(land, 200), 14)
    q = contours.quantum(land.domain, 200)
    assert q == 1e-3  # a span of 8 over 199 cells, a twentieth of one: 0.002, down to 0.001
    values = np.concatenate([np.array(p) for line in drawn.lines for p in line.paths])
    assert np.allclose(values / q, np.round(values / q), atol=1e-6)


def test_a_formula_with_math_functions_is_evaluated_point_by_point() -> None:
    """sin() from the math module refuses arrays: the heights are the same loss, point by point."""
    land = formula.landscape("sin(x) + cos(y) + (x^2 + y^2)/20", domain=[[-4, 4], [-4, 4]])
    assert isinstance(land, Surface2D)
    grid = contours.surface_heights(land, 30)
    for j in (0, 7, 29):
        for i in (0, 13, 29):
            assert grid.z[j, i] == land.loss((grid.xs[i], grid.ys[j]))


def test_undefined_heights_are_left_out() -> None:
    land = formula.landscape("log(x) + y^2", domain=[[-1, 3], [-2, 2]])
    assert isinstance(land, Surface2D)
    grid = contours.surface_heights(land, 41)
    assert np.isnan(grid.z[:, grid.xs <= 0]).all()
    drawn = contours.contour_map(grid, 10)
    for line in drawn.lines:
        for path in line.paths:
            assert min(np.array(path).reshape(-1, 2)[:, 0]) > 0


def test_the_map_of_a_loss_undefined_everywhere_is_refused() -> None:
    grid = contours.heights(lambda x, y: np.log(-1 - x * x) + y, ((0, 1), (0, 1)), 20)
    with pytest.raises(ValueError, match="undefined everywhere"):
        contours.contour_map(grid, 10)
