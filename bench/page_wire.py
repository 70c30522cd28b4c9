"""What the lesson page moves over the wire: its first load, what scrolling asks for, and
the gzipped size of each kind of API answer, against budgets.

Against a running `foghill serve` (`--url`), or one it starts on a free loopback port:

  (a) the first load, in headless Chromium (1440 x 900, nothing cached): every request made
      until the network has been idle and a few idle periods more have passed, with the
      reader still at the top of the page; budget: 1 request (the page), at most 100 KB
      over the wire (transferSize, the page gzipped);
  (b) a slow scroll to the bottom: every API request it makes, and how many of them repeat
      a request already made (same path, same body); budget: none repeated;
  (c) each kind of answer the page carries or asked for (descend, race, contours, sweep,
      landscape, linefit), posted again with `Accept-Encoding: gzip`: its bytes on the wire (the
      largest of its kind) and decoded; and a six-racer race of 1,000 steps on the 2-D map
      the page races on; budget: that race at most 40 KB.

    .venv/bin/python bench/page_wire.py [--url http://127.0.0.1:8743]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from foghill.testing import CHROMIUM, CHROMIUM_ARGS, FoghillServer

BUDGET_FIRST_REQUESTS = 1  # the page, and nothing before the reader scrolls
BUDGET_FIRST_LOAD_KB = 100.0
BUDGET_REPEATED = 0  # identical requests made more than once
BUDGET_RACE_KB = 40.0  # six racers, 1,000 steps, gzipped
IDLE_MS = 4000  # after networkidle: long enough for every idle-time build to have run

#: The page's first race: its map, its start, the engine's six racers (from /api/contours).
RACE_MAP = {"hill": "narrow_valley"}
RACE_START = [-3.5, 1.5]
RACE_STEPS = 1000


@dataclass
class Wire:
    first: list[tuple[str, int]] = field(default_factory=list)  # (url, transfer bytes)
    scrolled: list[tuple[str, str]] = field(default_factory=list)  # (path, body)
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (wire, decoded)


def transfers(page: Page) -> list[tuple[str, int]]:
    entries: list[list[Any]] = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'),
                  ...performance.getEntriesByType('resource')]
                 .map((e) => [e.name, e.transferSize])"""
    )
    return [(str(name), int(size)) for name, size in entries]


def browse(url: str, wire: Wire) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            posts: list[tuple[str, str]] = []
            page.on(
                "request",
                lambda r: (
                    posts.append((r.url.split("://", 1)[1].split("/", 1)[1], r.post_data or ""))
                    if r.method == "POST"
                    else None
                ),
            )
            page.goto(url + "/", wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(IDLE_MS)
            wire.first = transfers(page)
            height = page.evaluate("() => document.documentElement.scrollHeight")
            for y in range(0, int(height) + 900, 450):
                page.evaluate(f"() => window.scrollTo(0, {y})")
                page.wait_for_timeout(150)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            wire.scrolled = list(posts)
            context.close()
        finally:
            browser.close()


def post(url: str, path: str, body: str) -> tuple[int, int]:
    """Bytes on the wire (gzipped, as the server sends it) and decoded, of one answer."""
    request = urllib.request.Request(
        f"{url}/{path}",
        data=body.encode(),
        headers={"content-type": "application/json", "accept-encoding": "gzip"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        raw = response.read()
        zipped = response.headers.get("content-encoding") == "gzip"
    return len(raw), len(gzip.decompress(raw) if zipped else raw)


#: Walks of a fixed size, asked for here: on a 1-D hill (as the page's first two widgets
#: carry inside it) and on a map. The line fit's first answer is asked for when it is
#: reached, and measured with the others the page asked for.
CARRIED = {
    "descend: a 1-D hill, 200 steps": (
        "api/descend",
        {"hill": "foggy", "start": 2.5, "learning_rate": 0.1, "max_steps": 200},
    ),
    "descend: a map, 500 steps": (
        "api/descend",
        {"hill": "himmelblau", "start": [-0.5, 4.5], "learning_rate": 0.001, "max_steps": 500},
    ),
}


def answers(url: str, wire: Wire) -> None:
    for kind, (path, ask) in CARRIED.items():
        wire.kinds[kind] = post(url, path, json.dumps(ask))
    for path, body in wire.scrolled:
        kind = path.removeprefix("api/")
        sizes = post(url, path, body)
        if sizes[0] > wire.kinds.get(kind, (0, 0))[0]:
            wire.kinds[kind] = sizes
    request = urllib.request.Request(
        f"{url}/api/contours",
        data=json.dumps(RACE_MAP).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        racers = json.loads(response.read())["racers"]
    race = {**RACE_MAP, "start": RACE_START, "max_steps": RACE_STEPS, "racers": racers}
    wire.kinds["race: six racers, 1,000 steps"] = post(url, "api/race", json.dumps(race))


def rows(wire: Wire) -> list[tuple[str, float, float | None]]:
    out: list[tuple[str, float, float | None]] = []
    out.append(("first load: requests before scrolling", len(wire.first), BUDGET_FIRST_REQUESTS))
    kb = sum(size for _, size in wire.first) / 1024
    out.append(("first load: KB on the wire", kb, BUDGET_FIRST_LOAD_KB))
    seen: set[tuple[str, str]] = set()
    repeated = 0
    for ask in wire.scrolled:
        repeated += ask in seen
        seen.add(ask)
    out.append(
        (f"scrolled to the end: API requests ({len(seen)} distinct)", len(wire.scrolled), None)
    )
    out.append(("scrolled to the end: identical requests repeated", repeated, BUDGET_REPEATED))
    for kind, (zipped, decoded) in sorted(wire.kinds.items()):
        budget = BUDGET_RACE_KB if kind.startswith("race: six") else None
        out.append(
            (f"{kind}: KB on the wire (decoded {decoded / 1024:.1f})", zipped / 1024, budget)
        )
    return out


def report(table: list[tuple[str, float, float | None]], wire: Wire) -> int:
    width = max(len(what) for what, _, _ in table)
    print(f"{'measure':<{width}}  {'value':>8}  {'budget':>8}  ok")
    over = []
    for what, value, budget in table:
        ok = "" if budget is None else ("yes" if value <= budget else "OVER")
        if ok == "OVER":
            over.append(what)
        limit = "" if budget is None else f"{budget:8.1f}"
        print(f"{what:<{width}}  {value:8.1f}  {limit:>8}  {ok}")
    if len(wire.first) > 1:
        print("first-load requests:", *(u for u, _ in wire.first), sep="\n  ")
    print("over budget: " + (", ".join(over) if over else "none"))
    return 1 if over else 0


@contextlib.contextmanager
def server(url: str | None) -> Iterator[str]:
    if url:
        yield url.rstrip("/")
        return
    with tempfile.TemporaryDirectory() as tmp, FoghillServer(log_path=Path(tmp) / "s.log") as s:
        yield s.url


def measure(url: str) -> Wire:
    wire = Wire()
    browse(url, wire)
    answers(url, wire)
    return wire


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running foghill serve (default: start one)")
    args = parser.parse_args()
    with server(args.url) as url:
        wire = measure(url)
    return report(rows(wire), wire)


if __name__ == "__main__":
    sys.exit(main())
