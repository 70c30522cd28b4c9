"""Words and picture never disagree (issue 12): after a refused setting and a good one, every
widget's sentence describes what its controls and picture show, and while the model's
``error`` is set it says that something was refused and names no zone or verdict.

Two ways a model's host refuses: the page's server answers 422 (and the outputs are
cleared), or a notebook kernel sets ``error`` and keeps the last good outputs. The second is
driven here from page JS as a kernel would: the input and ``error`` are set on the model
and nothing is posted, so the outputs do not change."""

from __future__ import annotations

import math
from typing import Any

import pytest
from fh_page import MINUS, frames, model_get, shown, significant, wait_final, zone_of
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

OPENINGS = {
    "crawling": "Crawling:",
    "settled": "Settled:",
    "zigzag": "Zig-zag:",
    "flew-off": "Flew off:",
}
# data-zone, by the zone's name
ZONE_IDS = {"crawl": "crawl", "settle": "settle", "zig-zag": "zigzag", "fly off": "fly"}


def as_kernel(widget: Locator, **state: Any) -> None:
    """Set model keys as a notebook kernel does: change events, nothing posted."""
    widget.evaluate(
        "(el, state) => { for (const [k, v] of Object.entries(state)) el.model.set(k, v); }",
        state,
    )


def post(widget: Locator, **inputs: Any) -> None:
    """Set inputs and let the page model ask the server."""
    widget.evaluate(
        """(el, inputs) => {
            for (const [k, v] of Object.entries(inputs)) el.model.set(k, v);
            el.model.save_changes();
        }""",
        inputs,
    )


def message(widget: Locator) -> str:
    return widget.locator(".fh-message").inner_text()


def expect_refused(widget: Locator, error: str | None = None) -> None:
    """The widget says that its settings were refused, and the note says why."""
    note = widget.locator(".fh-error")
    expect(note).to_be_visible()
    if error is not None:
        expect(note).to_have_text(error)
    expect(widget.locator(".fh-message")).to_contain_text("refused")


def expect_dial_agrees(page: Page, dial: Locator) -> None:
    """The step size on the dial, its zone and the sentence all say the same."""
    lr = model_get(dial, "learning_rate")
    rate = significant(lr)
    expect(dial.locator("output")).to_have_text(rate)
    slider = dial.locator("input.fh-slider")
    assert float(slider.input_value()) == pytest.approx(math.log10(lr), abs=0.006)
    zone = zone_of(lr, model_get(dial, "landscape")["regimes"])
    expect(dial).to_have_attribute("data-zone", ZONE_IDS[zone])
    expect(dial.locator(".fh-error")).to_be_hidden()
    text = message(dial)
    assert text.startswith(f"Step size {rate}, in the “{zone}” zone."), text
    assert (slider.get_attribute("aria-valuetext") or "").startswith(f"{rate}: the ball")


def test_dial_after_a_refused_rate_from_the_kernel_says_the_rate_it_shows(lesson: Page) -> None:
    """The issue's notebook sequence: 0.3, then -1 (refused, outputs kept), then 0.3 again."""
    dial = lesson.locator("fh-step-dial")
    dial.scroll_into_view_if_needed()
    post(dial, learning_rate=0.3)
    lesson.wait_for_function(
        "el => el.model.get('trajectory')?.learning_rate === 0.3", arg=dial.element_handle()
    )
    expect_dial_agrees(lesson, dial)
    walk = model_get(dial, "trajectory")

    refusal = "learning_rate must be greater than 0 (got -1)"
    as_kernel(dial, learning_rate=-1, error=refusal)
    expect_refused(dial, refusal)
    expect(dial.locator("output")).to_have_text(f"{MINUS}1.00")
    expect(dial).to_have_attribute("data-zone", "")
    assert "zone" not in message(dial)
    assert "Step size" not in message(dial)  # a refused value is not described as a setting
    assert "refused" in (dial.locator("input.fh-slider").get_attribute("aria-valuetext") or "")
    # Go while refused neither runs nor waits forever.
    dial.get_by_role("button", name="Go", exact=True).click()
    frames(lesson)
    expect(dial).to_have_attribute("data-status", "idle")

    as_kernel(dial, learning_rate=0.3, error="")
    assert model_get(dial, "trajectory") == walk  # the kernel kept its outputs
    # The Go pressed while refused is carried out now that the settings are accepted.
    status = wait_final(dial)
    assert message(dial).startswith(OPENINGS[status])
    assert dial.locator("output").inner_text() == "0.300"
    dial.get_by_role("button", name="Reset").click()
    expect_dial_agrees(lesson, dial)


def test_dial_after_a_rate_the_server_refuses_says_the_rate_it_shows(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial")
    dial.scroll_into_view_if_needed()
    post(dial, learning_rate=-1)
    expect_refused(dial)
    assert "learning_rate" in dial.locator(".fh-error").inner_text()
    expect(dial).to_have_attribute("data-zone", "")
    assert "Step size" not in message(dial)
    assert dial.get_attribute("data-status") == "idle"

    post(dial, learning_rate=0.3)
    lesson.wait_for_function(
        "el => el.model.get('trajectory')?.learning_rate === 0.3 && !el.model.get('error')",
        arg=dial.element_handle(),
    )
    expect_dial_agrees(lesson, dial)


def test_hill_after_a_bad_formula_says_what_it_draws(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    hill.scroll_into_view_if_needed()
    start = model_get(hill, "start")
    waits = f"The ball waits at x = {shown(start, 2)}."

    # From a kernel: the formula is refused, the last good hill and walk are kept.
    as_kernel(hill, formula="x^^2", error="the formula is not valid: '^^' at column 2")
    expect_refused(hill, "the formula is not valid: '^^' at column 2")
    assert "waits" not in message(hill)
    as_kernel(hill, formula="", error="")
    expect(hill.locator(".fh-error")).to_be_hidden()
    assert message(hill).startswith(waits)
    drop = float(hill.locator(".fh-drop").get_attribute("aria-valuenow") or "nan")
    assert drop == pytest.approx(start, abs=1e-3)

    # From the server: a bad formula, then a good one drawn in its place.
    post(hill, formula="x^^2", domain=[-2, 2])
    expect_refused(hill)
    assert model_get(hill, "trajectory") is None
    assert "waits" not in message(hill)
    post(hill, formula="x^2 - x", domain=[-2, 2], start=1.5)
    hill.page.wait_for_function(
        "el => el.model.get('landscape')?.formula === 'x^2 - x' && el.model.get('trajectory')",
        arg=hill.element_handle(),
    )
    expect(hill.locator(".fh-error")).to_be_hidden()
    expect(hill.locator(".fh-message")).to_have_text(
        "The ball waits at x = 1.50. Press Play, or drop it somewhere else."
    )
    hill.get_by_role("button", name="Play").click()
    assert wait_final(hill) == "settled"
    assert "x = 0.50" in message(hill)  # the valley of x^2 - x


def expect_fit_agrees(fit: Locator) -> None:
    """The sentence, the numbers and the meter describe the walk drawn."""
    walk = model_get(fit, "fit")
    expect(fit.locator(".fh-error")).to_be_hidden()
    k = int(fit.get_attribute("data-step") or 0)
    assert message(fit).startswith(
        f"A line with slope {shown(walk['w'][0], 2)} and height {shown(walk['b'][0], 2)}."
    )
    assert fit.locator(".fh-numbers").inner_text().startswith(f"Step {k} of {walk['n_steps']}:")
    assert fit.locator(".fh-wrong-value").inner_text() == shown(walk["loss"][k], 3)
    assert fit.locator(".fh-wrong-words").inner_text()  # judged again


def test_line_fit_after_bad_dots_says_what_it_draws(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    xs, ys = model_get(fit, "x"), model_get(fit, "y")
    expect_fit_agrees(fit)
    same = [1.0] * len(xs)

    # From a kernel: the dots are refused, the last good walk is kept but not judged.
    refusal = "the dots' x values must not all be equal (no line is best then)"
    as_kernel(fit, x=same, error=refusal)
    expect_refused(fit, refusal)
    expect(fit.locator(".fh-wrong-words")).to_have_text("")
    assert "Press Play" not in message(fit)
    as_kernel(fit, x=xs, error="")
    expect_fit_agrees(fit)

    # From the server: no walk at all for bad dots, then the walk for good ones.
    post(fit, x=same)
    expect_refused(fit)
    assert "equal" in fit.locator(".fh-error").inner_text()
    expect(fit.locator(".fh-wrong-value")).to_have_text("—")
    expect(fit.locator(".fh-wrong-words")).to_have_text("")
    assert fit.locator(".fh-numbers").inner_text() == ""
    assert fit.get_attribute("data-status") == "idle"
    post(fit, x=xs, y=ys)
    fit.page.wait_for_function(
        "el => el.model.get('fit') && !el.model.get('error')", arg=fit.element_handle()
    )
    expect_fit_agrees(fit)
    fit.get_by_role("button", name="Play").click()
    assert wait_final(fit) == "settled"
    assert "Settled after" in message(fit)
