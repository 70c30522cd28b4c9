"""The rule in notebooks: ``fh.Rule(of=hill)`` fills in the hill's steps, in JupyterLab and marimo.

In Python: the kernel forwards the followed widget's run, step size and where its views are;
the rule's commands reach the followed widget. In the real clients: Step pressed twice in
the hill's view shows step 2's numbers in the rule's view (marimo draws each in its own
shadow root, so nothing page-wide can connect them), and the rule's buttons drive the hill.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nb_client import open_and_run_all, write_notebook
from playwright.sync_api import Locator, expect

import foghill as fh
from foghill.errors import SettingError

SECOND = 1000  # Playwright counts milliseconds


def shown(value: float) -> str:
    """A number as the rule's slots write it (three decimals, a real minus sign)."""
    return f"{value:.3f}".replace("-", "\u2212")


# ---- in Python -------------------------------------------------------------------------------


def test_the_rule_holds_what_the_hill_holds() -> None:
    hill = fh.Hill("foggy", start=2.5, learning_rate=0.1)
    rule = fh.Rule(of=hill)
    assert rule.of is hill
    assert rule.source == "fh-hill"
    assert rule.run == hill.trajectory.to_json()
    assert (rule.learning_rate, rule.optimizer) == (0.1, "gd")
    hill.learning_rate = 0.05  # a new walk in the kernel reaches the rule
    assert rule.run["learning_rate"] == 0.05
    assert rule.run["position"] == hill.trajectory.positions.tolist()
    hill.step()
    assert (rule.source_status, rule.source_step) == ("paused", 1)


def test_the_rules_buttons_drive_the_widget_it_follows() -> None:
    fit = fh.LineFit()
    rule = fh.Rule(of=fit)
    assert rule.source == "fh-line-fit"
    assert rule.run["w"] == fit.fit.to_json()["w"]
    rule._command(rule, {"type": "step"}, [])  # what the view sends when Step is pressed
    rule._command(rule, {"type": "step"}, [])
    assert (fit.status, fit.step_count) == ("paused", 2)
    assert rule.source_step == 2
    rule._command(rule, {"type": "reset"}, [])
    assert (fit.status, fit.step_count, rule.source_status) == ("idle", 0, "idle")
    rule._command(rule, {"type": "nonsense"}, [])  # anything else is ignored
    assert fit.status == "idle"


@pytest.mark.parametrize("wrong", [None, 3, "foggy"])
def test_a_rule_needs_a_widget_to_follow(wrong: Any) -> None:
    with pytest.raises(SettingError, match=r"Rule needs the widget it follows: Rule\(of=hill\)"):
        fh.Rule(of=wrong)


# ---- in the real clients ---------------------------------------------------------------------

CELLS = [
    "import foghill as fh\n\nhill = fh.Hill('foggy', start=2.5, learning_rate=0.1)\nhill",
    "rule = fh.Rule(of=hill)\nrule",
]


MARIMO_APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo

    import foghill as fh

    return fh, mo


@app.cell
def _(fh):
    # Made apart from their views: a cell that read `hill` would run again (and make a new
    # rule) whenever the hill's view reports a step.
    hill_widget = fh.Hill("foggy", start=2.5, learning_rate=0.1)
    rule_widget = fh.Rule(of=hill_widget)
    return hill_widget, rule_widget


@app.cell
def _(hill_widget, mo):
    hill = mo.ui.anywidget(hill_widget)
    hill
    return


@app.cell
def _(mo, rule_widget):
    rule = mo.ui.anywidget(rule_widget)
    rule
    return


if __name__ == "__main__":
    app.run()
"""


def assert_terms_apart(rule: Locator) -> None:
    """Each glossary term sits above its meaning: their boxes never overlap."""
    pairs = rule.locator(".fh-gloss-item").evaluate_all(
        """items => items.map(item => {
            const t = item.querySelector('dt').getBoundingClientRect();
            const d = item.querySelector('dd').getBoundingClientRect();
            return {term_bottom: t.bottom, meaning_top: d.top};
        })"""
    )
    assert pairs
    for pair in pairs:
        assert pair["term_bottom"] <= pair["meaning_top"] + 0.5, pair


def step_twice_and_drive(page: Any) -> None:
    """Step the hill twice in its view: the rule shows step 2; the rule's buttons drive it."""
    hill, rule = page.locator("fh-hill").first, page.locator("fh-rule").first
    page.wait_for_function(
        "(el) => el.model?.get('run') != null", arg=rule.element_handle(), timeout=30 * SECOND
    )
    walk = fh.Hill("foggy", start=2.5, learning_rate=0.1).trajectory
    assert walk is not None
    hill.scroll_into_view_if_needed()
    for k, words in ((1, "Paused after 1 step."), (2, "Paused after 2 steps.")):
        hill.get_by_role("button", name="Step").click()
        expect(hill).to_have_attribute("data-step", str(k), timeout=15 * SECOND)
        expect(hill.locator(".fh-message")).to_contain_text(words)  # the hop has landed
    expect(rule).to_have_attribute("data-shown", "2", timeout=15 * SECOND)
    slots: Locator = rule.locator("math.fh-rule-numbers .fh-slot")
    assert [t.strip("()") for t in slots.all_text_contents()] == [
        shown(walk.positions[2]),
        shown(walk.positions[1]),
        "0.100",  # the step size, to three significant digits
        shown(walk.gradients[1]),
    ]
    assert "Step 2 of the foggy hill" in rule.locator(".fh-rule-live-head").inner_text()
    expect(rule).to_have_attribute("data-status", "paused")
    expect(rule.locator(".fh-rule-target")).to_have_text("Buttons drive the foggy hill.")
    assert_terms_apart(rule)

    # The rule's buttons, by keyboard: Reset, then Step, reach the hill through the kernel.
    rule.get_by_role("button", name="Reset").focus()
    page.keyboard.press("Enter")
    expect(hill).to_have_attribute("data-status", "idle", timeout=15 * SECOND)
    expect(rule).to_have_attribute("data-step", "0", timeout=15 * SECOND)
    rule.get_by_role("button", name="Step").focus()
    page.keyboard.press("Enter")
    expect(hill).to_have_attribute("data-step", "1", timeout=15 * SECOND)
    expect(rule).to_have_attribute("data-shown", "1", timeout=15 * SECOND)


@pytest.mark.notebook
def test_jupyterlab_rule_follows_the_hill(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    write_notebook(jupyterlab.root / "rule.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "rule.ipynb")
    expect(page.locator("fh-rule")).to_have_count(1, timeout=30 * SECOND)
    step_twice_and_drive(page)
    page.locator("fh-rule").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "jupyterlab-rule.png"))
    assert offsite.urls == [], offsite.urls


@pytest.mark.notebook
def test_marimo_rule_follows_the_hill(
    marimo_app: Any, local_page: Any, screenshots: Path, tmp_path: Path
) -> None:
    page, offsite = local_page
    source = tmp_path / "rule_app.py"
    source.write_text(MARIMO_APP)
    server = marimo_app(source)
    page.goto(server.url + "/", timeout=60 * SECOND)
    expect(page.locator("fh-rule")).to_have_count(1, timeout=60 * SECOND)
    step_twice_and_drive(page)
    page.locator("fh-rule").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "marimo-rule.png"))
    assert offsite.urls == [], offsite.urls
