"""Tasks that tick themselves (issue 10, item 2): reached by what the widget really does,
ticked in words and announced, kept over a reload, reset on request."""

from __future__ import annotations

import pytest
from fh_page import DESKTOP, PHONE, MakeContext, click_hill_at, model_get, wait_final
from playwright.sync_api import Locator, Page, expect
from test_page import run_axe

pytestmark = pytest.mark.browser


def task(page: Page, name: str) -> Locator:
    return page.locator(f"li[data-task={name}]")


def live(page: Page, widget: str) -> Locator:
    return page.locator(f"ul.fh-tasks[data-for={widget}] + .fh-tasks-bar .fh-tasks-live")


def test_reaching_the_deep_valley_ticks_the_task_and_says_so(lesson: Page) -> None:
    deep = task(lesson, "hill-deep")
    expect(deep).to_have_attribute("data-done", "false")
    expect(deep.locator(".fh-task-mark")).to_have_text("To do:")
    # Clicking the task itself does nothing: only the ball can tick it.
    deep.click()
    expect(deep).to_have_attribute("data-done", "false")
    hill = lesson.locator("fh-hill").first
    click_hill_at(lesson, hill, 3.3)  # the side valley: not this task
    assert wait_final(hill) == "settled"
    expect(deep).to_have_attribute("data-done", "false")
    click_hill_at(lesson, hill, -3.0)
    assert wait_final(hill) == "settled"
    expect(deep).to_have_attribute("data-done", "true")
    expect(deep.locator(".fh-task-mark")).to_have_text("Done:")
    region = live(lesson, "fh-hill")
    assert region.get_attribute("aria-live") == "polite"
    expect(region).to_have_text("Task done: Bring the ball to rest in the deep valley. 1 to go.")
    expect(task(lesson, "hill-side-from-left")).to_have_attribute("data-done", "false")


def test_the_side_valley_from_left_of_two(lesson: Page) -> None:
    hill = lesson.locator("fh-hill").first
    side = task(lesson, "hill-side-from-left")
    click_hill_at(lesson, hill, 1.4)  # left of the rise: the deep valley
    assert wait_final(hill) == "settled"
    expect(side).to_have_attribute("data-done", "false")
    click_hill_at(lesson, hill, 1.8)  # right of the rise, left of 2
    assert wait_final(hill) == "settled"
    assert model_get(hill, "trajectory")["valley"]["deepest"] is False
    expect(side).to_have_attribute("data-done", "true")


def test_keyboard_only_dial_tasks_kept_over_a_reload_and_reset(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    # Zig-zag without flying off: the "Bold" example step, by keyboard.
    dial.locator(".fh-btn-preset").nth(2).focus()
    lesson.keyboard.press("Enter")
    assert wait_final(dial) == "zigzag"
    expect(task(lesson, "dial-zigzag")).to_have_attribute("data-done", "true")
    expect(live(lesson, "fh-step-dial")).to_have_text(
        "Task done: Make the ball zig-zag without flying off. 2 to go."
    )
    # The largest step that still settles: the slider, by arrow keys, down to just under 1/L.
    one_jump = model_get(dial, "landscape")["regimes"]["one_jump"]
    slider = dial.locator("input.fh-slider")
    slider.focus()
    for _ in range(200):
        if model_get(dial, "learning_rate") <= one_jump:
            break
        lesson.keyboard.press("ArrowLeft")
    rate = model_get(dial, "learning_rate")
    assert 0.92 * one_jump <= rate <= one_jump
    dial.get_by_role("button", name="Go", exact=True).focus()
    lesson.keyboard.press("Enter")
    assert wait_final(dial) == "settled"
    largest = task(lesson, "dial-largest-settle")
    expect(largest).to_have_attribute("data-done", "true")
    expect(task(lesson, "dial-fly")).to_have_attribute("data-done", "false")

    # Kept over a reload (this browser's storage, nothing sent anywhere).
    lesson.reload()
    lesson.wait_for_selector("ul.fh-tasks[data-for=fh-step-dial][data-ready=true]")
    expect(task(lesson, "dial-zigzag")).to_have_attribute("data-done", "true")
    expect(largest).to_have_attribute("data-done", "true")
    expect(largest.locator(".fh-task-mark")).to_have_text("Done:")

    # Reset, by keyboard: the dial's tasks are to do again, and it is said.
    reset = lesson.locator("ul.fh-tasks[data-for=fh-step-dial] + .fh-tasks-bar").get_by_role(
        "button", name="Reset these tasks"
    )
    reset.focus()
    lesson.keyboard.press("Enter")
    expect(task(lesson, "dial-zigzag")).to_have_attribute("data-done", "false")
    expect(largest).to_have_attribute("data-done", "false")
    expect(live(lesson, "fh-step-dial")).to_have_text("These tasks are reset: none done.")
    lesson.reload()
    lesson.wait_for_selector("ul.fh-tasks[data-for=fh-step-dial][data-ready=true]")
    expect(task(lesson, "dial-zigzag")).to_have_attribute("data-done", "false")


def data_to_screen(fit: Locator, x: float, y: float) -> dict[str, float]:
    point: dict[str, float] = fit.evaluate(
        """(el, [x, y]) => {
            const p = el.plot;
            const q = new DOMPoint(p.sx(x), p.sy(y)).matrixTransform(p.svg.getScreenCTM());
            return {x: q.x, y: q.y};
        }""",
        [x, y],
    )
    return point


def test_line_fit_tasks_by_scrubbing_and_by_dragging_dots(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit").first
    fit.scroll_into_view_if_needed()
    fit.get_by_role("button", name="Play").click()
    wait_final(fit)
    walk = model_get(fit, "fit")
    best = walk["best"]["loss"]
    ratios = [loss / best for loss in walk["loss"]]
    close = next(k for k, r in enumerate(ratios) if r <= 1.1)
    assert 1 < close < walk["n_steps"]
    scrubber = fit.get_by_role("slider", name="Step shown")
    scrubber.focus()
    scrubber.press("Home")
    for _ in range(close - 1):
        scrubber.press("ArrowRight")
    # One step short: still more than 1.1 times the best.
    expect(fit).to_have_attribute("data-step", str(close - 1))
    expect(task(lesson, "fit-close")).to_have_attribute("data-done", "false")
    scrubber.press("ArrowRight")
    expect(fit).to_have_attribute("data-step", str(close))
    expect(task(lesson, "fit-close")).to_have_attribute("data-done", "true")

    # Drag the dots on the right down and those on the left up, by mouse.
    downhill = task(lesson, "fit-downhill")
    expect(downhill).to_have_attribute("data-done", "false")
    xs = model_get(fit, "x")
    ys = model_get(fit, "y")
    for i in range(len(xs)):
        target = -2.0 if xs[i] > 0 else 2.0
        start = data_to_screen(fit, xs[i], ys[i])
        end = data_to_screen(fit, xs[i], target)
        lesson.mouse.move(start["x"], start["y"])
        lesson.mouse.down()
        for j in range(1, 7):
            lesson.mouse.move(start["x"], start["y"] + (end["y"] - start["y"]) * j / 6)
        lesson.mouse.up()
        wait_final(fit)
    assert model_get(fit, "fit")["best"]["w"] < 0
    expect(downhill).to_have_attribute("data-done", "true")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_clean_with_tasks_ticked(new_guarded_context: MakeContext, size: str) -> None:
    context, _ = new_guarded_context(
        viewport=DESKTOP if size == "desktop" else PHONE, bypass_csp=True
    )
    page = context.new_page()
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    hill = page.locator("fh-hill").first
    click_hill_at(page, hill, -3.0)
    wait_final(hill)
    expect(task(page, "hill-deep")).to_have_attribute("data-done", "true")
    page.wait_for_selector("ul.fh-tasks[data-for=fh-line-fit][data-ready=true]")
    assert run_axe(page) == []
