"""Live reload while an author writes (`foghill serve PATH`): a save reaches the open page
where the reader was, a mistake shows over the page (which stays as it last was good, for
anyone who loads it too), and the fix clears it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fh_page import Guard
from playwright.sync_api import Browser, Page, expect

from foghill.testing import FoghillServer

pytestmark = pytest.mark.browser

FILLER = "\n\n".join(f"Paragraph {i} of words to scroll past on the way down." for i in range(40))
LESSON = """---
title: Writing live
description: A lesson being written.
---

{filler}

<p id="said">{said}</p>

```widget fh-hill id=ball hill=foggy start=2.5 {extra}
The hill.
```
"""


def write(path: Path, said: str, extra: str = "") -> None:
    path.write_text(LESSON.format(filler=FILLER, said=said, extra=extra), encoding="utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    path = tmp_path / "writing.md"
    write(path, "The first draft.")
    with FoghillServer(log_path=tmp_path / "server.log", lessons=path) as server:
        yield path, server.url


@pytest.fixture
def page(browser: Browser, served: tuple[Path, str]) -> Iterator[Page]:
    context = browser.new_context(base_url=served[1], viewport={"width": 1440, "height": 900})
    guard = Guard()
    guard.watch(context)
    yield context.new_page()
    context.close()
    guard.check()


def test_a_save_shows_keeping_the_place_and_a_mistake_shows_until_fixed(
    page: Page, served: tuple[Path, str], screenshots: Path
) -> None:
    path, _ = served
    page.goto("/")
    expect(page.locator("#said")).to_have_text("The first draft.")
    page.locator("#said").scroll_into_view_if_needed()
    place = page.evaluate("() => window.scrollY")
    assert place > 1000

    started = time.monotonic()
    write(path, "The second draft.")
    expect(page.locator("#said")).to_have_text("The second draft.", timeout=5000)
    seconds = time.monotonic() - started
    assert seconds < 3, f"the save took {seconds:.2f} s to reach the page"
    page.wait_for_function("(y) => Math.abs(window.scrollY - y) < 40", arg=place, timeout=2000)

    write(path, "A broken draft.", "learning-rate=500")
    mistakes = page.locator("#fh-live-mistakes")
    expect(mistakes).to_be_visible(timeout=5000)
    expect(mistakes).to_contain_text("last good version")
    lines = path.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("```widget"))
    column = lines[line - 1].index("learning-rate") + 1
    expect(mistakes.locator("li")).to_have_text(
        [
            f"writing.md:{line}:{column}: fh-hill: learning-rate='500': learning_rate must be "
            "at most 100 (got 500)"
        ]
    )
    expect(page.locator("#said")).to_have_text("The second draft.")
    assert "The second draft." in page.request.get("/").text()  # others get the last good
    page.screenshot(path=screenshots / "live-reload-mistake.png")

    write(path, "The fixed draft.")
    expect(page.locator("#said")).to_have_text("The fixed draft.", timeout=5000)
    expect(mistakes).to_have_count(0)
