"""One state, two views: commands and settings from Python end where the kernel says.

In a real JupyterLab: five steps issued in one cell leave the view on step 5 and the kernel
too; a formula set from Python shows in the formula box; right after ``go()`` the kernel says
the view is running, and once it has played both hold the outcome; a refused change of the
dots leaves the dots drawn; ``Digits.step()`` steps the view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nb_client import SECOND, kernel_run, kernel_until, open_and_run_all, write_notebook
from playwright.sync_api import expect

import foghill as fh

pytestmark = pytest.mark.notebook

CELLS = [
    "import foghill as fh\nhill = fh.Hill('foggy', start=2.5, learning_rate=0.1)\nhill",
    # Made up for this test: a class's study hours and scores.
    "import pandas as pd\n"
    "df = pd.DataFrame({'hours': [1, 2, 3, 4, 5, 6, 7, 8],"
    " 'score': [52, 55, 60, 64, 70, 74, 79, 83]})\n"
    "fit = fh.LineFit(x=df['hours'], y=df['score'])\nfit",
    "digits = fh.Digits()\ndigits",
]


def test_python_and_the_view_never_drift(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    write_notebook(jupyterlab.root / "sync.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "sync.ipynb")
    hill, fit, digits = (page.locator(t).first for t in ("fh-hill", "fh-line-fit", "fh-digits"))
    ready = "(el) => el.model?.get('trajectory') != null"
    page.wait_for_function(ready, arg=hill.element_handle(), timeout=30 * SECOND)

    # Five steps in one cell: the view ends on step 5, and so does the kernel.
    assert kernel_run(page, "for _ in range(5): hill.step()") == ""
    expect(hill).to_have_attribute("data-step", "5", timeout=15 * SECOND)
    expect(hill).to_have_attribute("data-status", "paused")
    kernel_until(page, "(hill.status, hill.step_count) == ('paused', 5), hill.status")

    # A formula set from Python: drawn, and in the formula box.
    assert kernel_run(page, "hill.formula = 'x^4 - 3*x^2 + x'") == ""
    expect(hill.locator(".fh-formula-input")).to_have_value("x^4 - 3*x^2 + x", timeout=15 * SECOND)
    expect(hill.locator(".fh-formula-words")).to_contain_text("Drawn: height = ")

    # Right after go() the kernel says what the view does: it runs; then both hold the end.
    assert kernel_run(page, "hill.go(); assert hill.status == 'running', hill.status") == ""
    walk = fh.Hill("x^4 - 3*x^2 + x", start=2.5, learning_rate=0.1).trajectory
    assert walk is not None
    expect(hill).to_have_attribute("data-status", walk.outcome, timeout=30 * SECOND)
    expect(hill).to_have_attribute("data-step", str(walk.n_steps))
    kernel_until(page, f"(hill.status, hill.step_count) == ({walk.outcome!r}, {walk.n_steps})")

    # A teacher's own table with the defaults: named axes, x counted from the middle (and
    # said so), a step that settles on Play.
    fit.scroll_into_view_if_needed()
    expect(fit.locator("g.fh-dot")).to_have_count(8, timeout=15 * SECOND)
    expect(fit.locator("svg.fh-lf-plot .fh-axis-name")).to_have_text(["hours", "score"])
    expect(fit.locator(".fh-lf-origin")).to_contain_text("hours is counted from 4")
    fit.get_by_role("button", name="Play").click()
    expect(fit).to_have_attribute("data-status", "settled", timeout=30 * SECOND)
    page.screenshot(path=str(screenshots / "jupyterlab-own-dots.png"))

    # A refused change of the dots: the words say the picture keeps the last good dots, and
    # it does.
    assert kernel_run(page, "fit.y = [1, 2]") == ""
    expect(fit.locator(".fh-error")).to_be_visible(timeout=15 * SECOND)
    expect(fit.locator("g.fh-dot")).to_have_count(8)
    assert kernel_run(page, "fit.y = [52, 55, 60, 64, 70, 74, 79, 83]") == ""
    expect(fit.locator(".fh-error")).to_be_hidden(timeout=15 * SECOND)

    # Every widget that plays takes the same commands: the digits step too (as its Step
    # button does: train a little, then stop), and the kernel counts the steps shown.
    digits.scroll_into_view_if_needed()
    assert kernel_run(page, "digits.step()") == ""
    expect(digits).to_have_attribute("data-status", "paused", timeout=30 * SECOND)
    shown = int(digits.get_attribute("data-step") or 0)
    assert shown > 0
    kernel_until(page, f"digits.step_count == {shown}, digits.step_count")
    page.screenshot(path=str(screenshots / "jupyterlab-sync.png"))
    assert offsite.urls == [], offsite.urls


# In marimo, Python runs when a cell does: here, when a button the page shows is pressed (as a
# teacher's own button would), and a cell that reads the widget says what the kernel holds.
MARIMO_APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo

    import foghill as fh

    hill_widget = fh.Hill("foggy", start=2.5, learning_rate=0.1)
    return fh, hill_widget, mo


@app.cell
def _(hill_widget, mo):
    hill = mo.ui.anywidget(hill_widget)
    hill
    return (hill,)


@app.cell
def _(hill_widget, mo):
    def five(count):
        for _ in range(5):
            hill_widget.step()
        return count + 1

    def formula(count):
        hill_widget.formula = "x^4 - 3*x^2 + x"
        return count + 1

    buttons = mo.hstack(
        [
            mo.ui.button(value=0, on_click=five, label="Five steps"),
            mo.ui.button(value=0, on_click=formula, label="Your own hill"),
        ]
    )
    buttons
    return


@app.cell
def _(hill, mo):
    mo.md(f"The kernel says: {hill.widget.status} at step {hill.widget.step_count}")
    return


if __name__ == "__main__":
    app.run()
"""


def test_marimo_python_and_the_view_never_drift(
    marimo_app: Any, local_page: Any, screenshots: Path, tmp_path: Path
) -> None:
    page, offsite = local_page
    source = tmp_path / "sync_app.py"
    source.write_text(MARIMO_APP)
    server = marimo_app(source)
    page.goto(server.url + "/", timeout=60 * SECOND)
    hill = page.locator("fh-hill").first
    hill.wait_for(timeout=60 * SECOND)
    ready = "(el) => el.model?.get('trajectory') != null"
    page.wait_for_function(ready, arg=hill.element_handle(), timeout=30 * SECOND)
    page.get_by_role("button", name="Five steps").click()
    expect(hill).to_have_attribute("data-step", "5", timeout=15 * SECOND)
    expect(hill).to_have_attribute("data-status", "paused")
    page.get_by_text("The kernel says: paused at step 5").wait_for(timeout=30 * SECOND)
    page.get_by_role("button", name="Your own hill").click()
    expect(hill.locator(".fh-formula-input")).to_have_value("x^4 - 3*x^2 + x", timeout=15 * SECOND)
    page.screenshot(path=str(screenshots / "marimo-sync.png"))
    assert offsite.urls == [], offsite.urls
