"""Each live demo opens with what moves, not with symbols: the θ/η mapping waits in a closed
"how it maps" fold at the end, one click away."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DEMOS = ("fh-digits", "fh-spam", "fh-next-word", "fh-ratings")


@pytest.mark.parametrize("tag", DEMOS)
def test_the_mapping_waits_in_a_fold(page: Page, tag: str) -> None:
    page.goto("/")
    widget = page.locator(tag)
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".fh-btn-play")).to_be_visible()
    # Nothing about θ or η is shown before the reader opens the fold.
    shown = widget.evaluate(
        """el => [...el.querySelectorAll('p, summary ~ *')]
            .filter(n => n.checkVisibility() && !n.closest('details:not([open])'))
            .map(n => n.textContent).join(' ')"""
    )
    assert "θ" not in shown
    assert "η" not in shown
    fold = widget.locator("details.fh-tr-maps")
    expect(fold).to_have_count(1)
    expect(fold.locator(".fh-tr-theta")).to_be_hidden()
    # The demo's first words are not the mapping: the fold comes after the picture.
    first = widget.evaluate("el => el.firstElementChild.className")
    assert "fh-tr-maps" not in first
    assert "fh-tr-theta" not in first
    fold.locator("summary").click()
    expect(fold.locator(".fh-tr-theta")).to_be_visible()
    expect(fold.locator(".fh-tr-theta")).to_contain_text("θ")


@pytest.mark.parametrize("tag", ["fh-digits", "fh-spam", "fh-next-word", "fh-ratings"])
def test_a_demo_opens_with_what_to_watch_and_do(page: Page, tag: str) -> None:
    page.goto("/")
    widget = page.locator(tag)
    widget.scroll_into_view_if_needed()
    first = widget.locator(":scope > :first-child")
    expect(first).to_have_class("fh-tr-intro")
    expect(first).to_contain_text("Press Play and watch")
