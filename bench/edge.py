"""Edge benchmark (issue 22): the network at the edge of its step size, served for real.

Prints each figure against its budget and exits 1 if one is over:

  (a) the first progress event of the default run: from the POST to its line, the median of
      a few runs one after another (``foghill serve``, one worker, on 127.0.0.1);
  (b) the default run: from the POST to its end; the sharpness measured at least every 10
      steps; and watchable: at least 10 pictures over the contract's pace of "watch";
  (c) the landscape slice (41 x 41, the run replayed first: a seed not asked before), the
      median of three;
  (d) twenty learners pressing Play at once on that one worker: every run completes, and
      the p99 time from a POST to its first progress event.

Everything is bounded in time (client timeouts, a cap on the load) and stays on the loopback
interface; the server is stopped before the script exits.

    PYTHONPATH=src .venv/bin/python bench/edge.py
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
import time
from typing import Any

import httpx
import numpy as np

from foghill.contract import PACE, WIDGETS
from foghill.testing import FoghillServer, read_run

BUDGET_FIRST_MS = 150.0
BUDGET_RUN_S = 3.0
BUDGET_EVERY_STEPS = 10
BUDGET_PICTURES = 10
BUDGET_WATCH_S = 3.0
BUDGET_SLICE_S = 1.5
BUDGET_LEARNERS_P99_MS = 300.0
LEARNERS = 20
LOAD_TIMEOUT_S = 120.0


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


async def measure(url: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        await read_run(client, "edge", {"steps": 20})  # the process imports its parts
        firsts, totals, runs = [], [], []
        for seed in range(5):
            first, total, found = await read_run(client, "edge", {"seed": seed})
            firsts.append(first)
            totals.append(total)
            runs.append(found)
        out["first_ms"] = statistics.median(firsts) * 1000
        out["run_s"] = max(totals)
        out["events"] = runs[0]
        slices = []
        for seed in range(10, 13):
            start = time.perf_counter()
            answer = await client.post(
                "/api/train/edge/ask", json={"what": "slice", "step": 2000, "seed": seed}
            )
            answer.raise_for_status()
            slices.append(time.perf_counter() - start)
        out["slice_s"] = statistics.median(slices)
    limits = httpx.Limits(max_connections=LEARNERS + 5)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        learners = [read_run(client, "edge", {"seed": 100 + i}) for i in range(LEARNERS)]
        results = await asyncio.wait_for(asyncio.gather(*learners), LOAD_TIMEOUT_S)
    out["learner_firsts"] = [r[0] for r in results]
    out["completed"] = sum(1 for r in results if r[2] and r[2][-1].get("reason") == "done")
    return out


def main() -> int:
    ok = True
    with FoghillServer() as server:
        found = asyncio.run(measure(server.url))
    first = found["first_ms"]
    good = first <= BUDGET_FIRST_MS
    ok &= good
    print(f"(a) first progress: {first:.0f} ms (budget {BUDGET_FIRST_MS:.0f}) {verdict(good)}")
    progress = [e for e in found["events"] if e["type"] == "progress"]
    steps = [e["step"] for e in progress]
    gap = max(b - a for a, b in itertools.pairwise(steps))
    measured = all(e.get("sharpness") is not None for e in progress)
    default_steps = WIDGETS["fh-edge"].defaults()["steps"]
    watch = PACE["run_ms"] / 1000.0
    good = (
        found["run_s"] <= BUDGET_RUN_S
        and gap <= BUDGET_EVERY_STEPS
        and measured
        and len(progress) >= BUDGET_PICTURES
        and watch >= BUDGET_WATCH_S
    )
    ok &= good
    print(
        f"(b) default run ({default_steps} steps): done in {found['run_s']:.2f} s at worst of 5 "
        f"(budget {BUDGET_RUN_S:.0f}); sharpness every {gap} steps (budget "
        f"{BUDGET_EVERY_STEPS}); {len(progress)} pictures over {watch:.1f} s at watch (budget "
        f">= {BUDGET_PICTURES} over >= {BUDGET_WATCH_S:.0f} s) {verdict(good)}"
    )
    good = found["slice_s"] <= BUDGET_SLICE_S
    ok &= good
    print(
        f"(c) landscape slice 41 x 41 (replay included): {found['slice_s']:.2f} s "
        f"(budget {BUDGET_SLICE_S}) {verdict(good)}"
    )
    firsts = found["learner_firsts"]
    p99 = float(np.percentile(firsts, 99)) * 1000
    good = p99 <= BUDGET_LEARNERS_P99_MS and found["completed"] == LEARNERS
    ok &= good
    print(
        f"(d) {LEARNERS} learners at once: {found['completed']} completed; first progress p99 "
        f"{p99:.0f} ms, median {statistics.median(firsts) * 1000:.0f} ms (budget "
        f"{BUDGET_LEARNERS_P99_MS:.0f}) {verdict(good)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
