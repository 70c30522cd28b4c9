"""The digits demo's hidden layer has a dial in the demo's own language (issue 20): how many
hidden units, and how many weights the model then has to learn; moving it changes what the
next run trains. Demos without a hidden layer show no such dial."""

from __future__ import annotations

import json

import pytest
from fh_page import Guard
from playwright.sync_api import Page, Request, expect

from foghill.demo_sizes import weight_counts

pytestmark = pytest.mark.browser


def test_the_hidden_layer_dial_changes_what_is_trained(page: Page, guard: Guard) -> None:
    weights = weight_counts()["fh-digits"]
    sent: list[dict[str, object]] = []

    def seen(request: Request) -> None:
        if request.url.endswith("/api/train/digits") and request.method == "POST":
            sent.append(json.loads(request.post_data or "{}"))

    page.on("request", seen)
    page.goto("/")
    digits = page.locator("fh-digits")
    digits.scroll_into_view_if_needed()
    dial = digits.get_by_label("Hidden units")
    expect(dial).to_be_visible()
    words = digits.locator("output", has_text="hidden")
    expect(words).to_have_text(f"no hidden layer: {weights[0]:,} weights to learn")
    # By keyboard: one stop up, then the top.
    dial.focus()
    dial.press("ArrowRight")
    expect(words).to_have_text(f"1 hidden unit: {weights[1]:,} weights to learn")
    dial.press("End")
    top = len(weights) - 1
    said = f"{top} hidden units: {weights[top]:,} weights to learn"
    expect(words).to_have_text(said)
    expect(dial).to_have_attribute("aria-valuetext", said)
    assert digits.evaluate("el => el.model.get('hidden')") == top
    # The templates and the untrained model are said as they are with a hidden layer: the
    # templates hold only near the units' straight middle, and the start is random.
    note = digits.locator(".fh-tr-note").first
    expect(note).to_contain_text("as long as the hidden units stay near their straight middle")
    expect(digits).to_contain_text("Untrained, step 0: its weights start at random")
    # What θ is, in the fold that ties the demo to the rule, follows the dial.
    digits.get_by_text("How it maps to the rule").click()
    theta = digits.locator(".fh-tr-theta")
    expect(theta).to_contain_text(
        f"a small network's {weights[top]:,} weights: from the 64 pixels to {top} hidden units"
    )
    digits.get_by_role("button", name="Play").click()
    expect(digits).to_have_attribute("data-status", "done", timeout=60_000)
    assert sent, "no run was asked for"
    assert sent[-1]["hidden"] == top, sent
    # Back to none: the next run trains the model without a hidden layer.
    dial.focus()
    dial.press("Home")
    expect(words).to_have_text(f"no hidden layer: {weights[0]:,} weights to learn")
    expect(theta).to_contain_text("is ten 8×8 templates, one per digit")
    expect(note).to_have_text(
        "Green: ink here makes this digit more likely. Red: ink here makes it less likely."
    )
    expect(digits).to_have_attribute("data-status", "idle")
    digits.get_by_role("button", name="Play").click()
    expect(digits).to_have_attribute("data-status", "done", timeout=60_000)
    assert sent[-1]["hidden"] == 0, sent


def test_demos_without_a_hidden_layer_have_no_such_dial(page: Page, guard: Guard) -> None:
    page.goto("/")
    for tag in ("fh-spam", "fh-next-word", "fh-ratings"):
        demo = page.locator(tag)
        demo.scroll_into_view_if_needed()
        expect(demo.get_by_label("Examples per step")).to_be_visible()
        expect(demo.get_by_label("Hidden units")).to_have_count(0)
