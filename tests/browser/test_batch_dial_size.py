"""The batch dial says the whole training set's size before the first Play (issue 20): the
reader who slides it to the top reads "all 1,347 examples (the whole set)" with nothing asked
of the server, and a run started there trains on exactly that many examples per step."""

from __future__ import annotations

import re

import pytest
from fh_page import Guard
from playwright.sync_api import Page, expect

from foghill.demo_sizes import train_sizes

pytestmark = pytest.mark.browser

DEMOS = ("fh-digits", "fh-spam", "fh-next-word", "fh-ratings")


@pytest.fixture(scope="module")
def sizes() -> dict[str, int]:
    return train_sizes()


def test_the_dial_says_each_demos_whole_set_before_play(
    page: Page, guard: Guard, sizes: dict[str, int]
) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/train" in r.url else None)
    # The untrained models (asked for as the reader comes near) never arrive: the sizes
    # cannot come from them.
    page.route("**/api/train/**", lambda route: route.abort())
    page.goto("/")
    for tag in DEMOS:
        widget = page.locator(tag)
        widget.scroll_into_view_if_needed()
        dial = widget.get_by_label("Examples per step")
        expect(dial).to_be_visible()
        words = widget.locator("output[for]").filter(has_text="example").first
        dial.focus()
        dial.press("End")
        whole = f"all {sizes[tag]:,} examples (the whole set)"
        expect(words).to_have_text(whole)
        expect(dial).to_have_attribute("aria-valuetext", whole)
        # One stop below the top: the largest power of two under the set.
        dial.press("ArrowLeft")
        below = 2 ** (sizes[tag].bit_length() - 1)
        if below == sizes[tag]:
            below //= 2
        expect(words).to_have_text(f"{below:,} examples per step")
        expect(widget).to_have_attribute("data-status", "idle")
    # Nothing but the untrained models was asked, and none of them was answered.
    assert all(url.endswith("/untrained") for url in asked), asked


def test_a_run_from_the_top_of_the_dial_trains_on_the_whole_set(
    page: Page, guard: Guard, sizes: dict[str, int]
) -> None:
    page.goto("/")
    spam = page.locator("fh-spam")
    spam.scroll_into_view_if_needed()
    dial = spam.get_by_label("Examples per step")
    expect(dial).to_be_visible()
    dial.focus()
    dial.press("End")
    expect(spam.locator("output[for]").filter(has_text="example").first).to_have_text(
        f"all {sizes['fh-spam']:,} examples (the whole set)"
    )
    assert spam.evaluate("el => el.model.get('batch_size')") == sizes["fh-spam"]
    spam.get_by_role("button", name="Play").click()
    expect(spam).to_have_attribute("data-status", "done", timeout=30_000)
    expect(spam.locator(".fh-tr-noise-words")).to_contain_text(re.compile("agree"))
