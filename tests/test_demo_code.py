"""A training demo's code makes the demo's run: the numpy program exactly, PyTorch's to rounding.

Each program is the ``code`` of a run's end event (what the page's "Show the code" panel
shows), run as it stands; its last parameters and whole-set numbers are compared with the
run's: the numpy program's to 1e-12 (it is the same walk: they are equal), PyTorch's within
float tolerance (1e-9 of the parameters' size).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from foghill.demo_code import TORCH_LOSSES
from foghill.training import demo_for, events
from foghill.training.demo import rounded
from foghill.training.stream import _walk

TOLERANCE = 1e-12
FLOAT_TOLERANCE = 1e-9

# (demo, settings besides the defaults): every demo with code, every optimizer, a hidden
# layer, a batch larger than the next word's vocabulary (its gradient summed word by word).
RUNS = [
    ("digits", {"steps": 40}),
    ("digits", {"steps": 30, "hidden": 8, "optimizer": "adam", "learning_rate": 0.01}),
    ("spam", {"steps": 40, "optimizer": "momentum", "seed": 3}),
    ("spam", {"steps": 40, "optimizer": "adagrad"}),
    ("next-word", {"steps": 30, "optimizer": "nesterov", "batch_size": 300}),
    ("ratings", {"steps": 60}),
    ("ratings", {"steps": 60, "optimizer": "rmsprop", "learning_rate": 0.01}),
    ("ratings", {"steps": 60, "optimizer": "gd", "learning_rate": 0.1, "batch_size": 7}),
]


def run_program(text: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(text, "<snippet>", "exec"), namespace)
    return namespace


def relative(a: Any, b: Any) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


@pytest.mark.parametrize(("name", "settings"), RUNS)
def test_a_demos_programs_make_its_run(name: str, settings: dict[str, Any]) -> None:
    demo = demo_for(name)
    request = demo.request_model(**settings)
    found = list(events(demo, request))
    end, last = found[-1], found[-2]
    assert end["reason"] == "done"
    assert set(end["code"]) == {"python", "torch"}
    _, walk = _walk(demo, request)
    walk.advance(request.steps)

    ours = run_program(end["code"]["python"])
    assert relative(ours["theta"], walk.theta) <= TOLERANCE
    # The numbers the demo showed at its last step are the program's, as they travel.
    assert rounded(ours["loss"]) == last["loss"]
    assert rounded(ours["heldout_loss"]) == last["heldout_loss"]
    assert rounded(ours["metric"]) == last["metric"]

    theirs = run_program(end["code"]["torch"])
    assert relative(theirs["theta"], walk.theta) <= FLOAT_TOLERANCE
    assert theirs["loss"] == pytest.approx(ours["loss"], rel=FLOAT_TOLERANCE)


def test_the_settings_are_written_into_the_code() -> None:
    demo = demo_for("spam")
    request = demo.request_model(learning_rate=0.25, optimizer="momentum", batch_size=4, steps=9)
    end = list(events(demo, request))[-1]
    assert "fh.optimizers.momentum(0.25)" in end["code"]["python"]
    assert "torch.optim.SGD([theta], lr=0.25, momentum=0.9)" in end["code"]["torch"]
    assert "BATCH, STEPS = 4, 9" in end["code"]["python"]


def test_the_runs_cover_every_demo_with_code_and_every_optimizer() -> None:
    assert {name for name, _ in RUNS} == set(TORCH_LOSSES)
    names = {s.get("optimizer", demo_for(n).request_model().optimizer) for n, s in RUNS}
    assert names == {"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"}


@pytest.mark.parametrize("schedule", ["constant", "warm-up", "decay"])
def test_the_edges_numpy_program_makes_its_walk(schedule: str) -> None:
    """The network at the edge: its program's last weights are the run's, to 1e-12."""
    demo = demo_for("edge")
    request = demo.request_model(steps=40, learning_rate=0.3, schedule=schedule)
    end = list(events(demo, request))[-1]
    _, walk = _walk(demo, request)
    walk.advance(request.steps)
    ours = run_program(end["code"]["python"])
    assert relative(ours["theta"], walk.theta) <= TOLERANCE
    assert f"rate_at({schedule!r}, LR, k, STEPS)" in end["code"]["python"]
