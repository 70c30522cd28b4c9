"""<fh-line-fit> on a teacher's own dots: axes with numbers and names, nothing clipped at a
notebook's width or a phone's, x counted from the middle said in words, and step sizes that
the walk then bears out."""

from __future__ import annotations

from typing import Any

import pytest
from fh_page import Guard, apart, model_get, wait_final
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# Made up for this test: a reading taken once a year.
YEARS = ",".join(str(v) for v in range(2000, 2021))
LEVELS = ",".join(f"{370 + 2 * i + 0.3 * (i % 3):.1f}" for i in range(21))
HOURS, SCORES = "1,2,3,4,5,6,7,8", "52,55,60,64,70,74,79,83"


def one_fit(page: Page, attributes: str, width: int) -> Locator:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    page.set_content(
        "<!doctype html><html lang='en'><head><title>Own dots</title></head><body><main>"
        f"<fh-line-fit id='mine' {attributes}></fh-line-fit></main></body></html>"
    )
    fit = page.locator("#mine")
    expect(fit).to_have_attribute("data-ready", "true", timeout=15_000)
    return fit


def boxes(svg: Locator, selector: str) -> list[dict[str, Any]]:
    """Each element's box in the drawing's own units, with its text."""
    return svg.locator(selector).evaluate_all(
        "els => els.map(e => { const b = e.getBBox();"
        " return {text: e.textContent, x: b.x, y: b.y, w: b.width, h: b.height}; })"
    )


def assert_labels_fit(svg: Locator) -> None:
    """Every tick label and axis name lies inside its drawing, and no two labels overlap."""
    view = svg.evaluate("s => ({width: s.viewBox.baseVal.width, height: s.viewBox.baseVal.height})")
    labels = boxes(svg, ".fh-tick-label")
    assert labels, "no tick numbers"
    for box in [*labels, *boxes(svg, ".fh-axis-name")]:
        assert box["x"] >= -0.5, box
        assert box["y"] >= -0.5, box
        assert box["x"] + box["w"] <= view["width"] + 0.5, (box, view)
        assert box["y"] + box["h"] <= view["height"] + 0.5, (box, view)
    assert apart(labels) == []


# JupyterLab's output area (windows of 1440 and 1280 px), and a phone
@pytest.mark.parametrize("width", [1000, 800, 375])
def test_own_dots_have_readable_axes(page: Page, guard: Guard, width: int) -> None:
    fit = one_fit(
        page,
        f"x='{YEARS}' y='{LEVELS}' x-from='2010' x-label='year' y-label='level (ppm)' "
        "learning-rate='0.013' max-steps='1000'",
        width,
    )
    plot, chart = fit.locator("svg.fh-lf-plot"), fit.locator(".fh-lf-map svg.fh-map")
    expect(plot.locator(".fh-axis-name")).to_have_text(["year", "level (ppm)"])
    ticks = plot.locator(".fh-tick-label").all_text_contents()
    assert {"2010", "380"} <= set(ticks), ticks
    expect(chart.locator(".fh-axis-name")).to_have_text(["slope", "height at year = 2010"])
    assert_labels_fit(plot)
    assert_labels_fit(chart)
    expect(fit.locator(".fh-lf-origin")).to_contain_text("year is counted from 2010")
    expect(fit.locator(".fh-message")).to_contain_text(
        "For these dots a step of 0.013 walks straight in; above 0.027 the line flies off."
    )
    expect(fit.locator(".fh-numbers")).to_contain_text("height 0.00 at year = 2010")


def test_a_flown_off_line_on_own_dots_says_why_and_what_to_try(page: Page, guard: Guard) -> None:
    fit = one_fit(page, f"x='{HOURS}' y='{SCORES}' learning-rate='0.05'", 1000)
    expect(fit.locator(".fh-lf-origin")).to_be_hidden()  # x counted from 0, nothing to say
    fit.get_by_role("button", name="Play").click()
    assert wait_final(fit) == "flew-off"
    expect(fit.locator(".fh-message")).to_contain_text(
        "For these dots any step above 0.038 flies off; try 0.019."
    )
    # The numbers and the step slider agree on how many steps can be shown: the last step
    # taken left the map, and the words say so.
    walk = model_get(fit, "fit")
    shown, taken = len(walk["w"]) - 1, walk["n_steps"]
    assert taken == shown + 1
    numbers = fit.locator(".fh-numbers").inner_text()
    assert numbers.startswith(f"Step {shown} of {shown} shown (step {taken} left the map):")
    slider = fit.get_by_role("slider", name="Step shown")
    assert slider.get_attribute("max") == str(shown)


def test_the_suggested_step_walks_straight_in(page: Page, guard: Guard) -> None:
    fit = one_fit(page, f"x='{HOURS}' y='{SCORES}' x-from='4' learning-rate='0.09'", 1000)
    steps = model_get(fit, "fit")["steps"]
    assert steps["suggested"] == 0.09
    fit.get_by_role("button", name="Play").click()
    assert wait_final(fit) == "settled"
    line = model_get(fit, "fit")
    # Drawn in the reader's units: the line's height at x = 4 is b, at x = 0 it is b - 4w.
    w, b = line["w"][-1], line["b"][-1]
    y1 = fit.locator(".fh-fit-line").evaluate("l => l.y1.baseVal.value")
    plot_y = fit.locator("svg.fh-lf-plot").evaluate(
        "(s, [w, b]) => { const el = s.closest('fh-line-fit'); const p = el.plot;"
        " return p.sy(w * p.view.x[0] + b - 4 * w); }",
        [w, b],
    )
    assert y1 == pytest.approx(plot_y, abs=0.5)


def test_the_dial_shows_the_zones_of_these_dots_and_a_preset_plays(
    page: Page, guard: Guard
) -> None:
    fit = one_fit(page, f"x='{HOURS}' y='{SCORES}' x-from='4' learning-rate='0.09'", 1000)
    slider = fit.get_by_role("slider", name="Step size (learning rate)")
    expect(slider).to_have_attribute("aria-valuetext", "0.0900: the line settles")
    expect(fit.locator(".fh-zone-label")).to_have_text(["crawl", "settle", "zig-zag", "fly off"])
    expect(fit.locator(".fh-dial-note")).to_contain_text(
        "For these dots (curvature L = 11.1): 1/L = 0.0900 and 2/L = 0.180."
    )
    fit.get_by_role("button", name="Too bold: 0.202").click()
    assert wait_final(fit) == "flew-off"
    assert model_get(fit, "learning_rate") == 0.202
    expect(slider).to_have_attribute("aria-valuetext", "0.202: the line flies off")
    expect(fit.locator(".fh-message")).to_contain_text("any step above 0.18 flies off; try 0.09")


def test_with_too_few_steps_no_zone_is_called_settle(page: Page, guard: Guard) -> None:
    """Hours counted from 0 need about 2,200 steps: within 300 no step settles, and the dial
    names no settle zone."""
    fit = one_fit(page, f"x='{HOURS}' y='{SCORES}' learning-rate='0.01'", 1000)
    expect(fit.locator(".fh-zone-label")).to_have_text(["crawl", "zig-zag", "fly off"])
    expect(fit.locator(".fh-dial-note")).to_contain_text("No step settles within the steps allowed")
    expect(fit.get_by_role("slider", name="Step size (learning rate)")).to_have_attribute(
        "aria-valuetext", "0.0100: the line crawls"
    )


def test_x_counted_from_outside_the_dots_is_said_so_and_no_more(page: Page, guard: Guard) -> None:
    """The words about where x is counted from hold for that place: "among the dots" only
    between the least and the greatest x."""
    fit = one_fit(page, f"x='{HOURS}' y='{SCORES}' x-from='100' x-label='hours'", 1000)
    expect(fit.locator(".fh-lf-origin")).to_have_text(
        "Here hours is counted from 100, so the line's height is read at hours = 100."
    )
    fit = one_fit(page, f"x='{HOURS}' y='{SCORES}' x-from='4' x-label='hours'", 1000)
    expect(fit.locator(".fh-lf-origin")).to_contain_text("read at hours = 4, among the dots.")
    expect(fit.locator(".fh-lf-origin")).to_contain_text("Counted from 0, outside them")
