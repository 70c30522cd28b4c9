"""The code a widget shows makes the widget's run: Foghill's lines exactly, PyTorch's to 1e-12.

Each program is the text of an answer's ``code`` (what the page's "Show the code" panel
shows and a notebook widget carries), run as it stands; its positions are compared with the
answer's. PyTorch is a test-only dependency (its CPU build; `make pytest` installs it).
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest
import torch

from foghill import precision
from foghill.api_models.requests import DescendRequest, LineFitRequest, RaceRequest, SweepRequest
from foghill.engine import formula, hills
from foghill.errors import BadRequest
from foghill.snippets import rules
from foghill.snippets.formulas import torch_expression
from foghill.views import landscapes
from foghill.views.linefit import linefit_view
from foghill.views.races import race_view, sweep_view
from foghill.views.runs import descend_view

TOLERANCE = 1e-12


def run_program(text: str) -> dict[str, Any]:
    """Run a snippet as a script and hand back what it left behind."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(text, "<snippet>", "exec"), namespace)
    return namespace


def assert_same_walk(ours: list[Any], theirs: list[Any]) -> None:
    """Same number of values, each within 1e-12 of the answer's, relative to the walk's size
    (its largest value: a ball coming to rest at 0 has no size of its own to compare with)."""
    a, b = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    assert a.shape == b.shape, f"{len(ours)} values, the widget had {len(theirs)}"
    a2, b2 = a.reshape(len(a), -1), b.reshape(len(b), -1)
    scale = float(np.max(np.linalg.norm(b2, axis=1)))
    assert scale > 0.0
    worst = float(np.max(np.linalg.norm(a2 - b2, axis=1))) / scale
    assert worst <= TOLERANCE, f"positions differ by {worst:.3g} relative"


# (hill or None, formula or None, start, learning rate, optimizer), covering every optimizer,
# both kinds of landscape, built-in hills and formulas, and every way a walk ends.
DESCENTS = [
    ("foggy", None, 2.5, 0.1, "gd"),  # settles in the side valley
    ("foggy", None, 2.5, 0.15, "gd"),  # zig-zags
    ("foggy", None, -3.0, 0.5, "momentum"),
    ("bumpy", None, 3.0, 0.05, "nesterov"),
    ("plateau", None, 3.0, 0.5, "adagrad"),
    ("steep", None, 3.0, 0.05, "rmsprop"),
    ("bowl", None, 3.0, 0.2, "adam"),
    ("bowl", None, 3.0, 1.5, "gd"),  # flies off
    ("round_bowl", None, [3.0, 2.0], 0.1, "gd"),
    ("narrow_valley", None, [-3.5, 1.5], 0.3, "momentum"),
    ("rosenbrock", None, [-1.5, 2.0], 0.001, "nesterov"),
    ("himmelblau", None, [0.0, 0.0], 0.1, "adam"),
    ("saddle", None, [2.5, 0.01], 0.1, "rmsprop"),
    ("foggy", "0.1*x^4 - x^2 + sin(3*x)/2", 1.0, 0.05, "gd"),
    ("foggy", "sqrt(x^2 + 1) + log(x^2 + 2) - cos(x)*e^(-x^2/4)", 3.0, 0.2, "adam"),
    ("foggy", "tanh(x)^2 + abs(x)/10 + tan(x/4)^2 + pi*x^2/8 + 2^(x/3)", -2.0, 0.1, "adagrad"),
    ("foggy", "x^2 + 3*y^2 + x*y + exp(sqrt(2)*y/4)", [2.0, -1.5], 0.05, "momentum"),
    ("foggy", "log(x)", 2.0, 3.0, "gd"),  # leaves the ground where log is defined
]


def descend_answer(hill: str, text: str | None, start: Any, rate: float, name: str) -> Any:
    req = DescendRequest(
        hill=hill, formula=text, start=start, learning_rate=rate, optimizer=name, max_steps=300
    )
    return descend_view(req)


@pytest.mark.parametrize(("hill", "text", "start", "rate", "name"), DESCENTS)
def test_descent_programs_make_the_widgets_run(
    hill: str, text: str | None, start: Any, rate: float, name: str
) -> None:
    answer = descend_answer(hill, text, start, rate, name)
    ours = run_program(answer.code.python)["run"]
    # The answer is the engine's walk as sent (foghill.precision); torch is held to the
    # engine's own numbers.
    land = landscapes.build(DescendRequest(hill=hill, formula=text, start=start).which())
    assert not isinstance(land, BadRequest)
    assert precision.walk(ours, land.domain).positions.tolist() == answer.position
    assert ours.outcome == answer.outcome
    theirs = run_program(answer.code.torch)
    assert_same_walk(theirs["positions"], ours.positions.tolist())
    assert_same_walk(theirs["losses"], ours.losses.tolist())


def test_the_walks_cover_every_optimizer_and_ending() -> None:
    """The cases above are not all alike: every optimizer, every outcome appear."""
    answers = [descend_answer(*case) for case in DESCENTS]
    assert {case[4] for case in DESCENTS} == set(rules._TORCH_OPTIMIZERS)
    assert {a.outcome for a in answers} == {"settled", "zigzag", "crawling", "flew-off"}


DOTS_X = [0.5, 1.0, 1.5, 2.2, 3.0, 3.7, 4.1, 5.0]
DOTS_Y = [1.1, 1.9, 2.2, 3.4, 3.9, 5.2, 5.0, 6.3]


@pytest.mark.parametrize(
    ("rate", "name", "w", "b", "x_from"),
    [
        (0.05, "gd", 0.0, 0.0, None),
        (0.02, "momentum", -1.0, 4.0, None),
        (0.3, "adam", 2.0, -1.0, None),
        (0.1, "gd", 0.0, 0.0, 3.5),  # x counted from 3.5: b is the height there
    ],
)
def test_line_fit_programs_make_the_widgets_run(
    rate: float, name: str, w: float, b: float, x_from: float | None
) -> None:
    req = LineFitRequest(
        x=DOTS_X,
        y=DOTS_Y,
        w=w,
        b=b,
        learning_rate=rate,
        optimizer=name,
        max_steps=300,
        x_from=x_from,
    )
    answer = linefit_view(req)
    ours = run_program(answer.code.python)["run"]
    (w_lo, w_hi), (b_lo, b_hi) = answer.map.domain
    assert precision.places(ours.positions[:, 0], w_hi - w_lo).tolist() == answer.w
    assert precision.places(ours.positions[:, 1], b_hi - b_lo).tolist() == answer.b
    theirs = run_program(answer.code.torch)
    assert_same_walk(theirs["positions"], ours.positions.tolist())


@pytest.mark.parametrize("name", hills.NAMES)
def test_built_in_hills_in_torch_are_the_same_function(name: str) -> None:
    land = hills.by_name(name)
    expression, _ = torch_expression(land.formula)
    rng = np.random.default_rng(7)
    for _ in range(20):
        point = [rng.uniform(lo, hi) for lo, hi in land.domain]
        env: dict[str, Any] = {"torch": torch, "math": math}
        env.update(zip("xy", (torch.tensor(v, dtype=torch.float64) for v in point), strict=False))
        got = float(eval(expression, env))
        want = land.loss(point[0] if land.dims == 1 else point)
        assert got == pytest.approx(want, rel=1e-13, abs=1e-13)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("x^2", "x ** 2"),
        ("e^(-x^2)", "math.e ** (-x ** 2)"),
        ("exp(x) + log(x) + sqrt(x)", "torch.exp(x) + torch.log(x) + torch.sqrt(x)"),
        ("sin(2)*cos(x)", "math.sin(2) * torch.cos(x)"),
        ("abs(x - pi) + abs(-1)", "torch.abs(x - math.pi) + abs(-1)"),
        ("(y - x^2)^2", "(y - x ** 2) ** 2"),
    ],
)
def test_torch_expressions_read_as_written(text: str, want: str) -> None:
    assert torch_expression(text)[0] == want
    formula.parse(text)  # every case is a formula the engine accepts


def test_a_built_in_hill_is_named_and_a_formula_is_written_out() -> None:
    built_in = descend_answer("foggy", None, 2.5, 0.1, "gd").code
    assert "fh.hills.FOGGY" in built_in.python
    assert "torch.optim.SGD([x], lr=0.1)" in built_in.torch
    typed = descend_answer("foggy", " x^4/10 -  x^2 ", 1.0, 0.05, "adam").code
    assert "fh.landscape('x^4/10 -  x^2', domain=(-4.0, 4.0))" in typed.python
    assert "optimizer=fh.optimizers.adam(0.05)" in typed.python
    assert "torch.optim.Adam([x], lr=0.05, betas=(0.9, 0.999), eps=1e-08)" in typed.torch


# ---- races and sweeps (issue 20) ------------------------------------------------------------

# (hill, start, racers as (optimizer, rate, momentum)), covering both kinds of landscape, a
# momentum set away from the default (and to 0 for Nesterov), and every optimizer.
RACES = [
    (
        "narrow_valley",
        [-3.5, 1.5],
        [("gd", 0.05, None), ("momentum", 0.05, 0.5), ("nesterov", 0.05, 0.0)],
    ),
    (
        "himmelblau",
        [0.0, 0.0],
        [("adagrad", 0.5, None), ("rmsprop", 0.02, None), ("adam", 0.05, None)],
    ),
    ("saddle", [2.5, 0.01], [("nesterov", 0.005, 0.75), ("momentum", 0.005, 0.99)]),
    ("bowl", 2.0, [("gd", 0.05, None), ("gd", 0.55, None), ("gd", 0.85, None)]),  # a step race
]


def _ended(run: Any) -> str:
    """How the PyTorch program says a walk ended (a zig-zag settles too, after its flips)."""
    if run.outcome == "flew-off":
        return "flew off"
    return "settled" if run.settled else "ran out of steps"


@pytest.mark.parametrize(("hill", "start", "racers"), RACES)
def test_race_programs_make_every_racers_walk(
    hill: str, start: Any, racers: list[tuple[str, float, float | None]]
) -> None:
    req = RaceRequest(
        hill=hill,
        start=start,
        racers=[{"optimizer": o, "learning_rate": r, "momentum": m} for o, r, m in racers],
        max_steps=400,
    )
    answer = race_view(req)
    land = hills.by_name(hill)
    ours = run_program(answer.code.python)["runs"]
    theirs = run_program(answer.code.torch)["runs"]
    assert len(ours) == len(theirs) == len(answer.runs) == len(racers)
    for run, mine, (positions, losses, ended), (name, _, mu) in zip(
        answer.runs, ours, theirs, racers, strict=True
    ):
        assert precision.walk(mine, land.domain).positions.tolist() == run.position
        assert mine.outcome == run.outcome
        assert_same_walk(positions, mine.positions.tolist())
        assert_same_walk(losses, mine.losses.tolist())
        assert ended == _ended(mine)
        if name in ("momentum", "nesterov"):
            assert f"mu={mu!r}" in answer.code.python
            assert f"momentum={mu!r}" in answer.code.torch
            assert re.search(r"momentum=0\.9\b(?!\d)", answer.code.torch) is None


@pytest.mark.parametrize(
    ("hill", "text", "start", "name", "low", "high"),
    [
        ("bowl", None, 2.0, "gd", 1e-3, 2.0),  # 1-D plain descent: all rates at once
        ("bowl", None, 2.0, "momentum", 1e-3, 3.0),
        ("round_bowl", None, [3.0, 2.0], "rmsprop", 1e-3, 3.0),
        ("himmelblau", None, [0.0, 0.0], "adagrad", 1e-2, 5.0),
        ("foggy", "x^2 + 3*y^2 + x*y", [2.0, -1.5], "gd", 1e-2, 1.0),
    ],
)
def test_sweep_programs_make_every_rates_ending(
    hill: str, text: str | None, start: Any, name: str, low: float, high: float
) -> None:
    req = SweepRequest(
        hill=hill,
        formula=text,
        start=start,
        optimizer=name,
        low=low,
        high=high,
        count=24,
        max_steps=150,
    )
    answer = sweep_view(req)
    ns = run_program(answer.code.python)
    assert ns["rates"].tolist() == answer.rates
    assert ns["steps"] == answer.steps
    assert ns["outcomes"] == answer.outcomes
    heights = precision.heights([math.nan if v is None else v for v in ns["final_loss"]])
    shown = [
        None if v is None else float(h) for v, h in zip(ns["final_loss"], heights, strict=True)
    ]
    assert shown == answer.final_loss
    assert len(set(answer.outcomes)) >= 2  # not all alike
    theirs = run_program(answer.code.torch)["runs"]
    assert len(theirs) == len(answer.rates)
    for (positions, losses, ended), loss, steps, outcome in zip(
        theirs, ns["final_loss"], answer.steps, answer.outcomes, strict=True
    ):
        flew = outcome == "flew-off"
        assert (ended == "flew off") == flew
        assert len(positions) - 1 + flew == steps
        if loss is not None:
            assert losses[-1] == pytest.approx(loss, rel=TOLERANCE, abs=TOLERANCE)
