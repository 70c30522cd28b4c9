"""Training benchmark (issue 9): minibatch steps, default runs, and twenty readers at once.

Prints each figure against its budget and exits 1 if one is over:

  (a) digits: one epoch of minibatch steps over the training split (batch 32: 43 steps of
      the softmax on 1,347 images), the median of repeats in this process: the server's
      own compute time for those steps;
  (b) each demo's default run streamed by a real server (``foghill serve``, one worker, on
      127.0.0.1): wall time from the POST to the end event, and for the digits, the held-out
      accuracy reached (>= 90%);
  (c) twenty readers pressing Play at once on that one worker: every run completes, and the
      p99 time from a POST to its first progress event; meanwhile light requests
      (``GET /healthz``) keep being answered (p99 latency).

Everything is bounded in time (client timeouts, a cap on the whole load) and stays on the
loopback interface; the server is stopped before the script exits.

    .venv/bin/python bench/training_speed.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from typing import Any

import httpx
import numpy as np

from foghill.engine import optimizers
from foghill.engine.models.minibatch import Walk
from foghill.testing import FoghillServer, read_run
from foghill.training import DEMOS
from foghill.training.requests import DigitsRequest
from foghill.training.stream import one_blas_thread

BUDGET_EPOCH_MS = 5.0
BUDGET_DEFAULT_RUN_S = 2.0
BUDGET_DIGITS_ACCURACY = 0.90
BUDGET_FIRST_PROGRESS_P99_MS = 300.0
BUDGET_LIGHT_P99_MS = 100.0
READERS = 20
LOAD_TIMEOUT_S = 120.0


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def epoch_ms(repeats: int = 30) -> float:
    """Median time of one epoch of digits minibatch steps (batch 32), in this process."""
    one_blas_thread()  # as the server's runs do
    demo = DEMOS["digits"]
    request = DigitsRequest()
    model = demo.model(request)
    steps = int(np.ceil(model.n_train / request.batch_size))
    times = []
    for seed in range(repeats + 1):
        walk = Walk(model, optimizers.gd(request.learning_rate), request.batch_size, seed)
        start = time.perf_counter()
        walk.advance(steps)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:]) * 1000.0


async def default_runs(url: str) -> dict[str, tuple[float, list[dict[str, Any]]]]:
    out = {}
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        await read_run(client, "spam", {"steps": 5})  # the first run in the process reads data
        for demo in DEMOS:
            _, total, found = await read_run(client, demo, {})
            out[demo] = (total, found)
    return out


async def readers(url: str) -> tuple[list[float], int, list[float]]:
    """READERS runs of the digits default at once, and light requests meanwhile."""
    light: list[float] = []
    limits = httpx.Limits(max_connections=READERS + 5)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        await read_run(client, "digits", {"steps": 5})
        done = asyncio.Event()

        async def poke() -> None:
            while not done.is_set():
                start = time.perf_counter()
                (await client.get("/healthz")).raise_for_status()
                light.append(time.perf_counter() - start)
                await asyncio.sleep(0.02)

        poker = asyncio.create_task(poke())
        runs = [read_run(client, "digits", {"seed": i}) for i in range(READERS)]
        results = await asyncio.wait_for(asyncio.gather(*runs), LOAD_TIMEOUT_S)
        done.set()
        await poker
    firsts = [r[0] for r in results]
    completed = sum(1 for r in results if r[2] and r[2][-1].get("reason") == "done")
    return firsts, completed, light


def p99(values: list[float]) -> float:
    return float(np.percentile(values, 99)) if values else float("nan")


def main() -> int:
    ok = True
    ms = epoch_ms()
    good = ms <= BUDGET_EPOCH_MS
    ok &= good
    print(f"digits: one epoch of batch-32 steps  {ms:7.2f} ms  (budget {BUDGET_EPOCH_MS:g})  "
          f"{verdict(good)}")  # fmt: skip
    with FoghillServer() as server:
        runs = asyncio.run(default_runs(server.url))
        for demo, (seconds, found) in runs.items():
            good = seconds <= BUDGET_DEFAULT_RUN_S and found[-1]["reason"] == "done"
            ok &= good
            last = found[-2]
            metric = f"{last['metric_name']} {last['metric']:.3g}"
            print(
                f"{demo}: default run, {found[-1]['step']} steps, {len(found)} events  "
                f"{seconds:6.2f} s  (budget {BUDGET_DEFAULT_RUN_S:g})  {metric}  {verdict(good)}"
            )
        accuracy = runs["digits"][1][-2]["metric"]
        good = accuracy >= BUDGET_DIGITS_ACCURACY
        ok &= good
        print(f"digits: held-out accuracy after the default run  {accuracy:.3f}  "
              f"(budget >= {BUDGET_DIGITS_ACCURACY:g})  {verdict(good)}")  # fmt: skip
        firsts, completed, light = asyncio.run(readers(server.url))
    good = completed == READERS
    ok &= good
    print(f"{READERS} readers at once, one worker: runs completed  {completed}/{READERS}  "
          f"{verdict(good)}")  # fmt: skip
    first = p99(firsts) * 1000
    good = first <= BUDGET_FIRST_PROGRESS_P99_MS
    ok &= good
    middle = statistics.median(firsts) * 1000
    print(
        f"{READERS} readers at once: p99 time to first progress  {first:7.1f} ms  "
        f"(median {middle:.1f}; budget {BUDGET_FIRST_PROGRESS_P99_MS:g})  {verdict(good)}"
    )
    poke = p99(light) * 1000
    good = poke <= BUDGET_LIGHT_P99_MS
    ok &= good
    print(
        f"{READERS} readers at once: GET /healthz meanwhile, p99  {poke:7.1f} ms over {len(light)} "
        f"requests  (budget {BUDGET_LIGHT_P99_MS:g})  {verdict(good)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
