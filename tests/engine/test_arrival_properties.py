"""Property (issue 17, point 2): on every built-in hill and map, for any optimizers and step
sizes from 1e-4 to the contract's maximum, the race's answer names as winner a racer that is
on a valley floor as printed from its named step to its end, and nobody got there sooner; a
racer that flew off took at least one step; a walk that ended on a floor as printed is never
"moving" (the only walk the page calls crawling). Checked against the trajectory itself,
printed here with Python's own formatting, not with the engine's helpers."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from foghill.api_models.requests import RaceRequest
from foghill.contract import DISPLAY_DECIMALS, MAX_LEARNING_RATE, OPTIMIZER_NAMES
from foghill.engine import hills
from foghill.views.races import race_view

D = DISPLAY_DECIMALS


def printed(v: float) -> str:
    text = f"{v:.{D}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def floors_of(name: str) -> list[tuple[tuple[float, ...], float]]:
    land = hills.by_name(name)
    out = []
    for m in land.minima:
        at = (float(m),) if isinstance(m, float | int) else tuple(float(v) for v in m)
        out.append((at, float(land.loss(at[0] if len(at) == 1 else at))))
    return out


def on_floor(run: Any, k: int, floors: list[tuple[tuple[float, ...], float]]) -> bool:
    p = run.position[k]
    at = (p,) if isinstance(p, float | int) else tuple(p)
    seen = (*map(printed, at), printed(run.loss[k]))
    return any((*map(printed, f), printed(h)) == seen for f, h in floors)


def first_stay(run: Any, floors: list[tuple[tuple[float, ...], float]]) -> int | None:
    """The least step from which the walk is on a floor as printed up to its end, found by
    trying every step (the slow, obvious way)."""
    if run.outcome == "flew-off":
        return None
    n = len(run.position) - 1
    for k in range(n + 1):
        if all(on_floor(run, j, floors) for j in range(k, n + 1)):
            return k
    return None


racer = st.fixed_dictionaries(
    {
        "optimizer": st.sampled_from(OPTIMIZER_NAMES),
        "learning_rate": st.floats(math.log10(1e-4), math.log10(MAX_LEARNING_RATE)).map(
            lambda e: float(f"{10**e:.3g}")
        ),
    }
)


@st.composite
def races(draw: st.DrawFn) -> RaceRequest:
    name = draw(st.sampled_from(hills.NAMES))
    land = hills.by_name(name)
    start: float | list[float]
    if land.dims == 1:
        (lo, hi) = land.domain[0]
        start = draw(st.floats(lo, hi))
    else:
        (xlo, xhi), (ylo, yhi) = land.domain
        start = [draw(st.floats(xlo, xhi)), draw(st.floats(ylo, yhi))]
    return RaceRequest.model_validate(
        {
            "hill": name,
            "start": start,
            "max_steps": draw(st.integers(1, 300)),
            "racers": draw(st.lists(racer, min_size=1, max_size=6)),
        }
    )


@settings(max_examples=60, deadline=None)
@given(races())
def test_the_named_winner_reached_a_floor_first_and_the_words_facts_hold(req: RaceRequest) -> None:
    answer = race_view(req)
    floors = floors_of(req.hill)
    stays = [first_stay(run, floors) for run in answer.runs]
    for run, stay in zip(answer.runs, stays, strict=True):
        assert run.floor_step == stay
        if run.outcome == "flew-off":
            assert run.n_steps >= 1
            assert run.n_steps == len(run.position)
        else:
            assert run.n_steps == len(run.position) - 1
        if on_floor(run, len(run.position) - 1, floors) and run.outcome != "flew-off":
            assert run.floor_step is not None
            assert not run.moving  # so the page never calls it crawling
    reached = [s for s in stays if s is not None]
    if not reached:
        assert answer.winners == []
        return
    assert answer.winners
    for i in answer.winners:
        k = stays[i]
        assert k is not None
        run = answer.runs[i]
        assert all(on_floor(run, j, floors) for j in range(k, len(run.position)))
        assert k == min(reached)  # nobody got there sooner
    assert sorted(answer.winners) == [i for i, s in enumerate(stays) if s == min(reached)]
