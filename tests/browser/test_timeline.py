"""The scrubber under every widget that plays a run (issue 10, item 3): drag it or use the
arrow keys to go back and forth through the steps; the ball, the words and the rule's
numbers follow the step shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from fh_page import (
    VIEWPORTS,
    MakeContext,
    click_hill_at,
    model_get,
    shown,
    sized_page,
    wait_final,
)
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser


def ball_x(widget: Locator) -> float:
    return float(widget.locator(".fh-ball").first.get_attribute("cx") or "nan")


def test_scrub_back_three_steps_by_keyboard_moves_ball_and_rule(lesson: Page) -> None:
    hill = lesson.locator("fh-hill").first
    click_hill_at(lesson, hill, -3.0)
    assert wait_final(hill) == "settled"
    traj = model_get(hill, "trajectory")
    n = traj["n_steps"]
    scrubber = hill.get_by_role("slider", name="Step shown")
    expect(scrubber).to_have_attribute("aria-valuetext", f"step {n} of {n}")
    end_x = ball_x(hill)

    # Keyboard only: focus the scrubber, go to step 10, then back three steps.
    scrubber.focus()
    scrubber.press("Home")
    expect(hill).to_have_attribute("data-step", "0")
    expect(hill).to_have_attribute("data-status", "idle")
    for _ in range(10):
        scrubber.press("ArrowRight")
    expect(hill).to_have_attribute("data-step", "10")
    expect(hill).to_have_attribute("data-status", "paused")
    x10 = ball_x(hill)
    rule = lesson.locator("fh-rule")
    expect(rule).to_have_attribute("data-shown", "10")
    for _ in range(3):
        scrubber.press("ArrowLeft")
    expect(hill).to_have_attribute("data-step", "7")
    expect(scrubber).to_have_attribute("aria-valuetext", f"step 7 of {n}")
    x7 = ball_x(hill)
    # From the far left the ball walks right: seven steps in, it stands left of step ten.
    assert x7 < x10 < end_x
    # The rule shows step 7's real numbers: where it stood and where it landed.
    expect(rule).to_have_attribute("data-shown", "7")
    numbers = rule.locator(".fh-rule-live").inner_text()
    assert shown(traj["position"][7], 3) in numbers
    assert shown(traj["position"][6], 3) in numbers
    # The words under the widget say the same step.
    expect(hill.locator(".fh-numbers")).to_contain_text(
        f"Step 7 of {n}: x = {shown(traj['position'][7], 2)}"
    )
    # Play goes on from there, to the end.
    hill.get_by_role("button", name="Play").click()
    assert wait_final(hill) == "settled"
    expect(hill).to_have_attribute("data-step", str(n))


def test_scrub_by_mouse_on_the_dial_and_back_to_the_end(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    dial.get_by_role("button", name="Go", exact=True).click()
    final = wait_final(dial)
    n = model_get(dial, "trajectory")["n_steps"]
    scrubber = dial.get_by_role("slider", name="Step shown")
    box = scrubber.bounding_box()
    assert box is not None
    # A click on the left quarter of the track: an early step.
    lesson.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] / 2)
    step = int(dial.get_attribute("data-step") or -1)
    assert 0 < step < n
    expect(dial).to_have_attribute("data-status", "paused")
    scrubber.press("End")
    expect(dial).to_have_attribute("data-step", str(n))
    expect(dial).to_have_attribute("data-status", final)


def test_the_line_fit_scrubs_its_line_meter_and_chart(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit").first
    fit.scroll_into_view_if_needed()
    fit.get_by_role("button", name="Play").click()
    wait_final(fit)
    walk = model_get(fit, "fit")
    line = fit.locator("line.fh-fit-line")
    at_end = line.get_attribute("y1")
    scrubber = fit.get_by_role("slider", name="Step shown")
    scrubber.focus()
    scrubber.press("Home")
    for _ in range(3):
        scrubber.press("ArrowRight")
    expect(fit).to_have_attribute("data-step", "3")
    expect(fit.locator(".fh-numbers")).to_contain_text(
        f"Step 3 of {walk['n_steps']}: slope {shown(walk['w'][3], 2)}, "
        f"height {shown(walk['b'][3], 2)}, how wrong {shown(walk['loss'][3], 3)}."
    )
    # The line drawn is step 3's, not the end's; the best line is only drawn at the end.
    assert line.get_attribute("y1") != at_end
    expect(fit.locator(".fh-best-line")).to_be_hidden()
    scrubber.press("End")
    expect(fit).to_have_attribute("data-step", str(walk["n_steps"]))
    assert line.get_attribute("y1") == at_end


def test_before_any_walk_the_scrubber_is_there_but_still(lesson: Page) -> None:
    """Every widget that plays a run has one; with the seed's walk it starts at the start."""
    for tag in ("fh-hill", "fh-step-dial", "fh-line-fit"):
        scrubber = lesson.locator(tag).first.get_by_role("slider", name="Step shown")
        expect(scrubber).to_have_value("0")
        assert (scrubber.get_attribute("aria-valuetext") or "").startswith("start")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_the_learning_parts(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    """The hill after a guess and a tick, the dial scrubbed back, the line fit's tasks: at
    both widths, light and dark (saved under artifacts/screenshots/ to be looked at)."""
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    page.wait_for_selector("fh-hill[data-ready=true]")
    hill = page.locator("fh-hill").first
    hill.get_by_role("radio", name="the deep valley").check()
    click_hill_at(page, hill, -3.0)
    assert wait_final(hill) == "settled"
    dial = page.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    dial.get_by_role("radio", name="zig-zag").check()
    dial.locator(".fh-btn-preset").nth(2).click()
    assert wait_final(dial) == "zigzag"
    scrubber = dial.get_by_role("slider", name="Step shown")
    scrubber.focus()
    for _ in range(3):
        scrubber.press("ArrowLeft")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = f"learning-{size}-{viewport['width']}-{scheme}"
    for section in ("hill", "step-size", "line-fit"):
        page.locator(f"section#{section}").screenshot(path=screenshots / f"{name}-{section}.png")
