"""Six optimizers racing on the page: how soon after a click do the balls move, and does the
page stay at display rate while they race?

Starts `foghill serve` on 127.0.0.1 (a free port), opens the lesson in Debian's headless
Chromium and, several times, clicks the narrow valley's race map (inside the page, so the
click's time is exact) at a new spot each time, so that no race is reused: after the pointer
rested over the spot for 150 ms, as a mouse does (the race is asked for while it rests), and
with no rest at all, as a tap does (one round trip to the server after the click). For each
race it records, until the race ends,

  (a) the time from the click until the first frame in which a racer has moved from the
      start (a racer's marker transform changes, timed as the frame sets it); budget: at
      most 33 ms (median over runs, for each kind of click);
  (b) every requestAnimationFrame interval from the click until the race ends; the largest
      one is the longest the page was frozen; budget: at most 50 ms (the worst run);

and, for reference, the display's own frame interval, the time the click's own (synchronous)
work took, and each race's wall time.

Prints each figure against its budget and exits 1 if one is over or a run failed. Any
request to a host other than the loopback is refused and counted. Stops the browser and
the server.

    .venv/bin/python bench/race_frames.py [--runs 7] [--race race-valley]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from typing import Any

from playwright.sync_api import Route, sync_playwright

from foghill.testing import CHROMIUM, CHROMIUM_ARGS, FoghillServer, is_local

FIRST_MOVED_MS = 33.0
FRAME_GAP_MS = 50.0
RUN_TIMEOUT_MS = 30_000

# One race, measured inside the page: a click at (fx, fy) of the map's plot area, then rAF
# intervals until the race ends, and the first frame in which a marker left the start.
MEASURE = """async ([id, fx, fy, rest, timeout]) => {
    const el = document.getElementById(id);
    el.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const hit = el.querySelector('.fh-hit');
    // Wait until the page stops moving (widgets above still being built shift it).
    let box = hit.getBoundingClientRect();
    for (let i = 0; i < 50; i++) {
        await new Promise(r => setTimeout(r, 100));
        const now = hit.getBoundingClientRect();
        if (now.top === box.top && now.left === box.left) break;
        box = now;
    }
    const overlay = el.querySelector('.fh-map-overlay');
    const frames = [];
    let last = null, running = true, moved = null, t0 = 0;
    const starts = new Map();
    const tick = (now) => {
        if (last !== null) frames.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
    };
    // A marker's first transform is its start; the first change after it is the first move,
    // timed when the frame's drawing code sets it (before that frame is painted).
    const watch = new MutationObserver((records) => {
        if (moved !== null || !t0) return;
        for (const r of records) {
            const at = r.target.getAttribute('transform');
            if (!starts.has(r.target)) starts.set(r.target, at);
            else if (at !== starts.get(r.target)) { moved = performance.now(); return; }
        }
    });
    watch.observe(overlay, {subtree: true, attributes: true, attributeFilter: ['transform']});
    const done = new Promise((resolve) => {
        new MutationObserver(() => {
            if (!['running', 'idle'].includes(el.dataset.status)) resolve();
        }).observe(el, {attributes: true, attributeFilter: ['data-status']});
        setTimeout(resolve, timeout);
    });
    // Markers from an earlier race are not this race's start.
    new MutationObserver(() => starts.clear()).observe(overlay, {childList: true});
    const x = box.left + box.width * fx, y = box.top + box.height * fy;
    const at = {bubbles: true, clientX: x, clientY: y};
    if (rest) {
        // The pointer rests over the spot first (its race is asked for meanwhile).
        hit.dispatchEvent(new PointerEvent('pointermove', {...at, pointerType: 'mouse'}));
        await new Promise(r => setTimeout(r, rest));
    }
    requestAnimationFrame(tick);
    await new Promise(r => requestAnimationFrame(r));
    t0 = performance.now();
    hit.dispatchEvent(new MouseEvent('click', at));
    const handled = performance.now() - t0;  // the click's own work, all of it synchronous
    await done;
    const end = performance.now();
    running = false;
    watch.disconnect();
    return {moved: moved === null ? null : moved - t0, frames, wall: end - t0, handled,
            status: el.dataset.status, racers: overlay.querySelectorAll('.fh-racer-ball').length};
}"""

DISPLAY = """() => new Promise((resolve) => {
    const times = [];
    const tick = (now) => {
        times.push(now);
        if (times.length < 61) requestAnimationFrame(tick);
        else resolve(times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b)[30]);
    };
    requestAnimationFrame(tick);
})"""

# A click after the pointer rested over the spot (its race asked for while it rests, as a
# mouse does), and a click with no rest first (a tap: one round trip after it), in ms of rest.
KINDS = {"pointer rested 150 ms": 150, "no rest (a tap)": 0}

# Spots on the map (fractions of its plot area) that differ from one run to the next.
SPOTS = [(0.1 + 0.8 * ((i * 0.37) % 1), 0.15 + 0.7 * ((i * 0.61) % 1)) for i in range(1, 80)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--race", default="race-valley", help="the id of the <fh-race>")
    args = parser.parse_args(argv)
    outside: list[str] = []

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    moved: dict[str, list[float]] = {kind: [] for kind in KINDS}
    gaps: list[float] = []
    walls: list[float] = []
    failures: list[str] = []
    with FoghillServer() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.route("**/*", guard)
            page = context.new_page()
            page.goto(server.url + "/")
            page.wait_for_selector(f"fh-race#{args.race}[data-ready=true]")
            display = float(page.evaluate(DISPLAY))
            print(f"display frame interval (median of 60): {display:.1f} ms")
            spots = iter(SPOTS)
            for _ in range(args.runs):
                for kind, rest in KINDS.items():
                    fx, fy = next(spots)
                    args_in = [args.race, fx, fy, rest, RUN_TIMEOUT_MS]
                    got: dict[str, Any] = page.evaluate(MEASURE, args_in)
                    if got["moved"] is None or got["status"] in ("running", "idle"):
                        failures.append(f"{kind} at ({fx:.2f}, {fy:.2f}): {got['status']!r}")
                        continue
                    moved[kind].append(got["moved"])
                    gaps.append(max(got["frames"], default=0.0))
                    walls.append(got["wall"])
                    print(
                        f"  {kind:<24} ({fx:.2f}, {fy:.2f}) of the map: {got['racers']} racers, "
                        f"click handled in {got['handled']:.1f} ms, "
                        f"first moved {got['moved']:.1f} ms, largest gap {gaps[-1]:.1f} ms, "
                        f"wall {got['wall']:.0f} ms"
                    )
        finally:
            browser.close()
    over = bool(failures) or not all(moved.values())
    for failure in failures:
        print(f"FAILED: {failure}")
    for kind, times in moved.items():
        if not times:
            continue
        first = statistics.median(times)
        bad_first = first > FIRST_MOVED_MS
        over = over or bad_first
        print(
            f"click to first moved frame, {kind}, median of {len(times)}: {first:.1f} ms "
            f"(budget <= {FIRST_MOVED_MS:g}){' OVER' if bad_first else ''}"
        )
    if gaps:
        gap = max(gaps)
        bad_gap = gap > FRAME_GAP_MS
        over = over or bad_gap
        print(
            f"largest frame gap while racing, worst run: {gap:.1f} ms "
            f"(budget <= {FRAME_GAP_MS:g}){' OVER' if bad_gap else ''}"
        )
        print(f"race wall time, median: {statistics.median(walls):.0f} ms")
    print(f"requests that tried to leave the machine: {len(outside)} (budget: 0)")
    return 1 if over or outside else 0


if __name__ == "__main__":
    sys.exit(main())
