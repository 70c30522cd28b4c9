"""One walk downhill (``/api/descend``), and the fields every run answer shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from foghill import precision
from foghill.api_models.requests import DescendRequest, Which
from foghill.api_models.responses import Code, DescendResponse, NearestFloor, RegimeCheck, Valley
from foghill.contract import DISPLAY_DECIMALS
from foghill.engine import arrival, optimizers, regimes
from foghill.engine.descent import Trajectory, descend
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape
from foghill.errors import BadRequest, plain
from foghill.snippets.rules import Snippets
from foghill.snippets.walks import descent_code
from foghill.views.curves import deepest, regimes_at, valley_of
from foghill.views.landscapes import landscape, start_on

__all__ = ["code_model", "descend_view", "run_fields", "step_rule", "walk"]


def step_rule(name: str, learning_rate: float) -> dict[str, Any]:
    """descend()'s step rule: every rule by its name, plain descent ("gd") as any other."""
    return {"optimizer": optimizers.by_name(name, learning_rate)}


def descend_view(req: DescendRequest) -> DescendResponse:
    """Roll the ball from `start`: every position, height and tilt, and how it ended."""
    which = req.which()
    land = landscape(which)
    start = start_on(land, req.start)
    rule = step_rule(req.optimizer, req.learning_rate)
    traj = walk(lambda: descend(land, start, max_steps=req.max_steps, **rule))
    regime: RegimeCheck | None = None
    if isinstance(land, Hill1D) and req.optimizer == "gd":
        assert isinstance(start, float)
        regime = _classify(which, land, start, req.learning_rate, req.max_steps, traj.outcome)
    code = descent_code(
        land,
        formula=which.formula,
        start=start,
        learning_rate=req.learning_rate,
        optimizer=req.optimizer,
        max_steps=req.max_steps,
    )
    return DescendResponse.model_construct(
        **run_fields(land, traj, req.optimizer, req.learning_rate),
        regime=regime,
        code=code_model(code),
    )


def walk(run: Callable[[], Any]) -> Any:
    """``run()``, its ValueError (e.g. the formula is undefined at the start) a BadRequest."""
    try:
        # A square of a huge gradient may overflow (rmsprop, adagrad, adam in 2-D): the steps
        # then shrink to 0 and the outcome says so; numpy's warning would only reach stderr.
        with np.errstate(over="ignore", invalid="ignore"):
            return run()
    except ValueError as error:
        raise BadRequest(plain(str(error)), field="start") from None


def run_fields(
    land: Landscape, traj: Trajectory, optimizer: str, learning_rate: float
) -> dict[str, Any]:
    """One walk as every run answer carries it (`RacerRun`'s fields), its facts judged on
    the numbers sent."""
    sent = precision.walk(traj, land.domain)
    valley: Valley | None = None
    came = arrival.arrival(sent, land, DISPLAY_DECIMALS)
    if isinstance(land, Hill1D):
        # The valley it rests in: also a crawl that is on a floor as printed (it arrived).
        arrived = came.floor_step is not None
        if (arrived or traj.outcome in ("settled", "zigzag")) and land.minima:
            last = float(traj.positions[-1])
            nearest = min((float(m) for m in land.minima), key=lambda m: abs(m - last))
            valley = Valley.model_construct(
                x=nearest, loss=float(land.loss(nearest)), deepest=nearest == deepest(land)
            )
    return {
        "outcome": traj.outcome,
        "settled": bool(traj.settled),
        "n_steps": int(traj.n_steps),
        "floor_step": came.floor_step,
        "moving": came.moving,
        "nearest_floor": _nearest(came, precision.width_of(land.domain)),
        "learning_rate": float(learning_rate),
        "optimizer": optimizer,
        "position": sent.positions.tolist(),
        "loss": sent.losses.tolist(),
        "gradient": sent.gradients.tolist(),
        "valley": valley,
    }


def _nearest(came: arrival.Arrival, width: float) -> NearestFloor | None:
    near = came.nearest
    if near is None or came.distance is None:
        return None
    at = precision.places(near.at, width).tolist()
    position: float | list[float] = at[0] if len(at) == 1 else at
    return NearestFloor.model_construct(
        position=position,
        loss=precision.height(near.loss),
        distance=precision.height(came.distance),
    )


def code_model(code: Snippets) -> Code:
    """A run written as code, as the answers carry it."""
    return Code.model_construct(python=code.python, torch=code.torch)


def _classify(
    which: Which, land: Hill1D, start: float, learning_rate: float, max_steps: int, run: str
) -> RegimeCheck | None:
    """What `regimes.classify` says, without running the same descent a second time:
    the thresholds are cached per valley, and `run` is the outcome of the descent just made
    (the same plain descent with the same step budget and default tolerances)."""
    valley = valley_of(land, start)
    zones = None if valley is None else regimes_at(which, valley, max_steps)
    if zones is None:
        return None
    by_bounds = regimes.classify_by_bounds(learning_rate, zones)
    return RegimeCheck.model_construct(by_bounds=by_bounds, by_run=run, agree=by_bounds == run)
