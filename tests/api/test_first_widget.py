"""The first widget settles (issue 10, item 6): the foggy hill of the lesson's first section,
with the settings the page ships, brings the ball smoothly to rest in a valley wherever it is
dropped, within its step budget. Overshooting is left to the step-size section."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from starlette.testclient import TestClient

import foghill as fh
from foghill.lessons.blocks import Widget
from foghill.lessons.render import widgets
from foghill.server.page import seed


def _first_hill() -> Widget:
    found = [w for section, w in widgets() if w.name == "fh-hill"]
    assert found, "the lesson has no fh-hill"
    return found[0]


def _inputs() -> dict[str, Any]:
    text = seed(_first_hill())
    assert text is not None
    inputs: dict[str, Any] = json.loads(text)["inputs"]
    return inputs


def test_the_first_hill_is_in_the_hill_section() -> None:
    sections = [section for section, w in widgets() if w.name == "fh-hill"]
    assert sections[0] == "hill"


def test_the_default_drop_settles_in_the_side_valley_as_the_text_says() -> None:
    text = seed(_first_hill())
    assert text is not None
    walk = json.loads(text)["outputs"]["trajectory"]
    assert walk["outcome"] == "settled"
    # "From its first spot on the right the ball drops into the small dip on that side."
    assert walk["valley"]["deepest"] is False
    assert walk["valley"]["x"] > 0


def test_every_drop_on_the_hill_settles_smoothly() -> None:
    """The engine, dense: every drop across the whole domain (both edges included) settles
    within the budget, never reverses direction, and no step is longer than a tenth of the
    map."""
    inputs = _inputs()
    hill = fh.hills.by_name(inputs["hill"])
    (lo, hi), *_ = hill.domain
    valleys = set()
    for x in np.linspace(lo, hi, 1601):
        walk = fh.descend(
            hill, float(x), learning_rate=inputs["learning_rate"], max_steps=inputs["max_steps"]
        )
        assert walk.outcome == "settled", (x, walk.outcome)
        moves = np.sign(walk.steps[walk.steps != 0])
        assert np.all(moves == moves[0]), f"the walk from {x} turns back"
        assert np.max(np.abs(walk.steps)) < (hi - lo) / 10
        valleys.add(round(hill.basin(float(x)), 3))
    # Both valleys are reached from somewhere, each by a walk that settles.
    assert len(valleys) == 2


@pytest.mark.parametrize("start", [float(v) for v in np.linspace(-4, 4, 41)])
def test_the_api_agrees_for_drops_across_the_hill(client: TestClient, start: float) -> None:
    """Through the API, as the page asks: the walk's status is `settled`, in a valley."""
    inputs = _inputs()
    body = {k: inputs[k] for k in ("hill", "learning_rate", "optimizer", "max_steps")}
    answer = client.post("/api/descend", json={**body, "start": start})
    assert answer.status_code == 200
    walk = answer.json()
    assert walk["outcome"] == "settled"
    assert walk["n_steps"] < inputs["max_steps"]
    assert walk["valley"] is not None
    assert walk["regime"]["by_run"] == "settled"
