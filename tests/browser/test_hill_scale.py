"""The hill's height axis: two valleys of very different depth stay two visible dips, and the
walk shown stays in view."""

from __future__ import annotations

import pytest
from fh_page import click_hill_at, wait_final
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

FORMULA_TIMEOUT = 30_000  # ms: the first formula a server reads waits for sympy to load
TWO_VALLEYS = "x^4 - 3*x^2 + x"  # floors at x = -1.30 (-3.51) and 1.13 (-1.07); walls to 212


def draw(hill: Locator, formula: str) -> None:
    field = hill.locator("details.fh-formula-field")
    field.locator("summary").click()
    field.get_by_label("Height of the hill at x:").fill(formula)
    field.get_by_label("Height of the hill at x:").press("Enter")
    expect(field.locator(".fh-formula-words")).to_have_attribute(
        "data-state", "drawn", timeout=FORMULA_TIMEOUT
    )


def tick_y(hill: Locator, index: int) -> float:
    box = hill.locator(".fh-valley-tick").nth(index).bounding_box()
    assert box is not None
    return box["y"]


def test_two_valleys_of_different_depth_are_two_dips(lesson: Page) -> None:
    hill = lesson.locator("fh-hill").first
    draw(hill, TWO_VALLEYS)
    expect(hill.locator(".fh-valley-tick")).to_have_count(2)
    plot = hill.locator("svg").first.bounding_box()
    assert plot is not None
    # The deep floor (left) lies visibly below the side floor: at least 8% of the plot.
    gap = tick_y(hill, 0) - tick_y(hill, 1)
    assert gap > 0.08 * plot["height"], gap
    # A walk from high on the right wall stays in view: the ball's trail starts inside the plot.
    click_hill_at(lesson, hill, 2.5)
    if hill.get_attribute("data-status") == "idle":
        hill.get_by_role("button", name="Play").click()
    wait_final(hill)
    trail = hill.locator(".fh-trail-line").bounding_box()
    assert trail is not None
    assert trail["y"] >= plot["y"] - 1
