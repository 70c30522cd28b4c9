"""<fh-step-dial>: four step sizes, four outcomes, each named in a sentence."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from fh_page import click_hill_at, model_get, wait_final, zone_of
from playwright.sync_api import Locator, Page, Request, expect

pytestmark = pytest.mark.browser

# zone name on the track -> (data-status when the walk ends, how the sentence begins)
OUTCOMES = {
    "crawl": ("crawling", "Crawling:"),
    "settle": ("settled", "Settled:"),
    "zig-zag": ("zigzag", "Zig-zag:"),
    "fly off": ("flew-off", "Flew off:"),
}
PRESET_ZONE = {"Tiny": "crawl", "Good": "settle", "Bold": "zig-zag", "Too bold": "fly off"}


def wait_precomputed(page: Page, dial: Locator) -> None:
    """The walk for the rate on the dial is already here (asked for when the dial moved)."""
    page.wait_for_function(
        """el => {
            const t = el.model.get('trajectory'), lr = el.model.get('learning_rate');
            return t && Math.abs(t.learning_rate - lr) <= 1e-12 * lr;
        }""",
        arg=dial.element_handle(),
    )


def test_the_track_shows_the_zones_and_marks_from_the_engine(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial")
    regimes = model_get(dial, "landscape")["regimes"]
    labels = dial.locator(".fh-zone-label").all_inner_texts()
    assert labels == ["crawl", "settle", "zig-zag", "fly off"]
    marks = dial.locator(".fh-mark-label").all_inner_texts()
    assert marks == ["1/L", "2/L"]
    slider = dial.locator("input.fh-slider")
    lo, hi = float(slider.get_attribute("min") or 0), float(slider.get_attribute("max") or 0)
    for mark, value in zip(dial.locator(".fh-mark").all(), ("one_jump", "fly_off"), strict=True):
        left = float(mark.evaluate("el => parseFloat(el.style.left)"))
        expected = (math.log10(regimes[value]) - lo) / (hi - lo) * 100
        assert left == pytest.approx(expected, abs=0.01)
    note = dial.locator(".fh-dial-note").inner_text()
    assert f"1/L = {regimes['one_jump']:.3g}" in note
    assert f"2/L = {regimes['fly_off']:.3g}" in note


@pytest.mark.parametrize("preset", list(PRESET_ZONE))
def test_each_step_size_has_its_outcome_and_sentence(lesson: Page, preset: str) -> None:
    dial = lesson.locator("fh-step-dial")
    dial.scroll_into_view_if_needed()
    button = dial.locator(".fh-btn-preset", has_text=re.compile(f"^{preset}:"))
    expect(button).to_have_count(1)
    button.click()
    status = wait_final(dial)
    lr = model_get(dial, "learning_rate")
    # The preset names the step size it sets, and the dial shows the same (not 1.1 for 1.12).
    named = button.inner_text().split(": ")[1]
    assert float(named) == lr, (named, lr)
    expect(dial.locator("output")).to_have_text(named)
    regimes = model_get(dial, "landscape")["regimes"]
    zone = zone_of(lr, regimes)
    assert zone == PRESET_ZONE[preset]
    expected_status, opening = OUTCOMES[zone]
    assert status == expected_status, model_get(dial, "trajectory")["regime"]
    assert dial.locator(".fh-message").inner_text().startswith(opening)
    expect(dial.locator("[aria-live=polite]")).to_contain_text(opening)
    if status == "flew-off":
        # The ball leaves the picture, and the picture says so.
        expect(dial.locator(".fh-ball")).to_be_hidden()
        expect(dial.locator(".fh-offmap")).to_be_visible()


def test_slider_is_log_scaled_and_precomputes(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial")
    slider = dial.locator("input.fh-slider")
    slider.focus()
    before = model_get(dial, "learning_rate")
    for _ in range(10):
        lesson.keyboard.press("ArrowLeft")
    after = model_get(dial, "learning_rate")
    step = float(slider.get_attribute("step") or 0)
    assert after == pytest.approx(before / 10 ** (10 * step), rel=0.02)
    valuetext = slider.get_attribute("aria-valuetext") or ""
    assert valuetext.startswith(f"{after:.3g}".rstrip("0").rstrip("."))
    assert dial.locator("output").inner_text() in valuetext
    # Ready before Go is pressed: the walk for this rate has already arrived.
    wait_precomputed(lesson, dial)
    assert dial.get_attribute("data-status") == "idle"


def test_keyboard_alone_runs_the_dial(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial")
    slider = dial.locator("input.fh-slider")
    for _ in range(60):
        lesson.keyboard.press("Tab")
        if slider.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the step-size slider")
    lesson.keyboard.press("Home")  # the tiniest steps
    wait_precomputed(lesson, dial)
    lesson.keyboard.press("Tab")
    lesson.keyboard.press("Tab")
    lesson.keyboard.press("Tab")
    lesson.keyboard.press("Tab")
    lesson.keyboard.press("Tab")  # past the four example rates
    assert lesson.evaluate("document.activeElement.textContent") == "Go"
    lesson.keyboard.press("Enter")
    assert wait_final(dial) == "crawling"
    assert dial.locator(".fh-message").inner_text().startswith("Crawling:")


def test_too_bold_leaves_over_the_edge_the_escaping_step_heads_for(lesson: Page) -> None:
    """Overshooting flips sides each step: the exit is against the last tilt, not the last step."""
    dial = lesson.locator("fh-step-dial")
    dial.scroll_into_view_if_needed()
    dial.locator(".fh-btn-preset", has_text=re.compile("^Too bold:")).click()
    assert wait_final(dial) == "flew-off"
    traj = model_get(dial, "trajectory")
    x, g, lr = traj["position"][-1], traj["gradient"][-1], traj["learning_rate"]
    escape = x - lr * g  # the step that left the map (plain gradient descent)
    lo, hi = model_get(dial, "landscape")["domain"]
    assert not lo <= escape <= hi
    side = "right" if escape > hi else "left"
    # In the overshooting regime the last stored step went the other way.
    assert (traj["position"][-1] - traj["position"][-2] > 0) != (side == "right")
    expect(dial).to_have_attribute("data-exit", side)
    offmap = dial.locator(".fh-offmap")
    expect(offmap).to_be_visible()
    arrow = offmap.text_content() or ""
    assert arrow.endswith("\u2192") if side == "right" else arrow.startswith("\u2190")
    anchor = offmap.get_attribute("text-anchor")
    assert anchor == ("end" if side == "right" else "start")


def test_a_new_start_or_budget_asks_for_the_dial_zones_again(lesson: Page) -> None:
    """The zones are for the start's valley and the step budget; a drop on the hill is not."""
    bodies: list[dict[str, Any]] = []

    def record(request: Request) -> None:
        if request.url.endswith("/api/landscape"):
            bodies.append(request.post_data_json or {})

    lesson.on("request", record)
    dial = lesson.locator("fh-step-dial")
    before = model_get(dial, "landscape")["regimes"]
    dial.evaluate("el => { el.model.set('max_steps', 20); el.model.save_changes(); }")
    lesson.wait_for_function(
        "([el, c]) => el.model.get('landscape').regimes.crawl_below !== c",
        arg=[dial.element_handle(), before["crawl_below"]],
    )
    assert bodies[-1]["max_steps"] == 20
    assert bodies[-1]["start"] == model_get(dial, "start")
    expected = lesson.request.post(
        "/api/landscape", data={"hill": "bowl", "start": model_get(dial, "start"), "max_steps": 20}
    ).json()["regimes"]
    assert model_get(dial, "landscape")["regimes"] == expected
    with lesson.expect_request(lambda r: r.url.endswith("/api/landscape")) as asked:
        dial.evaluate("el => { el.model.set('start', 1.5); el.model.save_changes(); }")
    assert (asked.value.post_data_json or {}).get("start") == 1.5
    lesson.wait_for_function("el => el.model.get('landscape').regimes", arg=dial.element_handle())
    # The hill does not fetch its whole curve again for a drop.
    count = len(bodies)
    hill = lesson.locator("fh-hill")
    click_hill_at(lesson, hill, -3.0)
    wait_final(hill)
    assert len(bodies) == count
