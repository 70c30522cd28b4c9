"""<fh-rule>: the rule in words and MathML, symbols tied to words, live numbers during a run."""

from __future__ import annotations

import pytest
from fh_page import (
    DESKTOP,
    MINUS,
    MakeContext,
    all_built,
    click_hill_at,
    model_get,
    shown,
    significant,
    wait_final,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_symbols_and_words_light_up_together(lesson: Page) -> None:
    rule = lesson.locator("fh-rule")
    # Native MathML, once the rule is built (a widget is built when the reader nears it).
    rule.locator("math mi").nth(2).wait_for(state="attached")
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
    # Every step the rule shows while the line runs (however few frames a busy machine draws).
    rule.evaluate(
        """el => {
            el.__shown = [];
            new MutationObserver(() => el.__shown.push(Number(el.dataset.shown)))
                .observe(el, {attributes: true, attributeFilter: ['data-shown']});
        }"""
    )
    fit.get_by_role("radio", name="Fast").click()  # on its way, not at once (Instant)
    fit.get_by_role("button", name="Play").click()
    lesson.wait_for_function("el => Number(el.dataset.shown) >= 5", arg=rule.element_handle())
    # A pair of numbers: the line's slope and height.
    assert rule.locator("math.fh-rule-numbers .fh-slot").first.locator("mtable mn").count() == 2
    assert "the line through the dots" in rule.locator(".fh-rule-live-head").inner_text()
    # The rule mirrors the widget it follows, and its buttons drive that widget.
    wait_final(fit)
    assert rule.get_attribute("data-status") == fit.get_attribute("data-status")
    shown = rule.evaluate("el => el.__shown")
    assert len(set(shown)) >= 2, shown  # it followed the run: more than one step was shown
    assert rule.get_attribute("data-shown") == fit.get_attribute("data-step")
    rule.get_by_role("button", name="Reset").click()
    expect(fit).to_have_attribute("data-status", "idle")
    expect(rule).to_have_attribute("data-status", "idle")
    rule.get_by_role("button", name="Step").click()
    expect(fit).to_have_attribute("data-step", "1")
    expect(rule).to_have_attribute("data-step", "1")


def parse(text: str) -> float:
    return float(text.strip("()").replace(MINUS, "-"))


def half_unit(text: str) -> float:
    """Half the last shown digit of a number as displayed (its rounding error at most)."""
    digits = text.strip("()").partition(".")[2]
    return 0.5 / 10.0 ** len(digits)


def test_reduced_motion_rule_shows_one_true_step(new_guarded_context: MakeContext) -> None:
    """Under reduced motion one drawn jump spans several steps; the rule still shows one step."""
    context, _ = new_guarded_context(reduced_motion="reduce", viewport=DESKTOP)
    page = context.new_page()
    page.goto("/")
    all_built(page)  # the rule too, so that it sees every step of the walk
    hill = page.locator("fh-hill[data-ready=true]")
    hill.wait_for()
    rule = page.locator("fh-rule")
    page.evaluate(
        """() => {
            const rule = document.querySelector('fh-rule');
            window.__shown = [];
            new MutationObserver(() => window.__shown.push({
                step: Number(rule.dataset.shown),
                slots: [...rule.querySelectorAll('math.fh-rule-numbers .fh-slot')]
                    .map(s => s.textContent),
            })).observe(rule, {attributes: true, attributeFilter: ['data-shown']});
        }"""
    )
    click_hill_at(page, hill, -3.3)  # a long walk: many steps to each drawn jump
    wait_final(hill)
    traj = model_get(hill, "trajectory")
    shown_steps: list[dict[str, object]] = page.evaluate("window.__shown")
    steps = [int(str(s["step"])) for s in shown_steps]
    assert steps[-1] == traj["n_steps"]
    assert any(b - a > 1 for a, b in zip([0, *steps], steps, strict=False)), steps  # real jumps
    for snap in shown_steps:
        texts = [str(t) for t in snap["slots"]]  # type: ignore[attr-defined]
        nxt, theta, eta, grad = (parse(t) for t in texts)
        tol = (
            half_unit(texts[0])
            + half_unit(texts[1])
            + abs(eta) * half_unit(texts[3])
            + abs(grad) * half_unit(texts[2])
            + 1e-9
        )
        assert abs(nxt - (theta - eta * grad)) <= tol, (snap, tol)
        # The rule's "next" is where the ball stands after that step.
        k = int(str(snap["step"]))
        assert nxt == pytest.approx(traj["position"][k], abs=half_unit(texts[0]) + 1e-9)
    assert (
        f"Step {traj['n_steps']} of the foggy hill"
        in rule.locator(".fh-rule-live-head").inner_text()
    )


def test_the_rule_says_so_when_the_optimizer_is_not_plain_descent(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    rule = lesson.locator("fh-rule")
    hill.evaluate("el => el.model.set('optimizer', 'adam')")
    hill.get_by_role("button", name="Step").click()
    expect(hill).to_have_attribute("data-status", "paused")
    expect(rule).to_have_attribute("data-shown", "1")
    expect(rule).to_have_attribute("data-optimizer", "adam")
    head = rule.locator(".fh-rule-live-head").inner_text()
    assert "uses adam" in head
    assert "not simply" in head
    expect(rule.locator("math.fh-rule-numbers")).to_be_hidden()
    assert model_get(hill, "trajectory")["optimizer"] == "adam"


def test_a_last_step_with_no_printable_tilt_says_why_it_stands_still(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    rule = lesson.locator("fh-rule")
    hill.get_by_role("button", name="Play").click()
    wait_final(hill)
    traj = model_get(hill, "trajectory")
    expect(rule).to_have_attribute("data-shown", str(traj["n_steps"]))
    text = rule.locator(".fh-rule-numbers-text").inner_text()
    last_tilt = traj["gradient"][traj["n_steps"] - 1]
    assert shown(last_tilt) in ("0.000", "−0.000"), last_tilt  # the finding: a tilt-free step
    assert "smaller than the printed digits can show" in text, text
    # A step with a tilt that prints says nothing of the kind.
    rule.get_by_role("button", name="Reset").click()
    rule.get_by_role("button", name="Step").click()
    expect(rule).to_have_attribute("data-shown", "1")
    expect(rule.locator(".fh-rule-numbers-text")).not_to_contain_text("smaller than the printed")
