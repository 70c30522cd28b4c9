"""<fh-surface>: a surface from above. Drop the ball by pointer or by keyboard, watch its path
and read every step in words; the fog hides the map until it is lifted, then the minima show."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fh_page import (
    AXE,
    VIEWPORTS,
    MakeContext,
    model_get,
    shown,
    sized_page,
    wait_final,
)
from playwright.sync_api import Locator, Page, expect

import foghill as fh

pytestmark = pytest.mark.browser

SURFACE = "fh-surface#surface"


def surface(page: Page) -> Locator:
    page.goto("/")
    widget = page.locator(SURFACE)
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-ready", "true")
    return widget


def pair(p: list[float]) -> str:
    """A point as the page writes it: (x, y) with two decimals."""
    return f"({shown(p[0], 2)}, {shown(p[1], 2)})"


def click_map(page: Page, widget: Locator, fx: float, fy: float) -> None:
    """Click the map's plot area at a fraction of its width (from the left) and height (top)."""
    box = widget.locator(".fh-hit").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def test_a_click_drops_the_ball_and_the_walk_is_drawn_and_said(page: Page, guard: object) -> None:
    widget = surface(page)
    expect(widget.locator(".fh-message")).to_contain_text("Click or tap the map")
    click_map(page, widget, 0.25, 0.25)  # upper left: x < 0, y > 0
    assert wait_final(widget) == "settled"
    traj = model_get(widget, "trajectory")
    start = model_get(widget, "start")
    assert start[0] < 0 < start[1]
    # The engine's own walk from that point, with the widget's settings.
    walk = fh.descend(fh.hills.HIMMELBLAU, start, learning_rate=0.01, max_steps=500)
    assert traj["n_steps"] == walk.n_steps
    assert widget.get_attribute("data-step") == str(walk.n_steps)
    end = [float(v) for v in walk.positions[-1]]
    message = widget.locator(".fh-message").inner_text()
    k = traj["floor_step"]
    assert message == (
        f"The ball reached a valley floor as low as any on this map at {pair(end)} in {k} steps"
        + (f", and came to rest there after {walk.n_steps} steps." if k < walk.n_steps else ".")
    )
    # The path holds every position, drawn as one line.
    d = widget.locator(".fh-walk").get_attribute("d") or ""
    assert d.count("L") == walk.n_steps
    numbers = widget.locator(".fh-numbers").inner_text()
    assert numbers.startswith(f"Step {walk.n_steps} of {walk.n_steps}: at {pair(end)}")


def test_the_keyboard_moves_the_drop_point_and_enter_drops(page: Page, guard: object) -> None:
    widget = surface(page)
    cross = widget.get_by_role("button", name=re.compile("Drop the ball at"))
    cross.focus()
    name_before = cross.get_attribute("aria-label")
    for key in ("ArrowRight", "ArrowRight", "ArrowDown", "ArrowDown", "ArrowDown"):
        page.keyboard.press(key)
    name_after = cross.get_attribute("aria-label") or ""
    assert name_after != name_before
    live = widget.locator(".fh-live")
    expect(live).to_contain_text("Drop point at (")
    page.keyboard.press("Enter")
    status = wait_final(widget)
    start = model_get(widget, "start")
    assert f"Drop the ball at {pair(start)}" in name_after
    traj = model_get(widget, "trajectory")
    assert traj["position"][0] == pytest.approx(start)
    assert status == traj["outcome"]
    # Step by step from the start, by keyboard too: Reset, then Step says where the ball is.
    widget.get_by_role("button", name="Reset").press("Enter")
    widget.get_by_role("button", name="Step").press("Enter")
    expect(widget).to_have_attribute("data-step", "1")
    expect(widget).to_have_attribute("data-status", "paused")
    p1 = traj["position"][1]
    numbers = widget.locator(".fh-numbers").inner_text()
    assert numbers.startswith(f"Step 1 of {traj['n_steps']}: at {pair(p1)}")
    assert "downhill is " in numbers


def test_play_without_a_drop_walks_from_the_maps_own_start(page: Page, guard: object) -> None:
    widget = surface(page)
    own = model_get(widget, "contours")["start"]
    assert model_get(widget, "start") is None
    widget.get_by_role("button", name="Play").click()
    wait_final(widget)
    traj = model_get(widget, "trajectory")
    assert traj["position"][0] == pytest.approx(own, abs=0.01)
    assert widget.get_attribute("data-step") == str(traj["n_steps"])
    expect(widget.locator(".fh-message")).to_contain_text("The ball")


def test_the_fog_hides_the_map_until_lifted_and_then_the_minima_show(
    page: Page, guard: object
) -> None:
    widget = surface(page)
    assert widget.get_attribute("data-fog") == "down"
    expect(widget.locator(".fh-map-fog")).to_be_visible()
    # The ground shows faintly through it: a map before the first drop, not a grey box.
    opacity = widget.locator(".fh-map-fog").evaluate("el => getComputedStyle(el).fillOpacity")
    assert 0.6 <= float(opacity) < 1
    expect(widget.locator(".fh-map-minima")).to_be_hidden()
    click_map(page, widget, 0.7, 0.3)
    wait_final(widget)
    # Only where the ball stood is clear: a patch per place, not the whole map.
    patches = widget.locator("mask circle").count()
    assert 1 <= patches <= model_get(widget, "trajectory")["n_steps"] + 1
    lift = widget.get_by_role("button", name="Lift the fog")
    expect(lift).to_have_attribute("aria-pressed", "false")
    lift.click()
    expect(lift).to_have_attribute("aria-pressed", "true")
    assert widget.get_attribute("data-fog") == "lifted"
    expect(widget.locator(".fh-map-fog")).to_be_hidden()
    minima = fh.hills.HIMMELBLAU.minima
    expect(widget.locator(".fh-minimum")).to_have_count(len(minima))
    expect(widget.locator(".fh-minimum").first).to_be_visible()
    expect(widget.locator(".fh-live")).to_contain_text("Valley floors are marked at")
    for m in minima:
        expect(widget.locator(".fh-live")).to_contain_text(pair([float(m[0]), float(m[1])]))
    lift.click()
    expect(widget.locator(".fh-map-fog")).to_be_visible()
    expect(widget.locator(".fh-map-minima")).to_be_hidden()


# ---- every map widget (surface, races, the line's map): axe clean, screenshots looked at ---

MAPS = ("fh-surface#surface", "fh-race#race-valley", "fh-race#race-saddle", "fh-line-fit")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]


def axe_on(page: Page, selectors: tuple[str, ...]) -> list[dict[str, Any]]:
    """axe-core's violations inside these widgets only (the rest of the page is not ours)."""
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async ([sels, tags]) => {
            const result = await axe.run({include: sels.map(s => [s])},
                                         {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }""",
        [list(selectors), AXE_TAGS],
    )
    return found


def reach_the_maps(page: Page) -> None:
    """Scroll to each map as a reader would (a map asks for its data when reached)."""
    for sel in MAPS:
        page.locator(sel).scroll_into_view_if_needed()
        expect(page.locator(sel)).to_have_attribute("data-ready", "true")


def use_the_maps(page: Page) -> None:
    """Drop the surface's ball and lift its fog, run the valley race and the line."""
    widget = page.locator(SURFACE)
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-ready", "true")
    click_map(page, widget, 0.3, 0.7)
    widget.get_by_role("button", name="Lift the fog").click()
    valley = page.locator("fh-race#race-valley")
    valley.scroll_into_view_if_needed()
    expect(valley).to_have_attribute("data-ready", "true")
    valley.get_by_role("button", name="Play").click()
    fit = page.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    fit.get_by_role("button", name="Play").click()
    for w in (widget, valley, fit):
        wait_final(w, 30_000)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_violations_in_the_maps(new_guarded_context: MakeContext, size: str) -> None:
    page = sized_page(new_guarded_context, size, bypass_csp=True)
    reach_the_maps(page)
    assert axe_on(page, MAPS) == []
    use_the_maps(page)
    page.locator("fh-race#race-valley").get_by_role(
        "button", name=re.compile("Start the race")
    ).focus()
    assert axe_on(page, MAPS) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_map_screenshots(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    use_the_maps(page)
    # Nothing wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    reach_the_maps(page)
    for sel in MAPS:
        name = sel.replace("#", "-").replace("fh-", "", 1)
        page.locator(sel).screenshot(
            path=screenshots / f"map-{name}-{viewport['width']}-{scheme}.png"
        )
