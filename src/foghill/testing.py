"""What the test suite and the benchmarks share: Debian's Chromium, loopback ports, a server.

Kept free of test-framework imports so that ``bench/`` scripts can use it as well.

- :data:`CHROMIUM` and :data:`CHROMIUM_ARGS`: Playwright cannot download its own browser
  here, so every launch uses Debian's ``chromium`` with flags that keep it off the network.
- :func:`is_local`: the one rule for "this request stays on the machine".
- :func:`wait_until`: waiting for a condition (never a fixed sleep).
- :data:`INSTANT_BY_DEFAULT`: a browser init script that makes a page's runs play at the
  fastest speed, "instant" (``data-fh-speed`` on ``<html>``), for tests not about pacing.
- :func:`free_port` and :class:`FoghillServer`: ``foghill serve`` on a free loopback port,
  started the way a person starts it, waited for on ``/healthz``, stopped with its workers.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import httpx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
HOST = "127.0.0.1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
IN_PAGE_SCHEMES = frozenset({"data", "blob", "about"})


#: Each document gets data-fh-speed="instant" on <html> as it starts (and again when a test
#: replaces its content), so its widgets start at the fastest speed unless they name one.
INSTANT_BY_DEFAULT = """(() => {
  const mark = () => {
    const html = document.documentElement;
    if (html && !html.dataset.fhSpeed) html.dataset.fhSpeed = "instant";
  };
  mark();
  new MutationObserver(mark).observe(document, {childList: true});
})();"""


def is_local(url: str) -> bool:
    """True for loopback URLs (any scheme) and in-page documents (data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in IN_PAGE_SCHEMES:
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


def compiled_like_an_install() -> str:
    """Let the Python processes started from now on keep their compiled bytecode, as a pip
    install has it, in a temporary folder (never in the shared venv); returns the folder.

    This machine sets ``PYTHONDONTWRITEBYTECODE`` and its venv holds no bytecode, so each
    fresh process compiles every module it imports (about 600 for `foghill serve`, some 0.7 s
    of CPU) that no installed copy compiles. Start-up benches call this, start once to fill
    the cache, then measure starts as a user's install makes them."""
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="foghill-bytecode-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    return folder


async def read_run(
    client: httpx.AsyncClient, demo: str, body: dict[str, Any]
) -> tuple[float, float, list[dict[str, Any]]]:
    """POST a training run to ``/api/train/<demo>`` and read its stream to the end: (seconds
    to the first progress event, seconds to the end, the events)."""
    import json

    start = time.perf_counter()
    first = float("nan")
    found: list[dict[str, Any]] = []
    async with client.stream("POST", f"/api/train/{demo}", json=body) as answer:
        answer.raise_for_status()
        async for line in answer.aiter_lines():
            if not line:
                continue
            event = json.loads(line)
            found.append(event)
            if event["type"] == "progress" and first != first:
                first = time.perf_counter() - start
    return first, time.perf_counter() - start, found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until(
    ready: Callable[[], bool], timeout: float, failure: Callable[[], str], every: float = 0.05
) -> None:
    """Return as soon as ``ready()`` is true (asked every ``every`` seconds); after
    ``timeout`` seconds raise ``TimeoutError`` with ``failure()``'s words.

    The one way the suite and the benchmarks wait for a condition outside a browser (a port
    that answers, a connection the server has counted): never a fixed sleep.
    """
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not within {timeout:g} s: {failure()}")
        time.sleep(every)


def answers_ok(url: str, headers: dict[str, str] | None = None) -> bool:
    """Does ``url`` answer 200 right now (False while nothing listens there yet)?"""
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


class FoghillServer:
    """``foghill serve --no-browser`` on a free loopback port, as a context manager.

    The server runs in its own process group, so stopping it also stops its workers.
    """

    def __init__(
        self, *, workers: int = 1, log_path: Path | None = None, lessons: Path | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        command = [sys.executable, "-m", "foghill.cli", "serve", "--no-browser"]
        if lessons is not None:  # an author's lesson or folder instead of the built-in one
            command.append(str(lessons))
        command += ["--host", HOST, "--port", str(self.port)]
        if workers != 1:
            command += ["--workers", str(workers)]
        log = log_path.open("wb") if log_path else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(
                command,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            if log_path and not isinstance(log, int):
                log.close()

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def wait_healthy(self, timeout: float = 60.0) -> None:
        """Return once ``/healthz`` answers 200; raise (with the log) if it never does."""

        def healthy() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{self.log_text()}")
            return answers_ok(f"{self.url}/healthz")

        wait_until(healthy, timeout, lambda: f"the server did not answer:\n{self.log_text()}")

    def stop(self) -> None:
        """Stop the server and its workers (its own process group); idempotent."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def __enter__(self) -> FoghillServer:
        try:
            self.wait_healthy()
        except BaseException:  # including Ctrl+C: never leave the server behind
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


T = TypeVar("T")


def run_async(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(main())`` in a thread of its own: the calling thread may already run an
    event loop (Playwright's sync API keeps one in the test session's main thread)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="foghill-async") as pool:
        return pool.submit(lambda: asyncio.run(main())).result()
