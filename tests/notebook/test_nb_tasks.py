"""A notebook widget carries a task list and bound numbers, as the page does (issue 20).

``tasks=[...]`` in the lesson's grammar: the view shows the list under the widget, ticks a
task as the person reaches it (by the page's own code), and the kernel reads the ids ticked
in ``tasks_done``. ``w.bind("trajectory.n_steps")`` is a label that follows the widget. A
badly written task or a path to no output is refused in a sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nb_client import SECOND, kernel_run, kernel_until, open_and_run_all, write_notebook
from playwright.sync_api import expect

import foghill as fh

TASKS = [
    "- nb-settle | outcome=settled | Let the ball settle in a valley.",
    "nb-fly | outcome=flew-off | Make the ball fly off.",
]
CELLS = [
    "import foghill as fh\n"
    f"hill = fh.Hill('foggy', start=2.5, learning_rate=0.1, tasks={TASKS!r})\nhill",
    "steps = hill.bind('trajectory.n_steps', '0')\nsteps",
]


def test_tasks_and_bind_are_checked_in_python() -> None:
    hill = fh.Hill("foggy", start=2.5, tasks=TASKS)
    assert hill.tasks == [
        "nb-settle | outcome=settled | Let the ball settle in a valley.",
        "nb-fly | outcome=flew-off | Make the ball fly off.",
    ]
    assert hill.tasks_done == []
    with pytest.raises(fh.SettingError, match="'slope<0' names 'slope', not a fact here"):
        fh.Hill(tasks=["x | slope<0 | Tilt it."])
    with pytest.raises(fh.SettingError, match="a task is written"):
        fh.Hill(tasks=["just words"])
    with pytest.raises(fh.SettingError, match="listed twice"):
        fh.Hill(tasks=["a | outcome=settled | One.", "a | outcome=zigzag | Two."])
    label = hill.bind("trajectory.n_steps", "0")
    first = hill.trajectory
    assert first is not None
    assert label.value == str(first.n_steps)
    hill.start = -1.0
    moved = hill.trajectory
    assert moved is not None
    assert label.value == str(moved.n_steps)
    with pytest.raises(fh.SettingError, match="starts with no output of Hill"):
        hill.bind("nothing.here")
    # Every widget a lesson gives tasks to takes them, checked on its own facts.
    surface = fh.Surface(tasks=["s1 | outcome=settled | Settle on the surface."])
    assert surface.tasks == ["s1 | outcome=settled | Settle on the surface."]
    edge = fh.Edge(tasks=["e1 | sharpness>=0.9*edge | Reach the edge."])
    assert edge.tasks_done == []
    with pytest.raises(fh.SettingError, match="'best_slope<0' names 'best_slope'"):
        fh.Edge(tasks=["e2 | best_slope<0 | Tilt the line."])
    assert fh.LineFit(tasks=["f1 | best_slope<0 | Tilt the line."]).tasks


@pytest.mark.notebook
def test_a_notebook_widget_ticks_its_tasks_and_a_bound_number_follows(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    write_notebook(jupyterlab.root / "tasks.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "tasks.ipynb")
    hill = page.locator("fh-hill").first
    ready = "(el) => el.model?.get('trajectory') != null"
    page.wait_for_function(ready, arg=hill.element_handle(), timeout=30 * SECOND)
    hill.scroll_into_view_if_needed()
    settle = page.locator("li[data-task=nb-settle]")
    fly = page.locator("li[data-task=nb-fly]")
    expect(settle).to_have_attribute("data-done", "false", timeout=15 * SECOND)
    expect(settle).to_contain_text("To do:")
    expect(settle).to_contain_text("Let the ball settle in a valley.")
    walk = fh.Hill("foggy", start=2.5, learning_rate=0.1).trajectory
    assert walk is not None
    assert walk.outcome == "settled"
    # The bound number shows the run's steps.
    label = page.locator(".widget-label").filter(has_text=str(walk.n_steps)).first
    expect(label).to_have_text(str(walk.n_steps), timeout=15 * SECOND)

    # The person plays the walk in the view: the task ticks, says so, and the kernel knows.
    hill.get_by_role("button", name="Play").click()
    expect(hill).to_have_attribute("data-status", "settled", timeout=30 * SECOND)
    expect(settle).to_have_attribute("data-done", "true")
    expect(settle).to_contain_text("Done:")
    expect(fly).to_have_attribute("data-done", "false")
    expect(page.locator(".fh-tasks-live").first).to_contain_text(
        "Task done: Let the ball settle in a valley. 1 to go."
    )
    kernel_until(page, "hill.tasks_done == ['nb-settle'], hill.tasks_done")

    # A change from Python: the bound number follows the widget.
    moved = fh.Hill("foggy", start=-1.0, learning_rate=0.1).trajectory
    assert moved is not None
    assert moved.n_steps != walk.n_steps
    assert kernel_run(page, "hill.start = -1.0") == ""
    expect(page.locator(".widget-label").filter(has_text=str(moved.n_steps)).first).to_be_visible(
        timeout=15 * SECOND
    )
    page.screenshot(path=str(screenshots / "jupyterlab-tasks.png"))
    assert offsite.urls == [], offsite.urls
