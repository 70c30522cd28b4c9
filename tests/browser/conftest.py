"""Fixtures for the browser tests: the real Foghill server on 127.0.0.1 and Debian's Chromium.

The server runs as a subprocess (uvicorn on a free loopback port) for the whole session.
Playwright cannot download browsers here, so every launch uses /usr/bin/chromium. Every
page is watched: a request to any host other than the loopback is refused and fails the
test, and so does an uncaught error in the page's scripts.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fh_page import CHROMIUM, CHROMIUM_ARGS, DESKTOP, REPO, SCREENSHOTS, Guard, MakeContext
from playwright.sync_api import Browser, BrowserContext, Page


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `uvicorn foghill.server:app` on a free loopback port; stop it afterwards."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "foghill.server:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not come up:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, with Debian's Chromium and quiet flags."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(server_url: str) -> str:
    """pytest-playwright's base_url: the server this session started (page.goto("/"))."""
    return server_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture
def guard(context: BrowserContext) -> Iterator[Guard]:
    """Every test's context is guarded; the test fails if a request tried to go outside."""
    g = Guard()
    g.watch(context)
    yield g
    g.check()


@pytest.fixture
def lesson(page: Page, guard: Guard) -> Page:
    """The lesson page, loaded, with the hill ready."""
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    page.wait_for_selector("fh-step-dial[data-ready=true]")
    page.wait_for_selector("fh-line-fit[data-ready=true]")
    return page


@pytest.fixture
def new_guarded_context(browser: Browser, server_url: str) -> Iterator[MakeContext]:
    """Make extra contexts (reduced motion, phone size, CSP bypass for axe), all guarded."""
    made: list[tuple[BrowserContext, Guard]] = []

    def make(**options: Any) -> tuple[BrowserContext, Guard]:
        context = browser.new_context(base_url=server_url, **options)
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
