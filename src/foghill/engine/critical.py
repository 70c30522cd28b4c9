"""Where the ground is level: the minima and maxima of a landscape, found numerically.

In plain words: walk along the domain feeling the tilt; wherever it turns from downhill to
uphill there is a valley floor, wherever it turns from uphill to downhill there is a ridge.
Each such turn is then pinned down by halving the interval (bisection) on the exact gradient.

In symbols (1-D): sample ``f'`` on a grid; a sign change ``f'(a) < 0 < f'(b)`` brackets a
minimum, ``f'(a) > 0 > f'(b)`` a maximum; bisection shrinks ``[a, b]`` until it is as small as
floating point allows (far below 1e-12). In 2-D: the lowest local minima of ``f`` on a grid,
each refined by Newton's method ``p <- p - H(p)^-1 grad f(p)`` and kept only where the
gradient vanishes and the Hessian is positive definite.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

Scalar1 = Callable[[float], float]
Scalar2 = Callable[[float, float], float]

SAMPLES_1D = 4001
SAMPLES_2D = 161
MAX_CANDIDATES_2D = 16
"""Only the lowest grid-local minima are refined (each costs up to NEWTON_STEPS Hessians)."""
NEWTON_STEPS = 25


def _bisect(grad: Scalar1, a: float, b: float, ga: float) -> float:
    """The point in [a, b] where ``grad`` changes sign, to floating-point resolution."""
    for _ in range(200):
        m = 0.5 * (a + b)
        if m in (a, b):
            break
        gm = grad(m)
        if gm == 0.0:
            return m
        if not math.isfinite(gm):
            break
        if (gm < 0.0) == (ga < 0.0):
            a, ga = m, gm
        else:
            b = m
    return 0.5 * (a + b)


def _is_level(loss: Scalar1 | None, grad: Scalar1, root: float, ga: float, gb: float) -> bool:
    """Whether the sign change of the slope at ``root`` is a level point, not a pole.

    At a true floor or ridge the loss and slope are finite and the slope shrinks towards 0
    (or, at a kink like ``abs(x)``, stays no steeper than around it). At a pole (``-1/x^2``
    at 0, ``tan(x)`` at pi/2) the slope also changes sign, but grows without bound.
    """
    g = grad(root)
    f = loss(root) if loss is not None else 0.0
    if not (math.isfinite(g) and math.isfinite(f)):
        return False
    return abs(g) <= 1e-6 * (1.0 + abs(f)) or abs(g) <= max(abs(ga), abs(gb))


def critical_points_1d(
    grad: Scalar1,
    lo: float,
    hi: float,
    samples: int = SAMPLES_1D,
    loss: Scalar1 | None = None,
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(minima, maxima) of a 1-D landscape inside [lo, hi], each sorted.

    ``grad`` (and ``loss``) must return nan (not raise) where the landscape is undefined;
    such points split the domain, and no critical point is reported across them. Points
    where the gradient is exactly zero over a stretch (a flat floor) are bracketed by the
    nonzero samples around them. A critical point narrower than the grid spacing
    ``(hi - lo) / (samples - 1)`` can be missed.

    A sign change of the slope at a pole (``-1/x^2`` at 0: the loss plunges, it has no
    floor) is never a minimum: it is reported among the maxima, as a barrier that
    separates basins like a ridge does. So is the middle of each stretch of undefined
    samples between defined ground (``1/x^2`` at 0, ``log(x^2 - 1)`` on (-1, 1)).
    """
    xs = np.linspace(lo, hi, samples)
    gs = [grad(float(v)) for v in xs]
    minima: list[float] = []
    maxima: list[float] = []
    last: int | None = None  # index of the last finite, nonzero sample
    defined: int | None = None  # index of the last finite sample
    for i, g in enumerate(gs):
        if not math.isfinite(g):
            last = None
            continue
        if defined is not None and defined < i - 1:
            # an undefined stretch between defined ground: a barrier, like a ridge
            maxima.append(float(0.5 * (xs[defined + 1] + xs[i - 1])))
        defined = i
        if g == 0.0:
            continue
        if last is not None:
            g0 = gs[last]
            if g0 < 0.0 < g or g0 > 0.0 > g:
                root = _bisect(grad, float(xs[last]), float(xs[i]), g0)
                level = _is_level(loss, grad, root, g0, g)
                (minima if g0 < 0.0 and level else maxima).append(root)
        last = i
    return tuple(minima), tuple(sorted(maxima))


def _newton_2d(
    grad: Callable[[float, float], tuple[float, float]],
    hess: Callable[[float, float], tuple[float, float, float]],
    x: float,
    y: float,
) -> tuple[float, float] | None:
    for _ in range(NEWTON_STEPS):
        gx, gy = grad(x, y)
        hxx, hxy, hyy = hess(x, y)
        det = hxx * hyy - hxy * hxy
        if not (math.isfinite(det) and det != 0.0):
            return None
        dx = (hyy * gx - hxy * gy) / det
        dy = (hxx * gy - hxy * gx) / det
        x, y = x - dx, y - dy
        if not (math.isfinite(x) and math.isfinite(y)):
            return None
        if abs(dx) + abs(dy) <= 1e-15 * (1.0 + abs(x) + abs(y)):
            break
    return x, y


def minima_2d(
    loss: Scalar2,
    grad: Callable[[float, float], tuple[float, float]],
    hess: Callable[[float, float], tuple[float, float, float]],
    domain: Sequence[tuple[float, float]],
    samples: int = SAMPLES_2D,
) -> tuple[tuple[float, float], ...]:
    """Local minima of a surface inside its domain, refined by Newton's method, sorted by x.

    Only the :data:`MAX_CANDIDATES_2D` lowest local minima of the grid are refined (at most
    :data:`NEWTON_STEPS` steps each), so an egg-crate like ``sin(30*x)*sin(30*y)`` with
    thousands of dips costs no more than a bowl; the deepest valleys are among them.
    """
    (xlo, xhi), (ylo, yhi) = domain
    xs = np.linspace(xlo, xhi, samples)
    ys = np.linspace(ylo, yhi, samples)
    grid = np.array([[loss(float(a), float(b)) for b in ys] for a in xs])
    grid = np.where(np.isfinite(grid), grid, np.inf)
    found: list[tuple[float, float]] = []
    centre = grid[1:-1, 1:-1]
    is_low = np.isfinite(centre)
    strictly = np.zeros_like(is_low)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di == 0 and dj == 0:
                continue
            other = grid[1 + di : samples - 1 + di, 1 + dj : samples - 1 + dj]
            is_low &= centre <= other
            strictly |= centre < other
    rows, cols = np.nonzero(is_low & strictly)
    lowest = np.argsort(centre[rows, cols], kind="stable")[:MAX_CANDIDATES_2D]
    for i, j in zip(rows[lowest], cols[lowest], strict=True):
        p = _newton_2d(grad, hess, float(xs[i + 1]), float(ys[j + 1]))
        if p is None:
            continue
        x, y = p
        if not (xlo <= x <= xhi and ylo <= y <= yhi):
            continue
        gx, gy = grad(x, y)
        hxx, hxy, hyy = hess(x, y)
        scale = 1.0 + abs(loss(x, y))
        if math.hypot(gx, gy) > 1e-8 * scale or not (hxx > 0.0 and hxx * hyy - hxy * hxy > 0.0):
            continue
        if all(math.hypot(x - u, y - v) > 1e-6 for u, v in found):
            found.append((x, y))
    return tuple(sorted(found))
