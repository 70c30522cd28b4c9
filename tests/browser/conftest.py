"""Fixtures for the browser tests: the real Foghill server on 127.0.0.1 and Debian's Chromium.

The server runs as a subprocess (uvicorn on a free loopback port) for the whole session.
The browser is the suite's one Chromium (tests/conftest.py). Every
page is watched: a request to any host other than the loopback is refused and fails the
test, and so does an uncaught error in the page's scripts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fh_page import (
    DESKTOP,
    SCREENSHOTS,
    Guard,
    MakeContext,
    all_built,
    first_widgets_ready,
    instant_by_default,
)
from playwright.sync_api import Browser, BrowserContext, Page

from foghill.testing import FoghillServer


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`foghill serve` on a free loopback port for the whole session; stopped afterwards."""
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with FoghillServer(log_path=log_path) as server:
        # Its formula builders start (sympy's import) before the first test types a formula,
        # so no test's wait includes a builder's start-up.
        warm = httpx.post(f"{server.url}/api/landscape", json={"formula": "x^2 - x"}, timeout=60)
        assert warm.status_code == 200, warm.text
        yield server.url


@pytest.fixture(scope="session")
def base_url(server_url: str) -> str:
    """pytest-playwright's base_url: the server this session started (page.goto("/"))."""
    return server_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": DESKTOP}


def about_pacing(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("pacing") is not None


@pytest.fixture
def context(context: BrowserContext, request: pytest.FixtureRequest) -> BrowserContext:
    """pytest-playwright's context, its pages playing at the fastest speed (unless pacing)."""
    if not about_pacing(request):
        instant_by_default(context)
    return context


@pytest.fixture
def guard(context: BrowserContext) -> Iterator[Guard]:
    """Every test's context is guarded; the test fails if a request tried to go outside."""
    g = Guard()
    g.watch(context)
    yield g
    g.check()


@pytest.fixture
def lesson(page: Page, guard: Guard) -> Page:
    """The lesson page, loaded, every widget built, with the hill, the dial and the line fit
    answered (the line fit asks when reached: the fixture has scrolled to it and back)."""
    page.goto("/")
    all_built(page)
    first_widgets_ready(page)
    return page


@pytest.fixture
def new_guarded_context(
    browser: Browser, server_url: str, request: pytest.FixtureRequest
) -> Iterator[MakeContext]:
    """Make extra contexts (reduced motion, phone size, CSP bypass for axe), all guarded, their
    pages playing at the fastest speed (unless the test is about pacing)."""
    made: list[tuple[BrowserContext, Guard]] = []
    fastest = not about_pacing(request)

    def make(**options: Any) -> tuple[BrowserContext, Guard]:
        context = browser.new_context(base_url=server_url, **options)
        if fastest:
            instant_by_default(context)
        g = Guard()
        g.watch(context)
        made.append((context, g))
        return context, g

    yield make
    for context, g in made:
        with contextlib.suppress(Exception):
            context.close()
        g.check()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
