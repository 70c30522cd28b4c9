"""Labels never overlap: the film names on the ratings map, checked box by box as a person
sees them, on a wide screen and on a phone."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from fh_page import DESKTOP, PHONE, MakeContext, apart
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ENDED = "done"


def visible_boxes(page: Page, selector: str) -> list[dict[str, Any]]:
    boxes: list[dict[str, Any]] = page.evaluate(
        """sel => [...document.querySelectorAll(sel)]
            .filter(n => n.checkVisibility({visibilityProperty: true}))
            .filter(n => n.textContent.trim())
            .map(n => [n.textContent, n.getBoundingClientRect()])
            .map(([text, r]) => ({text, x: r.x, y: r.y, w: r.width, h: r.height}))""",
        selector,
    )
    return boxes


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440", "375"])
def test_film_names_never_overlap(
    new_guarded_context: MakeContext, viewport: dict[str, int]
) -> None:
    context, _ = new_guarded_context(viewport=viewport)
    page = context.new_page()
    page.goto("/")
    widget = page.locator("fh-ratings")
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".fh-btn-play")).to_be_visible()
    widget.get_by_role("button", name="Play").click()
    expect(widget).to_have_attribute("data-status", ENDED, timeout=60_000)
    films = widget.locator(".fh-tr-film")
    names = visible_boxes(page, "fh-ratings .fh-tr-film text")
    assert names, "no film name is shown"
    assert len(names) >= films.count() // 2, "most films keep their name on the map"
    assert apart(names) == []
    # A name left out is still one hover away.
    for i in range(films.count()):
        expect(films.nth(i).locator("title")).not_to_have_text("")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440", "375"])
def test_every_sweep_band_keeps_its_name(
    new_guarded_context: MakeContext, viewport: dict[str, int]
) -> None:
    context, _ = new_guarded_context(viewport=viewport)
    page = context.new_page()
    page.goto("/")
    sweep = page.locator("fh-sweep").first
    sweep.scroll_into_view_if_needed()
    expect(sweep.locator(".fh-outcome-band").first).to_be_attached(timeout=30_000)
    bands = sweep.evaluate(
        """el => [...new Set([...el.querySelectorAll('.fh-outcome-band')]
            .map(b => [...b.classList].find(c => c.startsWith('fh-out-'))))]"""
    )
    assert {"fh-out-zigzag", "fh-out-flew-off"} <= set(bands)
    names = visible_boxes(page, "fh-sweep .fh-band-label")
    # One name per band of a kind, none lost on a narrow screen, none over another.
    shown = sweep.evaluate(
        """el => [...el.querySelectorAll('.fh-band-label')]
            .map(t => [...t.classList].find(c => c.startsWith('fh-out-')))"""
    )
    assert set(bands) <= set(shown)
    assert apart(names) == []
    chart = sweep.locator("svg").first.bounding_box()
    assert chart is not None
    for n in names:
        assert n["x"] >= chart["x"] - 1
        assert n["x"] + n["w"] <= chart["x"] + chart["width"] + 1


CROWDED = "sin(6*x) + 0.05*x^2"  # many valleys about one unit apart


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440", "375"])
def test_valley_names_never_overlap(
    new_guarded_context: MakeContext, viewport: dict[str, int]
) -> None:
    context, _ = new_guarded_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"/?hill.formula={quote(CROWDED)}")
    hill = page.locator("fh-hill").first
    hill.scroll_into_view_if_needed()
    expect(hill.locator(".fh-valley-tick").nth(3)).to_be_attached(timeout=30_000)
    names = visible_boxes(page, "fh-hill .fh-valley-label")
    assert any(n["text"] == "deepest valley" for n in names)
    assert apart(names) == []
