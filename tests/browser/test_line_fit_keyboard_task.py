"""The drag-the-dots task done by keyboard alone (issue 20): Tab to each dot, move it with
Shift and the arrow keys until the best line slopes downward; the task ticks itself and
says so, as it does for a mouse."""

from __future__ import annotations

import re

import pytest
from fh_page import model_get, wait_final
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROLE = "document.activeElement.getAttribute('aria-roledescription')"
PRESSES = 8  # Shift+arrow moves a dot a tenth of the plot's height


def test_the_drag_the_dots_task_by_keyboard_alone(lesson: Page) -> None:
    page = lesson
    fit = page.locator("fh-line-fit").first
    fit.scroll_into_view_if_needed()
    downhill = page.locator("li[data-task=fit-downhill]")
    expect(downhill).to_have_attribute("data-done", "false")
    assert model_get(fit, "fit")["best"]["w"] > 0
    # Into the dots by Tab alone: from the line fit's own toolbar, backwards.
    fit.get_by_role("button", name="Add a dot").focus()
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(ROLE) == "movable dot":
            break
    assert page.evaluate(ROLE) == "movable dot"
    # Back to the first dot (the dots come one after another in the tab order).
    while page.evaluate("document.activeElement.dataset.index") != "0":
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(ROLE) == "movable dot"
    xs = model_get(fit, "x")
    for i, x in enumerate(xs):
        assert page.evaluate("document.activeElement.dataset.index") == str(i)
        key = "Shift+ArrowDown" if x > 0 else "Shift+ArrowUp"
        y0 = model_get(fit, "y")[i]
        for _ in range(PRESSES):
            page.keyboard.press(key)
        y1 = model_get(fit, "y")[i]
        assert (y1 < y0) if x > 0 else (y1 > y0), (i, y0, y1)
        # The dot says where it now is, for a screen reader.
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert re.match(rf"^Dot {i + 1} of {len(xs)}, at x ", label), label
        if i < len(xs) - 1:
            page.keyboard.press("Tab")
    wait_final(fit)
    assert model_get(fit, "fit")["best"]["w"] < 0
    expect(downhill).to_have_attribute("data-done", "true")
    live = page.locator("ul.fh-tasks[data-for=fh-line-fit] + .fh-tasks-bar .fh-tasks-live")
    expect(live).to_contain_text("Task done: Drag dots until the best line slopes downward.")
    # Nothing but the keyboard was used: focus is still on a dot of the line fit.
    assert page.evaluate(ROLE) == "movable dot"
