"""The words-match-runs property (tests/stories/test_words_match_runs.py) at a larger size:
many seeds of walks and races, every sentence checked against its run. Prints the count of
cases checked and the time taken; exits 1 (with the false sentence) if one is untrue.

    PYTHONPATH=src .venv/bin/python bench/words_match.py [--seeds 10] [--walks 2000] [--races 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "stories"))
from test_words_match_runs import run_property


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--walks", type=int, default=2000)
    ap.add_argument("--races", type=int, default=200)
    args = ap.parse_args()
    t0 = time.perf_counter()
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(100, 100 + args.seeds):
            total += run_property(seed, args.walks, args.races, Path(tmp))
    print(f"{total} runs told and checked in {time.perf_counter() - t0:.1f} s: every sentence true")


if __name__ == "__main__":
    main()
