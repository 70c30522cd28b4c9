"""Step-size schedules: how the step size changes over a run.

In plain words: ``constant`` keeps the step the same; ``warm-up`` starts timid (a tenth of
the step) and grows to the full step over the first quarter of the run; ``decay`` starts at
the full step and shrinks steadily to a quarter of it by the last step. In symbols, for step
``k`` of ``n`` with step size ``eta``:

- constant: ``eta_k = eta``;
- warm-up: ``eta_k = eta * min(1, 0.1 + 0.9 * k / (n / 4))``;
- decay: ``eta_k = eta * (1 - 0.75 * k / n)``.

:func:`scheduled_gd` is gradient descent taking ``eta_k`` at its k-th step, an optimizer of
the same shape as :mod:`foghill.engine.optimizers` (its state counts the steps taken).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from foghill.engine.optimizers import Optimizer, Pair, Params

__all__ = ["SCHEDULES", "rate_at", "scheduled_gd"]

#: The schedules' names (the contract's ScheduleName; a test holds them equal).
SCHEDULES: tuple[str, ...] = ("constant", "warm-up", "decay")
#: Warm-up: the share of the run it lasts and the share of the step it starts from.
WARM_SHARE, WARM_FROM = 0.25, 0.1
#: Decay: the share of the step left at the last step.
DECAY_TO = 0.25


def rate_at(schedule: str, learning_rate: float, step: int, steps: int) -> float:
    """The step size at ``step`` (counted from 0) of a run of ``steps`` (see the module)."""
    if schedule == "constant":
        return learning_rate
    if schedule == "warm-up":
        length = max(1.0, WARM_SHARE * steps)
        return learning_rate * min(1.0, WARM_FROM + (1 - WARM_FROM) * step / length)
    if schedule == "decay":
        return learning_rate * (1 - (1 - DECAY_TO) * min(step, steps) / max(1, steps))
    raise ValueError(f"unknown schedule {schedule!r}; choose one of: {', '.join(SCHEDULES)}")


class ScheduledState(NamedTuple):
    """The steps taken so far."""

    taken: int


def scheduled_gd(rates: Callable[[int], float], learning_rate: float) -> Optimizer:
    """Gradient descent whose k-th step is ``-rates(k) * g`` (``learning_rate`` names the
    run's step size, as every optimizer's does)."""

    def init(params: Params) -> ScheduledState:
        return ScheduledState(0)

    def update(grad: Params, state: ScheduledState) -> tuple[Params, ScheduledState]:
        return -rates(state.taken) * grad, ScheduledState(state.taken + 1)

    def pair(gx: float, gy: float, state: Any) -> Pair:
        rate = rates(state.taken)
        return -rate * gx, -rate * gy, ScheduledState(state.taken + 1)

    return Optimizer("gd", learning_rate, init, update, lambda: ScheduledState(0), pair)
