"""<fh-classifier> on a lesson written by the test (issue 24), its table a CSV file beside
the lesson, served with `foghill serve FOLDER` and driven in Chromium: Play raises the
held-out accuracy, the confusion table fills in with words, the weights are named by the
file's columns, a picked row is answered with its label and probability. The table is made
up for teaching."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fh_page import DESKTOP, PHONE, Guard
from playwright.sync_api import Browser, Page, expect
from test_page import run_axe

from foghill.testing import FoghillServer

pytestmark = pytest.mark.browser

SECOND = 1000  # Playwright counts milliseconds
LESSON = """---
title: Our garden
description: A class's own table of plants, learned live.
---

## Which plants bloom?

```widget fh-classifier id=garden data=garden.csv label-column=fared learning-rate=0.05
Made up for teaching: our plants' hours of sun and millimetres of rain.
```
"""
# Made up for teaching: sun and rain, and whether the plant bloomed (sun decides).
CSV = "fared,sun_hours,rain_mm\n" + "".join(
    f"{'bloomed' if sun > 5 else 'wilted'},{sun},{rain}\n"
    for sun, rain in [(2, 20), (3, 25), (1, 18), (4.5, 22), (5.5, 21), (9, 19), (7, 26), (10, 23)]
    * 10
)


@pytest.fixture(scope="module")
def garden_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("lessons")
    (folder / "garden.md").write_text(LESSON, encoding="utf-8")
    (folder / "garden.csv").write_text(CSV, encoding="utf-8")
    log = tmp_path_factory.mktemp("server") / "server.log"
    with FoghillServer(log_path=log, lessons=folder) as server:
        yield server.url


def _page(browser: Browser, url: str, viewport: dict[str, int]) -> tuple[Page, Guard]:
    context = browser.new_context(base_url=url, viewport=viewport, bypass_csp=True)
    guard = Guard()
    guard.watch(context)
    return context.new_page(), guard


def test_the_garden_table_learns_live_and_answers_a_row(
    browser: Browser, garden_url: str, screenshots: Path
) -> None:
    page, guard = _page(browser, garden_url, DESKTOP)
    page.goto("/garden")
    garden = page.locator("fh-classifier#garden")
    expect(garden.locator(".fh-btn-play")).to_be_visible()
    expect(garden).to_have_attribute("data-status", "idle")
    # The untrained model's metric first (shown before Play), then the run's.
    expect(garden.locator(".fh-message")).to_contain_text("Untrained, step 0", timeout=30 * SECOND)
    garden.evaluate(
        """el => {
            const box = el.querySelector('.fh-tr-metric');
            el.__metrics = [box.textContent];
            new MutationObserver(() => el.__metrics.push(box.textContent))
                .observe(box, {childList: true, characterData: true, subtree: true});
        }"""
    )
    garden.get_by_role("radio", name="Fast").click()
    garden.get_by_role("button", name="Play").click()
    expect(garden).to_have_attribute("data-status", "done", timeout=60 * SECOND)
    shown = [
        int(m) for t in garden.evaluate("el => el.__metrics") for m in re.findall(r"(\d+)%", t)
    ]
    assert len(shown) >= 2, shown
    assert shown[0] < shown[-1], shown  # it climbed
    assert shown[-1] >= 90, shown
    # The confusion table and its sentence; the weights named by the file's columns.
    expect(garden.locator(".fh-tr-confusion")).to_contain_text("bloomed")
    expect(garden.locator(".fh-tr-confusion-words")).to_contain_text("Labelled right:")
    weights = garden.locator(".fh-tr-weights")
    expect(weights.locator("th", has_text="sun_hours")).to_be_visible()
    expect(weights.locator("th", has_text="rain_mm")).to_be_visible()
    expect(garden.locator(".fh-tr-push-words")).to_contain_text(
        "sun_hours pushes towards “bloomed”"
    )
    expect(garden.locator(".fh-tr-push-words")).to_contain_text("rain_mm hardly pushes either way")
    # A held-out row picked: its cells filled in, and the label with its probability.
    garden.get_by_label("Pick a row").select_option(index=1)
    expect(garden.get_by_label("sun_hours")).not_to_have_value("")
    expect(garden.locator(".fh-tr-guess")).to_contain_text(
        re.compile(r"Label: “(bloomed|wilted)”, with probability \d+%"), timeout=10 * SECOND
    )
    # A row typed.
    garden.get_by_label("sun_hours").fill("9")
    garden.get_by_label("rain_mm").fill("20")
    expect(garden.locator(".fh-tr-guess")).to_contain_text("Label: “bloomed”", timeout=10 * SECOND)
    page.screenshot(path=str(screenshots / "classifier-lesson-1440.png"), full_page=True)
    assert run_axe(page) == []
    page.context.close()
    guard.check()


def test_the_garden_fits_a_phone(browser: Browser, garden_url: str, screenshots: Path) -> None:
    page, guard = _page(browser, garden_url, PHONE)
    page.goto("/garden")
    garden = page.locator("fh-classifier#garden")
    garden.get_by_role("button", name="Play").click()
    expect(garden).to_have_attribute("data-status", "done", timeout=60 * SECOND)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert run_axe(page) == []
    page.screenshot(path=str(screenshots / "classifier-lesson-375.png"), full_page=True)
    page.context.close()
    guard.check()


def test_the_default_run_plays_at_a_pace_a_person_can_follow(
    browser: Browser, garden_url: str
) -> None:
    """At Watch (the default) the run lasts at least 3 s and its weights change at least ten
    times on the screen (the accuracy of a table this easy settles within a few steps)."""
    page, guard = _page(browser, garden_url, DESKTOP)
    page.add_init_script("localStorage.clear()")
    page.goto("/garden")
    garden = page.locator("fh-classifier#garden")
    expect(garden.get_by_role("radio", name="Watch")).to_be_checked()
    garden.evaluate(
        """el => {
            el.__weights = [];
            const box = el.querySelector('.fh-tr-weights');
            new MutationObserver(() => el.__weights.push(box.textContent))
                .observe(box, {childList: true, characterData: true, subtree: true});
        }"""
    )
    started = page.evaluate("performance.now()")
    garden.get_by_role("button", name="Play").click()
    expect(garden).to_have_attribute("data-status", "done", timeout=60 * SECOND)
    assert page.evaluate("performance.now()") - started >= 3000
    seen: list[str] = garden.evaluate("el => el.__weights")
    changes = [w for i, w in enumerate(seen) if i == 0 or w != seen[i - 1]]
    assert len(changes) >= 10, len(changes)
    page.context.close()
    guard.check()


def test_before_play_the_garden_shows_its_untrained_model(
    browser: Browser, garden_url: str
) -> None:
    """Before Play (issue 23): the held-out table is filled in by the untrained model (its
    numbers the server's for step 0), the weights are near zero, and a line says what Play
    will do; Play changes the line."""
    page, guard = _page(browser, garden_url, DESKTOP)
    page.goto("/garden")
    garden = page.locator("fh-classifier#garden")
    message = garden.locator(".fh-message")
    expect(message).to_have_text(
        re.compile(r"^Untrained, step 0: .+ Play trains it for up to 300 steps\.$"),
        timeout=30 * SECOND,
    )
    # The very table and settings the page sends.
    body = garden.evaluate("el => ({...el.model._body()})")
    answer = page.request.post("/api/train/classifier/untrained", data=body)
    assert answer.ok, answer.text()
    first = answer.json()["progress"]
    expect(garden.locator(".fh-tr-metric")).to_contain_text(
        f"Held-out accuracy {round(100 * first['metric'])}%"
    )
    expect(garden.locator(".fh-tr-confusion td")).not_to_have_count(0)
    expect(garden).to_contain_text("Labelled right:")
    expect(garden).to_have_attribute("data-status", "idle")
    garden.get_by_role("radio", name="Instant").click()
    garden.get_by_role("button", name="Play").click()
    expect(garden).to_have_attribute("data-status", "done", timeout=60 * SECOND)
    expect(message).not_to_contain_text("Untrained")
    page.context.close()
    guard.check()
