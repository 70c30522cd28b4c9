"""The landscape slice (issue 22): the plane of a path's two main directions, and the loss
over it."""

from __future__ import annotations

import numpy as np
import pytest

from foghill.engine.slices import path_plane, slice_heights


def test_a_path_in_a_plane_is_found_in_that_plane() -> None:
    e1, e2 = np.eye(6)[1], np.eye(6)[4]
    t = np.linspace(0, 1, 30)
    path = np.outer(3 * t, e1) + np.outer(np.sin(3 * t), e2) + 5.0
    plane = path_plane(path)
    assert plane.explained == pytest.approx(1.0)
    basis = np.stack([plane.u, plane.v])
    # e1 and e2 lie in the plane found (their projections keep their length).
    assert np.linalg.norm(basis @ e1) == pytest.approx(1.0)
    assert np.linalg.norm(basis @ e2) == pytest.approx(1.0)
    assert np.allclose(plane.coords[-1], 0.0)


def test_the_slice_is_the_loss_over_the_plane() -> None:
    path = np.array([[0.0, 0, 0], [1, 0, 0], [2, 1, 0], [3, 1, 0.001]])
    plane = path_plane(path)

    def loss(p: np.ndarray) -> float:
        return float(p @ p)

    grid = slice_heights(loss, plane, 11)
    assert grid.z.shape == (11, 11)
    j, i = 4, 7
    point = plane.centre + grid.xs[i] * plane.u + grid.ys[j] * plane.v
    assert grid.z[j, i] == pytest.approx(loss(point))
    (xlo, xhi), (ylo, yhi) = grid.domain
    assert xlo < plane.coords[:, 0].min()
    assert xhi > plane.coords[:, 0].max()
    assert ylo < plane.coords[:, 1].min()
    assert yhi > plane.coords[:, 1].max()
    # A walk of no step still gets a plane (fixed directions) and a map around its point.
    still = path_plane(path[:1])
    assert abs(still.u @ still.v) < 1e-12
    assert slice_heights(loss, still, 5).domain == ((-0.5, 0.5), (-0.5, 0.5))
