"""Before Play (issue 23): each live training demo shows its untrained model, the one Play then
trains, with a line that says what Play will do; Play changes the line, and Reset brings the
untrained model back. What is checked is what a reader sees, against the numbers the server
gives for the model at step 0."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fh_page import (
    Guard,
    MakeContext,
    sized_page,
)
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

RUN_TIMEOUT = 30_000  # ms
DEMOS = ("fh-digits", "fh-spam", "fh-next-word", "fh-ratings", "fh-edge")
UNTRAINED = re.compile(r"^Untrained, step 0: .+ Play trains it for up to [\d,]+ steps\.$")


def untrained(page: Page, tag: str, **settings: Any) -> dict[str, Any]:
    """The server's model at step 0 for the demo's default settings (changed by ``settings``)."""
    answer = page.request.post(f"/api/train/{tag.removeprefix('fh-')}/untrained", data=settings)
    assert answer.ok, answer.text()
    found: dict[str, Any] = answer.json()
    return found


def reach(page: Page, tag: str) -> Locator:
    """Scroll to the demo as a reader would, and wait for its untrained model to be drawn."""
    widget = page.locator(tag)
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".fh-btn-play")).to_be_visible()
    expect(widget.locator(".fh-message")).to_have_text(UNTRAINED, timeout=RUN_TIMEOUT)
    return widget


def line(widget: Locator) -> str:
    return widget.locator(".fh-message").inner_text()


@pytest.fixture
def page_at(page: Page, guard: Guard) -> Page:
    page.goto("/")
    return page


def test_each_demo_shows_its_untrained_model_and_what_play_will_do(
    page_at: Page, guard: Guard
) -> None:
    page = page_at
    for tag in DEMOS:
        widget = reach(page, tag)
        first = untrained(page, tag)
        p = first["progress"]
        steps = f"{first['steps']:,}"
        assert line(widget).endswith(f"Play trains it for up to {steps} steps."), line(widget)
        expect(widget).to_have_attribute("data-status", "idle")
        expect(widget).to_have_attribute("data-step", "0")
        metric = widget.locator(".fh-tr-metric")
        numbers = widget.locator(".fh-numbers")
        if tag != "fh-edge":
            expect(numbers).to_contain_text(f"on the held-out ones {p['heldout_loss']:.3f}")
            # The batches' idea of downhill, drawn for the untrained model too.
            expect(widget.locator(".fh-tr-noise-dot")).to_have_count(30)
            # ... and said of a curve still to come (it is one dot yet).
            expect(widget.locator(".fh-tr-noise")).to_contain_text(
                re.compile(r"so the curve (should be smooth|will be jagged)")
            )
        # The curves hold the one point there is: step 0.
        if tag == "fh-edge":
            charts = widget.locator(".fh-step-chart")
            expect(charts.nth(0)).to_contain_text(f"scale: {p['loss']:.3f} at step 0.")
            expect(charts.nth(1)).to_contain_text(f"valley: {p['sharpness']:.1f} at step 0;")
        else:
            loss = p["batch_loss"] if p["batch_loss"] is not None else p["loss"]
            chart = widget.locator(".fh-lf-chart").first
            said = re.compile(r"How wrong at the start: ([\d.]+) at step 0\.")
            expect(chart).to_contain_text(said)
            found = said.search(chart.text_content() or "")
            assert found
            assert float(found.group(1)) == pytest.approx(loss, rel=5e-3)
        view = p["view"]
        if tag == "fh-digits":
            expect(metric).to_contain_text(f"Held-out accuracy {round(100 * p['metric'])}%")
            guesses = [g["guess"] for g in view["guesses"]]
            words = widget.locator(".fh-tr-watched-words")
            expect(words).to_have_count(len(guesses))
            labels = [w["label"] for w in first["info"]["watched"]]
            for i, (label, guess) in enumerate(zip(labels, guesses, strict=True)):
                expect(words.nth(i)).to_contain_text(f"a {label}: read as {guess}")
            right = sum(g == lab for g, lab in zip(guesses, labels, strict=True))
            expect(widget).to_contain_text(f"It reads {right} of these {len(labels)} right.")
            assert "random speckle" in line(widget)
        elif tag == "fh-spam":
            expect(metric).to_contain_text(f"Held-out accuracy {round(100 * p['metric'])}%")
            wrong, held = view["misclassified"], first["info"]["heldout_size"]
            expect(widget).to_contain_text(
                f"On the wrong side of the border: {wrong} of the {held} messages"
            )
            top = view["spammy"][0]["word"]
            expect(widget.locator(".fh-tr-lists")).to_contain_text(f"{top} (+0.0")
            expect(widget.locator(".fh-tr-lists")).not_to_contain_text("none yet")
            labels = widget.locator(".fh-tr-msg-words")
            expect(labels).to_have_count(len(view["scores"]))
            for i, score in enumerate(view["scores"]):
                shown = labels.nth(i).get_attribute("data-label") or ""
                assert re.search(r"\d+(\.\d)?%", shown), shown
                assert abs(float(re.findall(r"([\d.]+)%", shown)[0]) - 100 * score) <= 0.51
        elif tag == "fh-next-word":
            expect(metric).to_contain_text(f"Surprise {p['metric']:.2f} bits per word")
            bars = widget.locator(".fh-tr-bar-word")
            expect(bars).to_have_count(6)
            expect(bars.first).to_have_text(view["next"][0]["word"])
        elif tag == "fh-ratings":
            expect(metric).to_contain_text(f"miss by {p['metric']:.2f} stars")
            expect(widget.locator(".fh-tr-who option")).to_have_count(
                len(first["info"]["people"]) + 1
            )
            expect(widget.locator(".fh-tr-who")).to_be_enabled()
            expect(widget).to_contain_text("they start at random, so the map means nothing yet")
            expect(widget.locator(".fh-tr-film circle")).to_have_count(len(view["map"]))
        elif tag == "fh-edge":
            expect(metric).to_contain_text(f"Sharpness {p['sharpness']:.1f}")
            expect(widget.locator(".fh-edge-points circle")).to_have_count(60)
            expect(widget.locator(".fh-edge-fit")).to_have_attribute("d", re.compile(r"^M.+L"))
            assert "each chart holds one dot" in line(widget)
    # Only the untrained models were asked for: nothing was trained before Play.
    asked = [r for r in guard.requests if "/api/train/" in r]
    assert asked, guard.requests
    assert all(r.endswith("/untrained") for r in asked), asked


def test_play_changes_the_line_and_reset_brings_the_untrained_model_back(page_at: Page) -> None:
    page = page_at
    digits = reach(page, "fh-digits")
    before = digits.locator(".fh-tr-watch").inner_text()
    metric = digits.locator(".fh-tr-metric").inner_text()
    # The fastest speed, from the untrained picture to the end.
    digits.get_by_role("radio", name="Instant").click()
    digits.get_by_role("button", name="Play").click()
    expect(digits).to_have_attribute("data-status", "done", timeout=RUN_TIMEOUT)
    expect(digits.locator(".fh-message")).not_to_contain_text("Untrained")
    expect(digits.locator(".fh-tr-metric")).not_to_have_text(metric)
    # The curve begins at step 0 once, then follows the run.
    chart = digits.locator(".fh-lf-chart")
    expect(chart).to_contain_text("step 400")
    digits.get_by_role("button", name="Reset").click()
    expect(digits).to_have_attribute("data-status", "idle")
    expect(digits.locator(".fh-message")).to_have_text(UNTRAINED)
    expect(digits.locator(".fh-tr-metric")).to_have_text(metric)
    assert digits.locator(".fh-tr-watch").inner_text() == before
    expect(chart).not_to_contain_text("step 400")


def test_a_dial_turned_before_play_shows_the_new_untrained_model(page_at: Page) -> None:
    page = page_at
    digits = reach(page, "fh-digits")
    hidden = untrained(page, "fh-digits", hidden=1)
    slider = digits.get_by_role("slider", name="Hidden units")
    slider.focus()
    slider.press("ArrowRight")
    expect(digits.locator(".fh-tr-metric")).to_contain_text(
        f"Held-out accuracy {round(100 * hidden['progress']['metric'])}%"
    )
    expect(digits.locator(".fh-message")).to_have_text(UNTRAINED)
    expect(digits.locator(".fh-message")).to_contain_text("its weights start at random")
    expect(digits).to_have_attribute("data-status", "idle")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_before_play(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    for tag in DEMOS:
        widget = reach(page, tag)
        widget.screenshot(path=str(screenshots / f"before-play-{tag}-{size}-{scheme}.png"))
