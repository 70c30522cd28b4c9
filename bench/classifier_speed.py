"""Classifier benchmark (issue 24): a teacher's table of 1,000 rows x 10 columns (made up
for teaching: random numbers, the label set by two of the columns).

Prints each figure against its budget and exits 1 if one is over:

  (a) the first progress: from the table given (checked, split, standardised) to the run's
      first progress event, in this process, the median of repeats; budget 100 ms;
  (b) the default run is watchable: its progress events (pictures), at least 10, and the
      time "watch" spreads them over (the contract's pace), at least 3 s; "fast" (one click,
      the speed control) takes the contract's share of it;
  (c) the default run reaches 90% held-out accuracy on this separable table.

    PYTHONPATH=src .venv/bin/python bench/classifier_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

from foghill.contract import PACE
from foghill.training import Run
from foghill.training.classifier import ClassifierDemo
from foghill.training.requests import ClassifierRequest
from foghill.training.table import read_table

BUDGET_FIRST_MS = 100.0
BUDGET_PICTURES = 10
BUDGET_WATCH_S = 3.0
BUDGET_ACCURACY = 0.90


def table(seed: int) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (1000, 10))  # noqa: N806
    y = ["yes" if a + b > 0 else "no" for a, b in X[:, :2]]
    return X, y


def first_progress_ms(repeats: int = 15) -> float:
    times = []
    for seed in range(repeats + 1):
        X, y = table(seed)  # noqa: N806
        start = time.perf_counter()
        run = Run(ClassifierDemo(read_table(X, y)), ClassifierRequest())
        events = run.events()
        while next(events)["type"] != "progress":
            pass
        times.append(time.perf_counter() - start)
        events.close()
    return statistics.median(times[1:]) * 1000.0


def main() -> int:
    ok = True
    first = first_progress_ms()
    good = first <= BUDGET_FIRST_MS
    ok &= good
    print(
        f"(a) first progress, 1,000 x 10: {first:.1f} ms (budget {BUDGET_FIRST_MS:.0f}) "
        f"{'ok' if good else 'OVER BUDGET'}"
    )
    X, y = table(0)  # noqa: N806
    found = list(Run(ClassifierDemo(read_table(X, y)), ClassifierRequest()).events())
    pictures = sum(e["type"] == "progress" for e in found)
    watch = PACE["run_ms"] / 1000.0
    good = pictures >= BUDGET_PICTURES and watch >= BUDGET_WATCH_S
    ok &= good
    fast = watch * PACE["fast_share"]
    print(
        f"(b) default run: {pictures} pictures over {watch:.1f} s at watch, {fast:.1f} s at "
        f"fast (budget >= {BUDGET_PICTURES} over >= {BUDGET_WATCH_S:.0f} s) "
        f"{'ok' if good else 'OVER BUDGET'}"
    )
    accuracy = [e for e in found if e["type"] == "progress"][-1]["metric"]
    good = accuracy >= BUDGET_ACCURACY
    ok &= good
    print(
        f"(c) held-out accuracy reached: {100 * accuracy:.0f}% (budget >= "
        f"{100 * BUDGET_ACCURACY:.0f}%) {'ok' if good else 'OVER BUDGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
