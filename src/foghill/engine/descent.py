"""The walk downhill: feel the tilt, step, repeat; and a name for how it went.

In plain words: your next guess is your current guess minus a small step in the downhill
direction, again and again, until the ground is level or the steps run out. In symbols, for
plain gradient descent ``theta_{k+1} = theta_k - eta * grad L(theta_k)``; in general
``theta_{k+1} = theta_k + step_k`` with ``(step_k, state) = update(grad L(theta_k), state)``.

How it went (``Trajectory.outcome``), checked in this order:

- ``flew-off``: a step left the domain or produced a non-finite number. That position is
  not stored; every stored position is finite and inside the domain. The step was taken all
  the same, so it counts in ``n_steps``: a walk that flies off on its first step took 1.
- ``zigzag``: consecutive steps point in opposite directions (1-D: opposite signs; 2-D: a
  negative dot product) on at least half of the steps, settled or not.
- ``settled``: after a step, ``|step| <= step_tol`` and ``|grad| <= grad_tol`` at the new
  position; the walk stops there.
- ``crawling``: the step budget ran out first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import UNDEFINED, Landscape
from foghill.engine.optimizers import Optimizer, gd
from foghill.engine.surface2d import Surface2D

Outcome = Literal["settled", "crawling", "zigzag", "flew-off"]
OUTCOMES: tuple[Outcome, ...] = ("crawling", "settled", "zigzag", "flew-off")

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Every step of one descent, frozen.

    ``positions``: (n+1,) in 1-D or (n+1, 2) in 2-D, the start first. ``losses``: (n+1,).
    ``gradients``: same shape as ``positions``. ``steps``: ``diff(positions)``, (n,) or (n, 2).
    ``outcome``: "settled" | "crawling" | "zigzag" | "flew-off". ``settled``: the tolerances
    were met. ``learning_rate`` and ``optimizer`` (its name) say how it walked; ``n_steps``
    is how many steps it took: n, or n + 1 when it flew off (the step that left is taken
    but not stored). The arrays are read-only.
    """

    positions: FloatArray
    losses: FloatArray
    gradients: FloatArray
    steps: FloatArray
    outcome: Outcome
    settled: bool
    learning_rate: float
    optimizer: str
    n_steps: int

    @property
    def final(self) -> float | tuple[float, float]:
        """The last stored position."""
        last = self.positions[-1]
        if self.positions.ndim == 1:
            return float(last)
        return float(last[0]), float(last[1])


def _frozen(values: Any) -> FloatArray:
    arr = np.array(values, dtype=float)
    arr.setflags(write=False)
    return arr


def _outcome(flew: bool, flips: int, n_steps: int, settled: bool) -> Outcome:
    if flew:
        return "flew-off"
    if flips > 0 and 2 * flips >= n_steps:
        return "zigzag"
    return "settled" if settled else "crawling"


def _check_args(
    landscape: Landscape,
    start: float | Sequence[float] | FloatArray,
    learning_rate: float | None,
    optimizer: Optimizer | None,
    max_steps: int,
    step_tol: float,
    grad_tol: float,
) -> Optimizer:
    if (learning_rate is None) == (optimizer is None):
        raise ValueError("give exactly one of learning_rate or optimizer")
    if isinstance(max_steps, bool) or not isinstance(max_steps, int | np.integer):
        raise ValueError(f"max_steps must be a whole number, got {max_steps!r}")
    if max_steps < 1:
        raise ValueError(f"max_steps must be at least 1, got {max_steps}")
    for label, tol in (("step_tol", step_tol), ("grad_tol", grad_tol)):
        if not (math.isfinite(tol) and tol >= 0.0):
            raise ValueError(f"{label} must be a finite number >= 0, got {tol!r}")
    arr = np.asarray(start, dtype=float)
    want = () if landscape.dims == 1 else (2,)
    if arr.shape != want and not (landscape.dims == 1 and arr.shape == (1,)):
        kind = "one number" if landscape.dims == 1 else "a point (x, y)"
        raise ValueError(f"the start on a {landscape.dims}-D landscape is {kind}, got {start!r}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"the start must be finite, got {start!r}")
    if not landscape.contains(arr):
        raise ValueError(f"the start {start!r} lies outside the domain {_show(landscape.domain)}")
    if optimizer is None:
        assert learning_rate is not None
        return gd(learning_rate)  # validates the rate
    if not isinstance(optimizer, Optimizer):
        raise ValueError(f"optimizer must come from foghill.optimizers, got {optimizer!r}")
    return optimizer


def _show(domain: tuple[tuple[float, float], ...]) -> str:
    return " x ".join(f"[{lo:g}, {hi:g}]" for lo, hi in domain)


def descend(
    landscape: Landscape,
    start: float | Sequence[float] | FloatArray,
    learning_rate: float | None = None,
    optimizer: Optimizer | None = None,
    max_steps: int = 1000,
    step_tol: float = 1e-6,
    grad_tol: float = 1e-6,
) -> Trajectory:
    """Walk downhill on ``landscape`` from ``start``; give exactly one of the two step rules.

    ``learning_rate`` means plain gradient descent, ``step = -learning_rate * grad``;
    ``optimizer`` is any rule from :mod:`foghill.engine.optimizers`. At most ``max_steps``
    steps; see the module docstring for the outcome. Deterministic: the same call gives the
    same arrays. ValueError for a start that is not finite or lies outside the domain, a
    learning rate that is not a finite number above 0, or ``max_steps < 1``.
    """
    opt = _check_args(landscape, start, learning_rate, optimizer, max_steps, step_tol, grad_tol)
    if isinstance(landscape, Hill1D):
        x = float(np.asarray(start, dtype=float).reshape(()))
        return _descend_1d(landscape, x, opt, max_steps, step_tol, grad_tol)
    if isinstance(landscape, Surface2D):
        p = np.asarray(start, dtype=float).copy()
        return _descend_2d(landscape, p, opt, max_steps, step_tol, grad_tol)
    raise ValueError(f"descend() walks a Hill1D or a Surface2D, not {type(landscape).__name__}")


def _descend_1d(
    ls: Hill1D, x: float, opt: Optimizer, max_steps: int, step_tol: float, grad_tol: float
) -> Trajectory:
    f, df = ls.loss_fn, ls.grad_fn
    (lo, hi) = ls.domain[0]
    isfinite = math.isfinite
    update: Callable[[float, Any], tuple[float, Any]] = opt.update  # type: ignore[assignment]
    try:
        loss, g = float(f(x)), float(df(x))
    except UNDEFINED:
        raise ValueError(f"the loss has no finite value at the start x = {x:g}") from None
    if not (isfinite(loss) and isfinite(g)):
        raise ValueError(f"the loss has no finite value at the start x = {x:g}")
    xs, ls_, gs = [x], [loss], [g]
    state = opt.init(x)
    flew = settled = False
    flips = 0
    prev = 0.0
    for _ in range(max_steps):
        try:
            step, state = update(g, state)
            xn = x + step
            if not lo <= xn <= hi:  # also catches nan
                flew = True
                break
            loss, g = f(xn), df(xn)
            if not (isfinite(loss) and isfinite(g)):
                flew = True
                break
        except UNDEFINED:
            flew = True
            break
        x = xn
        xs.append(x)
        ls_.append(loss)
        gs.append(g)
        if step * prev < 0.0:
            flips += 1
        prev = step
        if abs(step) <= step_tol and abs(g) <= grad_tol:
            settled = True
            break
    positions = _frozen(xs)
    n = len(xs) - 1
    return Trajectory(
        positions,
        _frozen(ls_),
        _frozen(gs),
        _frozen(np.diff(positions)),
        _outcome(flew, flips, n, settled),
        settled,
        opt.learning_rate,
        opt.name,
        n + flew,
    )


def _descend_2d(
    ls: Surface2D,
    p: FloatArray,
    opt: Optimizer,
    max_steps: int,
    step_tol: float,
    grad_tol: float,
) -> Trajectory:
    f, df = ls.loss_fn, ls.grad_fn
    (xlo, xhi), (ylo, yhi) = ls.domain
    isfinite, hypot = math.isfinite, math.hypot
    # The rule on plain floats (opt.pair): the same arithmetic as on a (2,) array, without
    # numpy's per-call cost on tiny arrays, which was most of a 2-D walk's time.
    pair = opt.pair
    x, y = float(p[0]), float(p[1])
    try:
        loss = float(f(x, y))
        gx, gy = (float(v) for v in df(x, y))
    except UNDEFINED:
        raise ValueError(f"the loss has no finite value at the start ({x:g}, {y:g})") from None
    if not (isfinite(loss) and isfinite(gx) and isfinite(gy)):
        raise ValueError(f"the loss has no finite value at the start ({x:g}, {y:g})")
    ps, ls_, gs = [(x, y)], [loss], [(gx, gy)]
    state = opt.pair_init()
    keep_p, keep_l, keep_g = ps.append, ls_.append, gs.append
    flew = settled = False
    flips = 0
    px = py = 0.0
    for _ in range(max_steps):
        try:
            sx, sy, state = pair(gx, gy, state)
            xn, yn = x + sx, y + sy
            if not (xlo <= xn <= xhi and ylo <= yn <= yhi):
                flew = True
                break
            loss = f(xn, yn)
            gx, gy = df(xn, yn)
            if not (isfinite(loss) and isfinite(gx) and isfinite(gy)):
                flew = True
                break
        except UNDEFINED:
            flew = True
            break
        x, y = xn, yn
        keep_p((x, y))
        keep_l(loss)
        keep_g((gx, gy))
        if sx * px + sy * py < 0.0:
            flips += 1
        px, py = sx, sy
        # hypot(a, b) >= max(|a|, |b|): the cheap test first, hypot only when it may pass.
        if (
            abs(sx) <= step_tol
            and abs(sy) <= step_tol
            and hypot(sx, sy) <= step_tol
            and hypot(gx, gy) <= grad_tol
        ):
            settled = True
            break
    positions = _frozen(ps)
    n = len(ps) - 1
    return Trajectory(
        positions,
        _frozen(ls_),
        _frozen(gs),
        _frozen(np.diff(positions, axis=0)),
        _outcome(flew, flips, n, settled),
        settled,
        opt.learning_rate,
        opt.name,
        n + flew,
    )
