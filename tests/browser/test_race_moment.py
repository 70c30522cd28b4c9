"""The step race's moment: when the first ball comes to rest, the words say where each other
ball stands at that very step, and every number said is the walk's own at that step."""

from __future__ import annotations

import re

import pytest
from fh_page import model_get, wait_final
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

BOWL = "fh-step-race[hill=bowl]"


def said(v: float) -> str:
    text = f"{v:.2f}"
    text = "0.00" if float(text) == 0 else text
    return text.replace("-", "\u2212")


def test_the_moment_the_first_ball_rests_is_told_from_the_walks(page: Page) -> None:
    page.goto("/")
    race = page.locator(BOWL)
    race.scroll_into_view_if_needed()
    page.wait_for_selector(f"{BOWL}[data-ready=true]")
    race.get_by_role("button", name="Play").click()
    wait_final(race, 30_000)
    moment = race.locator(".fh-race-moment")
    expect(moment).to_be_visible()
    words = moment.inner_text()
    runs = model_get(race, "race")["runs"]
    first = min((r for r in runs if r["settled"]), key=lambda r: r["n_steps"])
    k = first["n_steps"]
    assert f"comes to rest, at step {k}," in words
    for run in runs:
        if run is first:
            continue
        if k < len(run["position"]) - 1:
            # Standing mid-walk at step k: its place and height there, and how far down it is.
            p, h, h0 = run["position"][k], run["loss"][k], run["loss"][0]
            assert f"is at x = {said(p)}, height {said(h)}" in words, words
            floor = (run.get("nearest_floor") or run.get("valley") or {}).get("loss")
            if floor is not None:
                share = round(100 * (h0 - h) / (h0 - floor))
                assert re.search(rf"\b{share}% of its way down", words), words
        else:
            assert "already" in words or "ended" in words, words
