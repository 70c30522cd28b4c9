""" "Show the code" on the map, the races and the sweep (issue 20): the panel appears once the
widget holds a run, follows the reader's settings (a race's momentum as set, a step race's
typed step size), and the program it shows, run as a script in a fresh Python, makes the
numbers the widget shows: Foghill's program the widget's walks as sent (foghill.precision),
PyTorch's program Foghill's to 1e-12 of the walk's size.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fh_page import model_get, wait_final
from playwright.sync_api import Locator, Page, expect
from test_code_panel import assert_as_shown, assert_same_walk, open_panel, run_copied

pytestmark = pytest.mark.browser

RACE_TIMEOUT = 30_000  # ms: a race of 1,000 steps plays in about 7 s

# Appended to a shown program: what it computed, as JSON, on its last line.
FOGHILL_RUNS = "\nimport json\nprint(json.dumps([r.positions.tolist() for r in runs]))\n"
TORCH_RUNS = "\nimport json\nprint(json.dumps([r[0] for r in runs]))\n"
FOGHILL_WALK = "\nimport json\nprint(json.dumps(run.positions.tolist()))\n"
TORCH_WALK = "\nimport json\nprint(json.dumps(positions))\n"
SWEEP_ENDINGS = "\nimport json\nprint(json.dumps([steps, outcomes]))\n"


def reach(page: Page, selector: str) -> Locator:
    page.goto("/")
    widget = page.locator(selector)
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-ready", "true")
    return widget


def program(panel: Locator, which: str) -> str:
    return panel.locator(f"pre[data-program={which}]").inner_text()


def test_the_maps_code_appears_with_the_dropped_ball_and_makes_its_walk(
    page: Page, guard: object
) -> None:
    widget = reach(page, "fh-surface#surface")
    expect(widget.locator("details.fh-code")).to_be_hidden()  # no ball dropped: no run yet
    box = widget.locator(".fh-hit").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7)
    wait_final(widget)
    walk = model_get(widget, "trajectory")
    panel = open_panel(widget)
    ours = run_copied(program(panel, "python"), FOGHILL_WALK)
    assert_as_shown(ours, walk["position"])
    assert_same_walk(run_copied(program(panel, "torch"), TORCH_WALK), ours)

    # Dropped somewhere else: the code shown is the new walk's.
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.2)
    page.wait_for_function(
        "([el, x]) => el.model.get('trajectory')?.position?.[0]?.[0] !== x",
        arg=[widget.element_handle(), walk["position"][0][0]],
    )
    wait_final(widget)
    walk, start = model_get(widget, "trajectory"), model_get(widget, "start")
    expect(panel.locator("pre[data-program=torch]")).to_contain_text(
        f"START = ({float(start[0])!r}, {float(start[1])!r})"
    )
    assert_as_shown(run_copied(program(panel, "python"), FOGHILL_WALK), walk["position"])


def test_the_races_code_keeps_the_momentum_the_reader_set(page: Page, guard: object) -> None:
    widget = reach(page, "fh-race#race-valley")
    for name in ("AdaGrad", "RMSProp", "Adam"):
        widget.get_by_role("checkbox", name=name).uncheck()
    kept = widget.get_by_role("spinbutton", name="Momentum kept (momentum and Nesterov)")
    kept.fill("0.5")
    kept.press("Tab")
    widget.get_by_role("button", name="Play").click()
    wait_final(widget, RACE_TIMEOUT)
    runs = model_get(widget, "race")["runs"]
    assert [r["optimizer"] for r in runs] == ["gd", "momentum", "nesterov"]
    panel = open_panel(widget)
    python, torch = program(panel, "python"), program(panel, "torch")
    assert "fh.optimizers.momentum(0.05, mu=0.5)" in python
    assert "fh.optimizers.nesterov(0.05, mu=0.5)" in python
    assert re.findall(r"momentum=[\d.]+", torch) == ["momentum=0.5", "momentum=0.5"]
    ours = run_copied(python, FOGHILL_RUNS)
    for mine, run in zip(ours, runs, strict=True):
        assert_as_shown(mine, run["position"])
    for theirs, mine in zip(run_copied(torch, TORCH_RUNS), ours, strict=True):
        assert_same_walk(theirs, mine)

    # Another momentum: the code shown follows it once the new race is in.
    kept.fill("0.7")
    kept.press("Tab")
    widget.get_by_role("button", name="Play").click()
    wait_final(widget, RACE_TIMEOUT)
    expect(panel.locator("pre[data-program=torch]")).to_contain_text("momentum=0.7")
    expect(panel.locator("pre[data-program=torch]")).not_to_contain_text("momentum=0.5")


def test_the_step_races_code_follows_a_typed_step_size(page: Page, guard: object) -> None:
    widget = reach(page, "fh-step-race#step-race-valley")
    field = widget.locator("input.fh-race-rate").nth(0)
    field.fill("0.3")
    field.press("Enter")
    page.wait_for_function(
        "el => el.model.get('learning_rates')[0] === 0.3", arg=widget.element_handle()
    )
    widget.get_by_role("button", name="Play").click()
    wait_final(widget, RACE_TIMEOUT)
    runs = model_get(widget, "race")["runs"]
    panel = open_panel(widget)
    expect(panel.locator("pre[data-program=python]")).to_contain_text("fh.optimizers.gd(0.3)")
    torch = program(panel, "torch")
    assert "torch.optim.SGD(params, lr=0.3)" in torch
    ours = run_copied(program(panel, "python"), FOGHILL_RUNS)
    assert len(ours) == len(runs) == 3
    for mine, run in zip(ours, runs, strict=True):
        assert_as_shown(mine, run["position"])
    for theirs, mine in zip(run_copied(torch, TORCH_RUNS), ours, strict=True):
        assert_same_walk(theirs, mine)


def test_the_sweeps_loop_makes_every_rates_ending(page: Page, guard: object) -> None:
    widget = reach(page, "fh-sweep")
    sweep: dict[str, Any] = model_get(widget, "sweep")
    panel = open_panel(widget)
    python = program(panel, "python")
    assert "for rate in rates:" in python
    steps, outcomes = run_copied(python, SWEEP_ENDINGS)
    assert steps == sweep["steps"]
    assert outcomes == sweep["outcomes"]
    assert "for label, make_optimizer in WALKERS:" in program(panel, "torch")
