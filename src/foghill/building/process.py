"""One builder process: a child that imports sympy once and builds landscapes on request.

The child's side (:func:`serve`) builds one formula at a time within a CPU-time budget: an
alarm (``setitimer(ITIMER_PROF)``) stops a build that used it up, and an rlimit kills the
process where the alarm cannot reach. The parent's side (:class:`Builder`) starts the child,
sends it formulas and reads its replies.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from foghill.building.pickling import dumps

if TYPE_CHECKING:
    from foghill.api_models.requests import Which

__all__ = ["Builder", "BuilderDiedError", "serve"]

START_SECONDS = 60.0  # how long a new builder may take to import sympy and say it is ready
RETIRE_AFTER_BUILDS = 2000  # a builder is replaced after this many builds ...
RETIRE_AFTER_RSS = 512 * 1024 * 1024  # ... or once it holds this much memory
MEMORY_HEADROOM = 1024 * 1024 * 1024  # address space a build may add: a memory bomb fails
CPU_BACKSTOP_SECONDS = 3  # the rlimit kills a builder this long after a missed alarm


class _OverBudget(BaseException):  # not an Exception: no `except Exception` in sympy eats it
    """Raised in a builder by the CPU-time alarm."""


def _alarm(signum: int, frame: Any) -> None:
    raise _OverBudget


def _statm(field: int) -> int:
    """A field of /proc/self/statm in bytes (0: address space, 1: resident memory)."""
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    return _statm(1)


def _build_within(which: Which, budget: float) -> tuple[Any, ...]:
    """Build one landscape in this (builder) process: the reply to send back.

    ("built", bytes, cpu) | ("refused", message, field, column, cpu) | ("over", cpu)
    """
    from foghill.errors import BadRequest
    from foghill.views import landscapes

    used = time.process_time()
    soft = math.ceil(used + budget) + CPU_BACKSTOP_SECONDS
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    try:
        try:
            signal.setitimer(signal.ITIMER_PROF, budget)
            built = landscapes.build(which)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:
        return ("over", time.process_time() - used)
    cpu = time.process_time() - used
    if isinstance(built, BadRequest):
        return ("refused", built.message, built.field, built.column, cpu)
    return ("built", dumps(built), cpu)


def serve(fd: int, nice: int) -> int:
    """A builder's life: import sympy, say ready, then build what it is sent until EOF."""
    conn = Connection(fd)
    if nice:
        os.nice(nice)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # the CPU backstop leaves no core file
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    from foghill.engine import formula

    formula.warm_up()  # sympy's import: the builder's cost, never a formula's
    gc.freeze()  # sympy's own objects are kept for good: collections need not walk them
    signal.signal(signal.SIGPROF, _alarm)
    with contextlib.suppress(ValueError, OSError):  # leave room to grow, refuse a bomb
        limit = _statm(0) + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            which, budget = conn.recv()
        except (EOFError, OSError):
            return 0
        reply = _build_within(which, budget)
        try:
            conn.send((*reply, _rss()))
        except (BrokenPipeError, OSError):
            return 0


class BuilderDiedError(Exception):
    """The builder process exited (or was killed) before it answered."""

    def __init__(self, returncode: int | None) -> None:
        super().__init__(f"builder exited with {returncode}")
        self.returncode = returncode


class Builder:
    """One builder process and the parent's end of its socket."""

    def __init__(self, nice: int) -> None:
        ours, theirs = socket.socketpair()
        env = {
            **os.environ,
            "PYTHONHASHSEED": "0",  # the same work, so the same CPU time, in every builder
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "foghill.building.process", str(theirs.fileno()), str(nice)],
                pass_fds=(theirs.fileno(),),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.builds = 0
        self.rss = 0

    def wait_ready(self) -> None:
        if not self.conn.poll(START_SECONDS):
            self.close()
            raise BuilderDiedError(None)
        try:
            self.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise BuilderDiedError(self.process.poll()) from None

    def run(self, which: Which, budget: float, wall: float) -> tuple[Any, ...]:
        """The builder's reply for one formula; BuilderDiedError if it died or ran out of time."""
        try:
            self.conn.send((which, budget))
            if not self.conn.poll(wall):
                self.close()
                raise BuilderDiedError(None)
            reply: tuple[Any, ...] = self.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise BuilderDiedError(self.process.returncode) from None
        self.builds += 1
        self.rss = reply[-1]
        return reply[:-1]

    @property
    def worn(self) -> bool:
        return self.builds >= RETIRE_AFTER_BUILDS or self.rss >= RETIRE_AFTER_RSS

    def close(self) -> None:
        """Stop the process first (a thread waiting on its socket then sees EOF), then close
        the socket; idempotent."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            self.conn.close()


if __name__ == "__main__":
    # Run as foghill.building.process, not __main__, so that it is the one module of that name.
    from foghill.building import process

    sys.exit(process.serve(int(sys.argv[1]), int(sys.argv[2])))
