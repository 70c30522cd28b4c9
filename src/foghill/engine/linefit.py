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
