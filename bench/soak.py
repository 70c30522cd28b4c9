"""Soak benchmark: minutes of mixed load on `foghill serve`, memory flat after warm-up.

Starts `foghill serve` (one worker) on a free 127.0.0.1 port and drives it for --minutes
(10) with a mix of what the page asks for: descents on built-in hills from random starts
and step sizes, landscapes, line fits through random dots, the lesson page and the hill
list, and a steady stream of new formulas (each one new, so the formula cache keeps turning
over and the builder processes keep building). Every few seconds it reads the resident
memory of the server and of its builder processes from /proc.

Prints, against budgets:
  - memory growth after warm-up: the mean resident memory of the whole process tree over the
    last minute against the minute right after warm-up (the first --warm-up fraction of the
    run, 30 %: long enough for every cache to fill) (budget < 5 %);
  - requests that failed (budget 0) and throughput;
  - p99 latency of a built-in descent and of a new formula.

Bounded in time and count; every process it starts is stopped before it exits.

    .venv/bin/python bench/soak.py [--minutes 10] [--clients 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from foghill.engine import hills
from foghill.testing import FoghillServer

BUDGET_GROWTH = 5.0  # per cent, last minute against the first minute after warm-up
BUDGET_FAILED = 0
BUDGET_DESCENT_P99_MS = 100.0
BUDGET_FORMULA_P99_MS = 250.0
MAX_REQUESTS = 2_000_000
SAMPLE_EVERY = 5.0
FORMULAS_PER_SECOND = 2.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# ---- memory of a process tree, from /proc ----------------------------------------------------


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(text[text.rindex(")") + 2 :].split()[1])
        found.setdefault(parent, []).append(int(entry))
    return found


def tree_rss(root: int) -> tuple[int, int]:
    """(bytes resident in `root` itself, bytes resident in everything below it)."""
    children = _children()
    own, below, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
        except OSError:
            rss = 0
        if pid == root:
            own = rss
        else:
            below += rss
        todo.extend(children.get(pid, []))
    return own, below


# ---- the load ----------------------------------------------------------------------------------

ONE_D = [n for n in hills.NAMES if hills.by_name(n).dims == 1]
TWO_D = [n for n in hills.NAMES if hills.by_name(n).dims == 2]
OPTIMIZERS = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]


def descent(rng: random.Random) -> tuple[str, str, dict[str, object]]:
    if rng.random() < 0.7:
        name = rng.choice(ONE_D)
        (lo, hi) = hills.by_name(name).domain[0]
        start: object = round(rng.uniform(lo, hi), 3)
    else:
        name = rng.choice(TWO_D)
        (xlo, xhi), (ylo, yhi) = hills.by_name(name).domain
        start = [round(rng.uniform(xlo, xhi), 3), round(rng.uniform(ylo, yhi), 3)]
    body = {
        "hill": name,
        "start": start,
        "learning_rate": round(10 ** rng.uniform(-3, 0), 4),
        "optimizer": rng.choice(OPTIMIZERS),
        "max_steps": rng.choice([50, 200, 500]),
    }
    return "POST", "/api/descend", body


def other(rng: random.Random) -> tuple[str, str, dict[str, object] | None]:
    roll = rng.random()
    if roll < 0.35:
        name = rng.choice(ONE_D)
        (lo, hi) = hills.by_name(name).domain[0]
        body = {"hill": name, "samples": rng.choice([121, 241]), "start": rng.uniform(lo, hi)}
        return "POST", "/api/landscape", body
    if roll < 0.7:
        n = rng.randint(5, 60)
        xs = [round(rng.uniform(-3, 3), 3) for _ in range(n)]
        ys = [round(0.8 * x + rng.gauss(0, 0.5), 3) for x in xs]
        return "POST", "/api/linefit", {"x": xs, "y": ys, "learning_rate": 0.05}
    if roll < 0.85:
        return "GET", "/api/hills", None
    return "GET", "/", None


@dataclass
class Figures:
    started: float = field(default_factory=time.monotonic)
    answered: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    descent_ms: list[float] = field(default_factory=list)
    formula_ms: list[float] = field(default_factory=list)
    memory: list[tuple[float, int, int]] = field(default_factory=list)  # (t, server, builders)

    @property
    def total(self) -> int:
        return sum(self.answered.values()) + sum(self.failed.values())


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0


async def soak(server: FoghillServer, seconds: float, clients: int) -> Figures:
    figures = Figures()
    deadline = figures.started + seconds
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as client:

        async def send(method: str, path: str, body: object, kind: str) -> float | None:
            t0 = time.perf_counter()
            try:
                answer = await client.request(method, path, json=body)
            except httpx.HTTPError as error:
                figures.failed[f"{kind}: {type(error).__name__}"] += 1
                return None
            if answer.status_code != 200:
                figures.failed[f"{kind}: {answer.status_code}"] += 1
                return None
            figures.answered[kind] += 1
            return (time.perf_counter() - t0) * 1000

        async def mixed(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline and figures.total < MAX_REQUESTS:
                if rng.random() < 0.5:
                    ms = await send(*descent(rng), "descent")
                    if ms is not None:
                        figures.descent_ms.append(ms)
                else:
                    method, path, body = other(rng)
                    await send(method, path, body, path)
                await asyncio.sleep(0.005)

        async def formulas() -> None:
            rng = random.Random(7)
            n = 0
            while time.monotonic() < deadline:
                n += 1
                a, b = rng.uniform(0.05, 0.3), rng.uniform(-2, 2)
                text = f"{a:.5f}*x^4 - x^2 + {b:.5f}*x + {n / 1e6:.6f}"
                ms = await send("POST", "/api/descend", {"formula": text, "start": 1.5}, "formula")
                if ms is not None:
                    figures.formula_ms.append(ms)
                await asyncio.sleep(1 / FORMULAS_PER_SECOND)

        async def memory() -> None:
            while time.monotonic() < deadline:
                own, below = tree_rss(server.pid)
                figures.memory.append((time.monotonic() - figures.started, own, below))
                await asyncio.sleep(SAMPLE_EVERY)

        await asyncio.gather(memory(), formulas(), *(mixed(i) for i in range(clients)))
    return figures


def window(samples: list[tuple[float, int, int]], start: float, end: float) -> tuple[float, ...]:
    chosen = [(own, below) for t, own, below in samples if start <= t < end]
    if not chosen:
        return (0.0, 0.0, 0.0)
    own = statistics.mean(c[0] for c in chosen)
    below = statistics.mean(c[1] for c in chosen)
    return own, below, own + below


def verdict(value: float, budget: float) -> str:
    return "ok  " if value <= budget else "OVER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the run (10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--warm-up", type=float, default=0.3, help="fraction of the run (0.3)")
    args = parser.parse_args(argv)
    if not 0.5 <= args.minutes <= 60 or not 1 <= args.clients <= 64:
        parser.error("--minutes must be 0.5..60 and --clients 1..64")
    seconds = args.minutes * 60
    print(
        f"Foghill soak: {args.minutes:g} min, {args.clients} clients and {FORMULAS_PER_SECOND:g} "
        f"new formulas/s on {os.cpu_count()} cores"
    )
    with FoghillServer() as server:
        # The builders of both lanes start first (sympy's import): not part of the measure.
        for text in ("x^2 + 0.5*x", "x^2/10 + sin(x)/50 + cos(x)/50 + sin(2*x)/90 + cos(2*x)/90"):
            httpx.post(f"{server.url}/api/descend", json={"formula": text, "start": 1}, timeout=60)
        figures = asyncio.run(soak(server, seconds, args.clients))
    warm = seconds * args.warm_up
    first = window(figures.memory, warm, warm + 60)
    last = window(figures.memory, seconds - 60, seconds)
    growth = (last[2] - first[2]) / first[2] * 100 if first[2] else float("inf")
    mb = 1024 * 1024
    failed = sum(figures.failed.values())
    elapsed = time.monotonic() - figures.started
    print(
        f"\n  {verdict(growth, BUDGET_GROWTH)} memory growth after warm-up  {growth:+6.2f} %"
        f"   (budget < {BUDGET_GROWTH:g} %; whole tree {first[2] / mb:.0f} MB -> "
        f"{last[2] / mb:.0f} MB: server {first[0] / mb:.0f} -> {last[0] / mb:.0f} MB, "
        f"builders {first[1] / mb:.0f} -> {last[1] / mb:.0f} MB)"
    )
    print(
        f"  {verdict(failed, BUDGET_FAILED)} failed requests               {failed:6d}"
        f"     (budget {BUDGET_FAILED}; {dict(figures.failed) or 'none'})"
    )
    descent_p99, formula_p99 = p99(figures.descent_ms), p99(figures.formula_ms)
    print(
        f"  {verdict(descent_p99, BUDGET_DESCENT_P99_MS)} p99 built-in descent     "
        f"   {descent_p99:7.1f} ms  (budget < {BUDGET_DESCENT_P99_MS:g} ms)"
    )
    print(
        f"  {verdict(formula_p99, BUDGET_FORMULA_P99_MS)} p99 new formula          "
        f"   {formula_p99:7.1f} ms  (budget < {BUDGET_FORMULA_P99_MS:g} ms; "
        f"{figures.answered['formula']} built)"
    )
    print(
        f"       throughput                   {figures.total / elapsed:7.0f} req/s "
        f"({figures.total} requests in {elapsed:.0f} s)"
    )
    print(
        "       memory by minute (MB, whole tree): "
        + ", ".join(
            f"{window(figures.memory, m * 60, (m + 1) * 60)[2] / mb:.0f}"
            for m in range(int(args.minutes))
        )
    )
    over = growth > BUDGET_GROWTH or failed > BUDGET_FAILED
    over |= descent_p99 > BUDGET_DESCENT_P99_MS or formula_p99 > BUDGET_FORMULA_P99_MS
    print("\nover budget" if over else "\nall within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
