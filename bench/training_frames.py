"""Training demos on the page: does the page stay at display rate while a run streams in?

Starts `foghill serve` on 127.0.0.1 (a free port), opens the lesson in Debian's headless
Chromium and, for each training demo (digits, spam, next word, ratings), several times:
clicks Play (inside the page, so the click's time is exact) and records, until the run ends,

  (a) the time from the click until the first progress is drawn (the demo's metric words
      appear: the host's first progress event, drawn on the next animation frame);
      budget: at most 100 ms (median over the runs);
  (b) every requestAnimationFrame interval while the run streams; the largest one is the
      longest the page was frozen; budget: at most 50 ms (the worst run); beside it the
      longest task the page's own scripts ran (PerformanceObserver "longtask", over 50 ms:
      none means a gap came from outside the page, such as the server's training or other
      programs competing for the machine's cores);

Each demo first runs once unmeasured (the server reads its data set on the first run). For
reference: the display's own frame interval, the run's wall time from the click to its end
(data-status "done"), the number of pictures drawn (data-step changes), and the largest
frame gap of the same page with nothing running, for as long as a run takes (what the
machine alone costs: on a busy machine it is over budget too).

Prints each figure against its budget and exits 1 if one is over or a run failed (a demo the
server does not offer yet is reported as failed). Any request to a host other than the
loopback is refused and counted. Stops the browser and the server.

    .venv/bin/python bench/training_frames.py [--runs 5] [--demos fh-digits fh-spam ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page, Route, sync_playwright

from foghill.testing import CHROMIUM, CHROMIUM_ARGS, FoghillServer, is_local

DEMOS = ("fh-digits", "fh-spam", "fh-next-word", "fh-ratings")
FIRST_DRAWN_MS = 100.0
FRAME_GAP_MS = 50.0
RUN_TIMEOUT_MS = 30_000

# One run, measured inside the page: rAF intervals from the click to the end, the moment the
# metric words first appear, and the moment data-status leaves "running".
MEASURE = """async ([tag, timeout]) => {
    const el = document.querySelector(tag);
    el.scrollIntoView({block: 'center'});
    el.querySelector('.fh-btn-reset').click();
    const metric = el.querySelector('.fh-tr-metric');
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const frames = [];
    const tasks = [];
    const longtasks = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
    });
    longtasks.observe({type: 'longtask'});
    let first = null, end = null, pictures = 0, last = null, running = true;
    const tick = (now) => {
        if (last !== null) frames.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
    };
    const words = new MutationObserver(() => {
        if (first === null && metric.textContent) first = performance.now();
    });
    words.observe(metric, {childList: true, characterData: true, subtree: true});
    const done = new Promise((resolve) => {
        const status = new MutationObserver(() => {
            if (['running', 'idle'].includes(el.dataset.status)) return;
            end = performance.now();
            resolve();
        });
        status.observe(el, {attributes: true, attributeFilter: ['data-status']});
        new MutationObserver(() => { pictures += 1; })
            .observe(el, {attributes: true, attributeFilter: ['data-step']});
        setTimeout(resolve, timeout);
    });
    requestAnimationFrame(tick);
    const t0 = performance.now();
    el.querySelector('.fh-btn-play').click();
    await done;
    running = false;
    words.disconnect();
    longtasks.disconnect();
    return {tasks, first: first === null ? null : first - t0, end: end === null ? null : end - t0,
            frames, pictures, status: el.dataset.status};
}"""

# The same page with nothing running, as long as a run: the machine's own frame gaps.
IDLE = """(ms) => new Promise((resolve) => {
    const frames = [];
    let last = null;
    const t0 = performance.now();
    const tick = (now) => {
        if (last !== null) frames.push(now - last);
        last = now;
        if (now - t0 < ms) requestAnimationFrame(tick);
        else resolve(Math.max(...frames));
    };
    requestAnimationFrame(tick);
})"""

DISPLAY = """() => new Promise((resolve) => {
    const times = [];
    const tick = (now) => {
        times.push(now);
        if (times.length < 61) requestAnimationFrame(tick);
        else resolve(times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b)[30]);
    };
    requestAnimationFrame(tick);
})"""


@dataclass
class Runs:
    first: list[float] = field(default_factory=list)
    gap: list[float] = field(default_factory=list)
    task: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    pictures: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def measure(page: Page, tag: str, runs: int) -> Runs:
    result = Runs()
    page.evaluate(MEASURE, [tag, RUN_TIMEOUT_MS])  # warm-up, not counted
    for _ in range(runs):
        got: dict[str, Any] = page.evaluate(MEASURE, [tag, RUN_TIMEOUT_MS])
        if got["status"] != "done" or got["first"] is None or got["end"] is None:
            result.failures.append(f"status {got['status']!r}")
            continue
        result.first.append(got["first"])
        result.gap.append(max(got["frames"], default=0.0))
        result.task.append(max(got["tasks"], default=0.0))
        result.wall.append(got["end"])
        result.pictures.append(got["pictures"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--demos", nargs="*", default=list(DEMOS))
    args = parser.parse_args(argv)
    outside: list[str] = []

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    over = False
    with FoghillServer() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.route("**/*", guard)
            page = context.new_page()
            page.goto(server.url + "/")
            page.wait_for_selector("fh-ratings .fh-btn-play")
            display = float(page.evaluate(DISPLAY))
            load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
            print(f"display frame interval (median of 60): {display:.1f} ms")
            print(f"machine load (1, 5, 15 min) at the start: {load}, {os.cpu_count()} cores")
            print(
                f"{'demo':<14}{'first drawn, median':>22}{'largest frame gap':>20}"
                f"{'longest task':>15}{'wall, median':>15}{'pictures':>10}"
            )
            for tag in args.demos:
                runs = measure(page, tag, args.runs)
                if runs.failures or not runs.first:
                    print(f"{tag:<14} FAILED: {', '.join(runs.failures) or 'no run'}")
                    over = True
                    continue
                first = statistics.median(runs.first)
                gap = max(runs.gap)
                bad_first = first > FIRST_DRAWN_MS
                bad_gap = gap > FRAME_GAP_MS
                over = over or bad_first or bad_gap
                flag_first = " OVER" if bad_first else ""
                flag_gap = " OVER" if bad_gap else ""
                wall = statistics.median(runs.wall)
                pictures = statistics.median(runs.pictures)
                print(
                    f"{tag:<14}{first:>12.1f} ms (<= {FIRST_DRAWN_MS:g}){flag_first:>5}"
                    f"{gap:>10.1f} ms (<= {FRAME_GAP_MS:g}){flag_gap:>5}"
                    f"{max(runs.task):>10.0f} ms{wall:>12.0f} ms{pictures:>10.0f}"
                )
                idle = float(page.evaluate(IDLE, wall))
                print(f"{'':<14}the same page idle as long: largest frame gap {idle:.1f} ms")
        finally:
            browser.close()
    print(f"requests that tried to leave the machine: {len(outside)} (budget: 0)")
    return 1 if over or outside else 0


if __name__ == "__main__":
    sys.exit(main())
