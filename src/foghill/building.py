"""Typed formulas turned into hills in builder processes, each within a CPU-time budget, fairly.

The server never runs sympy itself. A formula it has not seen is handed to a *builder*: a
child process (``python -m foghill.building``) that imports sympy once, when it starts, and
then builds one landscape at a time with the code a notebook uses
(:func:`foghill.compute.build`). A CPU-time alarm (``setitimer(ITIMER_PROF)``) stops a build
that has used up its budget, and a CPU-time rlimit kills a builder stuck where the alarm
cannot reach (inside one C call). The landscape comes back pickled, its compiled functions as
code objects (:func:`dumps`, :func:`loads`), so the server needs no sympy to use it.

Why CPU time, in a process of its own:

- CPU time is the formula's own cost. Time spent waiting for a builder, or sharing the
  machine, is not counted, so a formula is refused for what it costs and never for the queue
  it stood in, and the same formula gets the same verdict every time and on every worker (up
  to the noise of measuring CPU time, a few per cent, for a formula whose cost is right at the
  budget; builders run with a fixed hash seed so that sympy does the same work each time).
- A process can be stopped in the middle of a build and runs on a core of its own: the
  server's event loop never shares its interpreter lock with sympy, so built-in hills and
  descents are not slowed by anyone's formula.

Fairness, in two lanes:

- the quick lane (``QUICK_CPU_SECONDS``, normal priority) takes the formulas that look simple
  before sympy sees them (:func:`looks_simple`: short, few functions, shallow): nearly every
  formula a learner types;
- the full lane (``FORMULA_CPU_SECONDS``, lower priority: ``nice`` 10) takes the rest, and any
  formula that used up the quick budget; it starts again there, so a wrong guess costs one
  quick budget and never a refusal;
- each lane serves the clients that wait in turn (round robin by client address), so one
  client cannot hold more than its share of the builders however many requests it sends.

A request that waits longer than ``MAX_WAIT_SECONDS`` is told the server is busy (the caller
answers 503 with Retry-After); that is not a verdict and nothing is remembered about it.

In symbols: verdict(f) = hill if cpu(build(f)) <= B else refused, where cpu counts only the
builder's own work on f, and B is the full lane's budget.
"""

from __future__ import annotations

import builtins
import contextlib
import gc
import importlib
import io
import logging
import marshal
import math
import os
import pickle
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import types
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foghill.api_models import Which
    from foghill.engine.landscape import Landscape
    from foghill.errors import BadRequest

__all__ = [
    "FORMULA_CPU_SECONDS",
    "MAX_WAIT_SECONDS",
    "QUICK_CPU_SECONDS",
    "Busy",
    "FormulaBuilding",
    "dumps",
    "loads",
    "looks_simple",
]

log = logging.getLogger("foghill.building")

FORMULA_CPU_SECONDS = 2.0  # the most CPU time a formula may take to become a hill
QUICK_CPU_SECONDS = 0.25  # the quick lane's budget; past it a formula moves to the full lane
MAX_WAIT_SECONDS = 30.0  # the longest a request waits for a builder before "busy"
START_SECONDS = 60.0  # how long a new builder may take to import sympy and say it is ready
FULL_LANE_NICE = 10  # the full lane yields the CPU to the server and to the quick lane
MAX_QUEUED_PER_CLIENT = 64  # formulas one client may have waiting; past it: busy
MAX_QUEUED = 1024  # formulas waiting in one lane, all clients together; past it: busy
RETIRE_AFTER_BUILDS = 2000  # a builder is replaced after this many builds ...
RETIRE_AFTER_RSS = 512 * 1024 * 1024  # ... or once it holds this much memory
MEMORY_HEADROOM = 1024 * 1024 * 1024  # address space a build may add: a memory bomb fails
CPU_BACKSTOP_SECONDS = 3  # the rlimit kills a builder this long after a missed alarm
WALL_FACTOR = 30  # a build that runs this many times its budget in wall time is abandoned

# The quick lane's guess, from the text alone (no parsing, so it costs next to nothing).
SIMPLE_LENGTH = 60
SIMPLE_CALLS = 3
SIMPLE_DEPTH = 3
_CALL = re.compile(r"[A-Za-z_]\w*\s*\(")


def looks_simple(text: str) -> bool:
    """A guess, before sympy sees the text, that a formula is cheap to build.

    Simple means at most SIMPLE_LENGTH characters, at most SIMPLE_CALLS function calls and
    parentheses at most SIMPLE_DEPTH deep. It only picks the lane: a simple-looking formula
    that is not cheap uses up the quick budget and is built again in the full lane.
    """
    if len(text) > SIMPLE_LENGTH or len(_CALL.findall(text)) > SIMPLE_CALLS:
        return False
    depth = deepest = 0
    for ch in text:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    return deepest <= SIMPLE_DEPTH


class Busy(Exception):  # noqa: N818  (a state, answered with 503)
    """No builder could take the formula in time: try again later (not a verdict)."""

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


# ---- moving a landscape between processes ---------------------------------------------------

_LAMBDIFIED = "<lambdifygenerated"
_MODULES = frozenset({"math", "builtins", "cmath"})


@dataclass(frozen=True)
class _ModuleRef:
    name: str


def _global_ref(value: Any) -> Any:
    return _ModuleRef(value.__name__) if isinstance(value, types.ModuleType) else value


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _function(code: bytes, names: dict[str, Any], name: str, defaults: Any) -> Any:
    """A compiled function again, from its code object and the globals it reads."""
    namespace: dict[str, Any] = {"__builtins__": builtins}
    for key, ref in names.items():
        if isinstance(ref, _ModuleRef):
            if ref.name not in _MODULES:
                raise pickle.UnpicklingError(f"a builder's function may not use {ref.name}")
            namespace[key] = importlib.import_module(ref.name)
        else:
            namespace[key] = ref
    return types.FunctionType(marshal.loads(code), namespace, name, defaults)


class _Pickler(pickle.Pickler):
    """Pickles sympy's lambdified functions by their code; everything else as usual."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename.startswith(_LAMBDIFIED):
            g = obj.__globals__
            names = {n: _global_ref(g[n]) for n in _names(obj.__code__) if n in g}
            return _function, (marshal.dumps(obj.__code__), names, obj.__name__, obj.__defaults__)
        return NotImplemented


def dumps(land: Landscape) -> bytes:
    """A built landscape (its minima found) as bytes a server process can load."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(land)
    return out.getvalue()


_ALLOWED = {
    ("foghill.building", "_function"),
    ("foghill.building", "_ModuleRef"),
    ("foghill.engine.hill1d", "Hill1D"),
    ("foghill.engine.surface2d", "Surface2D"),
    ("builtins", "float"),
    ("builtins", "int"),
    ("builtins", "complex"),
    ("builtins", "tuple"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
}
_SAFE_MODULES = frozenset({"math"})
_NUMPY = {"_reconstruct", "scalar", "ndarray", "dtype"}


class _Unpickler(pickle.Unpickler):
    """Loads only what a landscape is made of (a builder is trusted; this keeps it honest)."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = (
            (module, name) in _ALLOWED
            or module in _SAFE_MODULES
            or (module.split(".")[0] == "numpy" and name in _NUMPY)
        )
        if not allowed:
            raise pickle.UnpicklingError(f"a landscape holds no {module}.{name}")
        return super().find_class(module, name)


def loads(data: bytes) -> Landscape:
    """The landscape :func:`dumps` made, in this process (no sympy needed)."""
    land: Landscape = _Unpickler(io.BytesIO(data)).load()
    return land


# ---- the builder process --------------------------------------------------------------------


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
    from foghill import compute
    from foghill.errors import BadRequest

    used = time.process_time()
    soft = math.ceil(used + budget) + CPU_BACKSTOP_SECONDS
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    try:
        try:
            signal.setitimer(signal.ITIMER_PROF, budget)
            built = compute.build(which)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:
        return ("over", time.process_time() - used)
    cpu = time.process_time() - used
    if isinstance(built, BadRequest):
        return ("refused", built.message, built.field, built.column, cpu)
    return ("built", dumps(built), cpu)


def _serve(fd: int, nice: int) -> int:
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


class _BuilderDiedError(Exception):
    """The builder process exited (or was killed) before it answered."""

    def __init__(self, returncode: int | None) -> None:
        super().__init__(f"builder exited with {returncode}")
        self.returncode = returncode


class _Builder:
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
                [sys.executable, "-m", "foghill.building", str(theirs.fileno()), str(nice)],
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
            raise _BuilderDiedError(None)
        try:
            self.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise _BuilderDiedError(self.process.poll()) from None

    def run(self, which: Which, budget: float, wall: float) -> tuple[Any, ...]:
        """The builder's reply for one formula; _BuilderDiedError if it died or ran out of time."""
        try:
            self.conn.send((which, budget))
            if not self.conn.poll(wall):
                self.close()
                raise _BuilderDiedError(None)
            reply: tuple[Any, ...] = self.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise _BuilderDiedError(self.process.returncode) from None
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


# ---- lanes and the fair queue ---------------------------------------------------------------

Verdict = Any  # Landscape | BadRequest (typed loosely: the engine is imported lazily)


@dataclass(eq=False)
class _Job:
    which: Which
    client: str
    future: Future[Verdict] = field(default_factory=Future)
    waiters: int = 1
    started: bool = False


class _FairQueue:
    """Jobs by client, served in turn: the client served last goes to the back."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._by_client: OrderedDict[str, deque[_Job]] = OrderedDict()
        self._size = 0
        self._closed = False

    def put(self, job: _Job) -> None:
        with self._cond:
            waiting = self._by_client.get(job.client)
            if self._size >= MAX_QUEUED or (waiting and len(waiting) >= MAX_QUEUED_PER_CLIENT):
                raise Busy("Foghill has too many formulas waiting to be built; try again soon")
            self._by_client.setdefault(job.client, deque()).append(job)
            self._size += 1
            self._cond.notify()

    def take(self) -> _Job | None:
        """The next job (round robin over clients); None once closed."""
        with self._cond:
            while not self._by_client and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            client, jobs = self._by_client.popitem(last=False)
            job = jobs.popleft()
            if jobs:
                self._by_client[client] = jobs  # to the back of the line
            self._size -= 1
            job.started = True
            return job

    def remove(self, job: _Job) -> bool:
        """Take a job out if no builder has started it (True when it was removed)."""
        with self._cond:
            jobs = self._by_client.get(job.client)
            if job.started or not jobs or job not in jobs:
                return False
            jobs.remove(job)
            if not jobs:
                del self._by_client[job.client]
            self._size -= 1
            return True

    def close(self) -> list[_Job]:
        with self._cond:
            self._closed = True
            left = [job for jobs in self._by_client.values() for job in jobs]
            self._by_client.clear()
            self._size = 0
            self._cond.notify_all()
            return left


class _Lane:
    """Builders of one budget and priority, each served by a thread of this process."""

    def __init__(
        self,
        name: str,
        budget: Callable[[], float],
        nice: int,
        builders: int,
        over: Callable[[_Job, float], None],
        done: Callable[[_Job, Verdict | Busy], None],
    ) -> None:
        self.name = name
        self.budget = budget  # read for each job: the owner's setting at the time
        self.nice = nice
        self.queue = _FairQueue()
        self._over = over
        self._done = done
        self._threads = [
            threading.Thread(target=self._work, name=f"foghill-{name}-{i}", daemon=True)
            for i in range(builders)
        ]
        self._builders: list[_Builder] = []
        self._lock = threading.Lock()
        self._closed = False
        for thread in self._threads:
            thread.start()

    def _new_builder(self) -> _Builder | None:
        with self._lock:
            if self._closed:
                return None
            builder = _Builder(self.nice)
            self._builders.append(builder)
        try:
            builder.wait_ready()
        except _BuilderDiedError:
            log.error("a formula builder did not start (exit code %s)", builder.process.poll())
            self._forget(builder)
            return None
        return builder

    def _forget(self, builder: _Builder) -> None:
        builder.close()
        with self._lock:
            if builder in self._builders:
                self._builders.remove(builder)

    def _work(self) -> None:
        builder = self._new_builder()
        while True:
            job = self.queue.take()
            if job is None:
                break
            tries = 0
            while True:
                if builder is None:
                    builder = self._new_builder()
                if builder is None:
                    if self._closed:
                        self._done(job, Busy("Foghill is shutting down"))
                        break
                    time.sleep(1.0)  # could not start one: do not spin
                    tries += 1
                    if tries < 3:
                        continue
                    self._done(job, Busy("Foghill cannot build formulas right now"))
                    break
                budget = self.budget()
                try:
                    reply = builder.run(
                        job.which, budget, max(MAX_WAIT_SECONDS, WALL_FACTOR * budget)
                    )
                except _BuilderDiedError as died:
                    self._forget(builder)
                    builder = None
                    if died.returncode == -signal.SIGXCPU:  # the backstop: over budget
                        self._over(job, budget)
                        break
                    tries += 1
                    if tries < 2:  # a crash once may be the builder's; twice is the formula's
                        continue
                    self._done(job, _crashed())
                    break
                self._reply(job, reply)
                if builder.worn:
                    self._forget(builder)
                    builder = None
                break
        if builder is not None:
            self._forget(builder)

    def _reply(self, job: _Job, reply: tuple[Any, ...]) -> None:
        from foghill.errors import BadRequest

        kind = reply[0]
        if kind == "over":
            self._over(job, reply[1])
        elif kind == "refused":
            _, message, field_name, column, _cpu = reply
            self._done(job, BadRequest(message, field_name, column))
        else:
            try:
                self._done(job, loads(reply[1]))
            except Exception:
                log.exception("a built landscape could not be loaded")
                self._done(job, _crashed())

    def close(self) -> None:
        with self._lock:
            self._closed = True
        for job in self.queue.close():
            self._done(job, Busy("Foghill is shutting down"))
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5)
        with self._lock:
            left = list(self._builders)
        for builder in left:
            self._forget(builder)


def _crashed() -> BadRequest:
    from foghill.errors import BadRequest

    return BadRequest(
        "the formula cannot be used: building its hill failed; try writing it another way",
        field="formula",
    )


TOO_COSTLY = "the formula takes too long to turn into a hill; try a simpler one"


class FormulaBuilding:
    """The server's builders: `submit` a formula, get a future of its verdict.

    The builder processes start on the first formula (not with the server: most pages never
    see one), and stop with :meth:`close` (a formula after that starts them again). A
    verdict is a Landscape or a BadRequest, handed to ``on_verdict`` (to be remembered)
    before the future has it; a future may instead fail with :class:`Busy`, which is not a
    verdict.
    """

    def __init__(
        self,
        on_verdict: Callable[[Which, Verdict], None] | None = None,
        *,
        budget: float = FORMULA_CPU_SECONDS,
        quick_budget: float = QUICK_CPU_SECONDS,
        quick_builders: int = 1,
        full_builders: int = 1,
    ) -> None:
        self.on_verdict = on_verdict
        self.budget = budget
        self.quick_budget = quick_budget
        self._sizes = (quick_builders, full_builders)
        self._lock = threading.Lock()
        self._pending: dict[Which, _Job] = {}
        self._lanes: tuple[_Lane, _Lane] | None = None

    def _start(self) -> tuple[_Lane, _Lane]:
        with self._lock:
            if self._lanes is None:
                quick = _Lane(
                    "quick",
                    lambda: self.quick_budget,
                    0,
                    self._sizes[0],
                    self._to_full,
                    self._finish,
                )
                full = _Lane(
                    "full",
                    lambda: self.budget,
                    FULL_LANE_NICE,
                    self._sizes[1],
                    self._refuse,
                    self._finish,
                )
                self._lanes = (quick, full)
            return self._lanes

    def submit(self, which: Which, client: str) -> Future[Verdict]:
        """The verdict for a formula, in the future; the same future for the same formula
        while it is being built. Raises Busy when too many formulas wait."""
        quick, full = self._start()
        assert which.formula is not None
        with self._lock:
            job = self._pending.get(which)
            if job is not None:
                job.waiters += 1
                return job.future
            job = _Job(which, client)
            lane = quick if looks_simple(which.formula) else full
            lane.queue.put(job)  # may raise Busy
            self._pending[which] = job
            return job.future

    def abandon(self, which: Which) -> None:
        """A waiting request gave up: drop its formula if nobody else waits and no builder
        has started on it (a started build runs on: its verdict is still worth keeping)."""
        with self._lock:
            job = self._pending.get(which)
            if job is None:
                return
            job.waiters -= 1
            if job.waiters > 0 or self._lanes is None:
                return
            if any(lane.queue.remove(job) for lane in self._lanes):
                del self._pending[which]
                job.future.set_exception(Busy("gave up waiting"))

    def _to_full(self, job: _Job, cpu: float) -> None:
        lanes = self._lanes
        job.started = False
        try:
            if lanes is None:
                raise Busy("Foghill is shutting down")
            lanes[1].queue.put(job)
        except Busy as busy:
            self._finish(job, busy)

    def _refuse(self, job: _Job, cpu: float) -> None:
        from foghill.errors import BadRequest

        self._finish(job, BadRequest(TOO_COSTLY, field="formula"))

    def _finish(self, job: _Job, verdict: Verdict | Busy) -> None:
        with self._lock:
            if self._pending.get(job.which) is job:
                del self._pending[job.which]
        if job.future.done():
            return
        if isinstance(verdict, Busy):
            job.future.set_exception(verdict)
            return
        if self.on_verdict is not None:
            try:
                self.on_verdict(job.which, verdict)
            except Exception:
                log.exception("a formula's verdict could not be remembered")
        job.future.set_result(verdict)

    def close(self) -> None:
        """Stop every builder; formulas still waiting get Busy. A later formula starts new
        builders (an app's lifespan may end and begin again in one process)."""
        with self._lock:
            lanes, self._lanes = self._lanes, None
        if lanes is not None:
            for lane in lanes:
                lane.close()


if __name__ == "__main__":
    # Run as foghill.building, not __main__, so that what it pickles names this module.
    from foghill import building

    sys.exit(building._serve(int(sys.argv[1]), int(sys.argv[2])))
