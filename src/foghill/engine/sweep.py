"""A step-size sweep: the same walk at many learning rates, and how each one ended.

In plain words: drop the ball at one spot again and again, each time with a bolder step, and
note how each walk ends: too timid and it is still crawling when the steps run out, about
right and it settles, bolder and it zig-zags in, too bold and it flies off.

Every rate's numbers are those of :func:`~foghill.engine.descent.descend` at that rate.
Plain gradient descent on a 1-D hill whose derivative takes numpy arrays is run for all the
rates at once (one array operation per step for the whole sweep), with the same per-step
rule as ``descend``: same position updates, same stopping and outcome rules.

The two marks for the reader: ``one_jump = 1/L`` and ``fly_off = 2/L``, where ``L`` is the
bend at the valley floor the start drains into (1-D: ``f''``, from
:mod:`foghill.engine.regimes`; 2-D: the largest eigenvalue of the Hessian where the best
run settled, or at the deepest minimum when none did). They are what a bowl of that bend
would do under plain descent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from foghill.engine import hills, optimizers, regimes
from foghill.engine.descent import FloatArray, Outcome, descend
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import UNDEFINED, Landscape

#: The settle tolerances of :func:`descend` (its defaults), used by the vectorized path too.
STEP_TOL = 1e-6
GRAD_TOL = 1e-6


@dataclass(frozen=True)
class Sweep:
    """Per rate (ascending): the final loss (None after flying off), the steps taken, the
    step at which it settled (None: never) and the outcome; the bowl marks at the valley
    (None when there is none) and the rate that settled in the fewest steps."""

    rates: tuple[float, ...]
    final_loss: tuple[float | None, ...]
    steps: tuple[int, ...]
    settled_at: tuple[int | None, ...]
    outcomes: tuple[Outcome, ...]
    one_jump: float | None
    fly_off: float | None
    best_rate: float | None


def log_rates(low: float, high: float, count: int) -> FloatArray:
    """``count`` rates spaced evenly on a log scale from ``low`` to ``high`` (both kept)."""
    if not (0 < low < high and math.isfinite(high)):
        raise ValueError(
            f"the rates must run from a smaller to a larger number above 0 (got {low:g}, {high:g})"
        )
    if count < 2:
        raise ValueError(f"a sweep needs at least 2 rates, got {count}")
    rates = np.geomspace(low, high, count)
    rates[0], rates[-1] = low, high
    return rates


def sweep(
    landscape: Landscape,
    start: float | Sequence[float] | FloatArray,
    rates: Sequence[float] | FloatArray,
    optimizer: str = "gd",
    max_steps: int = 500,
) -> Sweep:
    """The walk from ``start`` at every rate in ``rates`` (ValueError as :func:`descend`)."""
    rate_list = [float(r) for r in rates]
    if optimizer == "gd" and isinstance(landscape, Hill1D):
        fast = _gd_1d_all(
            landscape, float(np.asarray(start, dtype=float).reshape(())), rate_list, max_steps
        )
    else:
        fast = None
    if fast is None:
        runs = [
            descend(
                landscape, start, optimizer=optimizers.by_name(optimizer, r), max_steps=max_steps
            )
            for r in rate_list
        ]
        final = [None if t.outcome == "flew-off" else float(t.losses[-1]) for t in runs]
        steps = [t.n_steps for t in runs]
        settled_at = [t.n_steps if t.settled else None for t in runs]
        outcomes: list[Outcome] = [t.outcome for t in runs]
        best = _best(rate_list, settled_at)
        reached = runs[rate_list.index(best)].final if best is not None else None
    else:
        final, steps, settled_at, outcomes = fast
        best = _best(rate_list, settled_at)
        reached = None
    one_jump, fly_off = _marks(landscape, start, max_steps, reached)
    return Sweep(
        rates=tuple(rate_list),
        final_loss=tuple(final),
        steps=tuple(steps),
        settled_at=tuple(settled_at),
        outcomes=tuple(outcomes),
        one_jump=one_jump,
        fly_off=fly_off,
        best_rate=best,
    )


def _best(rates: list[float], settled_at: Sequence[int | None]) -> float | None:
    """The rate that settled in the fewest steps (the smallest such rate on a tie)."""
    done = [(n, r) for r, n in zip(rates, settled_at, strict=True) if n is not None]
    return min(done)[1] if done else None


def _marks(
    landscape: Landscape,
    start: float | Sequence[float] | FloatArray,
    max_steps: int,
    reached: float | tuple[float, float] | None,
) -> tuple[float | None, float | None]:
    if isinstance(landscape, Hill1D):
        try:
            r = regimes.at_valley(
                landscape, float(np.asarray(start).reshape(())), max_steps=max_steps
            )
        except ValueError:
            return None, None
        return float(r.one_jump), float(r.fly_off)
    if reached is None:  # no run settled: the deepest valley's bend
        try:
            reached = landscape.deepest
        except ValueError:
            return None, None
    hessian = np.asarray(landscape.curvature(reached), dtype=float)
    if not np.all(np.isfinite(hessian)):
        return None, None
    bend = float(np.linalg.eigvalsh(hessian).max())
    if not (bend > 0 and math.isfinite(1 / bend)):
        return None, None
    return 1.0 / bend, 2.0 / bend


def _gd_1d_all(
    hill: Hill1D, x0: float, rates: list[float], max_steps: int
) -> tuple[list[float | None], list[int], list[int | None], list[Outcome]] | None:
    """Plain descent at every rate at once, or None when the hill's functions do not take
    numpy arrays (the caller then walks rate by rate). Same rules as ``descend``'s 1-D loop:
    a step off the domain or to a non-finite loss or tilt flies off (that position is not
    kept); a step with ``|step| <= STEP_TOL`` landing where ``|grad| <= GRAD_TOL`` settles."""
    descend(hill, x0, learning_rate=rates[0], max_steps=1)  # refuses a bad start as descend does
    # A built-in hill's array twins; any other hill's own functions are tried on arrays
    # (those written with math functions refuse them: then None).
    f, df = hills.array_functions(hill) or (cast(Any, hill.loss_fn), cast(Any, hill.grad_fn))
    (lo, hi) = hill.domain[0]
    lr = np.asarray(rates, dtype=float)
    n = lr.size
    x = np.full(n, x0)
    try:
        with np.errstate(all="ignore"):
            g = np.asarray(df(x), dtype=float)
            loss = np.asarray(f(x), dtype=float)
    except UNDEFINED:
        return None
    if g.shape != (n,) or loss.shape != (n,):
        return None
    alive = np.ones(n, dtype=bool)  # still walking
    flew = np.zeros(n, dtype=bool)
    settled = np.zeros(n, dtype=bool)
    steps = np.zeros(n, dtype=int)
    flips = np.zeros(n, dtype=int)
    prev = np.zeros(n)
    with np.errstate(all="ignore"):
        for _ in range(max_steps):
            idx = np.flatnonzero(alive)
            if idx.size == 0:
                break
            step = -lr[idx] * g[idx]
            xn = x[idx] + step
            inside = (xn >= lo) & (xn <= hi)
            ln = np.asarray(f(xn), dtype=float)
            gn = np.asarray(df(xn), dtype=float)
            ok = inside & np.isfinite(ln) & np.isfinite(gn)
            off = idx[~ok]
            flew[off] = True
            alive[off] = False
            moved = idx[ok]
            step, xn, ln, gn = step[ok], xn[ok], ln[ok], gn[ok]
            x[moved], loss[moved], g[moved] = xn, ln, gn
            steps[moved] += 1
            flips[moved] += (step * prev[moved] < 0.0).astype(int)
            prev[moved] = step
            done = (np.abs(step) <= STEP_TOL) & (np.abs(gn) <= GRAD_TOL)
            settled[moved[done]] = True
            alive[moved[done]] = False
    outcomes: list[Outcome] = []
    for k in range(n):
        if flew[k]:
            outcomes.append("flew-off")
        elif flips[k] > 0 and 2 * flips[k] >= steps[k]:
            outcomes.append("zigzag")
        else:
            outcomes.append("settled" if settled[k] else "crawling")
    final = [None if flew[k] else float(loss[k]) for k in range(n)]
    settled_at = [int(steps[k]) if settled[k] else None for k in range(n)]
    # The step that flew off was taken too (descend counts it): n stored steps + 1.
    return final, [int(s) + int(f) for s, f in zip(steps, flew, strict=True)], settled_at, outcomes
