"""Page benchmark: what the lesson page costs a reader, measured in Debian's Chromium.

Starts `uvicorn foghill.server:app` on 127.0.0.1 (a free port), launches headless Chromium
and measures, against budgets:

  (a) the first load: bytes over the wire (transferSize of every resource in the Performance
      API, the API answers included) and the number of requests;
  (b) time until the first control is usable: from navigation start until <fh-hill> has drawn
      its first landscape and its drop control is live (it sets data-ready);
  (c) click to first move: from a click until the ball's first step (the first fh-step event
      after the click), for the dial's Go (its walk is computed while the slider moves), for
      a drop on the hill where the pointer rested first (the walk is asked for while it
      rests), and for a tap with no hover (one round trip to the server after the tap);
  (d) frame intervals while a ball walks down the hill and while the line walks to the dots
      (requestAnimationFrame deltas, median and p95, against the display's own interval);
  (e) long tasks (PerformanceObserver "longtask", over 50 ms) during load (median over the
      runs: on two shared cores a busy neighbour can stretch one run) and during walks.

Prints each figure against its budget and exits 1 if one is over. Any request to a host other
than 127.0.0.1 is refused and counted (budget: none). Stops the browser and the server.

    .venv/bin/python bench/page_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, sync_playwright

from foghill.testing import CHROMIUM, CHROMIUM_ARGS, FoghillServer

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"

BUDGET_FIRST_LOAD_KB = 150.0
BUDGET_REQUESTS = 30
BUDGET_READY_MS = 1000.0
BUDGET_FIRST_MOVE_MS = 33.4  # two frames at 60 Hz
BUDGET_COLD_MOVE_MS = 100.0  # when the walk must first come from the server
BUDGET_FRAME_MEDIAN = 1.25  # x the display's frame interval
BUDGET_FRAME_P95 = 2.0  # x the display's frame interval
BUDGET_LONG_TASKS = 0

# Runs in the page before any of its scripts: timings, long tasks, fh-step times, frames.
PROBE = """
(() => {
  const probe = window.__probe = {ready: null, steps: [], clicks: [], longtasks: [], frames: null};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longtasks.push({start: e.startTime, ms: e.duration});
    }).observe({type: 'longtask', buffered: true});
  } catch (e) { probe.longtasks = null; }
  document.addEventListener('fh-step', (e) => probe.steps.push(performance.now()), true);
  window.addEventListener('click', (e) => probe.clicks.push(e.timeStamp), true);
  const watch = new MutationObserver(() => {
    const hill = document.querySelector('fh-hill');
    if (hill && hill.dataset.ready === 'true' && probe.ready === null) {
      probe.ready = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});
  probe.recordFrames = () => {
    const deltas = [];
    let last = null, on = true;
    const tick = (t) => {
      if (last !== null) deltas.push(t - last);
      last = t;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    probe.frames = deltas;
    return () => { on = false; };
  };
})();
"""

FINAL = "['settled', 'crawling', 'zigzag', 'flew-off'].includes(el.dataset.status)"
START_FRAMES = "() => { window.__stopFrames = window.__probe.recordFrames(); }"
STOP_FRAMES = "() => { window.__stopFrames(); return window.__probe.frames; }"


@dataclass
class Row:
    what: str
    value: float
    budget: float
    unit: str
    higher_is_worse: bool = True

    @property
    def ok(self) -> bool:
        return self.value <= self.budget if self.higher_is_worse else self.value >= self.budget


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def wait_final(page: Page, selector: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        f"(el) => {FINAL}", arg=page.locator(selector).element_handle(), timeout=timeout
    )


def click_hill_at(page: Page, x: float, rest: float = 0.0) -> None:
    """Point at the hill at data x, rest there `rest` seconds, click."""
    hill = page.locator("fh-hill")
    hill.scroll_into_view_if_needed()
    p = hill.evaluate(
        """(el, x) => {
            const plot = el.plot;
            const q = new DOMPoint(plot.sx(x), plot.sy(plot.heightAt(x)) - 30)
                .matrixTransform(plot.svg.getScreenCTM());
            return {x: q.x, y: q.y};
        }""",
        x,
    )
    page.mouse.move(p["x"], p["y"])
    if rest:
        page.wait_for_timeout(rest * 1000)
    page.mouse.click(p["x"], p["y"])


def first_move_ms(page: Page, action: Any) -> float:
    """Milliseconds from the click that `action` makes to the next fh-step event."""
    page.evaluate("() => { window.__probe.steps = []; window.__probe.clicks = []; }")
    action()
    page.wait_for_function("() => window.__probe.steps.length && window.__probe.clicks.length")
    clicks, steps = page.evaluate("() => [window.__probe.clicks, window.__probe.steps]")
    click = clicks[-1]
    after = [s for s in steps if s >= click]
    return float(after[0] - click)


def display_interval(page: Page) -> float:
    page.evaluate(START_FRAMES)
    page.wait_for_timeout(1000)
    deltas: list[float] = page.evaluate(STOP_FRAMES)
    return statistics.median(deltas)


def frames_during(page: Page, start: Any, selector: str) -> list[float]:
    page.evaluate(START_FRAMES)
    start()
    wait_final(page, selector)
    deltas: list[float] = page.evaluate(STOP_FRAMES)
    return deltas[2:]  # the first frames include the click itself


def measure(url: str, runs: int) -> tuple[list[Row], list[str]]:
    outside: list[str] = []
    rows: list[Row] = []

    def add(what: str, value: float, budget: float, unit: str = "") -> None:
        rows.append(Row(what, value, budget, unit))

    def guard(route: Route) -> None:
        target = urlsplit(route.request.url)
        if target.scheme in {"data", "blob", "about"} or target.hostname == HOST:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            # (a), (b): the first load in fresh contexts (nothing cached), several times.
            loads: list[tuple[float, int, float, float, int]] = []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.route("**/*", guard)
                context.add_init_script(PROBE)
                page = context.new_page()
                page.goto(url + "/", wait_until="load")
                page.wait_for_selector("fh-line-fit[data-ready=true]")
                page.wait_for_selector("fh-step-dial[data-ready=true]")
                page.wait_for_load_state("networkidle")
                entries = page.evaluate(
                    """() => [...performance.getEntriesByType('navigation'),
                               ...performance.getEntriesByType('resource')]
                        .map(e => [e.name, e.transferSize, e.decodedBodySize])"""
                )
                probe = page.evaluate("() => window.__probe")
                transfer = sum(e[1] for e in entries)
                decoded = sum(e[2] for e in entries)
                long_load = len(probe["longtasks"] or [])
                loads.append((transfer, len(entries), probe["ready"], decoded, long_load))
                context.close()
            transfer = statistics.median(x[0] for x in loads) / 1024
            count = statistics.median(x[1] for x in loads)
            ready = statistics.median(x[2] for x in loads)
            decoded = statistics.median(x[3] for x in loads) / 1024
            add(
                f"first load, bytes transferred (decoded {decoded:.0f} KB)",
                transfer,
                BUDGET_FIRST_LOAD_KB,
                "KB",
            )
            add("first load, requests", count, BUDGET_REQUESTS, "")
            add("first control usable (hill drawn, drop live)", ready, BUDGET_READY_MS, "ms")
            add(
                f"long tasks per load, median of {runs} (worst run: {max(x[4] for x in loads)})",
                statistics.median(x[4] for x in loads),
                BUDGET_LONG_TASKS,
                "",
            )

            # (c), (d), (e): interaction in one warm page.
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.route("**/*", guard)
            context.add_init_script(PROBE)
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector("fh-line-fit[data-ready=true]")
            page.wait_for_selector("fh-step-dial[data-ready=true]")
            page.evaluate("() => { window.__probe.longtasks = window.__probe.longtasks && []; }")
            frame = display_interval(page)

            dial = page.locator("fh-step-dial")
            dial.scroll_into_view_if_needed()
            go = dial.get_by_role("button", name="Go", exact=True)
            dial_moves = []
            for _ in range(runs):
                dial_moves.append(first_move_ms(page, go.click))
                wait_final(page, "fh-step-dial")
            hill_moves = []  # a pointer rests over the hill, then clicks (as people do)
            cold_moves = []  # a tap with no hover first: the walk is fetched after the click
            for i in range(runs):
                x = -3.4 + 0.15 * i
                hill_moves.append(first_move_ms(page, lambda x=x: click_hill_at(page, x, 0.3)))
                wait_final(page, "fh-hill")
                x = 2.6 + 0.15 * i
                cold_moves.append(first_move_ms(page, lambda x=x: click_hill_at(page, x, 0.0)))
                wait_final(page, "fh-hill")
            add(
                "click Go to first step (dial, walk ready), median",
                statistics.median(dial_moves),
                BUDGET_FIRST_MOVE_MS,
                "ms",
            )
            add("click Go to first step (dial), worst", max(dial_moves), BUDGET_FIRST_MOVE_MS, "ms")
            add(
                "click to first step (hill, pointer rested first), median",
                statistics.median(hill_moves),
                BUDGET_FIRST_MOVE_MS,
                "ms",
            )
            add(
                "tap to first step (hill, no hover: one round trip), median",
                statistics.median(cold_moves),
                BUDGET_COLD_MOVE_MS,
                "ms",
            )

            hill_frames = frames_during(page, lambda: click_hill_at(page, -3.3), "fh-hill")
            fit = page.locator("fh-line-fit")
            fit.scroll_into_view_if_needed()
            fit_frames = frames_during(
                page, fit.get_by_role("button", name="Play").click, "fh-line-fit"
            )
            for name, deltas in (("hill walk", hill_frames), ("line walk", fit_frames)):
                add(
                    f"{name}: frame interval median ({len(deltas)} frames; display {frame:.1f} ms)",
                    statistics.median(deltas),
                    BUDGET_FRAME_MEDIAN * frame,
                    "ms",
                )
                add(
                    f"{name}: frame interval p95",
                    percentile(deltas, 0.95),
                    BUDGET_FRAME_P95 * frame,
                    "ms",
                )
            tasks = page.evaluate("() => window.__probe.longtasks")
            worst = max((t["ms"] for t in tasks or []), default=0.0)
            add(
                f"long tasks during walks (longest {worst:.0f} ms)",
                len(tasks or []),
                BUDGET_LONG_TASKS,
                "",
            )
            context.close()
        finally:
            browser.close()
    add("requests to other hosts", len(outside), 0, "")
    return rows, outside


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement")
    args = parser.parse_args()
    with FoghillServer() as server:
        rows, outside = measure(server.url, max(1, args.runs))
    width = max(len(r.what) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'budget':>10}  ok")
    for r in rows:
        print(
            f"{r.what:<{width}}  {r.value:>8.1f}{r.unit:>2}  {r.budget:>8.1f}{r.unit:>2}  "
            f"{'yes' if r.ok else 'OVER'}"
        )
    if outside:
        print("refused requests to other hosts:", *outside, sep="\n  ")
    over = [r.what for r in rows if not r.ok]
    print("over budget: " + (", ".join(over) if over else "none"))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
