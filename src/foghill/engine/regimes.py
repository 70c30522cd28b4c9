"""Step-size regimes: how bold a step can be, read off the bend of the valley floor.

In plain words: near the bottom every valley looks like a bowl. On a bowl, plain gradient
descent with a small step creeps, a medium step walks straight in, a step past one jump
overshoots and bounces from side to side, and a step past twice that bounces higher each time
until the ball flies off.

In symbols: on a bowl ``f(x) = L/2 (x - v)^2`` of curvature ``L``, one step of plain descent
multiplies the distance to the floor by ``(1 - eta*L)``:

- ``eta = 1/L`` (``one_jump``): one step lands exactly on the floor.
- ``1/L < eta < 2/L``: ``1 - eta*L`` is negative, so the steps alternate sides (zigzag) yet
  shrink.
- ``eta > 2/L`` (``fly_off``): ``|1 - eta*L| > 1``, so every bounce is higher: it flies off.
- ``eta < crawl_below``: after ``N = max_steps`` steps the distance ``d0 (1 - eta*L)^N`` is
  still above the settle tolerance ``grad_tol / L`` (where the bowl's tilt ``L*d`` falls to
  ``grad_tol``), so the step budget runs out first: ``crawl_below = (1 - (tol/d0)^(1/N)) / L``.
  ``d0`` is the reach of the valley's basin: the farthest a start that drains into this valley
  can be from its floor (to the neighbouring ridge or the edge of the domain), so the
  thresholds belong to the valley, not to one start.

Real valleys are bowls only near their floor; :func:`classify` runs the descent too and says
when the run and the bowl picture disagree.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from foghill.engine.descent import Outcome, descend
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape


class Regimes(NamedTuple):
    """The step-size thresholds of one valley (1-D).

    ``valley``: the floor's x; ``curvature``: ``L = f''(valley)``; ``crawl_below``: rates
    under this crawl (see the module docstring); ``one_jump``: ``1/L``; ``fly_off``: ``2/L``.
    """

    valley: float
    curvature: float
    crawl_below: float
    one_jump: float
    fly_off: float


class Classification(NamedTuple):
    """A learning rate judged twice: by the bowl thresholds and by running the descent."""

    by_bounds: Outcome
    by_run: Outcome
    agree: bool
    note: str


def _reach(landscape: Hill1D, valley: float) -> float:
    """How far from ``valley`` a start that drains into it can be (ridge or domain edge)."""
    (lo, hi) = landscape.domain[0]
    left = max((r for r in landscape.maxima if r < valley), default=lo)
    right = min((r for r in landscape.maxima if r > valley), default=hi)
    return max(valley - left, right - valley)


def at_valley(
    landscape: Landscape,
    start: float | None = None,
    max_steps: int = 200,
    grad_tol: float = 1e-6,
) -> Regimes:
    """The regimes of the valley that ``start`` drains into (the deepest when None).

    ValueError when the landscape is not 1-D, has no valley there (downhill from ``start``
    runs off the domain, or there is no valley at all), or the floor has no positive
    curvature (a kink like ``abs(x)`` or a flat floor: the bowl picture gives no thresholds),
    or a curvature so small that ``1/L`` and ``2/L`` are not finite numbers.
    """
    if not isinstance(landscape, Hill1D):
        raise ValueError("step-size regimes are worked out for 1-D hills only")
    if max_steps < 1:
        raise ValueError(f"max_steps must be at least 1, got {max_steps}")
    if not (math.isfinite(grad_tol) and grad_tol > 0.0):
        raise ValueError(f"grad_tol must be a finite number above 0, got {grad_tol!r}")
    if start is None:
        deepest = landscape.deepest
        assert isinstance(deepest, float)
        valley = deepest
    else:
        valley = landscape.basin(start)
    curvature = landscape.curvature(valley)
    if not (math.isfinite(curvature) and curvature > 0.0):
        raise ValueError(
            f"the valley at x = {valley:.4g} has no positive curvature there "
            f"(f'' = {curvature:.3g}), so the bowl picture gives no step-size thresholds"
        )
    one_jump, fly_off = 1.0 / curvature, 2.0 / curvature
    tol = grad_tol / curvature
    if not (math.isfinite(fly_off) and math.isfinite(tol)):
        raise ValueError(
            f"the valley at x = {valley:.4g} is so flat (f'' = {curvature:.3g}) that its "
            "step-size thresholds are too large to be written as numbers"
        )
    d0 = _reach(landscape, valley)
    # (1 - eta*L)^N <= tol/d0  <=>  eta >= (1 - (tol/d0)^(1/N)) / L
    crawl = 0.0 if d0 <= tol else -math.expm1(math.log(tol / d0) / max_steps) / curvature
    if not (math.isfinite(crawl) and crawl > 0.0) and d0 > tol:
        raise ValueError(
            f"the valley at x = {valley:.4g} is so flat (f'' = {curvature:.3g}) that its "
            "step-size thresholds cannot be worked out as numbers"
        )
    return Regimes(valley, curvature, crawl, one_jump, fly_off)


def classify_by_bounds(rate: float, regimes: Regimes) -> Outcome:
    """The outcome the bowl picture predicts for plain descent at ``rate``.

    ``rate < crawl_below``: crawling; ``<= one_jump``: settled; ``<= fly_off``: zigzag (at
    exactly ``2/L`` a bowl bounces forever between two points); above: flew-off.
    """
    if rate < regimes.crawl_below:
        return "crawling"
    if rate <= regimes.one_jump:
        return "settled"
    if rate <= regimes.fly_off:
        return "zigzag"
    return "flew-off"


_WHY: dict[tuple[Outcome, Outcome], str] = {
    ("crawling", "settled"): (
        "the bowl picture counts the steps from the far edge of the valley; from this start "
        "fewer were needed"
    ),
    ("settled", "crawling"): (
        "away from the floor the ground is flatter than the bowl picture assumes, so the "
        "steps were smaller and the budget ran out"
    ),
    ("crawling", "zigzag"): "the walls are steeper than the floor, so even small steps overshoot",
    ("settled", "zigzag"): "the walls are steeper than the floor, so the steps overshot",
    ("settled", "flew-off"): "the walls are steeper than the floor, so the steps overshot and flew",
    (
        "crawling",
        "flew-off",
    ): "the walls are steeper than the floor, so the steps overshot and flew",
    ("zigzag", "flew-off"): (
        "the walls are steeper than the floor, so the bounces grew instead of shrinking"
    ),
    ("zigzag", "settled"): (
        "the steps landed on the floor before they could bounce: the bowl picture only holds "
        "near the floor"
    ),
    ("zigzag", "crawling"): (
        "away from the floor the ground is flatter than the bowl picture assumes"
    ),
    ("flew-off", "zigzag"): (
        "the bounces grow, but had not yet carried the ball off the hill within max_steps"
    ),
    ("flew-off", "settled"): "the walls are gentler than the floor, so the bounces died down",
    ("flew-off", "crawling"): "the walls are gentler than the floor, so the bounces died down",
}


def classify(
    landscape: Landscape,
    start: float,
    learning_rate: float,
    max_steps: int = 200,
) -> Classification:
    """Judge ``learning_rate`` from ``start`` by the bowl thresholds and by a real run.

    ``by_bounds`` comes from :func:`at_valley` (the valley ``start`` drains into);
    ``by_run`` is the outcome of plain gradient descent with the default tolerances.
    ``note`` says in words whether they agree and, if not, why the bowl picture missed.
    ValueError as for :func:`at_valley` and :func:`~foghill.engine.descent.descend`.
    """
    regimes = at_valley(landscape, start, max_steps=max_steps)
    by_bounds = classify_by_bounds(learning_rate, regimes)
    run = descend(landscape, start, learning_rate=learning_rate, max_steps=max_steps)
    by_run = run.outcome
    where = f"valley at x = {regimes.valley:.3g} (curvature {regimes.curvature:.3g})"
    if by_bounds == by_run:
        end = ""
        if by_run in ("settled", "zigzag"):
            final = float(run.positions[-1])
            if abs(final - regimes.valley) > 1e-3 * (1.0 + abs(regimes.valley)):
                end = f"; it ended at x = {final:.3g}, not in that valley"
        note = f"the run is {by_run}, as the bowl picture of the {where} predicts{end}"
        return Classification(by_bounds, by_run, True, note)
    why = _WHY.get((by_bounds, by_run), "the bowl picture only holds near the floor")
    note = f"the bowl picture of the {where} predicts {by_bounds}, but the run is {by_run}: {why}"
    return Classification(by_bounds, by_run, False, note)
