"""Startup benchmark: how long Foghill takes to start, in fresh processes of the venv's Python.

Measures, against budgets:

  (a) `import foghill` against `import numpy` (its one heavy dependency): the wall time of a
      fresh interpreter that imports the one module and exits, the two (and a bare interpreter,
      for reference) alternating in one run, median of each; budget: foghill <= 2x numpy;
  (b) `foghill serve --no-browser` (the venv's `foghill` script, 127.0.0.1, a free port): from
      starting the process until `GET /` answers 200 with the lesson page, median of several
      starts; budget: 1.0 s. Each server is stopped by its pid (SIGTERM, then wait);
  (c) a notebook user's first `fh.Hill()` (the built-in hill) in a fresh interpreter: whether
      `import foghill` and then `fh.Hill()` import sympy (budget: neither does), with the time
      each takes.

Every process runs as from a pip install, with its compiled bytecode cached (in a temporary
folder: this machine sets PYTHONDONTWRITEBYTECODE and its venv holds no bytecode, so without
the cache each start compiles every module it imports, about 0.7 s of CPU); one start fills the
cache first. `--cold` measures without it.

Prints each figure against its budget and exits 1 if one is over (or could not be measured).

    .venv/bin/python bench/startup.py [--runs 7] [--serve-runs 5] [--cold]
"""

from __future__ import annotations

import argparse
import atexit
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
BIN = VENV_BIN if (VENV_BIN / "python").exists() else Path(sys.executable).parent

HOST = "127.0.0.1"
BUDGET_IMPORT_RATIO = 2.0  # import foghill / import numpy
BUDGET_SERVE_S = 1.0  # foghill serve until GET / answers with the page

IMPORTS = {
    "bare interpreter": "pass",
    "import numpy": "import numpy",
    "import foghill": "import foghill",
}
PAGE_MARK = b"<fh-hill"  # the lesson page, not merely an answer

# What a notebook user's first cell does, timed from inside, with what it imported.
NOTEBOOK = """
import json, sys, time
t0 = time.perf_counter()
import foghill as fh
t1 = time.perf_counter()
after_import = 'sympy' in sys.modules
fh.Hill()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "hill_s": t2 - t1, "after_import": after_import,
                  "after_hill": 'sympy' in sys.modules}))
"""


@dataclass
class Row:
    what: str
    shown: str
    budget: str
    ok: bool


def free_port() -> int:
    """A free port on 127.0.0.1 (as foghill.testing's: this script must not import foghill,
    whose import it measures and which may be broken while it is being changed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no output)"


def run_python(code: str, timeout: float = 60.0) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall time of a fresh interpreter running `code`, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "python"), "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return time.perf_counter() - started, done


def interruptible() -> None:
    """Make SIGTERM (and SIGINT, even where a background shell ignores it) a KeyboardInterrupt,
    so that the finally blocks stop the servers and browser this process started."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process (by its pid), wait; SIGKILL if it lingers. Idempotent."""
    if process.poll() is not None:
        return
    try:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def wait_for_page(
    url: str, process: subprocess.Popen[bytes], timeout: float, mark: bytes = b""
) -> None:
    """Return once GET `url` answers 200 with `mark` in the body; raise if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200 and mark in answer.read():
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def serve_start_s() -> float:
    """Seconds from starting `foghill serve` until GET / answers 200 with the page."""
    port = free_port()
    command = [str(BIN / "foghill"), "serve", "--no-browser", "--host", HOST, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_page(f"http://{HOST}:{port}/", process, timeout=20.0, mark=PAGE_MARK)
            return time.perf_counter() - started
        except RuntimeError as exc:
            log.seek(0)
            raise RuntimeError(f"{exc}: {last_line(log.read().decode(errors='replace'))}") from None
        finally:
            stop_process(process)


def ms(seconds: float) -> str:
    return "n/a" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


def of(values: list[float]) -> str:
    """How many samples, and the slowest (the median is the figure)."""
    slowest = f", slowest {ms(max(values))}" if values else ""
    return f"median of {len(values)}{slowest}"


def measure_imports(runs: int, rows: list[Row], notes: list[str]) -> bool:
    """(a) Fresh interpreters, alternating: bare, numpy, foghill, bare, numpy, foghill, ..."""
    times: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for _ in range(runs):
        for name, code in IMPORTS.items():
            try:
                seconds, done = run_python(code)
            except subprocess.TimeoutExpired:
                notes.append(f"{name}: no exit within 60 s")
                continue
            if done.returncode != 0:
                notes.append(f"{name}: exit {done.returncode}: {last_line(done.stderr)}")
                continue
            times[name].append(seconds)
    for name, values in times.items():
        rows.append(Row(f"python -c '{IMPORTS[name]}', {of(values)}", ms(median(values)), "", True))
    ratio = median(times["import foghill"]) / median(times["import numpy"])
    budget = f"{BUDGET_IMPORT_RATIO:.2f}x"
    ok = ratio <= BUDGET_IMPORT_RATIO
    shown = "n/a" if math.isnan(ratio) else f"{ratio:.2f}x"
    rows.append(Row("import foghill / import numpy", shown, budget, ok))
    return all(times.values())


def measure_notebook(runs: int, rows: list[Row], notes: list[str]) -> bool:
    """(c) A notebook user's first cell: what it imports, and how long it takes."""
    first: list[dict[str, float]] = []
    for _ in range(runs):
        try:
            seconds, done = run_python(NOTEBOOK)
        except subprocess.TimeoutExpired:
            notes.append("fh.Hill(): no exit within 60 s")
            continue
        if done.returncode != 0:
            notes.append(f"fh.Hill(): exit {done.returncode}: {last_line(done.stderr)}")
            continue
        first.append({**json.loads(last_line(done.stdout)), "wall_s": seconds})
    for key, what in (
        ("after_import", "import foghill imports sympy"),
        ("after_hill", "import foghill; fh.Hill() imports sympy"),
    ):
        answers = {bool(f[key]) for f in first}
        shown = "/".join(sorted(str(a) for a in answers)) if answers else "n/a"
        rows.append(Row(what, shown, "False", answers == {False}))
    for key, what in (
        ("import_s", "import foghill, timed inside"),
        ("hill_s", "then the first fh.Hill()"),
        ("wall_s", "the whole cell in a fresh interpreter"),
    ):
        values = [float(f[key]) for f in first]
        rows.append(Row(f"notebook: {what}, {of(values)}", ms(median(values)), "", True))
    return bool(first)


def measure_serve(runs: int, rows: list[Row], notes: list[str]) -> bool:
    """(b) `foghill serve`, one start at a time."""
    starts: list[float] = []
    for _ in range(runs):
        try:
            starts.append(serve_start_s())
        except RuntimeError as exc:
            notes.append(f"foghill serve: {exc}")
    serve = median(starts)
    what = f"foghill serve until GET / answers with the page, {of(starts)}"
    rows.append(Row(what, ms(serve), ms(BUDGET_SERVE_S), serve <= BUDGET_SERVE_S))
    return bool(starts)


def measure(runs: int, serve_runs: int, notebook_runs: int) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes: list[str] = []
    measured = [
        measure_imports(runs, rows, notes),
        # (c) before (b): its answer about sympy belongs next to the import times.
        measure_notebook(notebook_runs, rows, notes),
        measure_serve(serve_runs, rows, notes),
    ]
    if not all(measured):
        rows.append(Row("every figure measured", "no", "yes", False))
    return rows, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per import")
    parser.add_argument("--serve-runs", type=int, default=5, help="server starts")
    parser.add_argument("--notebook-runs", type=int, default=3, help="first fh.Hill() runs")
    parser.add_argument(
        "--cold", action="store_true", help="no bytecode cache (each start compiles every module)"
    )
    args = parser.parse_args()
    interruptible()
    if not args.cold:
        # As foghill.testing.compiled_like_an_install (not imported here): the processes keep
        # their bytecode, as a pip install has it, in a temporary folder; this machine sets
        # PYTHONDONTWRITEBYTECODE and its venv holds none. One start fills the cache.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        cache = tempfile.mkdtemp(prefix="foghill-bytecode-")
        atexit.register(shutil.rmtree, cache, True)
        os.environ["PYTHONPYCACHEPREFIX"] = cache
        serve_start_s()
        run_python(NOTEBOOK)
    rows, notes = measure(max(1, args.runs), max(1, args.serve_runs), max(1, args.notebook_runs))
    width = max(len(r.what) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'budget':>10}  ok")
    for r in rows:
        ok = ("yes" if r.ok else "OVER") if r.budget else ""
        print(f"{r.what:<{width}}  {r.shown:>10}  {r.budget:>10}  {ok}")
    for note in notes:
        print("not measured:", note)
    over = [r.what.split(",")[0] for r in rows if not r.ok]
    print("over budget: " + (", ".join(over) if over else "none"))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
