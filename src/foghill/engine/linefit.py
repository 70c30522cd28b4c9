"""A line through dots, found by walking downhill on how far it misses.

In plain words: the guess is a line ``y = w x + b``; how wrong it is is the average of the
squared vertical misses; every step nudges the slope ``w`` and the intercept ``b`` a little
downhill on that landscape. The best line (least squares) is the floor of the valley.

In symbols, for dots ``(x_i, y_i)``, ``i = 1..n``:

- mean squared error ``L(w, b) = (1/n) sum_i (w x_i + b - y_i)^2``;
- gradient ``dL/dw = (2/n) sum_i (w x_i + b - y_i) x_i``, ``dL/db = (2/n) sum_i (w x_i + b - y_i)``;
- the floor ``w* = Sxy / Sxx``, ``b* = my - w* mx`` (closed-form least squares).

Every step costs O(1), whatever n: with the means ``mx, my``, the centred sums
``Sxx = sum (x - mx)^2``, ``Sxy = sum (x - mx)(y - my)``, ``Syy = sum (y - my)^2``, the
residual ``R = sum ((y - my) - w* (x - mx))^2`` (all computed once) and ``c = w mx + b - my``:

    L(w, b)  = Sxx/n (w - w*)^2 + R/n + c^2
    dL/dw    = 2 Sxx/n (w - w*) + 2 c mx
    dL/db    = 2 c
    Hessian  = [[2 (Sxx/n + mx^2), 2 mx], [2 mx, 2]]

which is the mean squared error exactly (the cross terms of centred sums vanish), written so
that no large numbers cancel near the floor.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from foghill.engine.descent import Trajectory, descend
from foghill.engine.hill1d import Hill1D
from foghill.engine.optimizers import Optimizer
from foghill.engine.surface2d import Surface2D

FloatArray = NDArray[np.float64]

DOMAIN_SPAN = 100.0
"""The (w, b) domain reaches this many data-scales beyond the best line on each side."""


def _as_array(values: Any, label: str) -> FloatArray:
    try:
        arr = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{label} must be a list of numbers") from None
    if arr.ndim != 1:
        raise ValueError(f"{label} must be a flat list of numbers, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{label} must be finite numbers (no nan or infinity)")
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class Dots:
    """Dots ``(x_i, y_i)`` and the sums that make every step of a line fit O(1).

    ValueError unless ``x`` and ``y`` are flat lists of finite numbers of the same length,
    at least 2, with ``x`` not all equal (a vertical line has no slope ``w``).
    """

    x: FloatArray
    y: FloatArray
    n: int = field(init=False)
    mean_x: float = field(init=False)
    mean_y: float = field(init=False)
    sxx: float = field(init=False)
    sxy: float = field(init=False)
    syy: float = field(init=False)
    residual: float = field(init=False)

    def __init__(self, x: Sequence[float] | FloatArray, y: Sequence[float] | FloatArray) -> None:
        xs = _as_array(x, "x")
        ys = _as_array(y, "y")
        if xs.size != ys.size:
            raise ValueError(f"x and y must have the same length, got {xs.size} and {ys.size}")
        if xs.size < 2:
            raise ValueError(f"a line needs at least 2 dots, got {xs.size}")
        with np.errstate(over="ignore", invalid="ignore"):
            mx, my = float(np.mean(xs)), float(np.mean(ys))
            xc, yc = xs - mx, ys - my
            sxx, sxy, syy = float(xc @ xc), float(xc @ yc), float(yc @ yc)
        if not all(math.isfinite(v) for v in (mx, my, sxx, sxy, syy)):
            raise ValueError("the dots are too large to square; scale them down")
        if bool(np.all(xs == xs[0])):
            raise ValueError("the x values are all equal: no line y = w x + b fits a vertical row")
        if sxx == 0.0 or not math.isfinite(sxy / sxx):
            raise ValueError("the x values are too close together to fit a line; spread them out")
        resid = yc - (sxy / sxx) * xc
        values = {
            "x": xs,
            "y": ys,
            "n": int(xs.size),
            "mean_x": mx,
            "mean_y": my,
            "sxx": sxx,
            "sxy": sxy,
            "syy": syy,
            "residual": float(resid @ resid),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    # The mean squared error, its gradient and its Hessian: written here once, used by the
    # line's 2-D landscape and the slope's 1-D hill alike.
    def loss(self, w: float, b: float) -> float:
        """Mean squared error of the line ``y = w x + b`` (closed form, O(1)).

        ``L = Sxx/n (w - w*)^2 + R/n + c^2`` with ``c = w mx + b - my``.
        """
        dw = w - self.sxy / self.sxx
        c = w * self.mean_x + b - self.mean_y
        return (self.sxx * dw * dw + self.residual) / self.n + c * c

    def grad(self, w: float, b: float) -> tuple[float, float]:
        """``(dL/dw, dL/db)`` of the mean squared error (closed form, O(1)).

        ``dL/dw = 2 Sxx/n (w - w*) + 2 c mx``, ``dL/db = 2 c``.
        """
        c = w * self.mean_x + b - self.mean_y
        return 2.0 * self.sxx / self.n * (w - self.sxy / self.sxx) + 2.0 * c * self.mean_x, 2.0 * c

    def hessian(self, w: float, b: float) -> tuple[float, float, float]:
        """``(L_ww, L_wb, L_bb) = (2 (Sxx/n + mx^2), 2 mx, 2)``: the same everywhere."""
        mx = self.mean_x
        return 2.0 * (self.sxx / self.n + mx * mx), 2.0 * mx, 2.0

    def landscape(self, include: tuple[float, float] | None = None) -> Surface2D:
        """The mean squared error as a 2-D landscape over ``(w, b)``; see :func:`line_landscape`."""
        return line_landscape(self, include)


class BestLine(NamedTuple):
    """The least-squares line ``y = w x + b`` and its mean squared error."""

    w: float
    b: float
    loss: float


def least_squares(dots: Dots) -> BestLine:
    """The closed-form best line: ``w* = Sxy/Sxx``, ``b* = my - w* mx``, loss ``R/n``."""
    w = dots.sxy / dots.sxx
    return BestLine(w, dots.mean_y - w * dots.mean_x, dots.residual / dots.n)


class StepSizes(NamedTuple):
    """How bold plain descent's steps can be on one set of dots: the line's regimes.

    The mean squared error is an exact bowl in ``(w, b)``: its Hessian is the same everywhere,
    with a steepest curvature ``steep`` (``L``) and a gentlest ``gentle`` (``mu``). As on any
    bowl, a step of ``1/L`` (``one_jump``) walks the steep way in one step and anything above
    ``2/L`` (``fly_off``) flies off; the gentle way shrinks by ``1 - eta*mu`` per step, so a
    step under ``crawl_below`` runs out of ``max_steps`` before it settles. ``suggested`` is
    ``1/L`` rounded down to two significant digits (it walks straight in, without zig-zag),
    and ``steps_needed`` is about how many steps it takes from the start to settle.
    """

    steep: float
    gentle: float
    one_jump: float
    fly_off: float
    crawl_below: float
    suggested: float
    steps_needed: int


def _round_down(value: float, digits: int = 2) -> float:
    """``value`` rounded down to ``digits`` significant digits (0.0093 from 0.00937)."""
    scale = 10.0 ** (math.floor(math.log10(value)) - digits + 1)
    return float(f"{math.floor(value / scale * (1 + 1e-12)) * scale:.{digits}g}")


def step_sizes(
    dots: Dots,
    start: tuple[float, float] = (0.0, 0.0),
    max_steps: int = 300,
    grad_tol: float = 1e-6,
    step_tol: float = 1e-6,
) -> StepSizes:
    """The step-size regimes of plain descent for ``dots``, walked from ``start``.

    The Hessian ``[[a, m], [m, c]]`` (see :meth:`Dots.hessian`) has the eigenvalues
    ``L, mu = (a + c)/2 +- sqrt(((a - c)/2)^2 + m^2)`` (``mu = (ac - m^2) / L``, computed so).
    Along each eigenvector the distance to the floor shrinks by ``1 - eta*lambda`` per step,
    so the tilt after ``k`` steps is known exactly; the walk settles (as the engine says it
    does) at the first step whose tilt is within ``grad_tol`` and whose move was within
    ``step_tol``. ``steps_needed`` is that step for ``suggested`` (counted up to
    ``10 * max_steps``, estimated beyond); ``crawl_below`` is the step size whose gentle way
    needs exactly ``max_steps``.
    """
    a, m, c = dots.hessian(0.0, 0.0)
    steep = (a + c) / 2.0 + math.hypot((a - c) / 2.0, m)
    gentle = (a * c - m * m) / steep
    best = least_squares(dots)
    ew, eb = start[0] - best.w, start[1] - best.b
    # The steep way's direction (an eigenvector of the Hessian for L), and the gentle one's.
    vx, vy = (m, steep - a) if abs(m) > 1e-300 else ((1.0, 0.0) if a >= c else (0.0, 1.0))
    norm = math.hypot(vx, vy)
    vx, vy = vx / norm, vy / norm
    tilts = (steep * abs(vx * ew + vy * eb), gentle * abs(-vy * ew + vx * eb))
    suggested = _round_down(1.0 / steep)
    needed = _steps_to_settle(tilts, (steep, gentle), suggested, grad_tol, step_tol, 10 * max_steps)
    ratio = tilts[1] / grad_tol
    crawl = -math.expm1(-math.log(ratio) / max_steps) / gentle if ratio > 1.0 else 0.0
    return StepSizes(
        steep=steep,
        gentle=gentle,
        one_jump=1.0 / steep,
        fly_off=2.0 / steep,
        crawl_below=crawl,
        suggested=suggested,
        steps_needed=needed,
    )


def _steps_to_settle(
    tilts: tuple[float, float],
    curvatures: tuple[float, float],
    rate: float,
    grad_tol: float,
    step_tol: float,
    most: int,
) -> int:
    """The first step after which the tilt is within ``grad_tol`` and the step just taken
    within ``step_tol``, for tilts that shrink by ``1 - rate*curvature`` each step (exact up
    to ``most`` steps; beyond, the gentle way's estimate). With ``rate <= 1/L`` every factor
    lies in [0, 1), so the tilt only shrinks and the first such step is found by bisection."""
    shrink = [1.0 - rate * k for k in curvatures]

    def tilt(k: int) -> float:
        return math.hypot(*(t * abs(r) ** k for t, r in zip(tilts, shrink, strict=True)))

    def settled(k: int) -> bool:
        return tilt(k) <= grad_tol and rate * tilt(k - 1) <= step_tol

    if settled(most):
        return bisect.bisect_left(range(1, most + 1), True, key=settled) + 1
    slowest = max(abs(r) for r in shrink)
    if slowest >= 1.0:
        return 2**31 - 1
    return math.ceil(math.log(max(tilts) / grad_tol) / -math.log(slowest))


def _scales(d: Dots) -> tuple[float, float]:
    """Typical sizes of the slope and the intercept, from the spread of the data."""
    sx = math.sqrt(d.sxx / d.n)
    y_size = max(math.sqrt(d.syy / d.n), abs(d.mean_y), 1e-12 * sx) or 1.0
    top = least_squares(d)
    w_size = abs(top.w) + y_size / sx
    b_size = abs(top.b) + y_size + w_size * abs(d.mean_x)
    return w_size, b_size


def _domain(
    centre: Sequence[float], sizes: Sequence[float], include: Sequence[float] | None
) -> tuple[tuple[float, float], ...]:
    pairs = []
    for i, (c, s) in enumerate(zip(centre, sizes, strict=True)):
        reach = DOMAIN_SPAN * s
        if include is not None:
            reach = max(reach, 2.0 * abs(float(include[i]) - c))
        pairs.append((c - reach, c + reach))
    return tuple(pairs)


def line_landscape(dots: Dots, include: tuple[float, float] | None = None) -> Surface2D:
    """The mean squared error as a 2-D landscape over ``(w, b)`` (``x`` is w, ``y`` is b).

    The domain reaches :data:`DOMAIN_SPAN` times the data's own slope and intercept scales
    beyond the best line on every side (and twice as far as ``include``, if given, so a
    start there lies well inside): a fit only counts as flying off when it truly diverges.
    """
    top = least_squares(dots)
    return Surface2D(
        name="line",
        title="How far the line misses",
        formula="mean of (w*x + b - y)^2",
        domain=_domain((top.w, top.b), _scales(dots), include),
        start=(0.0, 0.0),
        loss_fn=dots.loss,
        grad_fn=dots.grad,
        hessian_fn=dots.hessian,
        known_minima=((top.w, top.b),),
    )


def slope_hill(dots: Dots, b: float = 0.0) -> Hill1D:
    """The mean squared error as a 1-D hill in the slope ``w``, with the intercept held at ``b``.

    The bridge between the line and the ball: ``L(w) = mean((w x + b - y)^2)``, a bowl of
    curvature ``2 mean(x^2)`` with its floor at ``w_b = sum x (y - b) / sum x^2``, so plain
    descent on the slope flies off for learning rates above ``1 / mean(x^2)``.
    """
    if not math.isfinite(b):
        raise ValueError(f"the intercept b must be finite, got {b!r}")
    d = dots
    floor = (d.sxy + d.n * d.mean_x * (d.mean_y - b)) / (d.sxx + d.n * d.mean_x * d.mean_x)
    w_size, _ = _scales(d)
    return Hill1D(
        name="slope",
        title="How far the line misses, as its slope turns",
        formula=f"mean of (w*x + {b:g} - y)^2",
        domain=_domain((floor,), (w_size + abs(floor),), (0.0,)),
        start=0.0,
        loss_fn=lambda w: d.loss(w, b),
        grad_fn=lambda w: d.grad(w, b)[0],
        curvature_fn=lambda w: d.hessian(w, b)[0],
        known_minima=(floor,),
    )


def fit(
    dots: Dots,
    w: float = 0.0,
    b: float = 0.0,
    learning_rate: float | None = None,
    max_steps: int = 300,
    optimizer: Optimizer | None = None,
    step_tol: float = 1e-6,
    grad_tol: float = 1e-6,
) -> Trajectory:
    """Walk the line ``y = w x + b`` downhill on its mean squared error, from ``(w, b)``.

    Exactly one of ``learning_rate`` (plain gradient descent) and ``optimizer``. The
    trajectory's positions are ``(w, b)`` pairs, shape (n+1, 2). This is
    :func:`~foghill.engine.descent.descend` on :func:`line_landscape`; each step is O(1).
    """
    for label, v in (("w", w), ("b", b)):
        if not math.isfinite(v):
            raise ValueError(f"the starting {label} must be finite, got {v!r}")
    land = line_landscape(dots, include=(w, b))
    return descend(
        land,
        (w, b),
        learning_rate=learning_rate,
        optimizer=optimizer,
        max_steps=max_steps,
        step_tol=step_tol,
        grad_tol=grad_tol,
    )


class Starting(NamedTuple):
    """Settings a walk on someone's own dots can start from (see :func:`starting_settings`)."""

    x_from: float
    learning_rate: float
    max_steps: int


def _nice_middle(xs: FloatArray) -> float:
    """The dots' middle x, rounded to the size of their spread (4 for 1..8, 2010 for years)."""
    mid, spread = float(np.mean(xs)), float(np.std(xs))
    unit = 10.0 ** math.floor(math.log10(spread))
    return float(f"{round(mid / unit) * unit:.12g}")


def starting_settings(
    x: Sequence[float] | FloatArray,
    y: Sequence[float] | FloatArray,
    *,
    x_from: float | None = None,
    start: tuple[float, float] = (0.0, 0.0),
    least_steps: int = 300,
    most_steps: int = 5000,
) -> Starting:
    """Where to count x from, a step size and a step budget with which plain descent settles.

    - ``x_from`` (unless given): 0 when a walk counted from there settles within
      ``least_steps``, else the dots' rounded middle. Counted from far away, the slope and
      the height pull against each other (the bowl is a long thin trough: for years as x it
      is 400 million times steeper one way than the other) and no step settles in a
      lifetime; counted from the middle the two walk independently.
    - ``learning_rate``: :attr:`StepSizes.suggested` for those dots.
    - ``max_steps``: a fifth more than :attr:`StepSizes.steps_needed`, rounded up to a
      hundred, within ``[least_steps, most_steps]``.
    """
    xs = _as_array(x, "x")
    if x_from is None:
        from_zero = step_sizes(Dots(xs, y), start, least_steps)
        x_from = 0.0 if from_zero.steps_needed <= least_steps else _nice_middle(xs)
    sizes = step_sizes(Dots(xs - x_from, y), start, most_steps)
    budget = math.ceil(sizes.steps_needed * 1.2 / 100.0) * 100
    return Starting(x_from, sizes.suggested, min(most_steps, max(least_steps, budget)))


def own_dots_settings(
    x: Sequence[float] | FloatArray,
    y: Sequence[float] | FloatArray,
    given: dict[str, Any],
    least_steps: int = 300,
    most_steps: int = 5000,
) -> dict[str, Any]:
    """The settings to fill in for someone's own dots, given the ones they chose (keys
    ``w``, ``b``, ``learning_rate``, ``optimizer``, ``x_from``, ``max_steps``): a step size
    and a step budget that settle (unless they chose the step or the optimizer), and ``x_from``
    by :func:`starting_settings` when they chose none of the line, the step or the optimizer
    (else 0, so their numbers mean what they wrote). Dots that cannot be fitted: nothing."""
    chose = {"w", "b", "learning_rate", "optimizer"} & given.keys()
    try:
        start = starting_settings(
            x,
            y,
            x_from=given.get("x_from", 0.0 if chose else None),
            start=(float(given.get("w", 0.0)), float(given.get("b", 0.0))),
            least_steps=int(given.get("max_steps", least_steps)),
            most_steps=most_steps,
        )
    except ValueError:
        return {}
    filled: dict[str, Any] = {} if "x_from" in given else {"x_from": start.x_from or None}
    if given.get("optimizer", "gd") == "gd" and "learning_rate" not in given:
        filled["learning_rate"] = start.learning_rate
        if "max_steps" not in given:
            filled["max_steps"] = start.max_steps
    return filled
