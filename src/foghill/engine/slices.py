"""A slice through a ground of many directions: the loss over the plane of a path's two
main directions.

In plain words: a network's loss is a height over as many directions as it has weights, far
too many to draw. A walk through that ground, though, mostly moves along a few of them. Take
the points the walk passed (``path``, one row per point), find the two directions along
which they spread most (the first two principal components of the points, less their mean),
and draw the loss over the flat plane through the walk's last point spanned by those two.
In symbols, with ``u``, ``v`` the first two right singular vectors of the centred path and
``c`` its last point: ``z(a, b) = loss(c + a u + b v)``; the path is drawn at its
projections ``((p - c) . u, (p - c) . v)``. It is a slice: the path itself leaves the plane
in every other direction, so its drawn heights need not match the map's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from foghill.engine.contours import Grid, heights

__all__ = ["MARGIN", "Plane", "path_plane", "slice_heights"]

FloatArray = NDArray[np.float64]

#: The map reaches this share of the path's spread past it on every side.
MARGIN = 0.25


@dataclass(frozen=True, eq=False)
class Plane:
    """The plane of a path: its centre ``c`` (the last point), its two unit directions ``u``
    and ``v``, the path's coordinates in it (``coords``, one row per point) and the share of
    the path's spread those two directions hold (``explained``, 0 to 1)."""

    centre: FloatArray
    u: FloatArray
    v: FloatArray
    coords: FloatArray
    explained: float


def _completed(directions: FloatArray, sizes: FloatArray, dims: int) -> FloatArray:
    """The first two directions; where the path spans fewer than two (a walk of one step, or
    none), fixed random ones (seed 0) made orthonormal to those it has."""
    found = [d for d, size in zip(directions, sizes, strict=False) if size > 1e-12][:2]
    rng = np.random.default_rng(0)
    while len(found) < 2:
        w = rng.standard_normal(dims)
        for d in found:
            w -= (w @ d) * d
        found.append(w / np.linalg.norm(w))
    return np.stack(found)


def path_plane(path: FloatArray) -> Plane:
    """The plane of the path's first two principal components, through its last point."""
    points = np.asarray(path, dtype=float)
    if points.ndim != 2 or points.shape[0] < 1 or points.shape[1] < 2:
        raise ValueError("a path needs at least one point in two or more directions")
    spread = points - points.mean(axis=0)
    _, sizes, directions = np.linalg.svd(spread, full_matrices=False)
    u, v = _completed(directions, sizes, points.shape[1])
    centre = points[-1]
    coords = np.stack([(points - centre) @ u, (points - centre) @ v], axis=1)
    total = float(np.sum(sizes**2))
    explained = float(np.sum(sizes[:2] ** 2) / total) if total > 0 else 0.0
    return Plane(centre, u, v, coords, explained)


def slice_heights(loss: Callable[[FloatArray], float], plane: Plane, n: int = 41) -> Grid:
    """The loss on an ``n x n`` grid over the plane, reaching :data:`MARGIN` of the path's
    spread past its ends on every side."""
    lo, hi = plane.coords.min(axis=0), plane.coords.max(axis=0)
    # A path too short to spread (one point) gets a map one unit across.
    pad = np.where(hi - lo > 1e-9, MARGIN * (hi - lo), 0.5)
    domain = (
        (float(lo[0] - pad[0]), float(hi[0] + pad[0])),
        (float(lo[1] - pad[1]), float(hi[1] + pad[1])),
    )
    c, u, v = plane.centre, plane.u, plane.v

    def at(a: FloatArray, b: FloatArray) -> FloatArray:
        flat = [loss(c + x * u + y * v) for x, y in zip(a.ravel(), b.ravel(), strict=True)]
        return np.asarray(flat, dtype=float).reshape(a.shape)

    return heights(at, domain, n)
