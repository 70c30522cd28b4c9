"""Authoring benchmark: `foghill serve FOLDER` over a folder of 50 lessons (each the starter
lesson `foghill new` writes, with its data file), against budgets:

  (a) start: from starting `foghill serve FOLDER --no-browser` (every lesson checked, then
      rendered) until `GET /` answers with the index and the last lesson answers too, median
      of several starts; budget: 1.0 s, the built-in page's start-up budget. On a busy
      machine the built-in page's own start (`foghill serve`, alternating with the folder's
      in the same run) is printed too, with the ratio of the two, and the CPU seconds each
      server had used by then (where /proc tells it): other processes lengthen the seconds
      waited, much less the seconds worked;
  (b) live reload: with the server running and a page listening on /api/live, from saving a
      lesson until the new version's event arrives, median of several saves; budget: 1.0 s.

Servers run as from a pip install, their compiled bytecode cached (foghill.testing.
compiled_like_an_install; one start of each fills the cache first); `--cold` measures without.

Prints each figure against its budget and exits 1 if one is over.

    .venv/bin/python bench/authoring_speed.py [--lessons 50] [--starts 3] [--saves 7] [--cold]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from foghill.lessons.starter import write_starter
from foghill.testing import HOST, answers_ok, compiled_like_an_install, free_port, wait_until

BUDGET_START_S = 1.0
BUDGET_RELOAD_S = 1.0


def make_folder(folder: Path, count: int) -> list[Path]:
    return [write_starter(folder / f"lesson-{i:02d}.md")[0] for i in range(count)]


def start(folder: Path | None) -> tuple[subprocess.Popen[bytes], str, float, float | None]:
    """A server for `folder` (None: the built-in lesson), the seconds until its index and
    last lesson answered, and the CPU seconds it had used by then (None: not known here)."""
    port = free_port()
    url = f"http://{HOST}:{port}"
    where = [] if folder is None else [str(folder)]
    command = [sys.executable, "-m", "foghill.cli", "serve", *where, "--no-browser"]
    began = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    RUNNING.append(process)
    last = "" if folder is None else sorted(folder.glob("*.md"))[-1].stem
    wait_until(
        lambda: answers_ok(f"{url}/") and answers_ok(f"{url}/{last}"),
        60,
        lambda: "the server never answered",
        every=0.01,
    )
    waited = time.perf_counter() - began
    return process, url, waited, cpu_seconds(process.pid)


def cpu_seconds(pid: int) -> float | None:
    """The user and system CPU seconds process `pid` has used (None without /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


RUNNING: list[subprocess.Popen[bytes]] = []  # stopped on SIGTERM too (bench/run_all.py)


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)
    RUNNING.remove(process)


def _stopped(signum: int, frame: object) -> None:
    for process in list(RUNNING):
        stop(process)
    sys.exit(1)


def reload_seconds(url: str, lesson: Path, saves: int) -> list[float]:
    """Seconds from each save of `lesson` to the event with its new version."""
    events: list[tuple[float, str]] = []
    arrived = threading.Condition()

    def listen() -> None:
        with urllib.request.urlopen(f"{url}/api/live", timeout=60) as stream:
            for raw in stream:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    with arrived:
                        events.append((time.perf_counter(), json.loads(line[6:])["version"]))
                        arrived.notify_all()

    threading.Thread(target=listen, daemon=True).start()
    with arrived:
        arrived.wait_for(lambda: events, timeout=10)
    found = []
    text = lesson.read_text()
    for i in range(saves):
        time.sleep(0.3)  # saves a person makes, not one burst
        seen = len(events)
        saved = time.perf_counter()
        lesson.write_text(text.replace("Picture someone", f"Picture person {i}"))
        with arrived:
            if not arrived.wait_for(lambda n=seen: len(events) > n, timeout=10):
                raise TimeoutError("no event after a save")
        found.append(events[-1][0] - saved)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=50)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument(
        "--cold", action="store_true", help="no bytecode cache (each start compiles every module)"
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stopped)
    if not args.cold:
        compiled_like_an_install()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        lessons = make_folder(folder, args.lessons)
        if not args.cold:  # one start of each fills the bytecode cache
            for where in (None, folder):
                stop(start(where)[0])
        starts: list[float] = []
        built_in: list[float] = []
        worked: dict[Path | None, list[float | None]] = {None: [], folder: []}
        for _ in range(args.starts):
            for where, into in ((None, built_in), (folder, starts)):
                process, _url, seconds, cpu = start(where)
                into.append(seconds)
                worked[where].append(cpu)
                stop(process)
        process, url, _, _ = start(folder)
        try:
            reloads = reload_seconds(url, lessons[0], args.saves)
        finally:
            stop(process)
    rows = [
        (f"start, {args.lessons} lessons (median of {args.starts})", statistics.median(starts),
         BUDGET_START_S),
        (f"save to page event (median of {args.saves})", statistics.median(reloads),
         BUDGET_RELOAD_S),
    ]  # fmt: skip
    print(
        f"(the built-in lesson started in {statistics.median(built_in):.3f} s in the same run: "
        f"the folder took {statistics.median(starts) / statistics.median(built_in):.2f} times "
        "as long)"
    )
    built_in_cpu, folder_cpu = ([c for c in worked[w] if c is not None] for w in worked)
    if built_in_cpu and folder_cpu:
        print(
            f"(CPU seconds the server had used when it answered, median: the built-in lesson "
            f"{statistics.median(built_in_cpu):.3f} s, the folder "
            f"{statistics.median(folder_cpu):.3f} s: "
            f"{statistics.median(folder_cpu) / statistics.median(built_in_cpu):.2f} times as much)"
        )
    ok = True
    for what, seconds, budget in rows:
        verdict = "ok" if seconds <= budget else "OVER"
        ok = ok and seconds <= budget
        print(f"{what:<45} {seconds:6.3f} s   budget {budget:.1f} s   {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
