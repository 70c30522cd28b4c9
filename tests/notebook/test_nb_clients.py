"""Real notebook clients in Debian's Chromium: JupyterLab and marimo serve the examples.

Each test starts its own server on 127.0.0.1 (see conftest.py), opens the example, presses
Play in the first <fh-hill> and waits for the ball to settle. Every request the page makes to
a host other than this machine is blocked and fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from nb_client import kernel_run
from playwright.sync_api import expect

from foghill import notebook as fn

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.notebook

SECOND = 1000  # Playwright counts milliseconds


def test_jupyterlab_runs_the_tour_and_the_hill_settles(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    shutil.copy(EXAMPLES / "tour.ipynb", jupyterlab.root / "tour.ipynb")
    page.goto(jupyterlab.url + "/lab/tree/tour.ipynb", timeout=60 * SECOND)
    page.wait_for_function(
        """() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel
                  ?.status === "idle" """,
        timeout=60 * SECOND,
    )
    ran = page.evaluate(
        "async () => await window.jupyterapp.commands.execute('notebook:run-all-cells')"
    )
    assert ran is True, jupyterlab.log_text()[-3000:]  # every cell ran without an error
    # Several widgets on one page: the two hills, the dial and the line fit all render.
    for tag, count in (("fh-hill", 2), ("fh-step-dial", 1), ("fh-line-fit", 1)):
        expect(page.locator(tag)).to_have_count(count, timeout=30 * SECOND)

    # Issue 12: after Run All, every widget's words agree with what it shows. The tour's
    # last cell sets the dial's rate to -1 (refused) and then back to 0.3.
    dial = page.locator("fh-step-dial")
    dial.scroll_into_view_if_needed()
    expect(dial.locator("output")).to_have_text("0.300", timeout=30 * SECOND)
    expect(dial.locator(".fh-error")).to_be_hidden()
    expect(dial.locator(".fh-message")).to_contain_text("0.300")
    sentence = dial.locator(".fh-message").inner_text()
    assert "\u22121" not in sentence, sentence
    assert "-1" not in sentence, sentence
    assert "refused" not in sentence, sentence
    zone = dial.get_attribute("data-zone")
    assert zone, "the dial names the zone of the rate it shows"
    for tag in ("fh-hill", "fh-step-dial", "fh-line-fit"):
        for i in range(page.locator(tag).count()):
            widget = page.locator(tag).nth(i)
            expect(widget.locator(".fh-error")).to_be_hidden()
            assert "refused" not in widget.locator(".fh-message").inner_text(), (tag, i)

    hill = page.locator("fh-hill").first
    hill.wait_for(timeout=30 * SECOND)
    hill.scroll_into_view_if_needed()
    assert hill.get_attribute("data-status") == "idle"
    hill.locator("button.fh-btn-play").click()
    expect(hill).to_have_attribute("data-status", "settled", timeout=30 * SECOND)
    expected = fn.Hill("foggy", start=2.5, learning_rate=0.1).trajectory
    assert expected is not None
    expect(hill).to_have_attribute("data-step", str(expected.n_steps))

    hill.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "jupyterlab-tour.png"))

    # The kernel sees where the view is (the host mirrors data-status into the model).
    assert (
        kernel_run(
            page, f"assert (hill.status, hill.step_count) == ('settled', {expected.n_steps})"
        )
        == ""
    )

    # The view asks, the kernel answers: a new start from the element reaches Python and a
    # new walk comes back over the widget channel.
    hill.evaluate("(el) => { el.model.set('start', -1); el.model.save_changes(); }")
    page.wait_for_function(
        "(el) => el.model.get('trajectory').position[0] === -1",
        arg=hill.element_handle(),
        timeout=15 * SECOND,
    )
    assert (
        kernel_run(page, "assert hill.start == -1.0 and hill.trajectory.positions[0] == -1") == ""
    )
    # ...and Python's commands reach the view.
    assert kernel_run(page, "hill.go()") == ""
    again = fn.Hill("foggy", start=-1.0, learning_rate=0.1).trajectory
    assert again is not None
    expect(hill).to_have_attribute("data-status", again.outcome, timeout=30 * SECOND)
    assert offsite.urls == [], offsite.urls


def test_marimo_runs_the_tour_and_the_hill_settles(
    marimo_app: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    server = marimo_app(EXAMPLES / "marimo_tour.py")
    page.goto(server.url + "/", timeout=60 * SECOND)
    hill = page.locator("fh-hill").first
    hill.wait_for(timeout=60 * SECOND)
    for tag, count in (("fh-hill", 2), ("fh-step-dial", 1), ("fh-line-fit", 1)):
        expect(page.locator(tag)).to_have_count(count, timeout=30 * SECOND)
    # marimo draws each widget inside a shadow root: locators reach in, querySelector cannot.
    page.wait_for_function(
        "(el) => el.model?.get('trajectory') != null",
        arg=hill.element_handle(),
        timeout=30 * SECOND,
    )
    assert hill.get_attribute("data-status") == "idle"
    hill.locator("button.fh-btn-play").click()
    expect(hill).to_have_attribute("data-status", "settled", timeout=30 * SECOND)
    expected = fn.Hill("foggy", start=2.5, learning_rate=0.1).trajectory
    assert expected is not None
    expect(hill).to_have_attribute("data-step", str(expected.n_steps))

    # The widget's status reaches Python, and marimo re-runs the cell that reads it.
    expect(page.get_by_text("The widget says: settled after")).to_be_visible(timeout=15 * SECOND)

    # marimo's own slider sets the dial's learning rate in Python; the kernel's new walk
    # reaches the dial's view.
    slider = page.get_by_role("slider", name="step size from marimo")
    slider.focus()
    slider.press("End")
    bold = fn.StepDial("bowl", start=3.0, learning_rate=1.2).trajectory
    assert bold is not None
    dial = page.locator("fh-step-dial").first
    page.wait_for_function(
        "([el, want]) => el.model?.get('trajectory')?.learning_rate === want",
        arg=[dial.element_handle(), bold.learning_rate],
        timeout=30 * SECOND,
    )
    dial.locator("button.fh-btn-play").click()
    expect(dial).to_have_attribute("data-status", bold.outcome, timeout=30 * SECOND)
    hill.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "marimo-tour.png"))
    assert offsite.urls == [], offsite.urls
