"""Run every benchmark under bench/ and summarise which met their budgets.

Each script prints its own figures against its budgets and exits non-zero when one is over.
This runner only sequences them (one at a time: the machine has two cores) and reports.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("engine_speed.py", "server_load.py", "page_speed.py")


def main() -> int:
    failed: list[str] = []
    for name in SCRIPTS:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / name)])
        print(f"--- {name}: exit {code} in {time.perf_counter() - started:.1f} s", flush=True)
        if code != 0:
            failed.append(name)
    print("\nover budget: " + (", ".join(failed) if failed else "none"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
