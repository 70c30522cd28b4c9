"""Page benchmark: what the lesson page costs a reader, measured in Debian's Chromium.

Starts `foghill serve` on 127.0.0.1 (a free port) and, next to it, the static reference page
(`../shared/reference/static-widgets.html`: the same widgets with their math in JavaScript,
the speed limit for such a page) with `python -m http.server`; launches headless Chromium and
measures, against budgets:

  (a) time until usable, side by side: Foghill and the static page loaded in turn (A B A B,
      fresh contexts, nothing cached), from navigation start until
        Foghill: <fh-hill> and <fh-step-dial> have data-ready="true" (their landscape is
        drawn) with the hill's Play button and the dial's range slider in place, and
        <fh-line-fit> has its dots drawn (circles in its plot's svg, which has its viewBox
        once laid out; eight screens down, it asks for its fit when a reader nears it);
        the static page: #go_hill and #lr exist, the #hill svg has its curve (a path with a
        `d`) and its ball placed (a circle with `cx`), the #line svg has its dots (circles)
        and its line placed (a line with `y1`);
      each condition is checked by a MutationObserver from the first byte on; budget: the
      ratio of the medians, Foghill / static, at most 1.5;
  (b) Foghill's first load (the same runs): requests for code and styles (scripts, module
      preloads and stylesheets among the Performance API's resource entries, by file type,
      else by initiatorType) and bytes over the wire (transferSize of the document and of
      every resource, the API answers included), with the decoded size;
  (c) click to first move: from a click until the ball's first step (the first fh-step event
      after the click). Cold: a click on the hill's Play right after the load (no hover
      first: the walk comes from the server after the click), against the static page's
      click on Go until its first drawn change (a MutationObserver on #hill). Warm: the
      dial's Go (its walk is computed while the slider moves), a drop on the hill where the
      pointer rested first (the walk is asked for while it rests), and a tap on the hill with
      no hover (one round trip to the server after the tap);
  (d) frame intervals while a ball walks down the hill and while the line walks to the dots
      (requestAnimationFrame deltas, median and p95, against the display's own interval);
  (e) long tasks (PerformanceObserver "longtask", over 50 ms) during load (median over the
      runs: on two shared cores a busy neighbour can stretch one run) and during walks;
  (f) the wire (page_wire.py): requests before the reader scrolls (budget 1, the page) and
      the first load's bytes (budget 100 KB), identical requests repeated while scrolling
      through (budget 0), and each kind of API answer gzipped (a six-racer race of 1,000
      steps: budget 40 KB).

Prints each figure against its budget and exits 1 if one is over or could not be measured (a
failed run is reported and the others go on). Any request to a host other than 127.0.0.1 is
refused and counted (budget: none). Stops the browser and both servers.

    .venv/bin/python bench/page_speed.py [--runs 5] [--reference DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import page_wire
from foghill.testing import CHROMIUM, CHROMIUM_ARGS, FoghillServer, free_port, is_local
from startup import interruptible, stop_process, wait_for_page

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
REFERENCE = ROOT.parent / "shared" / "reference"
REFERENCE_PAGE = "static-widgets.html"
WAIT_MS = 30_000  # the longest any one wait in the page may take
# What the guard intercepts: every URL but loopback ones and in-page documents. Matched in
# Playwright's driver, so requests that stay on the machine are not held up by a round trip
# to this process (a "**/*" route costs the 20-request page about 100 ms until usable, and the
# one-request static page nothing). The handler decides with foghill.testing.is_local.
NOT_LOCAL = re.compile(
    r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/|(?:data|blob|about):)"
)

BUDGET_READY_RATIO = 1.5  # time until usable, Foghill / the static page
BUDGET_FIRST_LOAD_KB = page_wire.BUDGET_FIRST_LOAD_KB  # the page alone (issue 23)
BUDGET_CODE_REQUESTS = 3  # scripts, module preloads and stylesheets
BUDGET_COLD_CLICK_MS = 33.0  # a click with nothing prepared, server round trip included
BUDGET_FIRST_MOVE_MS = 33.4  # two frames at 60 Hz
BUDGET_FRAME_MEDIAN = 1.25  # x the display's frame interval
BUDGET_FRAME_P95 = 2.0  # x the display's frame interval
BUDGET_LONG_TASKS = 0

# When each part of a page is usable: name -> a test, run on every change to the document.
FOGHILL_READY = """{
  hill: () => {
    const el = document.querySelector('fh-hill');
    return !!el && el.dataset.ready === 'true'
      && [...el.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Play');
  },
  dial: () => {
    const el = document.querySelector('fh-step-dial');
    return !!el && el.dataset.ready === 'true' && !!el.querySelector('input[type=range]');
  },
  line: () => {
    const el = document.querySelector('fh-line-fit');
    const svg = el && el.querySelector('svg');
    return !!svg && svg.hasAttribute('viewBox') && svg.querySelectorAll('circle').length >= 2;
  },
}"""
STATIC_READY = """{
  hill: () => {
    const svg = document.querySelector('#hill svg');
    const path = svg && svg.querySelector('path[d]');
    return !!document.querySelector('#go_hill') && !!document.querySelector('#lr')
      && !!path && path.getAttribute('d').length > 0 && !!svg.querySelector('circle[cx]');
  },
  line: () => {
    const svg = document.querySelector('#line svg');
    return !!svg && svg.querySelectorAll('circle').length >= 2 && !!svg.querySelector('line[y1]');
  },
}"""

# Runs in the page before any of its scripts: readiness, long tasks, fh-step times, clicks,
# drawn changes (moves) and frames.
PROBE = """
(() => {
  const probe = window.__probe = {
    readyAt: {}, steps: [], clicks: [], moves: [], longtasks: [], frames: null,
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longtasks.push({start: e.startTime, ms: e.duration});
    }).observe({type: 'longtask', buffered: true});
  } catch (e) { probe.longtasks = null; }
  document.addEventListener('fh-step', (e) => probe.steps.push(performance.now()), true);
  window.addEventListener('click', (e) => probe.clicks.push(e.timeStamp), true);
  const ready = %READY%;
  const names = Object.keys(ready);
  const watch = new MutationObserver(() => {
    const now = performance.now();
    for (const name of names) {
      let met = false;
      try { met = probe.readyAt[name] === undefined && ready[name](); } catch (e) {}
      if (met) probe.readyAt[name] = now;
    }
    if (names.every((name) => probe.readyAt[name] !== undefined)) {
      probe.readyAt.all = Math.max(...names.map((name) => probe.readyAt[name]));
      watch.disconnect();
    }
  });
  watch.observe(document, {subtree: true, childList: true, attributes: true});
  probe.watchMoves = (selector) => {
    new MutationObserver(() => probe.moves.push(performance.now())).observe(
      document.querySelector(selector),
      {subtree: true, childList: true, attributes: true, characterData: true});
  };
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

ENTRIES = """() => [
  ...performance.getEntriesByType('navigation').map((e) => [e.name, 'navigation', e]),
  ...performance.getEntriesByType('resource').map((e) => [e.name, e.initiatorType, e]),
].map(([name, initiator, e]) => ({name, initiator, transfer: e.transferSize,
                                  decoded: e.decodedBodySize}))"""
FINAL = "['settled', 'crawling', 'zigzag', 'flew-off'].includes(el.dataset.status)"
START_FRAMES = "() => { window.__stopFrames = window.__probe.recordFrames(); }"
STOP_FRAMES = "() => { window.__stopFrames(); return window.__probe.frames; }"


@dataclass
class Row:
    what: str
    value: float
    budget: float | None  # None: a figure for reference, with no budget of its own
    unit: str

    @property
    def ok(self) -> bool:
        return self.budget is None or self.value <= self.budget  # NaN (not measured) is over


@dataclass
class Load:
    """One fresh load of a page, then one cold click."""

    ready: dict[str, float]  # ms from navigation start, by part, and "all"
    kinds: dict[str, int]  # requests by kind: document, script, style, api, other
    transfer: float  # bytes
    decoded: float  # bytes
    long_tasks: float  # NaN where the browser has no longtask entries
    click_ms: float


@dataclass
class Samples:
    """Everything measured, as lists; an empty list is a figure that could not be measured."""

    loads: dict[str, list[Load]] = field(default_factory=lambda: {"foghill": [], "static": []})
    warm: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def failed(self, what: str, exc: BaseException) -> None:
        """Note a failure: the error's first line, and its last (a server's log ends there)."""
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()] or [""]
        said = lines[0] if len(lines) == 1 else f"{lines[0]} … {lines[-1]}"
        self.notes.append(f"{what}: {type(exc).__name__}: {said}")


def measured(values: list[float]) -> list[float]:
    return [v for v in values if not math.isnan(v)]


def median(values: list[float]) -> float:
    """The median of what was measured (NaN: nothing was)."""
    values = measured(values)
    return statistics.median(values) if values else math.nan


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def kind_of(name: str, initiator: str) -> str:
    """What one request fetched: document, script, style, api or other."""
    if initiator == "navigation":
        return "document"
    path = urlsplit(name).path.lower()
    if path.endswith(".css"):
        return "style"
    if path.endswith((".js", ".mjs", ".cjs")) or initiator == "script":
        return "script"
    if initiator in {"fetch", "xmlhttprequest", "beacon"}:
        return "api"
    return "other"


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """`python -m http.server` for `directory` on a free loopback port; its base URL."""
    if not (directory / REFERENCE_PAGE).is_file():
        raise RuntimeError(f"{directory / REFERENCE_PAGE} is missing (see --reference)")
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", HOST]
    command += ["--directory", str(directory), str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://{HOST}:{port}"
        wait_for_page(f"{url}/{REFERENCE_PAGE}", process, timeout=20.0, mark=b"go_hill")
        yield url
    finally:
        stop_process(process)


class Bench:
    """One browser for the whole run; every context refuses requests that leave the machine."""

    def __init__(self, browser: Browser, samples: Samples) -> None:
        self.browser = browser
        self.samples = samples

    def guard(self, route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.samples.outside.append(route.request.url)
            route.abort("blockedbyclient")

    @contextlib.contextmanager
    def page(self, url: str, ready: str) -> Iterator[Page]:
        """A fresh context (nothing cached) with the probe, at `url`, usable."""
        context = self.browser.new_context(viewport={"width": 1440, "height": 900})
        try:
            context.set_default_timeout(WAIT_MS)
            context.route(NOT_LOCAL, self.guard)
            context.add_init_script(PROBE.replace("%READY%", ready))
            page = context.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_function("() => window.__probe.readyAt.all !== undefined")
            yield page
        finally:
            context.close()

    def load(self, url: str, ready: str, click: Callable[[Page], float]) -> Load:
        with self.page(url, ready) as page:
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_load_state("networkidle", timeout=10_000)
            entries: list[dict[str, Any]] = page.evaluate(ENTRIES)
            probe = page.evaluate("() => window.__probe")
            kinds: dict[str, int] = {}
            for e in entries:
                kind = kind_of(e["name"], e["initiator"])
                kinds[kind] = kinds.get(kind, 0) + 1
            tasks = probe["longtasks"]
            try:
                click_ms = click(page)
            except Exception as exc:  # the load's figures stand without it
                self.samples.failed(f"cold click at {url}", exc)
                click_ms = math.nan
            return Load(
                ready={k: float(v) for k, v in probe["readyAt"].items()},
                kinds=kinds,
                transfer=float(sum(e["transfer"] for e in entries)),
                decoded=float(sum(e["decoded"] for e in entries)),
                long_tasks=math.nan if tasks is None else float(len(tasks)),
                click_ms=click_ms,
            )

    def compare(self, foghill: str | None, static: str | None, runs: int) -> None:
        """(a), (b), (c) cold: fresh loads of the two pages in turn, each with a cold click."""
        pages: list[tuple[str, str | None, str, Callable[[Page], float]]] = [
            ("foghill", foghill and foghill + "/", FOGHILL_READY, cold_play),
            ("static", static and f"{static}/{REFERENCE_PAGE}", STATIC_READY, static_go),
        ]
        for i in range(runs):
            for name, url, ready, click in pages:
                if url is None:
                    continue
                try:
                    self.samples.loads[name].append(self.load(url, ready, click))
                except Exception as exc:  # a failed run is reported; the others go on
                    self.samples.failed(f"{name}, load {i + 1}", exc)

    def warm(self, url: str, runs: int) -> None:
        """(c) warm, (d), (e) walks: interaction in one page, loaded once."""
        warm = self.samples.warm
        with self.page(url + "/", FOGHILL_READY) as page:
            page.evaluate("() => { window.__probe.longtasks = window.__probe.longtasks && []; }")
            warm["display"] = [display_interval(page)]

            dial = page.locator("fh-step-dial")
            dial.scroll_into_view_if_needed()
            go = dial.get_by_role("button", name="Go", exact=True)
            warm["dial"] = []
            for _ in range(runs):
                warm["dial"].append(first_move_ms(page, go.click))
                wait_final(page, "fh-step-dial")
            warm["rested"] = []  # a pointer rests over the hill, then clicks (as people do)
            warm["tap"] = []  # a tap with no hover first: the walk is fetched after the tap
            for i in range(runs):
                x = -3.4 + 0.15 * i
                warm["rested"].append(first_move_ms(page, partial(click_hill_at, page, x, 0.3)))
                wait_final(page, "fh-hill")
                x = 2.6 + 0.15 * i
                warm["tap"].append(first_move_ms(page, partial(click_hill_at, page, x, 0.0)))
                wait_final(page, "fh-hill")

            warm["hill frames"] = frames_during(page, partial(click_hill_at, page, -3.3), "fh-hill")
            fit = page.locator("fh-line-fit")
            fit.scroll_into_view_if_needed()
            page.wait_for_selector("fh-line-fit[data-ready=true]")  # asked for when reached
            play = fit.get_by_role("button", name="Play")
            warm["line frames"] = frames_during(page, play.click, "fh-line-fit")
            tasks = page.evaluate("() => window.__probe.longtasks")
            warm["walk tasks"] = [float(len(tasks))] if tasks is not None else []
            warm["walk task ms"] = [float(t["ms"]) for t in tasks or []]


def wait_final(page: Page, selector: str) -> None:
    page.wait_for_function(f"(el) => {FINAL}", arg=page.locator(selector).element_handle())


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


def first_move_ms(page: Page, action: Callable[[], None], moves: str = "steps") -> float:
    """Milliseconds from the click that `action` makes to the next entry in the probe's
    `moves` list (fh-step events, or drawn changes where the page watches for them)."""
    page.evaluate(f"() => {{ window.__probe.{moves} = []; window.__probe.clicks = []; }}")
    action()
    page.wait_for_function(
        f"() => window.__probe.{moves}.length && window.__probe.clicks.length", timeout=10_000
    )
    clicks, steps = page.evaluate(f"() => [window.__probe.clicks, window.__probe.{moves}]")
    click = clicks[-1]
    after = [s for s in steps if s >= click]
    return float(after[0] - click) if after else math.nan


def cold_play(page: Page) -> float:
    """Foghill, right after the load: click the hill's Play (no hover over the hill first)."""
    play = page.locator("fh-hill").get_by_role("button", name="Play", exact=True)
    return first_move_ms(page, play.click)


def static_go(page: Page) -> float:
    """The static page: click the hill's Go; the first change drawn in #hill."""
    page.evaluate("() => window.__probe.watchMoves('#hill')")
    return first_move_ms(page, page.locator("#go_hill").click, "moves")


def display_interval(page: Page) -> float:
    page.evaluate(START_FRAMES)
    page.wait_for_timeout(1000)
    deltas: list[float] = page.evaluate(STOP_FRAMES)
    return median(deltas)


def frames_during(page: Page, start: Callable[[], None], selector: str) -> list[float]:
    page.evaluate(START_FRAMES)
    start()
    wait_final(page, selector)
    deltas: list[float] = page.evaluate(STOP_FRAMES)
    return deltas[2:]  # the first frames include the click itself


def measure(foghill: str | None, static: str | None, runs: int, samples: Samples) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            bench = Bench(browser, samples)
            bench.compare(foghill, static, runs)
            if foghill is not None:
                try:
                    bench.warm(foghill, runs)
                except Exception as exc:  # what was measured before it stays
                    samples.failed("warm page", exc)
        finally:
            browser.close()


def rows_for(samples: Samples, runs: int) -> list[Row]:
    rows: list[Row] = []

    def add(what: str, value: float, budget: float | None, unit: str = "") -> None:
        rows.append(Row(what, value, budget, unit))

    fog, ref = samples.loads["foghill"], samples.loads["static"]

    def med(loads: list[Load], get: Callable[[Load], float]) -> float:
        return median([get(x) for x in loads])

    def ready(loads: list[Load], part: str) -> float:
        return median([x.ready.get(part, math.nan) for x in loads])

    # (a) time until usable, side by side.
    def spread(loads: list[Load]) -> str:
        values = measured([x.ready.get("all", math.nan) for x in loads])
        return f"{min(values):.0f} to {max(values):.0f}" if values else "none"

    parts = ", ".join(f"{part} {ready(fog, part):.0f}" for part in ("hill", "dial", "line"))
    ready_fog, ready_ref = ready(fog, "all"), ready(ref, "all")
    add(
        f"usable: Foghill, median of {len(fog)} ({parts}; runs {spread(fog)})",
        ready_fog,
        None,
        "ms",
    )
    add(f"usable: static page, median of {len(ref)} (runs {spread(ref)})", ready_ref, None, "ms")
    add("usable: Foghill / static page", ready_fog / ready_ref, BUDGET_READY_RATIO, "x")

    # (b) the first load.
    def count(loads: list[Load], *kinds: str) -> float:
        return med(loads, lambda x: float(sum(x.kinds.get(k, 0) for k in kinds)))

    scripts, styles = count(fog, "script"), count(fog, "style")
    every = count(fog, "document", "script", "style", "api", "other")
    add(
        f"first load, code and style requests (scripts {scripts:.0f}, styles {styles:.0f};"
        f" all requests {every:.0f})",
        count(fog, "script", "style"),
        BUDGET_CODE_REQUESTS,
    )
    decoded = med(fog, lambda x: x.decoded) / 1024
    static_kb = med(ref, lambda x: x.transfer) / 1024
    add(
        f"first load, bytes transferred (decoded {decoded:.0f} KB; static page {static_kb:.0f} KB)",
        med(fog, lambda x: x.transfer) / 1024,
        BUDGET_FIRST_LOAD_KB,
        "KB",
    )
    worst = max((x.long_tasks for x in fog), default=math.nan)
    add(
        f"long tasks per load, median of {len(fog)} (worst run: {worst:.0f};"
        f" static page {med(ref, lambda x: x.long_tasks):.0f})",
        med(fog, lambda x: x.long_tasks),
        BUDGET_LONG_TASKS,
    )

    # (c) cold clicks, right after a load.
    cold = measured([x.click_ms for x in fog])
    add(
        f"cold click on the hill's Play to first step (no hover), median of {len(cold)}"
        f" (worst {max(cold, default=math.nan):.0f} ms)",
        median(cold),
        BUDGET_COLD_CLICK_MS,
        "ms",
    )
    add(
        "static page: click Go to first drawn change, median",
        med(ref, lambda x: x.click_ms),
        None,
        "ms",
    )

    # (c) warm, (d), (e): interaction in one page.
    warm = samples.warm
    dial = warm.get("dial", [])
    add(
        "click Go to first step (dial, walk ready), median",
        median(dial),
        BUDGET_FIRST_MOVE_MS,
        "ms",
    )
    add(
        "click Go to first step (dial), worst",
        max(dial, default=math.nan),
        BUDGET_FIRST_MOVE_MS,
        "ms",
    )
    add(
        "click to first step (hill, pointer rested first), median",
        median(warm.get("rested", [])),
        BUDGET_FIRST_MOVE_MS,
        "ms",
    )
    add(
        "tap to first step (hill, no hover: one round trip), median",
        median(warm.get("tap", [])),
        BUDGET_COLD_CLICK_MS,
        "ms",
    )
    frame = median(warm.get("display", []))
    for name in ("hill", "line"):
        deltas = warm.get(f"{name} frames", [])
        add(
            f"{name} walk: frame interval median ({len(deltas)} frames; display {frame:.1f} ms)",
            median(deltas),
            BUDGET_FRAME_MEDIAN * frame,
            "ms",
        )
        add(
            f"{name} walk: frame interval p95",
            percentile(deltas, 0.95),
            BUDGET_FRAME_P95 * frame,
            "ms",
        )
    longest = max(warm.get("walk task ms", []), default=0.0)
    add(
        f"long tasks during walks (longest {longest:.0f} ms)",
        median(warm.get("walk tasks", [])),
        BUDGET_LONG_TASKS,
    )
    add("requests to other hosts", len(samples.outside), 0)
    if len(fog) < runs or len(ref) < runs:
        add(f"loads that failed (of {runs} each)", 2 * runs - len(fog) - len(ref), 0)
    return rows


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return "n/a" if math.isnan(value) else f"{value:>8.1f}{unit:>2}"


def report(rows: list[Row], samples: Samples) -> int:
    width = max(len(r.what) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'budget':>10}  ok")
    for r in rows:
        ok = "" if r.budget is None else ("yes" if r.ok else "OVER")
        print(
            f"{r.what:<{width}}  {shown(r.value, r.unit):>10}  {shown(r.budget, r.unit):>10}  {ok}"
        )
    if samples.outside:
        print("refused requests to other hosts:", *samples.outside, sep="\n  ")
    for note in samples.notes:
        print("not measured:", note)
    over = [r.what.split(" (")[0] for r in rows if not r.ok]
    print("over budget: " + (", ".join(over) if over else "none"))
    return 1 if over or samples.notes else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement")
    parser.add_argument(
        "--reference",
        type=Path,
        default=REFERENCE,
        help=f"the folder of {REFERENCE_PAGE} ({REFERENCE})",
    )
    args = parser.parse_args()
    interruptible()
    runs = max(1, args.runs)
    samples = Samples()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as servers:
        foghill: str | None = None
        static: str | None = None
        try:
            foghill = servers.enter_context(FoghillServer(log_path=Path(tmp) / "serve.log")).url
        except RuntimeError as exc:
            samples.failed("foghill serve", exc)
        try:
            static = servers.enter_context(static_server(args.reference.resolve()))
        except RuntimeError as exc:
            samples.failed("static page server", exc)
        measure(foghill, static, runs, samples)
        wire: list[Row] = []
        if foghill is not None:
            try:
                measured_wire = page_wire.measure(foghill)
                wire = [
                    Row(what, value, budget, "")
                    for what, value, budget in page_wire.rows(measured_wire)
                ]
            except Exception as exc:  # the other figures stand without these
                samples.failed("wire bytes", exc)
    return report(rows_for(samples, runs) + wire, samples)


if __name__ == "__main__":
    sys.exit(main())
