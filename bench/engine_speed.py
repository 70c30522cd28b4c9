"""Engine benchmark: how long descents, line fits and formula compiles take.

Each figure is the median over repeats, timed with time.perf_counter, printed against a
budget set from measurement on the project's 2-core machine (with room for a busy
neighbour). ``import foghill`` is judged as a ratio to ``import numpy`` timed in the same
run, so a busy machine slows both alike. Exit code 1 if any figure is over its budget.

    .venv/bin/python bench/engine_speed.py
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import foghill as fh
from foghill.engine.linefit import Dots, fit

# name -> budget in milliseconds
# (measured medians on the 2-core machine in brackets; budgets leave ~3x for a busy neighbour)
BUDGETS_MS: dict[str, float] = {
    "descent 1-D foggy, 1000 steps (gd)": 1.5,  # [0.52]
    "descent 1-D foggy, 1000 steps (adam)": 3.0,  # [1.09]
    "descent 1-D formula, 1000 steps (gd)": 1.5,  # [0.36]
    "descent 2-D rosenbrock, 1000 steps (gd)": 5.0,  # [1.71]
    "descent 2-D rosenbrock, 1000 steps (adam)": 15.0,  # [5.70]
    "linefit 20 dots: setup + 300 steps": 2.0,  # [0.56]
    "linefit 100000 dots: setup": 5.0,  # [1.20]
    "linefit 100000 dots: 300 steps": 2.0,  # [0.53]
    "formula compile 1-D": 15.0,  # [4.2]
    "formula compile 2-D": 40.0,  # [11.9]
    "formula refusals: 9 hostile texts in a row": 5.0,  # [1.27]
    "regimes classify (foggy, 200 steps)": 1.0,  # [0.12]
    "first formula in a fresh process (imports sympy)": 5000.0,  # [1750]
}

# name -> budget as a ratio of two figures measured in this run
RATIO_BUDGETS: dict[str, float] = {
    "import foghill / import numpy (fresh processes)": 2.0,  # [1.2]
}

FIRST_FORMULA = """
import time
import foghill as fh
start = time.perf_counter()
fh.landscape("0.1*x^4 - x^2 + sin(3*x)/2")
print(time.perf_counter() - start)
"""

HOSTILE = [
    "9**9**9",
    "x**10**10",
    "(" * 100_000,
    "(" * 25 + "x" + ")" * 25,
    "x.__class__",
    "__import__('os')",
    "exp(exp(exp(10)))",
    "sqrt(-1 - x^2)",
    "*".join(f"(x+{i})" for i in range(1, 14)),
]


def median_ms(fn: Callable[[], Any], repeats: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def expect_steps(n: int, fn: Callable[[], fh.Trajectory]) -> Callable[[], fh.Trajectory]:
    """Check once that the timed run really takes ``n`` steps (no early settling)."""
    t = fn()
    if t.n_steps != n:
        raise SystemExit(f"benchmark setup: expected {n} steps, got {t.n_steps} ({t.outcome})")
    return fn


def fresh_process_ms(code: str, repeats: int) -> float:
    """Median wall time of ``python -c code`` in a new interpreter."""
    return median_ms(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeats)


def first_formula_ms() -> float:
    """How long the first formula of a process takes (sympy's import included)."""
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FORMULA], check=True, capture_output=True, text=True
    )
    return float(out.stdout) * 1000.0


def all_refused() -> None:
    for text in HOSTILE:
        try:
            fh.landscape(text)
        except fh.FormulaError:
            continue
        raise SystemExit(f"benchmark setup: {text[:20]!r} was accepted")


def measure() -> dict[str, float]:
    foggy = fh.hills.FOGGY
    quartic = fh.landscape("0.1*x^4 - x^2")
    rosen = fh.hills.ROSENBROCK
    rng = np.random.default_rng(0)
    x20 = rng.uniform(0, 5, 20)
    y20 = 1.9 * x20 + 0.4 + rng.normal(0, 0.5, 20)
    x_big = rng.uniform(0, 10, 100_000)
    y_big = 1.9 * x_big + 0.4 + rng.normal(0, 1.0, 100_000)
    dots_big = Dots(x_big, y_big)

    def refusals() -> None:
        for text in HOSTILE:
            with contextlib.suppress(fh.FormulaError):
                fh.landscape(text)

    cases: dict[str, tuple[Callable[[], Any], int]] = {
        "descent 1-D foggy, 1000 steps (gd)": (
            expect_steps(1000, lambda: fh.descend(foggy, 2.5, learning_rate=0.001)),
            200,
        ),
        "descent 1-D foggy, 1000 steps (adam)": (
            expect_steps(
                1000, lambda: fh.descend(foggy, 2.5, optimizer=fh.optimizers.adam(0.0001))
            ),
            100,
        ),
        "descent 1-D formula, 1000 steps (gd)": (
            expect_steps(1000, lambda: fh.descend(quartic, 1.0, learning_rate=0.0005)),
            200,
        ),
        "descent 2-D rosenbrock, 1000 steps (gd)": (
            expect_steps(1000, lambda: fh.descend(rosen, (-1.5, 2.0), learning_rate=1e-4)),
            30,
        ),
        "descent 2-D rosenbrock, 1000 steps (adam)": (
            expect_steps(
                1000,
                lambda: fh.descend(rosen, (-1.5, 2.0), optimizer=fh.optimizers.adam(1e-3)),
            ),
            20,
        ),
        "linefit 20 dots: setup + 300 steps": (
            expect_steps(300, lambda: fit(Dots(x20, y20), learning_rate=0.001, max_steps=300)),
            100,
        ),
        "linefit 100000 dots: setup": (lambda: Dots(x_big, y_big), 20),
        "linefit 100000 dots: 300 steps": (
            expect_steps(300, lambda: fit(dots_big, learning_rate=0.001, max_steps=300)),
            50,
        ),
        "formula compile 1-D": (lambda: fh.landscape("0.1*x^4 - x^2 + sin(3*x)/2"), 20),
        "formula compile 2-D": (lambda: fh.landscape("(1 - x)^2 + 10*(y - x^2)^2"), 5),
        "formula refusals: 9 hostile texts in a row": (refusals, 20),
        "regimes classify (foggy, 200 steps)": (
            lambda: fh.regimes.classify(foggy, -1.0, 0.01, 200),
            100,
        ),
    }
    all_refused()
    results = {name: median_ms(fn, repeats) for name, (fn, repeats) in cases.items()}
    results["first formula in a fresh process (imports sympy)"] = statistics.median(
        first_formula_ms() for _ in range(3)
    )
    return results


def measure_imports() -> tuple[float, float]:
    """Median ms of ``import numpy`` and of ``import foghill``, each in fresh processes."""
    return fresh_process_ms("import numpy", 7), fresh_process_ms("import foghill", 7)


def main() -> int:
    results = measure()
    numpy_ms, foghill_ms = measure_imports()
    ratios = {"import foghill / import numpy (fresh processes)": foghill_ms / numpy_ms}
    width = max(len(name) for name in [*results, *ratios])
    over = 0
    print(f"{'name':<{width}}  {'measured':>10}  {'budget':>10}  verdict")
    for name, ms in results.items():
        budget = BUDGETS_MS[name]
        ok = ms <= budget
        over += not ok
        print(f"{name:<{width}}  {ms:>8.3f}ms  {budget:>8.1f}ms  {'ok' if ok else 'OVER'}")
    for name, ratio in ratios.items():
        budget = RATIO_BUDGETS[name]
        ok = ratio <= budget
        over += not ok
        print(f"{name:<{width}}  {ratio:>9.2f}x  {budget:>9.1f}x  {'ok' if ok else 'OVER'}")
    print(f"(import numpy {numpy_ms:.0f} ms, import foghill {foghill_ms:.0f} ms)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
