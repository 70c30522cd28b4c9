"""A lesson written by the test, served with `foghill serve FOLDER` and driven in Chromium:
the index lists it, its widgets work, a bound number follows the hill, a task ticks, the
dots of its CSV file are drawn, and raw script in the Markdown does nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fh_page import PHONE, Guard, click_hill_at, model_get, wait_final
from playwright.sync_api import Browser, Page, expect
from test_page import run_axe

from foghill.testing import FoghillServer

pytestmark = pytest.mark.browser

LESSON = """---
title: Rolling in my valley
description: A lesson a teacher wrote, with a class's own dots.
---

<section id="roll">

## A ball on a hill

```widget fh-hill id=ball hill=foggy start=2.5 learning-rate=0.1 max-steps=400
Click the curve to drop the ball somewhere else.
```

The ball took {number 0}`ball trajectory.n_steps` steps.

```tasks ball
**Things to try**:
- own-deep | outcome=settled; valley=deepest | Bring the ball to the deepest valley.
```

<p id="raw" onclick="this.dataset.clicked = 'yes'">Raw HTML stays inert.</p>
<script>document.title = "changed by a lesson";</script>

</section>

<section id="line">

## Our class's dots

```widget fh-line-fit id=fit data=class.csv x-column=hours y-column=score
Made-up teaching data.
```

The best line misses by {number 3}`fit fit.best.loss`.

</section>
"""

CSV = """pupil,hours,score
a,-2,-1.5
b,-1.5,-0.5
c,-1,-0.8
d,0,0.2
e,0.5,0.1
f,1,0.9
g,2,1.7
"""


@pytest.fixture(scope="module")
def own_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("lessons")
    (folder / "valley.md").write_text(LESSON, encoding="utf-8")
    (folder / "class.csv").write_text(CSV, encoding="utf-8")
    (folder / "second.md").write_text(
        "---\ntitle: A second page\ndescription: Only words.\n---\n\nWords.\n", encoding="utf-8"
    )
    log = tmp_path_factory.mktemp("server") / "server.log"
    with FoghillServer(log_path=log, lessons=folder) as server:
        yield server.url


@pytest.fixture
def own(browser: Browser, own_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=own_url, viewport={"width": 1440, "height": 900})
    guard = Guard()
    guard.watch(context)
    page = context.new_page()
    yield page
    context.close()
    guard.check()


def test_the_index_lists_the_lessons_and_leads_to_them(own: Page, screenshots: Path) -> None:
    own.goto("/")
    links = own.locator("ul.fh-lessons a")
    expect(links).to_have_text(["A second page", "Rolling in my valley"])
    own.screenshot(path=screenshots / "own-lessons-index.png")
    expect(own.locator("ul.fh-lessons")).to_contain_text(
        "A lesson a teacher wrote, with a class's own dots."
    )
    links.nth(1).click()
    expect(own).to_have_url(own.url.rstrip("/").rsplit("/", 1)[0] + "/valley")
    expect(own.locator("h2").first).to_have_text("A ball on a hill")


def test_the_hill_works_its_number_follows_and_its_task_ticks(own: Page) -> None:
    own.goto("/valley")
    hill = own.locator("fh-hill#ball")
    expect(hill).to_have_attribute("data-ready", "true")
    steps = own.locator('span.fh-bound[data-fh-bind="ball trajectory.n_steps"]')
    expect(steps).to_have_text(str(model_get(hill, "trajectory")["n_steps"]))
    task = own.locator("li[data-task=own-deep]")
    expect(task).to_have_attribute("data-done", "false")
    click_hill_at(own, hill, -3.0)
    assert wait_final(hill) == "settled"
    n = model_get(hill, "trajectory")["n_steps"]
    expect(steps).to_have_text(str(n))
    expect(task).to_have_attribute("data-done", "true")
    expect(task.locator(".fh-task-mark")).to_have_text("Done:")


def test_the_csv_dots_are_drawn(own: Page) -> None:
    own.goto("/valley")
    fit = own.locator("fh-line-fit#fit")
    fit.scroll_into_view_if_needed()
    expect(fit).to_have_attribute("data-ready", "true")
    expect(fit.locator(".fh-dot-mark")).to_have_count(7)
    assert model_get(fit, "x") == [-2, -1.5, -1, 0, 0.5, 1, 2]
    assert model_get(fit, "y") == [-1.5, -0.5, -0.8, 0.2, 0.1, 0.9, 1.7]
    best = model_get(fit, "fit")["best"]["loss"]
    expect(own.locator('span.fh-bound[data-fh-bind="fit fit.best.loss"]')).to_have_text(
        f"{best:.3f}"
    )


def test_script_in_a_lesson_does_nothing(own: Page) -> None:
    own.goto("/valley")
    expect(own.locator("fh-hill#ball")).to_have_attribute("data-ready", "true")
    own.locator("#raw").click()
    assert own.locator("#raw").get_attribute("data-clicked") is None
    assert own.title() == "Rolling in my valley"


@pytest.mark.parametrize("address", ["/", "/valley"])
def test_axe_finds_no_violations_on_an_authors_pages(
    browser: Browser, own_url: str, address: str
) -> None:
    context = browser.new_context(base_url=own_url, bypass_csp=True, viewport=PHONE)
    guard = Guard()
    guard.watch(context)
    page = context.new_page()
    page.goto(address)
    if address != "/":
        expect(page.locator("fh-hill#ball")).to_have_attribute("data-ready", "true")
    assert run_axe(page) == []
    context.close()
    guard.check()
