"""A race: several optimizers (or step sizes) dropped at the same spot, each walking downhill.

Every racer's walk is exactly :func:`~foghill.engine.descent.descend` with its own rule; the
race only picks the rules. :func:`default_racers` gives each built-in surface a line-up that
tells its story: on ``narrow_valley`` plain descent, kept below the step that would make the
steep side bounce, crawls along the flat floor while momentum arrives; on ``saddle`` plain
descent dropped next to the ridge line slides towards the saddle point and stalls there,
while momentum gathers speed and the adaptive rules, which divide by the tiny tilt across the
ridge, escape to a valley.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foghill.engine import optimizers, regimes
from foghill.engine.descent import FloatArray, Trajectory, descend
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape
from foghill.engine.optimizers import Optimizer
from foghill.limits import DEFAULT_MOMENTUM

#: How many racers one race may have.
MAX_RACERS = 6


@dataclass(frozen=True)
class Racer:
    """One runner: an optimizer's name, its step size and (momentum, nesterov) its momentum
    (None: :data:`DEFAULT_MOMENTUM`; ignored by the other rules)."""

    optimizer: str
    learning_rate: float
    momentum: float | None = None

    def rule(self) -> Optimizer:
        """The update rule this racer walks with (ValueError for a bad name or number)."""
        if self.optimizer in ("momentum", "nesterov"):
            mu = DEFAULT_MOMENTUM if self.momentum is None else self.momentum
            factory = optimizers.momentum if self.optimizer == "momentum" else optimizers.nesterov
            return factory(self.learning_rate, mu)
        return optimizers.by_name(self.optimizer, self.learning_rate)


def race(
    landscape: Landscape,
    start: float | Sequence[float] | FloatArray,
    racers: Sequence[Racer],
    max_steps: int = 1000,
) -> list[Trajectory]:
    """Each racer's descent from ``start``, in the racers' order (ValueError for none, more
    than :data:`MAX_RACERS`, or anything :func:`descend` refuses)."""
    if not 1 <= len(racers) <= MAX_RACERS:
        raise ValueError(f"a race has 1 to {MAX_RACERS} racers, got {len(racers)}")
    return [descend(landscape, start, optimizer=r.rule(), max_steps=max_steps) for r in racers]


def _six(
    gd: float, momentum: float, nesterov: float, adagrad: float, rmsprop: float, adam: float
) -> tuple[Racer, ...]:
    return (
        Racer("gd", gd),
        Racer("momentum", momentum, DEFAULT_MOMENTUM),
        Racer("nesterov", nesterov, DEFAULT_MOMENTUM),
        Racer("adagrad", adagrad),
        Racer("rmsprop", rmsprop),
        Racer("adam", adam),
    )


#: Per built-in surface, the six optimizers' step sizes for a fair and telling race from the
#: surface's own start (checked by tests/engine/test_race.py).
DEFAULT_RACERS: dict[str, tuple[Racer, ...]] = {
    # Curvature 2 both ways: everyone gets there; plain descent at 1/4 of its limit is quick.
    "round_bowl": _six(0.1, 0.02, 0.02, 0.5, 0.02, 0.05),
    # Curvatures 0.2 and 4: plain descent must stay below 2/4 on the steep side, so along the
    # flat floor it creeps; momentum adds up the small steady tilt and arrives.
    "narrow_valley": _six(0.05, 0.05, 0.05, 0.5, 0.02, 0.05),
    # A curved, flat-bottomed valley with walls of curvature ~1000: tiny steps or it bounces.
    # Nobody settles in 1000 steps; plain descent is still high on the banana's wall.
    "rosenbrock": _six(0.001, 0.001, 0.001, 0.5, 0.01, 0.1),
    "himmelblau": _six(0.01, 0.002, 0.002, 0.5, 0.02, 0.05),
    # Dropped at y = 0.01, next to the ridge line y = 0: the tilt across it is tiny, so plain
    # descent stalls by the saddle point while the others roll off into a valley.
    "saddle": _six(0.001, 0.005, 0.005, 0.5, 0.02, 0.05),
}


def default_racers(landscape: Landscape) -> tuple[Racer, ...]:
    """The six optimizers with step sizes that suit ``landscape``: the table's line-up for a
    built-in surface; otherwise scaled to the landscape. Plain descent and momentum get a
    share of ``1/L`` (L the largest curvature at the deepest valley, 1 when there is none);
    the adaptive rules, whose steps are about their learning rate long whatever the tilt,
    a share of the domain's span."""
    table = DEFAULT_RACERS.get(landscape.name)
    if table is not None:
        return table
    bend = _largest_bend(landscape)
    span = max(hi - lo for lo, hi in landscape.domain)
    lr = (1.0 / bend) if bend > 0 else 1.0
    return _six(
        _tidy(0.5 * lr), _tidy(0.1 * lr), _tidy(0.1 * lr),
        _tidy(span / 10), _tidy(span / 200), _tidy(span / 100),
    )  # fmt: skip


def _largest_bend(landscape: Landscape) -> float:
    """The largest curvature at the deepest valley (0 when there is none or it is undefined)."""
    try:
        deepest = landscape.deepest
    except ValueError:
        return 0.0
    if isinstance(landscape, Hill1D):
        bend = float(landscape.curvature(deepest))
    else:
        hessian = np.asarray(landscape.curvature(deepest), dtype=float)
        if not np.all(np.isfinite(hessian)):
            return 0.0
        bend = float(np.linalg.eigvalsh(hessian).max())
    return bend if math.isfinite(bend) else 0.0


def _tidy(rate: float) -> float:
    """A step size rounded to two significant digits, between 1e-6 and 10."""
    return float(f"{min(max(rate, 1e-6), 10.0):.2g}")


def three_rates(
    landscape: Landscape, start: float | Sequence[float] | FloatArray, max_steps: int
) -> tuple[float, float, float]:
    """Three plain-descent step sizes that race telling apart, from the valley's bend: one
    that crawls, one that settles smoothly, one that zig-zags in for a good while, each to
    three significant digits. On a 1-D hill, from the regimes of the valley ``start``
    drains into (a quarter of ``crawl_below``, 0.55 of ``1/L``, 0.85 of ``2/L``); on a
    surface, L is the largest bend at the deepest valley and the timid one is ``0.01/L``.
    ValueError where there is no valley with a positive bend to read them from."""
    if isinstance(landscape, Hill1D):
        r = regimes.at_valley(landscape, float(np.asarray(start).reshape(())), max_steps=max_steps)
        picks = (r.crawl_below / 4, r.one_jump * 0.55, r.fly_off * 0.85)
    else:
        bend = _largest_bend(landscape)
        if not bend > 0:
            raise ValueError("this surface has no valley with a positive bend to pick steps from")
        picks = (0.01 / bend, 0.55 / bend, 0.85 * 2 / bend)
    a, b, c = (float(f"{v:.3g}") for v in picks)
    return a, b, c
