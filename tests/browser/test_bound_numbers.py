"""Numbers in the text bound to the widgets (issue 10, item 7): the page arrives with the
widgets' own numbers in its sentences (before any script runs), and the sentences follow the
widgets as the reader changes them."""

from __future__ import annotations

import re

import pytest
from fh_page import click_hill_at, dot_center, model_get, shown, significant, wait_final
from playwright.sync_api import Page, expect

from foghill import contract

pytestmark = pytest.mark.browser

BOUND = re.compile(r'<span class="fh-bound" data-fh-bind="([^"]+)" data-fh-format="[^"]+">([^<]*)<')


def bound(page: Page, binding: str) -> str:
    return page.locator(f'span.fh-bound[data-fh-bind="{binding}"]').inner_text()


def test_the_page_as_served_holds_the_widgets_numbers(page: Page) -> None:
    """Read the HTML as it comes from the server (no script has run): each bound number is
    what the API answers for that widget's settings."""
    served = dict(BOUND.findall(page.request.get("/").text()))
    hill = {"hill": "foggy", "start": 2.5, "learning_rate": 0.1, "max_steps": 400}
    walk = page.request.post("/api/descend", data=hill).json()
    land = page.request.post("/api/landscape", data={"hill": "foggy"}).json()
    dial = page.request.post(
        "/api/landscape", data={"hill": "bowl", "start": 2, "max_steps": 200}
    ).json()
    dots = {"x": list(contract.DEFAULT_X), "y": list(contract.DEFAULT_Y)}  # the default dots
    fit = page.request.post("/api/linefit", data=dots).json()
    assert served["fh-hill trajectory.n_steps"] == str(walk["n_steps"])
    assert served["fh-hill landscape.minima.0.x"] == shown(land["minima"][0]["x"], 2)
    assert served["fh-hill landscape.minima.1.x"] == shown(land["minima"][1]["x"], 2)
    assert served["fh-step-dial landscape.regimes.one_jump"] == significant(
        dial["regimes"]["one_jump"]
    )
    assert served["fh-step-dial landscape.regimes.fly_off"] == significant(
        dial["regimes"]["fly_off"]
    )
    assert served["fh-line-fit fit.best.loss"] == shown(fit["best"]["loss"], 3)


def test_the_step_count_follows_the_hill(lesson: Page) -> None:
    hill = lesson.locator("fh-hill").first
    count = "fh-hill trajectory.n_steps"
    assert bound(lesson, count) == str(model_get(hill, "trajectory")["n_steps"])
    click_hill_at(lesson, hill, -3.2)
    wait_final(hill)
    n = model_get(hill, "trajectory")["n_steps"]
    assert n > 100  # the wide valley is a long walk: the number really changed
    expect(lesson.locator(f'span.fh-bound[data-fh-bind="{count}"]')).to_have_text(str(n))


def test_the_best_error_follows_the_dots_by_mouse_and_keyboard(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit").first
    fit.scroll_into_view_if_needed()
    best = "fh-line-fit fit.best.loss"
    assert bound(lesson, best) == shown(model_get(fit, "fit")["best"]["loss"], 3)
    before = bound(lesson, best)
    c = dot_center(fit, 0)
    lesson.mouse.move(c["x"], c["y"])
    lesson.mouse.down()
    for i in range(1, 9):
        lesson.mouse.move(c["x"], c["y"] - 15 * i)
    lesson.mouse.up()
    wait_final(fit)
    after = shown(model_get(fit, "fit")["best"]["loss"], 3)
    assert after != before
    expect(lesson.locator(f'span.fh-bound[data-fh-bind="{best}"]')).to_have_text(after)
    # Keyboard: a dot moved with the arrow keys.
    fit.locator(".fh-dot").nth(5).focus()
    for _ in range(8):
        lesson.keyboard.press("ArrowDown")
    wait_final(fit)
    again = shown(model_get(fit, "fit")["best"]["loss"], 3)
    assert again != after
    expect(lesson.locator(f'span.fh-bound[data-fh-bind="{best}"]')).to_have_text(again)
