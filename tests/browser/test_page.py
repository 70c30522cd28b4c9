"""The whole lesson page: shareable state in the address, accessibility, nothing fetched from
elsewhere, and screenshots at desktop and phone widths for a person to look at."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fh_page import (
    AXE,
    SEEDED,
    VIEWPORTS,
    Guard,
    MakeContext,
    all_built,
    click_hill_at,
    dot_center,
    first_widgets_ready,
    model_get,
    sized_page,
    wait_final,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]


def run_axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    return violations


def run_everything(page: Page) -> None:
    """Use every widget once: drop the ball, lift the fog, turn the dial, walk the line."""
    hill = page.locator("fh-hill")
    click_hill_at(page, hill, -3.1)
    hill.get_by_role("button", name="Lift the fog").click()
    dial = page.locator("fh-step-dial")
    dial.scroll_into_view_if_needed()
    dial.locator(".fh-btn-preset").nth(1).click()
    fit = page.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    fit.get_by_role("button", name="Play").click()
    for widget in (hill, dial, fit):
        wait_final(widget)


def test_the_address_carries_the_state_and_a_reload_restores_it(lesson: Page) -> None:
    page = lesson
    hill = page.locator("fh-hill")
    click_hill_at(page, hill, -2.8)
    start = model_get(hill, "start")
    hill.get_by_role("button", name="Lift the fog").click()
    dial = page.locator("fh-step-dial")
    dial.locator(".fh-btn-preset").first.click()
    rate = model_get(dial, "learning_rate")
    fit = page.locator("fh-line-fit")
    fit.locator(".fh-dot").nth(3).focus()
    for _ in range(4):
        page.keyboard.press("ArrowUp")
    xs, ys = model_get(fit, "x"), model_get(fit, "y")
    wait_final(fit)
    expect(page).to_have_url(re.compile(r"dots="))  # the address follows the moved dot
    url = page.url
    assert f"drop={start}" in url
    assert "fog=lifted" in url
    assert f"rate={rate}" in url
    assert "dots=" in url

    page.reload()
    first_widgets_ready(page)
    assert model_get(hill, "start") == start
    assert float(hill.locator(".fh-drop").get_attribute("aria-valuenow") or 0) == start
    expect(hill.get_by_role("button", name="Lift the fog")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert model_get(dial, "learning_rate") == rate
    assert dial.locator("output").inner_text() in (
        dial.locator("input.fh-slider").get_attribute("aria-valuetext") or ""
    )
    assert model_get(fit, "x") == pytest.approx(xs, abs=0.006)
    assert model_get(fit, "y") == pytest.approx(ys, abs=0.006)
    # The restored walk is ready to go: press Play and it ends where it ended before.
    hill.get_by_role("button", name="Play").click()
    assert wait_final(hill) == "settled"
    assert model_get(hill, "trajectory")["valley"]["deepest"] is True


def test_nothing_is_fetched_from_elsewhere(lesson: Page, guard: Guard) -> None:
    run_everything(lesson)
    fit = lesson.locator("fh-line-fit")
    fit.locator(".fh-dot").nth(3).focus()
    lesson.keyboard.press("ArrowUp")  # new dots: a new walk
    wait_final(fit)
    assert guard.requests, "the page made no requests at all?"
    assert not guard.outside
    paths = {r.split("/", 3)[3].split("?")[0] for r in guard.requests}
    # The first answers come inside the page, beside each widget; every later one is asked
    # of this server's API.
    assert {"api/descend", "api/linefit"} <= paths
    for tag, output in (("fh-hill", "landscape"), ("fh-step-dial", "landscape")):
        seed = lesson.locator(f"{tag} + script.fh-seed").text_content() or "{}"
        assert model_get(lesson.locator(tag), output) == json.loads(seed)["outputs"][output]
    # No web fonts, and every linked resource comes from this server.
    assert (
        lesson.evaluate(
            """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
                .filter(r => r instanceof CSSFontFaceRule).length"""
        )
        == 0
    )
    origins = lesson.evaluate(
        """() => [...document.querySelectorAll('[src], link[href]')]
                .map(e => new URL(e.src || e.href, location.href).origin)"""
    )
    assert set(origins) <= {lesson.evaluate("location.origin"), "null"}


def test_the_first_answers_come_with_the_page(page: Page, guard: Guard) -> None:
    """The first load is the page alone: the widgets whose first answers it carries (the hill
    and the dial) ask nothing before use, and nothing else asks before the reader scrolls.
    The line fit, eight screens down, carries none: it asks for its fit, once, when reached."""
    asked: list[tuple[str, dict[str, Any]]] = []
    page.on(
        "request",
        lambda r: (
            asked.append((urlsplit(r.url).path, json.loads(r.post_data or "{}")))
            if "/api/" in r.url
            else None
        ),
    )
    # What a ball widget's model posts: exactly its contract inputs (a step race or a race
    # posts lists of step sizes or racers instead).
    ball_keys = {"hill", "formula", "domain", "start", "learning_rate", "optimizer", "max_steps"}

    def from_seeded_widgets() -> list[str]:
        return [path for path, body in asked if path != "/api/sweep" and set(body) == ball_keys]

    page.goto("/")
    for tag in SEEDED:
        page.wait_for_selector(f"{tag}[data-ready=true]")
    all_built(page)
    page.wait_for_load_state("networkidle")
    assert asked == []
    hill = page.locator("fh-hill")
    assert model_get(hill, "trajectory")["position"][0] == model_get(hill, "start")
    hill.get_by_role("button", name="Play").click()  # the walk is already here
    assert wait_final(hill) in ("settled", "zigzag")
    assert from_seeded_widgets() == []
    fit = page.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    expect(fit).to_have_attribute("data-ready", "true", timeout=15_000)
    expect(fit.get_by_role("button", name="Play")).to_be_enabled()
    page.wait_for_load_state("networkidle")
    fits = [body for path, body in asked if path == "/api/linefit"]
    assert len(fits) == 1
    assert (fits[0]["x"], fits[0]["y"]) == (model_get(fit, "x"), model_get(fit, "y"))
    assert from_seeded_widgets() == []


def test_a_widget_far_down_the_page_is_built_when_it_nears_the_window(
    page: Page, guard: Guard
) -> None:
    """Widgets that must ask the server first wait until they come near the window (they
    may be built while the page is idle, but ask only when reached): scrolling to one finds
    it built and answered."""
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    race = page.locator("fh-race").first
    race.scroll_into_view_if_needed()
    expect(race).to_have_attribute("data-ready", "true", timeout=15_000)
    assert any(urlsplit(r).path == "/api/contours" for r in guard.requests)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_violations(new_guarded_context: MakeContext, size: str) -> None:
    page = sized_page(new_guarded_context, size, bypass_csp=True)
    first_widgets_ready(page)
    assert run_axe(page) == []
    run_everything(page)
    page.locator("fh-rule [data-term=eta]").first.focus()
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    first_widgets_ready(page)
    # Reads well at this width: nothing wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = f"{size}-{viewport['width']}" + ("" if scheme == "light" else "-dark")
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    if scheme == "dark":  # the dark page as it first appears is enough to judge its colours
        for tag in ("fh-hill", "fh-step-dial", "fh-line-fit", "fh-rule"):
            page.locator(tag).screenshot(path=screenshots / f"{name}-{tag}.png")
        return
    run_everything(page)
    fit = page.locator("fh-line-fit")
    c = dot_center(fit, 11)
    page.mouse.move(c["x"], c["y"])
    page.mouse.down()
    page.mouse.move(c["x"], c["y"] + 40, steps=4)
    page.mouse.up()
    wait_final(fit)
    page.locator("fh-rule [data-term=eta]").first.hover()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=screenshots / f"{name}-after.png", full_page=True)
    for tag in ("fh-hill", "fh-step-dial", "fh-line-fit", "fh-rule"):
        page.locator(tag).screenshot(path=screenshots / f"{name}-{tag}.png")


def test_server_errors_are_shown_in_words(lesson: Page) -> None:
    """A request the server refuses comes back as one sentence, and the widget shows it."""
    lesson.evaluate(
        """() => {
            const hill = document.createElement('fh-hill');
            hill.id = 'broken-hill';
            hill.setAttribute('formula', 'x^^2');
            hill.setAttribute('domain', '-2,2');
            const fit = document.createElement('fh-line-fit');
            fit.id = 'broken-fit';
            fit.setAttribute('x', '1,1,1');
            fit.setAttribute('y', '1,2,3');
            document.querySelector('main').append(hill, fit);
        }"""
    )
    for selector in ("#broken-hill", "#broken-fit"):
        lesson.locator(selector).scroll_into_view_if_needed()  # it asks once reached
        error = lesson.locator(f"{selector} .fh-error")
        expect(error).to_be_visible()
        expect(error).to_have_attribute("role", "alert")
        assert len(error.inner_text()) > 20
        assert lesson.locator(selector).get_attribute("data-status") == "idle"
    assert model_get(lesson.locator("#broken-hill"), "error")
    assert "equal" in lesson.locator("#broken-fit .fh-error").inner_text()


def test_an_address_typed_by_hand_still_gives_a_working_page(page: Page, guard: Guard) -> None:
    page.goto("/?hill.drop=99&step-dial.rate=0.3&line-fit.dots=1:1,2:2,3:2.5")
    hill = page.locator("fh-hill[data-ready=true]")
    hill.wait_for()
    expect(hill).to_have_attribute("data-status", "idle")
    start = model_get(hill, "start")
    assert start < 4
    page.wait_for_function(
        "el => el.model.get('trajectory')?.position[0] === el.model.get('start')",
        arg=hill.element_handle(),
    )
    assert model_get(hill, "error") == ""
    assert model_get(page.locator("fh-step-dial"), "learning_rate") == 0.3
    assert model_get(page.locator("fh-line-fit"), "x") == [1, 2, 3]
