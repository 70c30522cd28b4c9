"""The network at the edge (issue 22), used as a reader would: guess, Play, read the verdict;
the step-size dial by keyboard to make it fly off; the schedule; the lesson's numbers and
tasks; axe, phone width and screenshots. What is checked is what a reader sees."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fh_page import (
    AXE,
    VIEWPORTS,
    MakeContext,
    frames,
    sized_page,
)
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

RUN_TIMEOUT = 30_000  # ms: the default run takes about a second of server time

WATCH_STATUS = """el => {
    el.__left = [];
    el.__watch?.disconnect();
    el.__watch = new MutationObserver(rs => { for (const r of rs) el.__left.push(r.oldValue); });
    el.__watch.observe(
        el, {attributes: true, attributeFilter: ['data-status'], attributeOldValue: true}
    );
}"""


def edge(page: Page) -> Locator:
    widget = page.locator("fh-edge")
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".fh-btn-play")).to_be_visible()
    return widget


def play_to_end(widget: Locator, timeout: float = RUN_TIMEOUT) -> None:
    widget.evaluate(WATCH_STATUS)
    widget.get_by_role("button", name="Play").click()
    widget.page.wait_for_function(
        "el => el.__left.includes('running') && el.dataset.status === 'done'",
        arg=widget.element_handle(),
        timeout=timeout,
    )


@pytest.fixture
def page_at(page: Page) -> Page:
    page.goto("/")
    page.wait_for_selector("fh-edge .fh-btn-play")
    return page


def test_the_default_run_rises_to_its_line_and_the_guess_is_judged(page_at: Page) -> None:
    widget = edge(page_at)
    verdict = widget.locator(".fh-predict-note")
    widget.get_by_label("rise until it meets the line, and stay there").check()
    expect(verdict).to_contain_text("Your guess: rise until it meets the line")
    play_to_end(widget)
    expect(widget).to_have_attribute("data-outcome", "edge")
    expect(verdict).to_contain_text("Right: you guessed rise until it meets the line")
    expect(verdict).to_contain_text("2/η = 20")
    # The sharpness chart shows its line, named in words, and the curve is drawn.
    expect(widget.get_by_text("line 2/η = 20.0", exact=True)).to_be_visible()
    assert len(widget.locator(".fh-edge-line").nth(1).get_attribute("d") or "") > 20
    assert len(widget.locator(".fh-edge-fit").get_attribute("d") or "") > 100
    expect(widget.locator(".fh-edge-points circle")).to_have_count(60)
    expect(widget.locator(".fh-tr-metric")).to_contain_text("on its line 2/η = 20")
    expect(widget).to_contain_text(
        re.compile(r"rose from [\d.]+ to its line 2/η = 20\.0 and over the last third")
    )
    # After the run: the ground, sliced along the path's two main directions, said so.
    slice_box = widget.locator(".fh-edge-slice")
    expect(slice_box).to_be_visible(timeout=15_000)
    expect(slice_box).to_contain_text("principal components of its path")
    expect(slice_box).to_contain_text("1,153 directions, one for each weight")
    assert len(slice_box.locator(".fh-edge-path").get_attribute("d") or "") > 50
    assert slice_box.locator(".fh-band").count() > 3
    # The run's code, with Foghill and with PyTorch, waits behind "Show the code".
    expect(widget.locator(".fh-code-summary")).to_have_text("Show the code")
    widget.locator(".fh-code-summary").click()
    expect(widget.locator(".fh-code")).to_contain_text("loss, gradient = net.loss_grad(theta)")
    expect(widget.locator(".fh-code")).to_contain_text("torch.autograd.functional.hvp")
    # The lesson's numbers follow the run.
    expect(page_at.locator('span.fh-bound[data-fh-bind="edge-net run.edge"]')).to_have_text("20.0")
    peak = page_at.locator('span.fh-bound[data-fh-bind="edge-net run.peak"]').inner_text()
    assert float(peak) > 20
    text = widget.inner_text()
    assert "NaN" not in text
    assert "undefined" not in text


def test_a_bold_step_set_by_keyboard_flies_off_in_words_and_ticks_its_task(
    page_at: Page,
) -> None:
    widget = edge(page_at)
    widget.get_by_label("rise past the line, and fly off").check()
    slider = widget.get_by_label("Step size η")
    slider.focus()
    page_at.keyboard.press("End")  # the dial's top: 2
    expect(widget.locator(".fh-edge-dial")).to_contain_text("2/η = 1")
    expect(widget.locator(".fh-edge-dial")).to_contain_text("fly off")
    play_to_end(widget)
    expect(widget).to_have_attribute("data-outcome", "flew-off")
    expect(widget.locator(".fh-predict-note")).to_contain_text(
        "Right: you guessed rise past the line"
    )
    expect(widget).to_contain_text("flew off")
    assert "NaN" not in widget.inner_text()
    # The sharpness chart's scale reaches the highest sharpness the words name (a top held
    # near the line drew 33.0 at the tick "2.5").
    said = re.search(r"Its sharpness (?:reached|was already) ([\d.]+)", widget.inner_text())
    assert said, widget.inner_text()
    chart = widget.locator("svg", has_text="sharpness of the valley")
    labels = chart.locator("text.fh-end-label").all_text_contents()
    ticks = [float(t) for t in labels if t[:1].isdigit()]
    assert max(ticks) * 1.08 >= float(said[1]) * 0.99, (ticks, said[1])
    expect(widget.locator(".fh-edge-slice")).to_be_hidden()
    task = page_at.locator('li[data-task="edge-fly"]')
    expect(task).to_have_attribute("data-done", "true")


def test_a_small_step_never_reaches_its_line_and_ticks_the_other_task(page_at: Page) -> None:
    widget = edge(page_at)
    slider = widget.get_by_label("Step size η")
    slider.focus()
    for _ in range(23):  # down the log-scale dial, to about 0.025
        page_at.keyboard.press("ArrowLeft")
    rate = float(widget.locator(".fh-tr-value").first.inner_text())
    assert 0.02 <= rate <= 0.03, rate
    play_to_end(widget)
    expect(widget).to_have_attribute("data-outcome", "rose")
    expect(widget).to_contain_text("under its line")
    expect(page_at.locator('li[data-task="edge-under"]')).to_have_attribute("data-done", "true")


def test_the_schedule_reaches_the_host_and_is_said(page_at: Page) -> None:
    widget = edge(page_at)
    widget.get_by_label("Step size over the run").select_option("warm-up")
    expect(widget.locator(".fh-edge-dial")).to_contain_text("With warm-up the step grows")
    requests: list[Any] = []
    page_at.on(
        "request",
        lambda r: requests.append(r.post_data_json) if r.url.endswith("/api/train/edge") else None,
    )
    play_to_end(widget)
    assert requests[-1]["schedule"] == "warm-up"
    assert requests[-1]["learning_rate"] == pytest.approx(0.1)


def test_pause_holds_the_step_and_reset_clears_the_charts(page_at: Page) -> None:
    widget = edge(page_at)
    widget.get_by_role("button", name="Step: train a little, then stop").click()
    expect(widget).to_have_attribute("data-status", "paused", timeout=10_000)
    step = int(widget.get_attribute("data-step") or 0)
    assert 0 < step < 2000
    frames(page_at, 30)
    assert int(widget.get_attribute("data-step") or 0) == step
    assert widget.locator(".fh-edge-fit").get_attribute("d")
    # The scrubber shows an earlier step, back as well as forward.
    scrubber = widget.get_by_label("Step shown")
    scrubber.focus()
    page_at.keyboard.press("Home")
    expect(widget).to_have_attribute("data-step", "0")
    expect(widget).to_contain_text("Step 0: loss")
    at_start = widget.locator(".fh-edge-fit").get_attribute("d")
    # Reset: the run's charts go, the untrained network (the run's own step 0) comes back.
    widget.get_by_role("button", name="Reset").click()
    expect(widget).to_have_attribute("data-step", "0")
    expect(widget).to_have_attribute("data-status", "idle")
    expect(widget.locator(".fh-message")).to_contain_text("Untrained, step 0")
    assert widget.locator(".fh-edge-fit").get_attribute("d") == at_start
    for chart in widget.locator(".fh-step-chart").all():
        expect(chart.locator(".fh-error-line")).to_have_attribute("d", re.compile(r"^M[\d.,]+$"))


@pytest.mark.pacing
def test_reduced_motion_starts_at_instant(new_guarded_context: MakeContext) -> None:
    context, _ = new_guarded_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto("/")
    widget = edge(page)
    expect(widget).to_have_attribute("data-speed", "instant")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_violations_and_it_fits_the_width(
    new_guarded_context: MakeContext, size: str
) -> None:
    page = sized_page(new_guarded_context, size, bypass_csp=True)
    viewport = VIEWPORTS[size]
    widget = edge(page)
    page.add_script_tag(path=str(AXE))
    check = """async () => {
        const result = await axe.run({include: [['fh-edge']]}, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join());
    }"""
    assert page.evaluate(check) == []
    play_to_end(widget)
    assert page.evaluate(check) == []
    box = widget.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_the_edge(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    widget = edge(page)
    widget.get_by_label("rise until it meets the line, and stay there").check()
    play_to_end(widget)
    name = f"{size}-{viewport['width']}" + ("" if scheme == "light" else "-dark")
    widget.screenshot(path=screenshots / f"{name}-fh-edge.png")
    assert re.search(r"Right|Not this time", widget.locator(".fh-predict-note").inner_text())


@pytest.mark.pacing
def test_the_default_run_is_watchable(page: Page) -> None:
    """At the page's own pace the default run takes at least 3 s and shows at least ten
    different steps."""
    page.goto("/")
    widget = edge(page)
    widget.evaluate(
        """el => { el.__steps = new Set(); el.__seen = new MutationObserver(() =>
            el.__steps.add(el.dataset.step));
            el.__seen.observe(el, {attributes: true, attributeFilter: ['data-step']}); }"""
    )
    started = page.evaluate("performance.now()")
    play_to_end(widget, timeout=60_000)
    took = page.evaluate("performance.now()") - started
    shown = widget.evaluate("el => el.__steps.size")
    assert took >= 3000, took
    assert shown >= 10, shown
