"""Run every benchmark under bench/ and summarise which met their budgets.

Each script prints its own figures against its budgets and exits non-zero when one is over.
This runner only sequences them (one at a time: the machine has two cores) and reports. A
script still running after LIMIT_S is sent SIGTERM (on which page_speed.py, startup.py and
authoring_speed.py stop their servers and browser), then killed if it does not end, and
counts as over budget.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "engine_speed.py",
    "maps_speed.py",
    "training_speed.py",
    "classifier_speed.py",
    "edge.py",
    "server_load.py",
    "startup.py",
    "page_speed.py",
    "race_frames.py",
    "training_frames.py",
    "authoring_speed.py",
)
LIMIT_S = 600.0


def run(name: str) -> int:
    process = subprocess.Popen([sys.executable, str(HERE / name)])
    try:
        return process.wait(timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        print(f"--- {name}: still running after {LIMIT_S:g} s, interrupted", flush=True)
        return 124
    finally:  # also on Ctrl+C here
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # page_speed and startup stop what they started
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def main() -> int:
    failed: list[str] = []
    for name in SCRIPTS:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        code = run(name)
        print(f"--- {name}: exit {code} in {time.perf_counter() - started:.1f} s", flush=True)
        if code != 0:
            failed.append(name)
    print("\nover budget: " + (", ".join(failed) if failed else "none"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
