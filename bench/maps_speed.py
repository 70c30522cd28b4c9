"""Issue 8 benchmark: maps from above, optimizer races and step-size sweeps, against budgets.

Each figure is the median over repeats of the CPU time the work costs this process
(time.process_time: the machine's other tenants' load does not count against it; the wall
time, time.perf_counter, is printed beside it with the load average), against the issue's
budget. The contour map is timed as the server makes its answer, uncached: the exact loss on
a 200x200 grid, the lines and bands, rounding, and the JSON text; its size is the gzipped
JSON. The race is six optimizers that each take all 1,000 steps (step sizes too small to
settle) on narrow_valley; the default line-up, whose racers mostly settle sooner, is shown
too. The sweeps are 200 rates x at most 500 steps of plain descent on the foggy hill and the
bowl, marks included. Exit code 1 if any figure is over its budget.

    .venv/bin/python bench/maps_speed.py
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from foghill.api_models.requests import RaceRequest, Which
from foghill.engine import hills
from foghill.engine.race import DEFAULT_RACERS, Racer, race
from foghill.engine.sweep import log_rates, sweep
from foghill.views.maps import _contours
from foghill.views.races import race_view

SURFACES = ("round_bowl", "narrow_valley", "rosenbrock", "himmelblau", "saddle")
SIX = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")

# name -> budget in milliseconds (the issue's)
BUDGETS_MS: dict[str, float] = {
    **{f"contours {name} 200x200 (server time, uncached)": 20.0 for name in SURFACES},
    "race narrow_valley: 6 optimizers x 1000 steps each": 10.0,
    "race narrow_valley: the default line-up, 1000 steps at most": 10.0,
    "/api/race answer: 6 optimizers x 1000 steps each": 40.0,
    "sweep foggy: 200 rates x 500 steps (gd)": 50.0,
    "sweep bowl: 200 rates x 500 steps (gd)": 50.0,
}
# name -> budget in kilobytes
BUDGETS_KB: dict[str, float] = {f"contours {name} 200x200, gzipped JSON": 80.0 for name in SURFACES}


WALL: dict[str, float] = {}


def median_ms(fn: Callable[[], Any], repeats: int, name: str = "") -> float:
    """The median CPU milliseconds of ``fn()`` (the median wall milliseconds go to WALL)."""
    fn()  # warm: imports, caches of minima and regimes
    cpu, wall = [], []
    for _ in range(repeats):
        start, started = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - started)
    WALL[name] = statistics.median(wall) * 1000.0
    return statistics.median(cpu) * 1000.0


def _contour_json(name: str) -> bytes:
    build = _contours.__wrapped__  # type: ignore[attr-defined]  # the uncached work
    return build(Which(name, None, None), 200, 14).model_dump_json().encode()


def measure() -> tuple[dict[str, float], dict[str, float]]:
    ms: dict[str, float] = {}
    kb: dict[str, float] = {}
    for name in SURFACES:
        label = f"contours {name} 200x200 (server time, uncached)"
        ms[label] = median_ms(lambda name=name: _contour_json(name), 9, label)
        kb[f"contours {name} 200x200, gzipped JSON"] = len(gzip.compress(_contour_json(name))) / 1e3
    valley = hills.by_name("narrow_valley")
    crawlers = [Racer(n, 1e-4) for n in SIX]
    assert all(t.n_steps == 1000 for t in race(valley, valley.start, crawlers, 1000))
    label = "race narrow_valley: 6 optimizers x 1000 steps each"
    ms[label] = median_ms(lambda: race(valley, valley.start, crawlers, 1000), 15, label)
    label = "race narrow_valley: the default line-up, 1000 steps at most"
    line_up = DEFAULT_RACERS["narrow_valley"]
    ms[label] = median_ms(lambda: race(valley, valley.start, line_up, 1000), 15, label)
    req = RaceRequest(
        hill="narrow_valley",
        start=list(valley.start),
        max_steps=1000,
        racers=[{"optimizer": n, "learning_rate": 1e-4} for n in SIX],
    )
    label = "/api/race answer: 6 optimizers x 1000 steps each"
    ms[label] = median_ms(lambda: race_view(req).model_dump_json(), 9, label)
    rates = log_rates(1e-3, 2.0, 200)
    for name in ("foggy", "bowl"):
        hill = hills.by_name(name)
        label = f"sweep {name}: 200 rates x 500 steps (gd)"
        ms[label] = median_ms(lambda hill=hill: sweep(hill, 2.0, rates, "gd", 500), 9, label)
    return ms, kb


def main() -> int:
    ms, kb = measure()
    width = max(len(n) for n in (*ms, *kb))
    print(f"{'name':<{width}}  {'CPU time':>10}  {'budget':>10}  verdict  {'wall':>10}")
    over = 0
    for name, value in ms.items():
        budget = BUDGETS_MS[name]
        ok = value <= budget
        over += not ok
        verdict, wall = "ok" if ok else "OVER", WALL[name]
        print(f"{name:<{width}}  {value:>8.2f}ms  {budget:>8.1f}ms  {verdict:<7}  {wall:>8.2f}ms")
    for name, value in kb.items():
        budget = BUDGETS_KB[name]
        ok = value <= budget
        over += not ok
        print(f"{name:<{width}}  {value:>8.1f}KB  {budget:>8.1f}KB  {'ok' if ok else 'OVER'}")
    print(
        f"(load average over the last minute: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
