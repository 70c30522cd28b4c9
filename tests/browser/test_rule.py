"""<fh-rule>: the rule in words and MathML, symbols tied to words, live numbers during a run."""

from __future__ import annotations

import math

import pytest
from fh_page import model_get, wait_final
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

MINUS = "\u2212"


def shown(value: float, digits: int = 3) -> str:
    text = f"{value:.{digits}f}"
    return MINUS + text[1:] if text.startswith("-") else text


def significant(value: float, digits: int = 3) -> str:
    """Like the page's fmtSig: a few significant digits, fixed decimals."""
    magnitude = math.floor(math.log10(abs(value)))
    return shown(value, min(8, max(0, digits - 1 - magnitude)))


def test_symbols_and_words_light_up_together(lesson: Page) -> None:
    rule = lesson.locator("fh-rule")
    assert rule.locator("math mi").count() >= 3  # native MathML
    eta = rule.locator("math.fh-rule-math [data-term=eta]")
    words = rule.locator(".fh-rule-in-words [data-term=eta]")
    assert words.inner_text() == "the step size"
    eta.focus()
    expect(words).to_have_class("fh-term fh-lit")
    expect(rule.locator(".fh-gloss-item[data-term=eta]")).to_have_class("fh-gloss-item fh-lit")
    lesson.keyboard.press("Tab")  # on to the next symbol: the first one goes dark
    expect(words).to_have_class("fh-term")
    # And the other way round, with the mouse: hovering words lights the symbol.
    rule.locator(".fh-rule-in-words [data-term=grad]").hover()
    expect(rule.locator("math.fh-rule-math [data-term=grad]")).to_have_class("fh-term fh-lit")


def test_the_rule_fills_in_a_step_of_the_hill(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    rule = lesson.locator("fh-rule")
    step = hill.get_by_role("button", name="Step")
    step.click()
    expect(hill).to_have_attribute("data-status", "paused")
    step.click()
    expect(hill).to_have_attribute("data-status", "paused")
    expect(rule).to_have_attribute("data-shown", "2")
    traj = model_get(hill, "trajectory")
    slots = rule.locator("math.fh-rule-numbers .fh-slot")
    assert [t.strip("()") for t in slots.all_text_contents()] == [
        shown(traj["position"][2]),
        shown(traj["position"][1]),
        significant(traj["learning_rate"]),
        shown(traj["gradient"][1]),
    ]
    assert "Step 2 of the foggy hill" in rule.locator(".fh-rule-live-head").inner_text()


def test_the_rule_follows_a_running_widget_and_drives_it(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    rule = lesson.locator("fh-rule")
    fit.get_by_role("button", name="Play").click()
    lesson.wait_for_function("el => Number(el.dataset.shown) >= 5", arg=rule.element_handle())
    seen = {rule.get_attribute("data-shown")}
    lesson.wait_for_function(
        "([el, s]) => el.dataset.shown !== s", arg=[rule.element_handle(), next(iter(seen))]
    )
    # A pair of numbers: the line's slope and height.
    assert rule.locator("math.fh-rule-numbers .fh-slot").first.locator("mtable mn").count() == 2
    assert "the line through the dots" in rule.locator(".fh-rule-live-head").inner_text()
    # The rule mirrors the widget it follows, and its buttons drive that widget.
    wait_final(fit)
    assert rule.get_attribute("data-status") == fit.get_attribute("data-status")
    rule.get_by_role("button", name="Reset").click()
    expect(fit).to_have_attribute("data-status", "idle")
    expect(rule).to_have_attribute("data-status", "idle")
    rule.get_by_role("button", name="Step").click()
    expect(fit).to_have_attribute("data-step", "1")
    expect(rule).to_have_attribute("data-step", "1")
