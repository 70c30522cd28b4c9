"""The "Try your own hill" field takes the x range the formula is drawn over (issue 20):
both ends or neither, by keyboard; a range that cannot be drawn is said in a sentence and
the last good hill stays drawn."""

from __future__ import annotations

import re

import pytest
from fh_page import model_get
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

FORMULA_TIMEOUT = 30_000  # ms: the first formula a server reads waits for sympy to load


def open_field(page: Page) -> tuple[Locator, Locator]:
    hill = page.locator("fh-hill").first
    hill.scroll_into_view_if_needed()
    field = hill.locator("details.fh-formula-field")
    field.locator("summary").click()
    expect(field).to_have_attribute("open", "")
    return hill, field


def curve(widget: Locator) -> str:
    return str(widget.locator("path.fh-curve").first.get_attribute("d"))


def test_a_formula_is_drawn_over_the_range_typed_by_keyboard(lesson: Page) -> None:
    page = lesson
    hill, field = open_field(page)
    words = field.locator(".fh-formula-words")
    box = field.get_by_label("Height of the hill at x:")
    box.focus()
    page.keyboard.type("x^2 - x")
    # The range follows the formula in the tab order: the buttons, then its two ends.
    lo = field.get_by_label("x from")
    hi = field.get_by_label("to", exact=True)
    lo.focus()
    page.keyboard.type("-1")
    page.keyboard.press("Tab")
    expect(hi).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(words).to_have_attribute("data-state", "drawn", timeout=FORMULA_TIMEOUT)
    expect(words).to_have_text("Drawn: height = x^2 - x.")
    assert model_get(hill, "domain") == [-1, 3]
    landscape = model_get(hill, "landscape")
    assert landscape["domain"] == [-1, 3]
    xs = landscape["curve"]["x"]
    assert (min(xs), max(xs)) == (-1, 3)
    # The range is in the link with the formula: a fresh page opens on the same hill.
    page.wait_for_function("() => new URL(location.href).searchParams.get('hill.range')")
    fresh = page.context.new_page()
    fresh.goto(page.url)
    again = fresh.locator("fh-hill").first
    again.scroll_into_view_if_needed()
    expect(again).to_have_attribute("data-ready", "true", timeout=FORMULA_TIMEOUT)
    assert model_get(again, "domain") == [-1, 3]
    assert model_get(again, "formula") == "x^2 - x"
    fresh.close()
    # Emptied, the fields show the range drawn; the built-in hill keeps its own range.
    field.get_by_role("button", name="Back to the built-in hill").click()
    expect(words).to_have_text(re.compile("^The built-in hill: "), timeout=FORMULA_TIMEOUT)
    expect(lo).to_have_value("")
    expect(hi).to_have_value("")
    assert model_get(hill, "domain") is None
    expect(lo).to_have_attribute("placeholder", re.compile(r"^−?\d"))


@pytest.mark.parametrize(
    ("lo", "hi", "said"),
    [
        ("3", "1", "the domain must go from a smaller to a larger number (got [3.0, 1.0])"),
        ("0", "2e6", "domain[1] must be at most 1e+06 (got 2000000)"),
        ("0", "", "give both ends of the x range, or neither"),
        ("zero", "2", "the x range's start must be a number (got “zero”)"),
    ],
)
def test_a_range_that_cannot_be_drawn_is_said_in_words(
    lesson: Page, lo: str, hi: str, said: str
) -> None:
    page = lesson
    hill, field = open_field(page)
    words = field.locator(".fh-formula-words")
    box = field.get_by_label("Height of the hill at x:")
    box.fill("sin(x) + 2")
    box.press("Enter")
    expect(words).to_have_attribute("data-state", "drawn", timeout=FORMULA_TIMEOUT)
    before = curve(hill)
    ends = (field.get_by_label("x from"), field.get_by_label("to", exact=True))
    ends[0].fill(lo)
    ends[1].fill(hi)
    ends[1].press("Enter")
    expect(words).to_have_attribute("data-state", "refused", timeout=FORMULA_TIMEOUT)
    expect(words).to_contain_text(f"Not drawn: {said}")
    expect(words).to_contain_text("The hill shown is the last one that worked.")
    for end in ends:
        expect(end).to_have_attribute("aria-invalid", "true")
    expect(box).not_to_have_attribute("aria-invalid", "true")
    assert curve(hill) == before
    assert model_get(hill, "landscape")["formula"] == "sin(x) + 2"
    # Fixed, it is drawn and no longer refused.
    ends[0].fill("-2")
    ends[1].fill("2")
    ends[1].press("Enter")
    page.wait_for_function(
        "el => String(el.model.get('landscape').domain) === '-2,2'",
        arg=hill.element_handle(),
        timeout=FORMULA_TIMEOUT,
    )
    expect(words).to_have_attribute("data-state", "drawn")
    for end in ends:
        expect(end).not_to_have_attribute("aria-invalid", "true")
    assert curve(hill) != before
