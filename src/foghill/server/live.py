"""Live reload while an author serves their own lessons (`foghill serve PATH`).

The lesson folder is watched (watchfiles). On a change every lesson is checked again: with no
mistake the pages are rendered anew and every open page is told to reload (it keeps its
scroll position, web/lib/live-reload.js); with mistakes the last good pages keep being
served, and every open page shows the mistakes over itself until they are fixed.

Open pages listen on ``/api/live`` (server-sent events): each event is the current state,
``{"version": ..., "mistakes": [...]}``. The version is a hash of the rendered pages, so that
several worker processes, each watching for itself, agree on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from foghill.server.assets import MEDIA_TYPES, Asset
from foghill.server.page import Page

__all__ = ["EVENTS", "Live", "page_assets"]

log = logging.getLogger("foghill.server")

EVENTS = "/api/live"
#: How long a burst of saves is gathered before the lessons are read again (ms).
DEBOUNCE_MS = 80
#: A comment is sent this often on a quiet stream, so proxies and browsers keep it open (s).
KEEP_ALIVE_SECONDS = 15.0


def _version(pages: Mapping[str, Page]) -> str:
    digest = hashlib.sha256()
    for stem in sorted(pages):
        for part in (stem.encode(), b"\0", pages[stem].body, b"\0"):
            digest.update(part)
    return digest.hexdigest()[:16]


def page_assets(pages: Mapping[str, Page], version: str | None = None) -> dict[str, Asset]:
    """Each page as a served file; with a version, marked for live reload."""
    marker = (
        ""
        if version is None
        else f'<div hidden id="fh-live" data-version="{version}" data-events="{EVENTS}"></div>\n'
    )
    return {
        stem: Asset(
            _marked(page, marker.encode()),
            MEDIA_TYPES[".html"],
            {"content-security-policy": page.csp},
            # An author's pages are made again on every save, most never asked for with
            # gzip before the next: 50 pages at gzip level 9 would add 0.9 s to each save.
            compress_now=version is None,
        )
        for stem, page in pages.items()
    }


def _marked(page: Page, marker: bytes) -> bytes:
    """The page with `marker` before its own closing </body> (where the page found it)."""
    if not marker or page.body_end < 0:
        return page.body
    return b"".join((page.body[: page.body_end], marker, page.body[page.body_end :]))


class Live:
    """The pages of an author's lessons, rendered again whenever the folder changes."""

    def __init__(
        self,
        folder: Path,
        build: Callable[[], Mapping[str, Page]],
        check: Callable[[], list[str]],
    ) -> None:
        self.folder = folder
        self._build = build
        self._check = check
        pages = build()  # a broken lesson fails here, at start-up
        self.version = _version(pages)
        self.assets = page_assets(pages, self.version)
        self.mistakes: list[str] = []
        self._changed = asyncio.Event()

    def state(self) -> str:
        return json.dumps({"version": self.version, "mistakes": self.mistakes})

    async def refresh(self) -> None:
        """Read the lessons again: new pages when they have no mistake, else the mistakes
        (the last good pages stay); then every listener hears the new state."""
        mistakes = await run_in_threadpool(self._check)
        if mistakes:
            self.mistakes = mistakes
        else:
            try:
                pages = await run_in_threadpool(self._build)
            except Exception as error:  # what the check could not foresee: shown, not fatal
                self.mistakes = [f"the lesson cannot be rendered: {error}"]
            else:
                self.mistakes = []
                self.version = _version(pages)
                self.assets = page_assets(pages, self.version)
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def watch(self) -> None:
        """Refresh on every change in the folder, until cancelled.

        The folder is watched by a thread of its own (watchfiles' plain `watch`), which wakes
        the event loop on each batch of changes: starting it imports nothing into the loop
        (`awatch` would import anyio's machinery there, just as the first pages are asked for).
        """
        loop = asyncio.get_running_loop()
        changed = asyncio.Event()
        stop = threading.Event()

        def follow() -> None:
            from watchfiles import watch

            for _ in watch(self.folder, debounce=DEBOUNCE_MS, step=20, stop_event=stop):
                with contextlib.suppress(RuntimeError):  # the loop closed: the app is stopping
                    loop.call_soon_threadsafe(changed.set)

        threading.Thread(target=follow, name="foghill-live", daemon=True).start()
        try:
            while True:
                await changed.wait()
                changed.clear()
                try:
                    await self.refresh()
                except Exception:  # a watcher that stops would leave pages silently stale
                    log.exception("could not read the lessons again")
        finally:
            stop.set()  # the thread sees it within a step (20 ms) and ends

    async def events(self, request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            yield f"data: {self.state()}\n\n"
            while True:
                changed = self._changed
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), KEEP_ALIVE_SECONDS)
                if await request.is_disconnected():
                    return
                yield f"data: {self.state()}\n\n" if changed.is_set() else ": still here\n\n"

        headers = {"cache-control": "no-store", "x-accel-buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
