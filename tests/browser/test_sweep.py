"""<fh-sweep>: every step size at once, its landmarks where the engine puts them, a cursor
that says each rate in words, and a rate sent up to the step-size dial by mouse or keyboard."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from fh_page import (
    AXE,
    VIEWPORTS,
    Guard,
    MakeContext,
    model_get,
    shown,
    significant,
    sized_page,
    wait_final,
)
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# The lesson's sweep: the dial's bowl, start and step budget.
SWEEP = {"hill": "bowl", "start": 2, "max_steps": 200}
NAMES = {"crawling": "crawl", "settled": "settle", "zigzag": "zig-zag", "flew-off": "fly off"}
VERBS = {"crawling": "crawls", "settled": "settles", "zigzag": "zig-zags", "flew-off": "flies off"}
DIAL_OPENING = {
    "crawling": "Crawling:",
    "settled": "Settled:",
    "zigzag": "Zig-zag:",
    "flew-off": "Flew off:",
}


@pytest.fixture
def sweep_page(page: Page, guard: Guard) -> Page:
    """The lesson page with the sweep drawn and the dial it sends to ready."""
    page.goto("/")
    page.wait_for_selector("fh-step-dial[data-ready=true]")
    # The sweep asks for its data when the reader reaches it.
    page.locator("fh-sweep").scroll_into_view_if_needed()
    page.wait_for_selector("fh-sweep[data-ready=true]")
    return page


def answer(page: Page) -> dict[str, Any]:
    """What the engine says for the lesson's sweep (asked of the API directly)."""
    data: dict[str, Any] = page.request.post("/api/sweep", data=SWEEP).json()
    return data


def rate_x(sweep: Locator, rate: float) -> float:
    """Where a rate falls on the drawn axis, read off two of its labelled decade ticks."""
    ticks = {
        (t.text_content() or ""): float(t.get_attribute("x") or "nan")
        for t in sweep.locator(".fh-rate-tick").all()
    }
    x01, x1 = ticks["0.1"], ticks["1"]
    return x01 + (math.log10(rate) + 1) * (x1 - x01)


def expect_cursor_on(chart: Locator, rate: float) -> None:
    """The chart's slider value is this rate (as a number: JS writes 2 where Python has 2.0)."""
    expect(chart).to_have_attribute("aria-valuenow", str(rate).removesuffix(".0"))


def tab_to_chart(page: Page, sweep: Locator) -> Locator:
    chart = sweep.locator("svg.fh-sweep-chart")
    for _ in range(80):
        page.keyboard.press("Tab")
        if chart.evaluate("el => el === document.activeElement"):
            return chart
    pytest.fail("Tab never reached the sweep chart")


def test_the_sweep_is_the_engines_and_its_marks_stand_where_it_says(sweep_page: Page) -> None:
    sweep = sweep_page.locator("fh-sweep")
    engine = answer(sweep_page)
    assert model_get(sweep, "sweep") == engine
    # 1/L and 2/L: drawn where the axis puts those step sizes, and said in words.
    for name, key in (("1/L", "one_jump"), ("2/L", "fly_off")):
        mark = sweep.locator(f".fh-rate-mark[data-name='{name}']")
        expect(mark.locator("text")).to_have_text(name)
        x = float(mark.locator("line").get_attribute("x1") or "nan")
        assert x == pytest.approx(rate_x(sweep, engine[key]), abs=0.6)
    note = sweep.locator(".fh-sweep-note").inner_text()
    assert f"1/L = {significant(engine['one_jump'])}" in note
    assert f"2/L = {significant(engine['fly_off'])}" in note
    # The rate that settled fastest is ringed, where the axis puts it.
    best = sweep.locator(".fh-best-ring")
    assert float(best.get_attribute("cx") or "nan") == pytest.approx(
        rate_x(sweep, engine["best_rate"]), abs=0.6
    )


def test_every_outcome_has_its_marks_its_band_and_its_words(sweep_page: Page) -> None:
    sweep = sweep_page.locator("fh-sweep")
    engine = answer(sweep_page)
    outcomes: list[str] = engine["outcomes"]
    upper = sweep.locator(".fh-sweep-points:not(.fh-settle-points) .fh-marker")
    expect(upper).to_have_count(len(outcomes))
    for outcome in NAMES:
        count = outcomes.count(outcome)
        assert count > 0, f"the lesson's sweep shows every outcome ({outcome} missing)"
        expect(
            sweep.locator(f".fh-sweep-points:not(.fh-settle-points) .fh-out-{outcome}")
        ).to_have_count(count)
    # Colour is not the only sign: the bands are named, in order, and the legend says each.
    labels = sweep.locator(".fh-band-label").all_text_contents()
    assert labels == ["crawls", "settles", "zig-zags", "flies off"]
    legend = sweep.locator(".fh-legend li").all_inner_texts()
    assert [item.split(":")[0] for item in legend] == list(VERBS.values())
    counts = [f"{outcomes.count(o)} {NAMES[o]}" for o in NAMES]
    summary = sweep.locator(".fh-message").inner_text()
    assert f"{', '.join(counts[:-1])} and {counts[-1]}" in summary
    assert f"each given at most {SWEEP['max_steps']} steps" in summary
    best = engine["best_rate"]
    steps = engine["settled_at"][engine["rates"].index(best)]
    assert f"quickest to settle was {significant(best)}, in {steps} steps" in summary


def test_the_cursor_moves_by_keyboard_and_says_each_rate(sweep_page: Page) -> None:
    sweep = sweep_page.locator("fh-sweep")
    engine = answer(sweep_page)
    rates = engine["rates"]
    chart = tab_to_chart(sweep_page, sweep)
    start = rates.index(engine["best_rate"])
    expect_cursor_on(chart, rates[start])
    sweep_page.keyboard.press("ArrowRight")
    expect_cursor_on(chart, rates[start + 1])
    sweep_page.keyboard.press("PageDown")
    expect_cursor_on(chart, rates[start - 9])
    for key, i in (("Home", 0), ("End", len(rates) - 1)):
        sweep_page.keyboard.press(key)
        expect_cursor_on(chart, rates[i])
        words = chart.get_attribute("aria-valuetext") or ""
        assert words.startswith(f"Step size {significant(rates[i])}")
        assert f"it {VERBS[engine['outcomes'][i]]}" in words
        # The same words are on the page, for everyone.
        expect(sweep.locator(".fh-numbers")).to_have_text(words)
        x = float(sweep.locator(".fh-sweep-cursor line").get_attribute("x1") or "nan")
        assert x == pytest.approx(rate_x(sweep, rates[i]), abs=0.6)


def send_and_check_dial(page: Page, sweep: Locator, rate: float, outcome: str) -> None:
    """The dial above now holds this rate, runs it, and ends as the sweep said."""
    dial = page.locator("fh-step-dial")
    expect(sweep.locator(".fh-live[aria-live=polite]")).to_contain_text(
        f"Sent step size {significant(rate)} to the step-size dial"
    )
    assert model_get(dial, "learning_rate") == rate
    expect(dial.locator("output.fh-dial-value")).to_have_text(significant(rate))
    assert wait_final(dial) == outcome
    assert dial.locator(".fh-message").inner_text().startswith(DIAL_OPENING[outcome])


def test_clicking_a_rate_runs_it_on_the_dial(sweep_page: Page) -> None:
    sweep = sweep_page.locator("fh-sweep")
    engine = answer(sweep_page)
    i = engine["outcomes"].index("zigzag")
    rate = engine["rates"][i]
    marker = sweep.locator(".fh-sweep-points:not(.fh-settle-points) .fh-marker").nth(i)
    box = marker.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    sweep_page.mouse.move(x, y)
    expect_cursor_on(sweep.locator("svg.fh-sweep-chart"), rate)
    sweep_page.mouse.click(x, y)
    send_and_check_dial(sweep_page, sweep, rate, "zigzag")


def test_enter_on_the_chart_runs_the_rate_on_the_dial(sweep_page: Page) -> None:
    sweep = sweep_page.locator("fh-sweep")
    engine = answer(sweep_page)
    tab_to_chart(sweep_page, sweep)
    sweep_page.keyboard.press("Home")  # the tiniest step: it crawls
    sweep_page.keyboard.press("Enter")
    send_and_check_dial(sweep_page, sweep, engine["rates"][0], engine["outcomes"][0])
    # And the button says which rate it sends.
    sweep_page.keyboard.press("End")
    button = sweep.get_by_role("button", name=f"Try {significant(engine['rates'][-1])}")
    expect(button).to_have_text(f"Try {significant(engine['rates'][-1])} on the step-size dial")
    button.click()
    send_and_check_dial(sweep_page, sweep, engine["rates"][-1], "flew-off")


def test_a_refused_sweep_is_said_in_words(sweep_page: Page) -> None:
    sweep = sweep_page.locator("fh-sweep")
    sweep.evaluate("el => { el.model.set('start', 9); el.model.save_changes(); }")
    said = sweep_page.request.post("/api/sweep", data={**SWEEP, "start": 9})
    assert said.status == 422
    error = sweep.locator(".fh-error")
    expect(error).to_be_visible()
    expect(error).to_have_text(said.json()["error"])
    expect(sweep.locator(".fh-message")).to_contain_text("refused")
    expect(sweep.locator(".fh-btn-send")).to_be_disabled()


def test_heights_below_zero_are_drawn_as_heights(sweep_page: Page) -> None:
    """Where the floor lies below zero the end heights are no measure of how wrong: a linear
    scale, and the words say height."""
    sweep = sweep_page.locator("fh-sweep")
    # The engine's answer first: the server builds the new formula once (sympy and all, within
    # its CPU budget), so the widget's own request below finds it built.
    asked = sweep_page.request.post(
        "/api/sweep", data={**SWEEP, "formula": "x^2 - 3", "domain": [-4, 4]}, timeout=60_000
    )
    assert asked.ok, asked.text()
    engine: dict[str, Any] = asked.json()
    sweep.evaluate(
        """el => { el.model.set('formula', 'x^2 - 3'); el.model.set('domain', [-4, 4]);
                   el.model.save_changes(); }"""
    )
    titles = sweep.locator(".fh-panel-title")
    expect(titles.first).to_have_text("height after the run", timeout=20_000)
    assert model_get(sweep, "sweep") == engine
    i = engine["rates"].index(engine["best_rate"])
    expect(sweep.locator(".fh-numbers")).to_contain_text(
        f"height at the end: {shown(engine['final_loss'][i], 2)}"
    )


def scoped_axe(page: Page, selector: str) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (selector) => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
            const only = {runOnly: {type: 'tag', values: tags}};
            const result = await axe.run({include: [[selector]]}, only);
            return result.violations.map(v => ({
                id: v.id, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
            }));
        }""",
        selector,
    )
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_and_screenshots(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme, bypass_csp=True)
    viewport = VIEWPORTS[size]
    sweep = page.locator("fh-sweep")
    sweep.scroll_into_view_if_needed()
    page.wait_for_selector("fh-sweep[data-ready=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert scoped_axe(page, "fh-sweep") == []
    chart = tab_to_chart(page, sweep)
    page.keyboard.press("PageUp")  # the cursor moved, with focus shown
    expect(chart).to_be_focused()
    assert scoped_axe(page, "fh-sweep") == []
    sweep.screenshot(path=screenshots / f"sweep-{viewport['width']}-{scheme}.png")
