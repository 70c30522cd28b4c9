"""<fh-step-race>: three step sizes from one start on one clock, each panel ending as the
engine says and saying so in words; a step size typed in changes its panel; a 2-D surface
seen from above; by mouse and by keyboard; axe and screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fh_page import (
    DESKTOP,
    VIEWPORTS,
    Guard,
    MakeContext,
    model_get,
    sized_page,
    wait_final,
    wait_status,
    zone_of,
)
from playwright.sync_api import Locator, Page, expect
from test_sweep import scoped_axe

pytestmark = pytest.mark.browser

BOWL = "fh-step-race[hill=bowl]"
VALLEY = "#step-race-valley"
OPENING = {
    "crawling": "Crawling:",
    "settled": "Settled:",
    "zigzag": "Zig-zag:",
    "flew-off": "Flew off:",
}
RACE_TIMEOUT = 30_000  # ms: 300 steps on one clock take under 10 s


@pytest.fixture
def race_page(page: Page, guard: Guard) -> Page:
    page.goto("/")
    race = page.locator(BOWL)
    race.scroll_into_view_if_needed()
    page.wait_for_selector(f"{BOWL}[data-ready=true]")
    return page


def engine_race(page: Page, race: Locator) -> list[dict[str, Any]]:
    """What the API says for the race's current start and step sizes (plain descent)."""
    body = {
        "hill": race.get_attribute("hill"),
        "start": model_get(race, "start"),
        "max_steps": model_get(race, "max_steps"),
        "racers": [
            {"optimizer": "gd", "learning_rate": lr} for lr in model_get(race, "learning_rates")
        ],
    }
    runs: list[dict[str, Any]] = page.request.post("/api/race", data=body).json()["runs"]
    return runs


def wait_rates(page: Page, race: Locator) -> list[float]:
    page.wait_for_function(
        "el => Array.isArray(el.model.get('learning_rates'))", arg=race.element_handle()
    )
    rates: list[float] = model_get(race, "learning_rates")
    return rates


def panels(race: Locator) -> Locator:
    return race.locator(".fh-race-panel")


def check_ending(page: Page, race: Locator, expected: list[str]) -> None:
    """Every panel ends as the engine's run did, in data-status and in words."""
    wait_final(race, RACE_TIMEOUT)
    runs = engine_race(page, race)
    assert [r["outcome"] for r in runs] == expected
    assert model_get(race, "race")["runs"] == runs
    for panel, run in zip(panels(race).all(), runs, strict=True):
        expect(panel).to_have_attribute("data-status", run["outcome"])
        words = panel.locator(".fh-race-words").inner_text()
        assert words.startswith(OPENING[run["outcome"]])
        assert f"{run['n_steps']} step" in words
    # The widget's own status is how its longest walk ended; the sentence names all three.
    longest = max(runs, key=lambda r: len(r["position"]))
    expect(race).to_have_attribute("data-status", longest["outcome"])
    expect(race.locator(".fh-live")).to_contain_text("All three started from")


def test_the_engines_three_step_sizes_crawl_settle_and_zigzag(race_page: Page) -> None:
    race = race_page.locator(BOWL)
    rates = wait_rates(race_page, race)
    regimes = model_get(race, "landscape")["regimes"]
    # Picked from the valley's regimes: one in each of the first three zones.
    assert [zone_of(lr, regimes) for lr in rates] == ["crawl", "settle", "zig-zag"]
    fields = race.locator("input.fh-race-rate")
    assert [float(v) for v in fields.evaluate_all("els => els.map(e => e.value)")] == rates
    for panel in panels(race).all():
        expect(panel).to_have_attribute("data-status", "idle")
    race.get_by_role("button", name="Play").click()
    check_ending(race_page, race, ["crawling", "settled", "zigzag"])
    # Each panel's picture agrees: the flown-off sign is nowhere, every ball is drawn.
    expect(race.locator(".fh-ball")).to_have_count(3)
    for ball in race.locator(".fh-ball").all():
        expect(ball).to_be_visible()


def test_a_step_size_typed_into_a_panel_changes_that_panel(race_page: Page) -> None:
    race = race_page.locator(BOWL)
    before = wait_rates(race_page, race)
    regimes = model_get(race, "landscape")["regimes"]
    bolder = round(regimes["fly_off"] * 1.2, 3)  # beyond 2/L: it must fly off
    field = race.locator("input.fh-race-rate").nth(2)
    field.fill(str(bolder))
    field.press("Enter")
    race_page.wait_for_function(
        "([el, lr]) => el.model.get('learning_rates')[2] === lr",
        arg=[race.element_handle(), bolder],
    )
    assert model_get(race, "learning_rates") == [*before[:2], bolder]
    race.get_by_role("button", name="Play").click()
    check_ending(race_page, race, ["crawling", "settled", "flew-off"])
    third = panels(race).nth(2)
    expect(third.locator(".fh-offmap")).to_be_visible()
    expect(third.locator(".fh-ball")).to_be_hidden()


def test_keyboard_alone_sets_a_rate_and_races(race_page: Page) -> None:
    race = race_page.locator(BOWL)
    wait_rates(race_page, race)
    first = race.locator("input.fh-race-rate").first
    race_page.locator("fh-sweep svg.fh-sweep-chart").focus()  # where the reader left off above
    for _ in range(60):
        race_page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the race's first step size")
    race_page.keyboard.press("Control+A")
    race_page.keyboard.type("0.3")
    race_page.keyboard.press("Enter")
    race_page.wait_for_function(
        "el => el.model.get('learning_rates')[0] === 0.3", arg=race.element_handle()
    )
    play = race.get_by_role("button", name="Play")
    for _ in range(10):
        race_page.keyboard.press("Tab")
        if play.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the race's Play button")
    # Step: one step of all three at once, said in each panel.
    race_page.keyboard.press("Tab")
    race_page.keyboard.press("Enter")
    wait_status(race, "paused")
    expect(race).to_have_attribute("data-step", "1")
    runs = engine_race(race_page, race)
    for panel in panels(race).all():
        expect(panel.locator(".fh-race-words")).to_contain_text("Step 1: at")
    race_page.keyboard.press("Shift+Tab")
    race_page.keyboard.press("Enter")
    check_ending(race_page, race, [r["outcome"] for r in runs])
    assert runs[0]["outcome"] == "settled"  # 0.3 is below 1/L = 0.5 on the bowl


def test_a_refused_step_size_is_said_in_words(race_page: Page) -> None:
    race = race_page.locator(BOWL)
    wait_rates(race_page, race)
    field = race.locator("input.fh-race-rate").first
    field.fill("500")
    field.press("Enter")
    error = race.locator(".fh-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("learning_rate")
    expect(race.locator(".fh-message")).to_contain_text("refused")


def test_three_step_sizes_on_a_surface_seen_from_above(page: Page, guard: Guard) -> None:
    page.goto("/")
    race = page.locator(VALLEY)
    race.scroll_into_view_if_needed()
    page.wait_for_selector(f"{VALLEY}[data-ready=true]")
    expect(race.locator("svg.fh-map")).to_have_count(3)
    assert model_get(race, "learning_rates") == [0.05, 0.45, 0.52]
    race.get_by_role("button", name="Play").click()
    check_ending(page, race, ["crawling", "settled", "flew-off"])
    expect(panels(race).nth(2).locator(".fh-offmap")).to_be_visible()
    # The walks drawn are the engine's: each trail has one vertex per position.
    runs = engine_race(page, race)
    for panel, run in zip(panels(race).all(), runs, strict=True):
        d = panel.locator(".fh-race-walk").get_attribute("d") or ""
        assert d.count("L") + d.count("M") == len(run["position"])


def test_a_surface_without_step_sizes_asks_for_three(page: Page, guard: Guard) -> None:
    page.goto("/")
    race = page.locator(VALLEY)
    race.scroll_into_view_if_needed()
    page.wait_for_selector(f"{VALLEY}[data-ready=true]")
    # As a notebook or a page would start it with no step sizes: nothing to race yet.
    race.evaluate("el => { el.model.set('learning_rates', null); }")
    message = race.locator(".fh-message")
    expect(message).to_have_text(
        "On a surface, three step sizes must be given: type one into each panel."
    )
    race.get_by_role("button", name="Play").click()
    expect(race).to_have_attribute("data-status", "idle")
    fields = race.locator("input.fh-race-rate")
    for i, (rate, left) in enumerate(((0.05, 2), (0.45, 1))):
        fields.nth(i).fill(str(rate))
        fields.nth(i).press("Enter")
        expect(message).to_have_text(f"Type a step size into each panel: {left} more to go.")
    fields.nth(2).fill("0.52")
    fields.nth(2).press("Enter")
    race.get_by_role("button", name="Play").click()
    check_ending(page, race, ["crawling", "settled", "flew-off"])


def test_with_reduced_motion_the_race_jumps_to_the_same_ends(
    new_guarded_context: MakeContext,
) -> None:
    context, _ = new_guarded_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/")
    race = page.locator(VALLEY)
    race.scroll_into_view_if_needed()
    page.wait_for_selector(f"{VALLEY}[data-ready=true]")
    race.get_by_role("button", name="Play").click()
    check_ending(page, race, ["crawling", "settled", "flew-off"])
    # The walk that flew off ends with its ball gone and the sign up.
    third = panels(race).nth(2)
    expect(third.locator(".fh-race-ball")).to_be_hidden()
    expect(third.locator(".fh-offmap")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_and_screenshots(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme, bypass_csp=True)
    viewport = VIEWPORTS[size]
    for selector, name in ((BOWL, "bowl"), (VALLEY, "valley")):
        race = page.locator(selector)
        race.scroll_into_view_if_needed()
        page.wait_for_selector(f"{selector}[data-ready=true]")
        assert scoped_axe(page, selector) == []
        race.get_by_role("button", name="Play").click()
        wait_final(race, RACE_TIMEOUT)
        race.locator("input.fh-race-rate").first.focus()
        assert scoped_axe(page, selector) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        race.screenshot(path=screenshots / f"step-race-{name}-{viewport['width']}-{scheme}.png")
