"""Watchable by default (issue 17, point 5): walks and live demos play at a pace a person can
follow, a faster speed is one click from Play, and reduced motion gets the end at once.

These tests are about pacing: their pages play at the page's own default speed (the rest of
the suite plays at "instant", see fh_page.instant_by_default).
"""

from __future__ import annotations

import itertools
import re

import pytest
from fh_page import DESKTOP, MakeContext, model_get, wait_final
from playwright.sync_api import Locator, Page, expect

# It measures how long runs take: one at a time, after the parallel part (marker alone).
pytestmark = [pytest.mark.browser, pytest.mark.pacing, pytest.mark.alone]

DEMOS = ("fh-digits", "fh-spam", "fh-next-word", "fh-ratings")
RUN_TIMEOUT = 30_000

# Every change of a widget's data-step and data-status, and of the words of its metric,
# with the time it happened (ms).
WATCH = """el => {
    el.__seen = [];
    for (const o of el.__watchers ?? []) o.disconnect();
    const note = (what, value) => el.__seen.push({what, value, at: performance.now()});
    const own = new MutationObserver(rs => {
        for (const r of rs) note(r.attributeName, el.getAttribute(r.attributeName));
    });
    own.observe(el, {attributes: true, attributeFilter: ['data-step', 'data-status']});
    el.__watchers = [own];
    const metric = el.querySelector('.fh-tr-metric');
    if (!metric) return;
    const words = new MutationObserver(() => note('metric', metric.textContent));
    words.observe(metric, {childList: true, characterData: true, subtree: true});
    el.__watchers.push(words);
}"""


def seen(widget: Locator, what: str) -> list[tuple[str, float]]:
    """The values `what` took since WATCH, with when (ms)."""
    events = widget.evaluate("el => el.__seen")
    return [(e["value"], e["at"]) for e in events if e["what"] == what]


def played(widget: Locator, start: float) -> float:
    """How long from `start` until the widget's run ended (ms)."""
    ends = [at for value, at in seen(widget, "data-status") if value not in ("running", "idle")]
    assert ends, seen(widget, "data-status")
    return ends[-1] - start


def untrained_accuracy(digits: Locator) -> str:
    """How the digits' metric begins for its untrained model (the server's step 0)."""
    answer = digits.page.request.post("/api/train/digits/untrained", data={})
    return f"Held-out accuracy {round(100 * answer.json()['progress']['metric'])}%:"


def press_play(widget: Locator) -> float:
    """Press Play; the page's clock at the press (ms)."""
    widget.evaluate(WATCH)
    start: float = widget.evaluate("el => performance.now()")
    widget.get_by_role("button", name="Play").click()
    return start


@pytest.fixture
def page_at(page: Page) -> Page:
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    return page


@pytest.mark.parametrize("tag", DEMOS)
def test_a_demos_default_run_lasts_3_s_and_its_metric_changes_10_times(
    page_at: Page, tag: str
) -> None:
    widget = page_at.locator(tag)
    widget.scroll_into_view_if_needed()
    expect(widget.get_by_role("radio", name="Watch")).to_be_checked()
    start = press_play(widget)
    expect(widget).to_have_attribute("data-status", "done", timeout=RUN_TIMEOUT)
    assert played(widget, start) >= 3000
    metrics = [value for value, _ in seen(widget, "metric") if value]
    shown = [m for i, m in enumerate(metrics) if i == 0 or m != metrics[i - 1]]
    assert len(shown) >= 10, shown
    if tag == "fh-digits":
        percents = [int(m.group(1)) for s in shown if (m := re.search(r"(\d+)%", s))]
        assert percents[0] < 50 < 85 < percents[-1], percents


def test_the_first_hills_walk_shows_each_step(page_at: Page) -> None:
    hill = page_at.locator("fh-hill")
    hill.scroll_into_view_if_needed()
    expect(hill.get_by_role("radio", name="Watch")).to_be_checked()
    start = press_play(hill)
    wait_final(hill)
    n = int(model_get(hill, "trajectory")["n_steps"])
    steps = seen(hill, "data-step")
    # Every step is shown, one after the other, each for at least a fifth of a second.
    assert [int(v) for v, _ in steps] == list(range(1, n + 1)), steps
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(steps)]
    assert min(gaps) >= 200, gaps
    assert played(hill, start) >= 200 * n


def test_fast_is_one_click_from_play_and_instant_shows_the_end(page_at: Page) -> None:
    hill = page_at.locator("fh-hill")
    hill.scroll_into_view_if_needed()
    start = press_play(hill)
    wait_final(hill)
    watch = played(hill, start)
    n = int(model_get(hill, "trajectory")["n_steps"])
    # Fast, by mouse: the same walk in well under half the time, every step still shown.
    hill.get_by_role("radio", name="Fast").click()
    hill.get_by_role("button", name="Reset").click()
    start = press_play(hill)
    wait_final(hill)
    assert played(hill, start) < 0.5 * watch
    assert [int(v) for v, _ in seen(hill, "data-step")] == list(range(1, n + 1))
    # Instant, by keyboard (the arrow moves the choice): the end at once.
    hill.get_by_role("radio", name="Fast").press("ArrowRight")
    expect(hill.get_by_role("radio", name="Instant")).to_be_checked()
    start = press_play(hill)
    wait_final(hill)
    assert played(hill, start) < 500
    # From the start (where a walk played to its end begins again) straight to the end.
    assert [int(v) for v, _ in seen(hill, "data-step")] == [0, n]
    assert f"Step {n} of {n}" in hill.locator(".fh-numbers").inner_text()


def test_a_demo_at_fast_and_instant_ends_sooner(page_at: Page) -> None:
    digits = page_at.locator("fh-digits")
    digits.scroll_into_view_if_needed()
    digits.get_by_role("radio", name="Fast").click()
    start = press_play(digits)
    expect(digits).to_have_attribute("data-status", "done", timeout=RUN_TIMEOUT)
    assert played(digits, start) < 2500
    digits.get_by_role("radio", name="Instant").click()
    start = press_play(digits)
    expect(digits).to_have_attribute("data-status", "done", timeout=RUN_TIMEOUT)
    # Only the end's picture is drawn: the metric is written at the end, and before it only
    # the untrained model's (Play after an end starts from scratch, shown as it begins).
    untrained = untrained_accuracy(digits)
    metrics = [value for value, _ in seen(digits, "metric") if value]
    assert metrics, metrics
    assert not metrics[-1].startswith(untrained), metrics
    assert all(m.startswith(untrained) for m in metrics[:-1]), metrics
    assert "held-out" in digits.locator(".fh-message").inner_text()


def test_the_speed_attribute_sets_the_first_choice(page_at: Page) -> None:
    page = page_at
    page.set_content(
        "<!doctype html><html><head>"
        '<link rel="stylesheet" href="/static/foghill.css">'
        '<link rel="stylesheet" href="/static/components.css">'
        '<script type="module" src="/static/components/index.js"></script>'
        '</head><body><main><fh-hill speed="fast"></fh-hill>'
        "<fh-step-dial></fh-step-dial></main></body></html>"
    )
    expect(page.locator("fh-hill").get_by_role("radio", name="Fast")).to_be_checked()
    expect(page.locator("fh-step-dial").get_by_role("radio", name="Watch")).to_be_checked()


@pytest.mark.parametrize(
    "tag",
    [
        "fh-hill",
        "fh-step-dial",
        "fh-line-fit",
        "fh-step-race",
        "fh-surface",
        "fh-race",
        "fh-digits",
    ],
)
def test_every_widget_that_plays_has_the_speed_choice_beside_play(page_at: Page, tag: str) -> None:
    widget = page_at.locator(tag).first
    widget.scroll_into_view_if_needed()
    speed = widget.get_by_role("group", name="Speed")
    expect(speed).to_be_visible()
    assert [r.get_attribute("value") for r in speed.get_by_role("radio").all()] == [
        "watch",
        "fast",
        "instant",
    ]
    # Tab goes from the Play group's buttons to the speed choice.
    widget.get_by_role("button", name="Reset").focus()
    page_at.keyboard.press("Tab")
    assert widget.evaluate("el => document.activeElement.closest('.fh-speed') !== null")


def test_reduced_motion_gets_the_end_at_once_with_the_story_in_words(
    new_guarded_context: MakeContext,
) -> None:
    context, _ = new_guarded_context(reduced_motion="reduce", viewport=DESKTOP)
    page = context.new_page()
    page.goto("/")
    hill = page.locator("fh-hill[data-ready=true]")
    hill.scroll_into_view_if_needed()
    expect(hill.get_by_role("radio", name="Instant")).to_be_checked()
    start = press_play(hill)
    wait_final(hill)
    assert played(hill, start) < 500
    n = int(model_get(hill, "trajectory")["n_steps"])
    assert [int(v) for v, _ in seen(hill, "data-step")] == [n]
    message = hill.locator(".fh-message").inner_text()
    assert re.search(rf"\b{n} steps\b", message), message
    digits = page.locator("fh-digits")
    digits.scroll_into_view_if_needed()
    expect(digits.get_by_role("radio", name="Instant")).to_be_checked()
    # The untrained model, drawn as the reader comes near; then Play at Instant draws the end.
    expect(digits.locator(".fh-message")).to_contain_text("Untrained, step 0", timeout=RUN_TIMEOUT)
    press_play(digits)
    expect(digits).to_have_attribute("data-status", "done", timeout=RUN_TIMEOUT)
    assert len({v for v, _ in seen(digits, "metric") if v}) == 1
