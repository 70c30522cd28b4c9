"""The page fetches what the reader reaches (issue 23, point 2): opening it makes one request,
the page; a widget below the fold asks for its data when the reader comes near it; and the
same request is never made twice, whichever widgets need its answer."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser

IDLE_MS = 3000  # after the network is idle: every idle-time build has run by then


def asked(page: Page) -> list[tuple[str, str]]:
    """Every request the page makes from now on: (path, body)."""
    made: list[tuple[str, str]] = []

    def note(request: Request) -> None:
        made.append((urlsplit(request.url).path, request.post_data or ""))

    page.on("request", note)
    return made


def api(made: list[tuple[str, str]], path: str = "/api/") -> list[tuple[str, str]]:
    return [m for m in made if m[0].startswith(path)]


def test_opening_the_page_asks_for_nothing_more_until_the_reader_scrolls(
    page: Page, guard: object
) -> None:
    made = asked(page)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(IDLE_MS)
    assert made == [("/", "")]
    # The widgets at the top are usable from what the page carries.
    expect(page.locator("fh-hill")).to_have_attribute("data-ready", "true")
    expect(page.locator("fh-step-dial")).to_have_attribute("data-ready", "true")
    # The race far below has no map yet: it asks when the reader gets there.
    race = page.locator("fh-race#race-valley")
    expect(race).not_to_have_attribute("data-ready", "true")

    race.scroll_into_view_if_needed()
    expect(race).to_have_attribute("data-ready", "true")
    expect(race.locator(".fh-legend li")).to_have_count(6)
    races = api(made, "/api/race")
    assert len(races) == 1
    assert json.loads(races[0][1])["hill"] == "narrow_valley"
    # Only what the reader reached: the saddle's race further down has not asked yet.
    assert all(json.loads(body)["hill"] != "saddle" for _, body in api(made))


def test_a_widget_the_reader_touches_asks_at_once(page: Page, guard: object) -> None:
    made = asked(page)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    race = page.locator("fh-race#race-saddle")
    # A reader can focus only what is drawn: the race is built (while the page is idle, which
    # on a busy machine may come after the network is)
    expect(race.get_by_role("button", name="Play")).to_be_attached(timeout=20_000)
    assert all(json.loads(body).get("hill") != "saddle" for _, body in api(made))
    # Focus from the keyboard reaches the widget before any scrolling does: its request is
    # made (waited for as such: the page was idle already, so "network idle" would not wait).
    with page.expect_request(
        lambda r: urlsplit(r.url).path.startswith("/api/") and '"saddle"' in (r.post_data or "")
    ):
        race.evaluate("el => el.dispatchEvent(new FocusEvent('focusin', {bubbles: true}))")


def test_scrolling_through_asks_each_request_once(page: Page, guard: object) -> None:
    made = asked(page)
    page.goto("/")
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for y in range(0, int(height) + 900, 450):
        page.evaluate(f"() => window.scrollTo(0, {y})")
        page.wait_for_timeout(120)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    calls = api(made)
    assert len(calls) >= 5, calls  # the maps, races and sweep below the fold asked
    assert len(set(calls)) == len(calls), sorted(calls)
    # Both races on the narrow valley drew its map from one answer.
    contours = [b for p, b in calls if p == "/api/contours"]
    valley = [b for b in contours if json.loads(b)["hill"] == "narrow_valley"]
    assert len(valley) == 1
    expect(page.locator("fh-step-race#step-race-valley")).to_have_attribute("data-ready", "true")
