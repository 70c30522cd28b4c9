"""Fair formula building on a real server: new simple formulas stay quick under attack.

Issue 11: while 20 clients kept sending formulas that take long to differentiate, a trivial
new formula from someone else waited behind them and was refused. Here 20 attackers send
slow formulas (each new, so never cached) for the whole run, while one stream sends new
simple formulas and another descends on built-in hills; every simple formula must be built
and answered within 100 ms at the 99th percentile, and none refused.

The run is ATTACK_SECONDS long (10 s; FOGHILL_ATTACK_SECONDS=30 for the issue's measure).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from foghill.testing import FoghillServer, run_async

ATTACKERS = 20
ATTACK_SECONDS = float(os.environ.get("FOGHILL_ATTACK_SECONDS", "10"))
HONEST_EVERY = 0.05  # a new simple formula every 50 ms
BUILT_IN_EVERY = 0.02
BUILT_IN = {"hill": "foggy", "start": 2.5}
P99_BUDGET_MS = 100.0


@pytest.fixture(scope="module")
def server() -> Iterator[FoghillServer]:
    with FoghillServer() as running:
        yield running


@dataclass
class Figures:
    honest_ms: list[float] = field(default_factory=list)
    honest: Counter[int] = field(default_factory=Counter)
    built_in_ms: list[float] = field(default_factory=list)
    built_in: Counter[int] = field(default_factory=Counter)
    attacks: Counter[int] = field(default_factory=Counter)

    @staticmethod
    def p99(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


_numbers = itertools.count(1)

# About 0.4 s of CPU to build (a 2-D product of nested functions), under the 2 s budget.
SLOW = (
    "tanh(tanh(cos(exp({k}*x+x*y))))*sqrt(1+(exp(tanh(log(2+(x+y)^2))))^2)"
    "*log(2+(exp(tan(exp(x+y))+cos(exp(x+y)+tan(x*y))))^2)*cos(tan(2*x))"
)


# Not simple-looking (more than three functions): built in the full lane, which it starts.
WARM_FULL_LANE = "x^2/10 + sin(x)/50 + cos(x)/50 + sin(2*x)/90 + cos(2*x)/90"


def slow_formula() -> str:
    return SLOW.format(k=f"2.{next(_numbers):05d}{time.time_ns() % 10**6:06d}")


def honest_formula() -> str:
    return f"0.1*x^4 - x^2 + 0.{next(_numbers):05d}{time.time_ns() % 10**6:06d}*x"


async def _run(url: str, seconds: float) -> Figures:
    figures = Figures()
    limits = httpx.Limits(max_connections=ATTACKERS + 4, max_keepalive_connections=ATTACKERS + 4)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        # The first formulas start the builders of both lanes (sympy's import, seconds):
        # not part of the measure.
        for formula in (honest_formula(), WARM_FULL_LANE):
            warm = await client.post("/api/descend", json={"formula": formula, "start": 1})
            assert warm.status_code == 200, warm.text
        deadline = time.monotonic() + seconds

        async def attacker() -> None:
            while time.monotonic() < deadline:
                body = {"formula": slow_formula(), "start": [1.0, 1.0], "learning_rate": 0.01}
                answer = await client.post("/api/descend", json=body)
                figures.attacks[answer.status_code] += 1

        async def stream(
            body: dict[str, object] | None, every: float, ms: list[float], codes: Counter[int]
        ) -> None:
            await asyncio.sleep(1.0)  # the attack is under way
            while time.monotonic() < deadline:
                sent = body or {"formula": honest_formula(), "start": 1.5}
                started = time.perf_counter()
                answer = await client.post("/api/descend", json=sent)
                ms.append((time.perf_counter() - started) * 1000)
                codes[answer.status_code] += 1
                await asyncio.sleep(every)

        attackers = [asyncio.create_task(attacker()) for _ in range(ATTACKERS)]
        await asyncio.gather(
            stream(None, HONEST_EVERY, figures.honest_ms, figures.honest),
            stream(BUILT_IN, BUILT_IN_EVERY, figures.built_in_ms, figures.built_in),
        )
        for task in attackers:  # their formulas may wait long: the measure is over
            task.cancel()
        await asyncio.gather(*attackers, return_exceptions=True)
    return figures


@pytest.mark.alone
def test_new_simple_formulas_are_quick_while_twenty_clients_send_slow_ones(
    server: FoghillServer,
) -> None:
    figures = run_async(lambda: _run(server.url, ATTACK_SECONDS))
    p99 = Figures.p99(figures.honest_ms)
    print(
        f"\nhonest new formulas: {sum(figures.honest.values())}, statuses {dict(figures.honest)}, "
        f"p99 {p99:.1f} ms, max {max(figures.honest_ms):.1f} ms"
        f"\nbuilt-in descents: {sum(figures.built_in.values())}, statuses "
        f"{dict(figures.built_in)}, p99 {Figures.p99(figures.built_in_ms):.1f} ms"
        f"\nattackers' answers: {dict(figures.attacks)}"
    )
    assert set(figures.honest) == {200}, figures.honest  # never refused, never busy
    assert set(figures.built_in) == {200}, figures.built_in
    assert len(figures.honest_ms) >= ATTACK_SECONDS * 5
    assert p99 < P99_BUDGET_MS
