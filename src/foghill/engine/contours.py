"""A surface seen from above: its height on a grid, contour lines and the bands between them.

In plain words: walk along a contour line and the loss never changes; the closer the lines,
the steeper the ground. The bands between neighbouring lines are shaded so that the valleys
stand out.

How it is made:

- The loss is evaluated exactly (the landscape's own loss function, no interpolation) at
  ``grid x grid`` points spread evenly over the domain; undefined points are left out.
- The levels are quantiles of those heights (``count`` of them, at ``k/(count+1)``), so that
  every band covers about the same area of the map. On a steep surface such as Rosenbrock's,
  evenly spaced levels would all crowd onto the walls and leave the valley blank.
- contourpy (``serial`` algorithm) traces the lines and the filled bands; a band's rings
  (outer boundaries and holes together) are drawn with the even-odd rule.
- Coordinates are rounded to :func:`quantum` (a twentieth of a grid cell, rounded down to a
  power of ten: 0.001 on a 200x200 map of a span of 8) and vertices that hardly bend a path
  are dropped (at most a tenth of a grid cell off the path, in a few alternating passes), so
  that a 200x200 map stays small over the wire.

The tolerance: a vertex contourpy returns lies on the straight segment between two grid
points, where the loss is interpolated linearly. Its true loss differs from its level by at
most the bend of the surface across one cell, plus the rounding and the dropped vertices.
:func:`on_level_tolerance` states that bound per level (the test checks it on every built-in
surface): on the default grid of 200 points per side, 5% of the gap to the nearest
neighbouring level (of the whole height range when there is one level); the interpolation
error grows with the square of the cell, so a coarser grid of ``n`` gets ``(200/n)^2`` times
that (the line fit's 60x60 map: 55%, still well inside the neighbouring bands).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import contourpy
import numpy as np
from numpy.typing import NDArray

from foghill.engine.landscape import UNDEFINED
from foghill.engine.surface2d import Surface2D

FloatArray = NDArray[np.float64]
Rect = tuple[tuple[float, float], tuple[float, float]]

#: Vertices closer than this many grid cells to the path without them are dropped.
SIMPLIFY_CELLS = 0.1
SIMPLIFY_PASSES = 3
#: Coordinates are rounded to at least this many steps per grid cell.
QUANTA_PER_CELL = 20
#: How far (as a share of the gap to the nearest other level) a vertex may sit off its level
#: on a grid of ON_LEVEL_GRID points per side.
ON_LEVEL_SHARE = 0.05
ON_LEVEL_GRID = 200


@dataclass(frozen=True, eq=False)
class Grid:
    """Heights on a regular grid: ``z[j, i]`` is the loss at ``(xs[i], ys[j])`` (nan where the
    loss is undefined)."""

    xs: FloatArray
    ys: FloatArray
    z: FloatArray

    @property
    def domain(self) -> Rect:
        return (float(self.xs[0]), float(self.xs[-1])), (float(self.ys[0]), float(self.ys[-1]))


@dataclass(frozen=True)
class Line:
    level: float
    paths: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class Band:
    lower: float
    upper: float
    paths: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class ContourMap:
    """The contour lines (one per level, ascending) and the filled bands (below the first
    level, between each pair, above the last), every path a flat ``x0, y0, x1, y1, ...``
    tuple (a band's rings are closed: the last vertex repeats the first)."""

    domain: Rect
    loss_range: tuple[float, float]
    levels: tuple[float, ...]
    lines: tuple[Line, ...]
    bands: tuple[Band, ...]


def heights(fn: Callable[[FloatArray, FloatArray], FloatArray], domain: Rect, n: int) -> Grid:
    """``fn`` (a loss that accepts numpy arrays) on an ``n x n`` grid over ``domain``."""
    (xlo, xhi), (ylo, yhi) = domain
    xs, ys = np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        z = np.asarray(fn(gx, gy), dtype=float)
    return Grid(xs, ys, _clean(np.broadcast_to(z, gx.shape).copy()))


def surface_heights(surface: Surface2D, n: int) -> Grid:
    """The surface's exact loss on an ``n x n`` grid over its domain.

    The loss function is tried on whole numpy arrays first (the built-in surfaces and
    formulas of plain arithmetic take them); one written with ``math`` functions is
    evaluated point by point instead, with the same rule: nan where it is undefined.
    """
    (xlo, xhi), (ylo, yhi) = surface.domain
    xs, ys = np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n)
    gx, gy = np.meshgrid(xs, ys)
    z: FloatArray | None = None
    try:
        with np.errstate(all="ignore"):
            value = surface.loss_fn(gx, gy)  # type: ignore[arg-type]
        arr = np.asarray(value)
        if arr.dtype.kind in "fiu" and arr.shape in (gx.shape, ()):
            z = np.broadcast_to(arr.astype(float), gx.shape).copy()
    except UNDEFINED:
        z = None
    if z is None:
        height = surface.height  # nan where undefined, never raises
        across = xs.tolist()
        z = np.array([[height(x, y) for x in across] for y in ys.tolist()], dtype=float)
    return Grid(xs, ys, _clean(z))


def _clean(z: FloatArray) -> FloatArray:
    z[~np.isfinite(z)] = np.nan
    return z


def choose_levels(z: FloatArray, count: int) -> FloatArray:
    """``count`` heights (fewer when the surface is flat in places), ascending: the
    quantiles of the finite heights at ``k/(count+1)``, strictly between their min and max."""
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        return np.empty(0)
    lo, hi = float(finite.min()), float(finite.max())
    qs = np.quantile(finite, np.arange(1, count + 1) / (count + 1))
    levels = np.unique(qs)
    return np.asarray(levels[(levels > lo) & (levels < hi)], dtype=float)


def quantum(domain: Rect, grid: int) -> float:
    """The rounding step of coordinates: a twentieth of a grid cell (of the larger span),
    down to a power of ten."""
    span = max(domain[0][1] - domain[0][0], domain[1][1] - domain[1][0])
    return float(10.0 ** math.floor(math.log10(span / (QUANTA_PER_CELL * (grid - 1)))))


def on_level_tolerance(
    levels: FloatArray | tuple[float, ...], loss_range: tuple[float, float], grid: int
) -> FloatArray:
    """Per level: how far off it a returned vertex's exact loss may be on a ``grid x grid``
    map (module docstring)."""
    share = ON_LEVEL_SHARE * max(1.0, (ON_LEVEL_GRID / grid) ** 2)
    lv = np.asarray(levels, dtype=float)
    if lv.size == 1:
        return np.array([share * (loss_range[1] - loss_range[0])])
    gaps = np.diff(lv)
    nearest = np.minimum(np.r_[gaps[0], gaps], np.r_[gaps, gaps[-1]])
    return np.asarray(share * nearest, dtype=float)


def contour_map(grid: Grid, levels: int) -> ContourMap:
    """Lines at :func:`choose_levels` and the bands between them, rounded and simplified."""
    z = grid.z
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        raise ValueError("the loss is undefined everywhere on this map")
    lo, hi = float(finite.min()), float(finite.max())
    chosen = choose_levels(z, levels)
    masked = np.ma.masked_invalid(z) if finite.size < z.size else z
    gen = contourpy.contour_generator(
        grid.xs,
        grid.ys,
        masked,
        name="serial",
        line_type=contourpy.LineType.ChunkCombinedOffset,
        fill_type=contourpy.FillType.ChunkCombinedOffset,
    )
    domain = grid.domain
    q = quantum(domain, len(grid.xs))
    cell = max(float(grid.xs[1] - grid.xs[0]), float(grid.ys[1] - grid.ys[0]))
    eps = SIMPLIFY_CELLS * cell
    at = chosen.tolist()
    traced = _paths([gen.lines(level) for level in at], q, eps)
    lines = tuple(Line(level, paths) for level, paths in zip(at, traced, strict=True))
    # The outermost bounds reach just past the extreme heights, so no grid point is lost.
    bounds = [float(np.nextafter(lo, -math.inf)), *at, float(np.nextafter(hi, math.inf))]
    shown = [lo, *at, hi]
    filled = _paths([gen.filled(a, b) for a, b in itertools.pairwise(bounds)], q, eps)
    bands = tuple(Band(shown[k], shown[k + 1], paths) for k, paths in enumerate(filled))
    return ContourMap(
        domain=domain,
        loss_range=(lo, hi),
        levels=tuple(float(v) for v in chosen),
        lines=lines,
        bands=tuple(b for b in bands if b.paths),
    )


def _paths(found: list[Any], q: float, eps: float) -> list[tuple[tuple[float, ...], ...]]:
    """Per item of ``found`` (contourpy's chunked (points, offsets), ChunkCombinedOffset: a
    list of each, one item per chunk, None for an empty chunk), its rounded, simplified flat
    paths. All the paths are worked on together, in whole-array operations."""
    chunks, starts, owners, total = [], [], [], 0
    for owner, (points_chunks, offset_chunks) in enumerate(f[:2] for f in found):
        for points, offsets in zip(points_chunks, offset_chunks, strict=True):
            if points is None or offsets is None or len(points) == 0:
                continue
            chunks.append(points)
            starts.append(offsets[:-1].astype(np.intp) + total)
            owners.extend([owner] * (len(offsets) - 1))
            total += len(points)
    out: list[list[tuple[float, ...]]] = [[] for _ in found]
    if not chunks:
        return [() for _ in found]
    pts, offs = _simplify(np.concatenate(chunks), np.r_[np.concatenate(starts), total], eps)
    rounded = np.round(pts / q) * q
    # Rounding may make neighbours on a path equal: keep one of each run.
    same = np.zeros(len(rounded), dtype=bool)
    same[1:] = np.all(rounded[1:] == rounded[:-1], axis=1)
    same[offs[:-1]] = False  # a path's first vertex is never its predecessor's twin
    kept = np.r_[0, np.cumsum(~same)]
    offs = kept[offs]
    digits = max(0, -round(math.log10(q)))
    values = np.round(rounded[~same], digits).ravel().tolist()
    for owner, a, b in zip(owners, offs[:-1].tolist(), offs[1:].tolist(), strict=True):
        if b - a >= 2:
            out[owner].append(tuple(values[2 * a : 2 * b]))
    return [tuple(paths) for paths in out]


def _simplify(
    points: FloatArray, offsets: NDArray[np.intp], eps: float
) -> tuple[FloatArray, NDArray[np.intp]]:
    """Drop vertices within ``eps`` of the chord between their neighbours, on paths of more
    than three vertices. Each pass drops only every other such vertex (judged against
    neighbours that stay), so a path moves at most ``eps`` per pass; the ends (a ring's
    closing vertex among them) always stay. ``offsets`` mark where each path starts (and
    the last one ends), as contourpy gives them; the new ones are returned with the points."""
    for _ in range(SIMPLIFY_PASSES):
        n = len(points)
        sizes = np.diff(offsets)
        if n < 3 or not np.any(sizes > 3):
            break
        place = np.arange(n) - np.repeat(offsets[:-1], sizes)  # index within its path
        size = np.repeat(sizes, sizes)
        candidate = (place % 2 == 1) & (place < size - 1) & (size > 3)
        prev, mid, nxt = points[:-2], points[1:-1], points[2:]
        chord = nxt - prev
        length = np.hypot(chord[:, 0], chord[:, 1])
        cross = np.abs(
            chord[:, 0] * (mid[:, 1] - prev[:, 1]) - chord[:, 1] * (mid[:, 0] - prev[:, 0])
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            off = np.where(length > 0, cross / length, np.hypot(*(mid - prev).T))
        drop = np.zeros(n, dtype=bool)
        drop[1:-1] = candidate[1:-1] & (off <= eps)
        if not drop.any():
            break
        kept = np.r_[0, np.cumsum(~drop)]
        offsets = kept[offsets]
        points = points[~drop]
    return points, offsets
