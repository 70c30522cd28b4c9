"""Many walks at once: by rule from one start (``/api/race``), or by step size (``/api/sweep``)."""

from __future__ import annotations

import math

from foghill import precision
from foghill.api_models.requests import RaceRequest, SweepRequest
from foghill.api_models.responses import RaceResponse, RacerRun, SweepResponse
from foghill.engine import arrival
from foghill.engine import race as racing
from foghill.engine import sweep as sweeping
from foghill.snippets.rules import Rule
from foghill.snippets.walks import race_code, sweep_code
from foghill.views.landscapes import landscape, start_on
from foghill.views.runs import code_model, run_fields, walk

__all__ = ["race_view", "sweep_view"]


def race_view(req: RaceRequest) -> RaceResponse:
    """Every racer's walk from the same start, each exactly as `/api/descend` answers it."""
    which = req.which()
    land = landscape(which)
    start = start_on(land, req.start)
    racers = [racing.Racer(r.optimizer, r.learning_rate, r.momentum) for r in req.racers]
    runs = walk(lambda: racing.race(land, start, racers, req.max_steps))
    answers = [
        RacerRun.model_construct(**run_fields(land, t, r.optimizer, r.learning_rate))
        for r, t in zip(racers, runs, strict=True)
    ]
    winners = arrival.winners([a.floor_step for a in answers])
    code = race_code(
        land,
        formula=which.formula,
        start=start,
        racers=[Rule(r.optimizer, r.learning_rate, r.momentum) for r in racers],
        max_steps=req.max_steps,
    )
    return RaceResponse.model_construct(runs=answers, winners=winners, code=code_model(code))


def sweep_view(req: SweepRequest) -> SweepResponse:
    """The walk from `start` at every step size from `low` to `high` (log-spaced)."""
    which = req.which()
    land = landscape(which)
    start = start_on(land, req.start)
    rates = sweeping.log_rates(req.low, req.high, req.count)
    found = walk(lambda: sweeping.sweep(land, start, rates, req.optimizer, req.max_steps))
    # Final losses as heights are sent (null: it flew off). The rates stay exact: a reader
    # may take one to the dial, and its walk must be the one the sweep judged.
    losses = precision.heights([math.nan if v is None else v for v in found.final_loss])
    final = [None if v is None else float(h) for v, h in zip(found.final_loss, losses, strict=True)]
    return SweepResponse.model_construct(
        rates=list(found.rates),
        final_loss=final,
        steps=list(found.steps),
        settled_at=list(found.settled_at),
        outcomes=list(found.outcomes),
        one_jump=found.one_jump,
        fly_off=found.fly_off,
        best_rate=found.best_rate,
        code=code_model(
            sweep_code(
                land,
                formula=which.formula,
                start=start,
                low=req.low,
                high=req.high,
                count=req.count,
                optimizer=req.optimizer,
                max_steps=req.max_steps,
            )
        ),
    )
