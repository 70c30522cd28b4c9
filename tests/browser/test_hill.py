"""<fh-hill>: drop the ball, watch it settle in the valley nearest to where it was dropped."""

from __future__ import annotations

import re
from typing import cast

import pytest
from fh_page import Guard, MakeContext, click_hill_at, frames, model_get, wait_final
from playwright.sync_api import Locator, Page, expect

import foghill as fh

pytestmark = pytest.mark.browser

FOGGY = fh.hills.by_name("foggy")
DEEPEST = float(cast(float, FOGGY.deepest))  # a 1-D hill: its minima are plain numbers


def side_valley() -> float:
    minima = cast(tuple[float, ...], FOGGY.minima)
    return float(next(m for m in minima if abs(m - DEEPEST) > 1e-6))


def test_drop_right_settles_in_the_side_valley_and_says_so(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    click_hill_at(lesson, hill, 3.2)
    status = wait_final(hill)
    assert status in ("settled", "zigzag")
    traj = model_get(hill, "trajectory")
    assert traj["position"][0] == pytest.approx(3.2, abs=0.02)
    # It ends where pure downhill flow from the drop point ends: the side valley.
    assert traj["position"][-1] == pytest.approx(FOGGY.basin(traj["position"][0]), abs=1e-3)
    assert traj["position"][-1] == pytest.approx(side_valley(), abs=1e-3)
    message = hill.locator(".fh-message").inner_text()
    assert "side valley" in message
    assert "not the lowest" in message
    assert f"{DEEPEST:.2f}".replace("-", "\u2212") in message  # where the deepest one is
    assert int(hill.get_attribute("data-step") or 0) == traj["n_steps"]


def test_drop_left_settles_in_the_main_valley(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    click_hill_at(lesson, hill, -3.3)
    assert wait_final(hill) == "settled"
    traj = model_get(hill, "trajectory")
    assert traj["valley"]["deepest"] is True
    assert traj["position"][-1] == pytest.approx(DEEPEST, abs=1e-3)
    message = hill.locator(".fh-message").inner_text()
    assert "deepest valley" in message
    assert "side valley" not in message
    numbers = hill.locator(".fh-numbers").inner_text()
    assert f"Step {traj['n_steps']} of {traj['n_steps']}" in numbers


def test_one_step_at_a_time_with_a_tangent(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    hill.scroll_into_view_if_needed()
    hill.get_by_role("button", name="Step").click()
    expect(hill).to_have_attribute("data-step", "1")
    expect(hill).to_have_attribute("data-status", "paused")
    hill.get_by_role("button", name="Step").click()
    expect(hill).to_have_attribute("data-step", "2")
    expect(hill).to_have_attribute("data-status", "paused")
    tangent = hill.locator(".fh-tangent line")
    assert tangent.is_visible()
    # The tangent is the tilt where the ball stands: its slope has the sign of the gradient.
    traj = model_get(hill, "trajectory")
    x1, y1, x2, y2 = (float(tangent.get_attribute(a) or 0) for a in ("x1", "y1", "x2", "y2"))
    screen_slope = (y2 - y1) / (x2 - x1)
    assert (screen_slope < 0) == (traj["gradient"][2] > 0)  # screen y points down
    hill.get_by_role("button", name="Reset").click()
    expect(hill).to_have_attribute("data-status", "idle")
    expect(hill).to_have_attribute("data-step", "0")


@pytest.mark.pacing  # it pauses a walk on its way
def test_play_pause_and_the_live_readout(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    click_hill_at(lesson, hill, -3.6)
    expect(hill).to_have_attribute("data-status", "running")
    lesson.wait_for_function("el => Number(el.dataset.step) >= 3", arg=hill.element_handle())
    hill.get_by_role("button", name="Pause").click()
    expect(hill).to_have_attribute("data-status", "paused")
    live = hill.locator("[aria-live=polite]")
    expect(live).to_contain_text("Paused")
    expect(live).to_contain_text("height")
    expect(live).to_contain_text("tilt")
    step = int(hill.get_attribute("data-step") or 0)
    frames(lesson)
    assert int(hill.get_attribute("data-step") or 0) == step  # really paused
    hill.get_by_role("button", name="Play").click()
    assert wait_final(hill) == "settled"


def test_fog_lifts_and_falls(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    button = hill.get_by_role("button", name="Lift the fog")
    expect(button).to_have_attribute("aria-pressed", "false")
    fog = hill.locator(".fh-fog")
    assert float(fog.evaluate("el => getComputedStyle(el).opacity")) > 0.9
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(hill).to_have_attribute("data-fog", "lifted")
    lesson.wait_for_function(
        "el => Number(getComputedStyle(el).opacity) === 0", arg=fog.element_handle()
    )
    # With the fog gone the valleys are named and the trail shows.
    expect(hill.locator(".fh-valley-label").first).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    lesson.wait_for_function(
        "el => Number(getComputedStyle(el).opacity) > 0.9", arg=fog.element_handle()
    )


def test_fog_leaves_a_clear_window_around_the_ball(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    click_hill_at(lesson, hill, -3.3)
    wait_final(hill)
    window = hill.evaluate(
        """el => {
            const w = el.plot.fogWindow, b = el.plot.ball;
            return [Number(w.getAttribute('cx')), Number(b.getAttribute('cx'))];
        }"""
    )
    assert window[0] == pytest.approx(window[1], abs=1)


@pytest.mark.pacing  # the replay is seen running
def test_keyboard_alone_drops_the_ball(lesson: Page) -> None:
    hill = lesson.locator("fh-hill")
    marker = hill.locator(".fh-drop")
    for _ in range(40):
        lesson.keyboard.press("Tab")
        if marker.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the hill's drop marker")
    # The focus is visible: the ring is drawn.
    ring = hill.locator(".fh-focus-ring")
    assert ring.evaluate("el => getComputedStyle(el).stroke") != "none"
    start = float(marker.get_attribute("aria-valuenow") or 0)
    for _ in range(60):
        lesson.keyboard.press("ArrowLeft")
    moved = float(marker.get_attribute("aria-valuenow") or 0)
    assert moved < start
    assert moved < -3
    lesson.keyboard.press("Enter")
    assert wait_final(hill) == "settled"
    assert model_get(hill, "trajectory")["valley"]["deepest"] is True
    # Tab on to the buttons and replay from the keyboard.
    lesson.keyboard.press("Tab")
    focused = lesson.evaluate("document.activeElement.textContent")
    assert focused == "Play"
    lesson.keyboard.press("Enter")
    expect(hill).to_have_attribute("data-status", "running")
    expect(hill).to_have_attribute("data-step", re.compile(r"^[1-9]"))


def test_reduced_motion_reaches_the_same_valley(new_guarded_context: MakeContext) -> None:
    context, _ = new_guarded_context(
        reduced_motion="reduce", viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    page.goto("/")
    hill = page.locator("fh-hill[data-ready=true]")
    hill.wait_for()
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    page.evaluate(
        """() => {
            const el = document.querySelector('fh-hill');
            window.__steps = [];
            new MutationObserver(() => window.__steps.push(Number(el.dataset.step)))
                .observe(el, {attributes: true, attributeFilter: ['data-step']});
        }"""
    )
    click_hill_at(page, hill, -3.3)
    assert wait_final(hill) == "settled"
    traj = model_get(hill, "trajectory")
    assert traj["position"][-1] == pytest.approx(DEEPEST, abs=1e-3)
    steps = [s for s in page.evaluate("window.__steps") if s > 0]
    # Discrete, calm jumps: far fewer drawn positions than steps, no tweening in between.
    assert steps[-1] == traj["n_steps"]
    assert len(steps) <= 20 < traj["n_steps"]


def formula_hill(page: Page, attrs: str) -> Locator:
    """A blank page from the test server holding one <fh-hill> with the given attributes."""
    page.goto("/")  # the server's origin (an HTML document), for the modules and the API
    page.wait_for_selector("fh-hill[data-ready=true]")  # its own requests done
    page.set_content(
        "<!doctype html><html><head>"
        '<link rel="stylesheet" href="/static/foghill.css">'
        '<link rel="stylesheet" href="/static/components.css">'
        '<script type="module" src="/static/components/index.js"></script>'
        f"</head><body><main><fh-hill {attrs}></fh-hill></main></body></html>"
    )
    hill = page.locator("fh-hill")
    expect(hill).to_have_attribute("data-ready", "true")
    return hill


def path_points(d: str) -> list[list[tuple[float, float]]]:
    """An SVG path of M/L/Z commands as its subpaths' points."""
    runs: list[list[tuple[float, float]]] = []
    for cmd, x, y in re.findall(r"([ML])\s*(-?[\d.]+)[ ,](-?[\d.]+)", d):
        if cmd == "M":
            runs.append([])
        runs[-1].append((float(x), float(y)))
    return runs


def test_undefined_heights_break_the_curve_and_the_ball_still_settles(
    page: Page, guard: Guard
) -> None:
    # x - log(x) on [-4, 4]: undefined for x <= 0, one valley at x = 1.
    hill = formula_hill(page, 'formula="x - log(x)" domain="-4,4" start="2"')
    ls = model_get(hill, "landscape")
    xs, ys = ls["curve"]["x"], ls["curve"]["y"]
    assert any(y is None for y in ys)
    assert any(y is not None for y in ys)
    first_defined = min(x for x, y in zip(xs, ys, strict=True) if y is not None)
    scale = hill.evaluate(
        "(el, xd) => ({x0: el.plot.sx(0), y0: el.plot.sy(0), xd: el.plot.sx(xd)})", first_defined
    )
    curve = path_points(hill.locator(".fh-curve").get_attribute("d") or "")
    assert curve, "no curve drawn"
    points = [p for run in curve for p in run]
    # Nothing is drawn over the undefined stretch (no fake flat line at height 0 there).
    assert all(x >= scale["xd"] - 0.5 for x, _ in points)
    assert not any(abs(y - scale["y0"]) < 0.5 and x < scale["x0"] for x, y in points)
    ground = path_points(hill.locator(".fh-ground").get_attribute("d") or "")
    assert all(x >= scale["xd"] - 0.5 for run in ground for x, _ in run[:-2])
    # The ball still walks to the valley.
    hill.get_by_role("button", name="Play").click()
    assert wait_final(hill) == "settled"
    assert model_get(hill, "trajectory")["position"][-1] == pytest.approx(1.0, abs=1e-3)
    # A drop over the undefined stretch lands at the nearest x where the hill is defined.
    click_hill_at(page, hill, 0.5)  # over the defined part: the pointer is on the plot
    box = hill.locator("svg.fh-plot").bounding_box()
    assert box is not None
    left = hill.evaluate(
        """el => {
            const p = el.plot;
            const q = new DOMPoint(p.sx(-2.5), 0).matrixTransform(p.svg.getScreenCTM());
            return {x: q.x, y: q.y};
        }"""
    )
    page.mouse.click(left["x"], box["y"] + box["height"] / 2)
    wait_final(hill)
    start = model_get(hill, "start")
    assert start == pytest.approx(first_defined, abs=2e-3)
    assert start >= first_defined - 1e-3
    assert model_get(hill, "trajectory")["position"][0] == pytest.approx(start)
    drop_x = float(hill.locator(".fh-drop").get_attribute("aria-valuenow") or "nan")
    assert drop_x == pytest.approx(start, abs=1e-6)
