"""Where a walk got to, as the screen can show it: on a valley floor or not, still visibly
going downhill or not, how far from the floor; and who of several walks got there first.

In plain words: the page prints every position and height with a few decimals, so "the ball
reached the floor" means what a reader can check: its position and its height, printed as
the page prints them, are those of a valley floor. That holds whatever happened on the way
(a walk that zig-zagged into the floor arrived too). A walk is "still going downhill" only
while a reader can see it move: over its last few steps it moved, or lost height, by at least
one unit of the last printed digit. The winner of a race is the walk that reached a floor,
and stayed on it, in the fewest steps; walks that did so in as many steps share the win.

In symbols, with ``d`` printed decimals and ``[v]_d`` the number ``v`` as printed:

- on floor ``m`` at step ``k``: ``[p_k]_d == [m]_d`` coordinate by coordinate and
  ``[f(p_k)]_d == [f(m)]_d``; a walk that flew off ended on no floor;
- ``floor_step``: the least ``k`` with the walk on the same floor at every step from ``k`` to
  its end (None when its last position is on no floor);
- ``moving``: ``f(p_{n-w}) > f(p_n)`` and ``max |p_n - p_{n-w}| >= 10^-d`` or
  ``f(p_{n-w}) - f(p_n) >= 10^-d``, with ``w = min(WATCH_STEPS, n)``;
- winners: the walks whose ``floor_step`` is the least of all (none when nobody arrived).

Printing follows the browser's ``Number.prototype.toFixed`` exactly (the exact binary value,
halves away from zero, ``-0.00`` shown as ``0.00``), so both hosts agree on every case.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np

from foghill.engine.descent import Trajectory
from foghill.engine.landscape import Landscape

#: How many of a walk's last steps a reader watches to see whether it is still going.
WATCH_STEPS = 10


def shown(value: float, decimals: int) -> str:
    """``value`` as the page prints it with ``decimals`` decimals (JS ``toFixed``; no "-0")."""
    if not math.isfinite(value):
        return "—"
    # Enough digits for any float (up to about 1.8e308) with its decimals, as toFixed prints.
    exact = Context(prec=330 + decimals, rounding=ROUND_HALF_UP)
    text = format(Decimal(value).quantize(Decimal(1).scaleb(-decimals), context=exact), "f")
    return text[1:] if text.startswith("-") and Decimal(text) == 0 else text


def significant(value: float, figures: int = 3) -> str:
    """``value`` with at least ``figures`` significant figures, as the page prints it (JS
    ``fmtSig``: 20.0, 0.00625, 1153)."""
    if not math.isfinite(value) or value == 0:
        return shown(value, 0)
    magnitude = math.floor(math.log10(abs(value)))
    return shown(value, min(8, max(0, figures - 1 - magnitude)))


@dataclass(frozen=True)
class Floor:
    """A valley floor: where it is (a number on a hill, a pair on a surface) and its height."""

    at: tuple[float, ...]
    loss: float


@dataclass(frozen=True)
class Arrival:
    """How a walk ended, as the screen can show it (see the module docstring).

    ``floor``: the floor it ends on (None: none); ``floor_step``: from which step it is on
    that floor to its end; ``moving``: still visibly going downhill at its end; ``nearest``
    and ``distance``: the floor closest to its last position and how far that is (None when
    the landscape has no floor, or the walk flew off).
    """

    floor: Floor | None
    floor_step: int | None
    moving: bool
    nearest: Floor | None
    distance: float | None


def floors(landscape: Landscape) -> tuple[Floor, ...]:
    """Every valley floor of ``landscape`` with its height (none where none was found)."""
    try:
        minima = landscape.minima
    except ValueError:
        return ()
    found = []
    for m in minima:
        at = (float(m),) if isinstance(m, int | float) else tuple(float(v) for v in m)
        loss = float(landscape.loss(at[0] if len(at) == 1 else at))
        if math.isfinite(loss):
            found.append(Floor(at, loss))
    return tuple(found)


def _printed(at: Sequence[float], loss: float, decimals: int) -> tuple[str, ...]:
    return (*(shown(v, decimals) for v in at), shown(loss, decimals))


def floor_under(
    at: Sequence[float], loss: float, candidates: Sequence[Floor], decimals: int
) -> Floor | None:
    """The floor whose position and height, as printed, are those of ``(at, loss)``."""
    seen = _printed(at, loss, decimals)
    for f in candidates:
        if _printed(f.at, f.loss, decimals) == seen:
            return f
    return None


def arrival(traj: Trajectory, landscape: Landscape, decimals: int) -> Arrival:
    """How ``traj`` (a walk on ``landscape``) ended, judged at ``decimals`` printed decimals."""
    positions = np.asarray(traj.positions, dtype=float).reshape(len(traj.losses), -1)
    losses = np.asarray(traj.losses, dtype=float)
    n = len(losses) - 1
    candidates = floors(landscape)
    if traj.outcome == "flew-off":
        return Arrival(None, None, False, None, None)
    last = positions[n]
    floor = floor_under(last, float(losses[n]), candidates, decimals)
    floor_step = None
    if floor is not None:
        # Back from the end while each step prints as the floor (the floor printed once).
        target = _printed(floor.at, floor.loss, decimals)
        floor_step = n
        while (
            floor_step > 0
            and _printed(positions[floor_step - 1], float(losses[floor_step - 1]), decimals)
            == target
        ):
            floor_step -= 1
    unit = 10.0**-decimals
    w = min(WATCH_STEPS, n)
    fell = float(losses[n - w] - losses[n])
    moved = float(np.max(np.abs(positions[n] - positions[n - w]))) if w else 0.0
    moving = floor is None and fell > 0.0 and (moved >= unit or fell >= unit)
    nearest = min(candidates, key=lambda f: math.dist(f.at, last), default=None)
    distance = None if nearest is None else math.dist(nearest.at, last)
    return Arrival(floor, floor_step, moving, nearest, distance)


def winners(floor_steps: Sequence[int | None]) -> list[int]:
    """The places of the walks first to a floor, from each walk's ``floor_step``: every walk
    with the fewest (a tie names them all); [] when none reached a floor."""
    reached = [s for s in floor_steps if s is not None]
    if not reached:
        return []
    best = min(reached)
    return [i for i, s in enumerate(floor_steps) if s == best]
