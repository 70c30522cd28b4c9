"""The "Try your own hill" field: type a formula, see a refusal marked where it happened,
pick an example, share it in the address, go back to the built-in hill: by keys and mouse."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from fh_page import (
    VIEWPORTS,
    MakeContext,
    model_get,
    sized_page,
)
from playwright.sync_api import Locator, Page, expect
from test_page import run_axe

pytestmark = pytest.mark.browser

FORMULA_TIMEOUT = 30_000  # ms: the first formula a server reads waits for sympy to load
BAD = "x^2 + foo(x)"  # refused at column 7, the 'f'


def curve(widget: Locator) -> str:
    return str(widget.locator("path.fh-curve").first.get_attribute("d"))


def field(widget: Locator) -> Locator:
    return widget.locator("details.fh-formula-field")


def drawn(widget: Locator) -> None:
    expect(field(widget).locator(".fh-formula-words")).to_have_attribute(
        "data-state", "drawn", timeout=FORMULA_TIMEOUT
    )


def test_a_refused_formula_is_marked_where_it_happened_by_keyboard(lesson: Page) -> None:
    page = lesson
    hill = page.locator("fh-hill").first
    before = curve(hill)
    summary = field(hill).locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(field(hill)).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    box = field(hill).get_by_label("Height of the hill at x:")
    expect(box).to_be_focused()
    page.keyboard.type(BAD)
    page.keyboard.press("Enter")

    expect(box).to_have_attribute("aria-invalid", "true", timeout=FORMULA_TIMEOUT)
    echo = field(hill).locator(".fh-formula-echo")
    expect(echo).to_be_visible()
    expect(echo).to_have_attribute("data-column", "7")
    expect(echo.locator("mark")).to_have_text("f")
    expect(echo.locator(".fh-formula-caret")).to_have_text("      ^ column 7")
    words = field(hill).locator(".fh-formula-words")
    expect(words).to_contain_text("unknown function 'foo' at column 7")
    expect(words).to_contain_text("the last one that worked")
    # The words describe the field for a screen reader, and the fix goes where the caret is.
    described = str(box.get_attribute("aria-describedby")).split()
    assert words.get_attribute("id") in described
    assert box.evaluate("el => [el.selectionStart, el.selectionEnd]") == [6, 7]
    # The last good hill stays drawn.
    assert curve(hill) == before
    assert model_get(hill, "landscape")["name"] == "foggy"
    assert model_get(hill, "error_column") == 7

    # Fixed: the same field, by keyboard, draws the new hill and is no longer invalid.
    page.keyboard.press("Control+A")
    page.keyboard.type("x^2 + cos(3*x)")
    page.keyboard.press("Enter")
    drawn(hill)
    expect(box).not_to_have_attribute("aria-invalid", "true")
    expect(echo).to_be_hidden()
    assert curve(hill) != before
    assert model_get(hill, "landscape")["formula"] == "x^2 + cos(3*x)"
    assert model_get(hill, "error") == ""


def test_pick_an_example_share_it_and_go_back(lesson: Page) -> None:
    page = lesson
    hill = page.locator("fh-hill").first
    foggy = curve(hill)
    field(hill).locator("summary").click()
    field(hill).get_by_label("Or pick an example:").select_option("log(1 + x^2)")
    drawn(hill)
    expect(field(hill).locator(".fh-formula-words")).to_have_text("Drawn: height = log(1 + x^2).")
    assert model_get(hill, "landscape")["minima"][0]["x"] == pytest.approx(0.0, abs=1e-9)
    ident = hill.get_attribute("id")
    key = f"{ident or 'hill'}.formula"  # kept under its id, or its kind when it has none
    page.wait_for_function("key => new URL(location.href).searchParams.has(key)", arg=key)
    assert parse_qs(urlparse(page.url).query)[key] == ["log(1 + x^2)"]

    # The address brings the same hill back, and the field shows its formula.
    page.reload()
    page.wait_for_selector("fh-hill[data-ready=true]")
    hill = page.locator("fh-hill").first
    expect(field(hill)).to_have_attribute("open", "")
    expect(field(hill).get_by_label("Height of the hill at x:")).to_have_value("log(1 + x^2)")
    drawn(hill)
    assert model_get(hill, "landscape")["formula"] == "log(1 + x^2)"

    # Back to the built-in hill: the address forgets the formula.
    field(hill).get_by_role("button", name="Back to the built-in hill").click()
    expect(field(hill).locator(".fh-formula-words")).to_have_text(
        "The built-in hill: height = (x + 1.5)^2/4 - 2.5*exp(-2*(x - 2.5)^2)."
    )
    page.wait_for_function("key => !new URL(location.href).searchParams.has(key)", arg=key)
    assert curve(hill) == foggy


def test_an_example_picked_by_keyboard(lesson: Page) -> None:
    page = lesson
    hill = page.locator("fh-hill").first
    field(hill).locator("summary").focus()
    page.keyboard.press("Enter")
    examples = field(hill).get_by_label("Or pick an example:")
    examples.focus()
    page.keyboard.press("ArrowDown")  # a closed select takes the next option at once
    drawn(hill)
    first = "0.1*x^4 - x^2 + 0.5*x"
    expect(field(hill).get_by_label("Height of the hill at x:")).to_have_value(first)
    assert model_get(hill, "landscape")["formula"] == first
    page.keyboard.press("ArrowDown")
    expect(field(hill).locator(".fh-formula-words")).to_have_text(
        "Drawn: height = x^2/5 + sin(3*x)/2.", timeout=FORMULA_TIMEOUT
    )


def test_the_dial_takes_a_formula_too(lesson: Page) -> None:
    page = lesson
    dial = page.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    field(dial).locator("summary").click()
    box = field(dial).get_by_label("Height of the hill at x:")
    box.fill("0.1*x^4 - x^2 + 0.5*x")
    field(dial).get_by_role("button", name="Draw it").click()
    drawn(dial)
    landscape = model_get(dial, "landscape")
    assert landscape["name"] == "custom"
    assert [round(m["x"], 3) for m in landscape["minima"]] == [-2.352, 2.099]
    # A refusal with no single place: words, no mark.
    box.fill("log(x - 10)")
    box.press("Enter")
    expect(box).to_have_attribute("aria-invalid", "true", timeout=FORMULA_TIMEOUT)
    expect(field(dial).locator(".fh-formula-echo")).to_be_hidden()
    expect(field(dial).locator(".fh-formula-words")).to_contain_text("no finite real value")
    assert model_get(dial, "landscape")["name"] == "custom"


def refuse_in_first_hill(page: Page) -> Locator:
    hill = page.locator("fh-hill").first
    field(hill).locator("summary").click()
    box = field(hill).get_by_label("Height of the hill at x:")
    box.fill(BAD)
    box.press("Enter")
    expect(box).to_have_attribute("aria-invalid", "true", timeout=FORMULA_TIMEOUT)
    return hill


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_with_a_refusal_shown(new_guarded_context: MakeContext, size: str) -> None:
    page = sized_page(new_guarded_context, size, bypass_csp=True)
    viewport = VIEWPORTS[size]
    page.wait_for_selector("fh-hill[data-ready=true]")
    refuse_in_first_hill(page)
    for summary in page.locator("fh-step-dial details.fh-formula-field summary").all():
        summary.click()  # the dial's field open too, with its examples
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_a_refusal(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    page.wait_for_selector("fh-hill[data-ready=true]")
    hill = refuse_in_first_hill(page)
    hill.screenshot(path=screenshots / f"formula-field-{size}-{viewport['width']}-{scheme}.png")
