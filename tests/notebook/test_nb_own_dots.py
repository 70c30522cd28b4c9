"""A teacher's own dots fit with the defaults: README's notebook block, run as written on a
small made-up table, ends settled; so do years as x; the DataFrame's column names name the axes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import foghill as fh

README = Path(__file__).resolve().parents[2] / "README.md"
# Made up for these tests: a class's study hours and test scores, and a reading by year.
CLASS = pd.DataFrame({"hours": [1, 2, 3, 4, 5, 6, 7, 8], "score": [52, 55, 60, 64, 70, 74, 79, 83]})
YEARS = pd.DataFrame(
    {"year": range(2000, 2021), "level": [370 + 2 * i + 0.3 * (i % 3) for i in range(21)]}
)


def _readme_block() -> list[str]:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"## In a notebook\n\n```python\n(.*?)```", text, re.S)
    assert match, "README.md lost its notebook block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readmes_notebook_block_runs_as_written_and_every_walk_settles() -> None:
    table = np.array([[1.0, 0.2], [0.1, 1.0]] * 10)  # made up: a two-column table
    names: dict[str, Any] = {"df": CLASS, "X": table, "y": np.array([0, 1] * 10)}
    made = []
    for line in _readme_block():
        code = line.split("#")[0].strip()
        if code.startswith("import"):
            exec(code, names)
            continue
        if code.startswith("fh.Rule(of=hill)"):
            names["hill"] = made[0]  # the block's first widget, the hill
        made.append(eval(code, names))
    walks = {
        type(w).__name__: getattr(w, "trajectory", None) or getattr(w, "fit", None) for w in made
    }
    for name in ("Hill", "StepDial", "LineFit", "Surface"):
        assert walks[name].outcome == "settled", (name, walks[name].outcome)
    fit = next(w for w in made if isinstance(w, fh.LineFit))
    assert (fit.x_label, fit.y_label) == ("hours", "score")
    assert fit.x_from == 4.0  # hours 1-8 sit far from 0: counted from their middle


def test_the_old_default_step_flies_off_these_dots_and_the_chosen_one_settles() -> None:
    """The finding: a step of 0.05 (the default for the built-in dots) flies off a class's
    hours and scores; chosen from the dots' own bowl, the step settles."""
    old = fh.LineFit(x=CLASS["hours"], y=CLASS["score"], learning_rate=0.05, x_from=0)
    assert old.fit.outcome == "flew-off"
    steps = old.fit.response.steps
    assert steps.fly_off < 0.05  # and the widget's words say so (see the browser test)
    chosen = fh.LineFit(x=CLASS["hours"], y=CLASS["score"])
    assert chosen.learning_rate <= chosen.fit.response.steps.one_jump
    assert chosen.fit.outcome == "settled"


def test_years_as_x_settle_counted_from_their_middle() -> None:
    fit = fh.LineFit(x=YEARS["year"], y=YEARS["level"])
    assert fit.x_from == 2010.0
    assert fit.x_label == "year"
    assert fit.fit.outcome == "settled"
    w, b = fit.fit.final
    slope, at_zero = np.polyfit(YEARS["year"], YEARS["level"], 1)
    # A walk's numbers travel to a 100,000th of the map's side (foghill.precision), as the
    # page draws them: equal to numpy's fit within that, and within the walk's settling.
    (w_lo, w_hi), (b_lo, b_hi) = fit.fit.response.map.domain
    assert w == pytest.approx(slope, abs=(w_hi - w_lo) * 1e-5 + 1e-6)
    assert b == pytest.approx(at_zero + slope * 2010.0, abs=(b_hi - b_lo) * 1e-5 + 1e-5)


def test_the_teachers_own_choices_are_kept() -> None:
    fit = fh.LineFit(
        x=CLASS["hours"], y=CLASS["score"], learning_rate=0.019, max_steps=3000, x_from=0.0
    )
    assert (fit.learning_rate, fit.max_steps, fit.x_from) == (0.019, 3000, 0.0)
    assert fit.fit.outcome == "settled"
    named = fh.LineFit(x=[1, 2, 3], y=[2, 4, 7], x_label="weeks", y_label="height (cm)")
    assert (named.x_label, named.y_label) == ("weeks", "height (cm)")
