"""Server benchmark: CPU per descent request, and latency under 32 concurrent clients.

Starts `uvicorn foghill.server:app` on 127.0.0.1 (a free port), first with 1 worker and then
with 2, waits for /healthz, and measures:

  (a) server CPU time per POST /api/descend (a 200-step descent on the foggy hill), read
      from /proc/<pid>/stat for the server and its worker processes before and after
      N sequential requests;
  (b) throughput and p50 / p99 latency with 32 concurrent clients for a few seconds
      (bounded in both time and count).

Prints each figure against its budget and exits 1 if one is over. Every server it starts
is stopped before it exits; all traffic goes to 127.0.0.1.

    .venv/bin/python bench/server_load.py [--requests 2000] [--seconds 5] [--clients 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from foghill.testing import FoghillServer

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"

BUDGET_CPU_MS = 1.0  # server CPU per descent request
BUDGET_ROUND_TRIP_MS = 5.0  # one request at a time (catches e.g. a 40 ms Nagle stall)
BUDGET_P99_MS = 80.0  # p99 latency at 32 concurrent clients, loopback, 2 shared cores
MAX_LOAD_REQUESTS = 60_000  # a hard cap on the load phase, whatever the duration

DESCENT = {"hill": "foggy", "start": 2.5, "learning_rate": 0.002, "max_steps": 200}
TICKS = os.sysconf("SC_CLK_TCK")


# ---- CPU time of a process tree from /proc ---------------------------------------------------


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user+system CPU seconds) of one process, None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    # after "pid (comm) ": state ppid ... utime is field 14, stime 15 (1-based, whole line)
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds used so far by `root` and every process below it."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _stat(int(entry))
            if found:
                parents[int(entry)], cpu[int(entry)] = found
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0.0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


# ---- the server ------------------------------------------------------------------------------


def start_server(workers: int) -> FoghillServer:
    """`foghill serve` as a person runs it (with several workers it also keeps TCP_NODELAY on,
    see foghill.cli), waited for until every worker has finished starting."""
    server = FoghillServer(workers=workers)
    try:
        wait_healthy(server)
    except BaseException:  # including Ctrl+C: never leave the server behind
        server.stop()
        raise
    return server


def wait_healthy(server: FoghillServer, timeout: float = 90.0) -> None:
    """Until /healthz answers and every worker has finished starting."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=server.url, timeout=2) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError(f"the server exited with code {server.process.returncode}")
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"the server did not answer /healthz within {timeout:g} s")
    # One worker answering is not all of them: wait until every worker has finished loading
    # the app (imports, the lesson page), i.e. until the whole process tree sits idle.
    while time.monotonic() < deadline:
        before = tree_cpu_seconds(server.process.pid)
        time.sleep(0.5)
        if tree_cpu_seconds(server.process.pid) - before < 0.02:
            return
    raise RuntimeError(f"the server did not settle within {timeout:g} s")


# ---- (a) CPU per request ---------------------------------------------------------------------


def cpu_per_request(server: FoghillServer, n: int) -> tuple[float, float]:
    """(server CPU ms, wall-clock ms) per request, one request at a time on one connection."""
    body = json.dumps(DESCENT).encode()
    headers = {"content-type": "application/json"}
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for _ in range(50):  # warm up: caches, first imports, connection
            client.post("/api/descend", content=body, headers=headers).raise_for_status()
        before = tree_cpu_seconds(server.process.pid)
        t0 = time.perf_counter()
        for _ in range(n):
            response = client.post("/api/descend", content=body, headers=headers)
            response.raise_for_status()
        wall = time.perf_counter() - t0
        after = tree_cpu_seconds(server.process.pid)
    steps = len(response.json()["position"]) - 1
    if steps != DESCENT["max_steps"]:
        print(f"  (note: the descent took {steps} steps, not {DESCENT['max_steps']})")
    return (after - before) / n * 1000, wall / n * 1000


# ---- (b) concurrency -------------------------------------------------------------------------


@dataclass
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def _raw_request(body: bytes) -> bytes:
    head = (
        f"POST /api/descend HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    """One request on a kept-alive connection; the response status."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def _load(port: int, clients: int, seconds: float) -> Load:
    """`clients` kept-alive connections, each sending its next request as soon as the last
    one is answered. A plain asyncio client: httpx's own CPU cost would swamp the figures
    when client and server share two cores."""
    request = _raw_request(json.dumps(DESCENT).encode())
    latencies: list[float] = []
    errors = 0
    connections = [await asyncio.open_connection(HOST, port) for _ in range(clients)]
    for reader, writer in connections:  # warm each connection before the clock starts
        await _exchange(reader, writer, request)
    start = time.perf_counter()
    deadline = start + seconds

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal errors
        while time.perf_counter() < deadline and len(latencies) < MAX_LOAD_REQUESTS:
            t0 = time.perf_counter()
            status = await _exchange(reader, writer, request)
            latencies.append(time.perf_counter() - t0)
            errors += status != 200

    try:
        await asyncio.gather(*(client(r, w) for r, w in connections))
    finally:
        elapsed = time.perf_counter() - start
        for _, writer in connections:
            writer.close()
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return Load(len(ordered), elapsed, statistics.median(ordered) * 1000, p99 * 1000, errors)


def load(server: FoghillServer, clients: int, seconds: float) -> Load:
    return asyncio.run(_load(server.port, clients, seconds))


# ---- report ----------------------------------------------------------------------------------


def verdict(value: float, budget: float) -> str:
    return "ok  " if value <= budget else "OVER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="sequential requests (2000)")
    parser.add_argument("--seconds", type=float, default=5.0, help="load phase length (5)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (32)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="(1 2)")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 20_000 or not 0 < args.seconds <= 30:
        parser.error("--requests must be 1..20000 and --seconds in (0, 30]")

    print(f"Foghill server benchmark ({os.cpu_count()} cores; 200-step descent on the foggy hill)")
    over = False
    for workers in args.workers:
        server = start_server(workers)
        try:
            cpu_ms, trip_ms = cpu_per_request(server, args.requests)
            result = load(server, args.clients, args.seconds)
        finally:
            server.stop()
        print(f"\n{workers} worker{'s' if workers > 1 else ''}:")
        print(
            f"  {verdict(cpu_ms, BUDGET_CPU_MS)} server CPU per /api/descend  {cpu_ms:7.3f} ms"
            f"   (budget < {BUDGET_CPU_MS:g} ms; {args.requests} sequential requests)"
        )
        print(
            f"  {verdict(trip_ms, BUDGET_ROUND_TRIP_MS)} round trip, one at a time "
            f" {trip_ms:7.3f} ms"
            f"   (budget < {BUDGET_ROUND_TRIP_MS:g} ms; client and server together)"
        )
        print(
            f"  {verdict(result.p99_ms, BUDGET_P99_MS)} p99 latency, {args.clients} clients "
            f"   {result.p99_ms:7.2f} ms   (budget < {BUDGET_P99_MS:g} ms; "
            f"p50 {result.p50_ms:.2f} ms)"
        )
        print(
            f"       throughput                 {result.per_second:7.0f} req/s "
            f"({result.requests} requests in {result.seconds:.1f} s, {result.errors} errors)"
        )
        over |= cpu_ms > BUDGET_CPU_MS or trip_ms > BUDGET_ROUND_TRIP_MS
        over |= result.p99_ms > BUDGET_P99_MS or result.errors > 0
    print("\nover budget" if over else "\nall within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
