"""Lanes of builders, each serving the clients that wait in turn, and the busy answer.

A lane is builders of one budget and priority, each driven by a thread of the server
process; its queue hands out jobs round robin by client (:class:`FairQueue`), so one client
cannot hold more than its share of the builders however many requests it sends. A request
that cannot be served in time is :class:`Busy` (answered 503 with Retry-After), not a verdict.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from foghill.building.pickling import loads
from foghill.building.process import Builder, BuilderDiedError

if TYPE_CHECKING:
    from foghill.api_models.requests import Which
    from foghill.errors import BadRequest

__all__ = ["MAX_WAIT_SECONDS", "Busy", "FairQueue", "Job", "Lane", "Verdict"]

log = logging.getLogger("foghill.building")

MAX_WAIT_SECONDS = 30.0  # the longest a request waits for a builder before "busy"
MAX_QUEUED_PER_CLIENT = 64  # formulas one client may have waiting; past it: busy
MAX_QUEUED = 1024  # formulas waiting in one lane, all clients together; past it: busy
WALL_FACTOR = 30  # a build that runs this many times its budget in wall time is abandoned


class Busy(Exception):  # noqa: N818  (a state, answered with 503)
    """No builder could take the formula in time: try again later (not a verdict)."""

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


Verdict = Any  # Landscape | BadRequest (typed loosely: the engine is imported lazily)


@dataclass(eq=False)
class Job:
    which: Which
    client: str
    future: Future[Verdict] = field(default_factory=Future)
    waiters: int = 1
    started: bool = False


class FairQueue:
    """Jobs by client, served in turn: the client served last goes to the back."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._by_client: OrderedDict[str, deque[Job]] = OrderedDict()
        self._size = 0
        self._closed = False

    def put(self, job: Job) -> None:
        with self._cond:
            waiting = self._by_client.get(job.client)
            if self._size >= MAX_QUEUED or (waiting and len(waiting) >= MAX_QUEUED_PER_CLIENT):
                raise Busy("Foghill has too many formulas waiting to be built; try again soon")
            self._by_client.setdefault(job.client, deque()).append(job)
            self._size += 1
            self._cond.notify()

    def take(self) -> Job | None:
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

    def remove(self, job: Job) -> bool:
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

    def close(self) -> list[Job]:
        with self._cond:
            self._closed = True
            left = [job for jobs in self._by_client.values() for job in jobs]
            self._by_client.clear()
            self._size = 0
            self._cond.notify_all()
            return left


class Lane:
    """Builders of one budget and priority, each served by a thread of this process."""

    def __init__(
        self,
        name: str,
        budget: Callable[[], float],
        nice: int,
        builders: int,
        over: Callable[[Job, float], None],
        done: Callable[[Job, Verdict | Busy], None],
    ) -> None:
        self.name = name
        self.budget = budget  # read for each job: the owner's setting at the time
        self.nice = nice
        self.queue = FairQueue()
        self._over = over
        self._done = done
        self._threads = [
            threading.Thread(target=self._work, name=f"foghill-{name}-{i}", daemon=True)
            for i in range(builders)
        ]
        self._builders: list[Builder] = []
        self._lock = threading.Lock()
        self._closed = False
        for thread in self._threads:
            thread.start()

    def _new_builder(self) -> Builder | None:
        with self._lock:
            if self._closed:
                return None
            builder = Builder(self.nice)
            self._builders.append(builder)
        try:
            builder.wait_ready()
        except BuilderDiedError:
            log.error("a formula builder did not start (exit code %s)", builder.process.poll())
            self._forget(builder)
            return None
        return builder

    def _forget(self, builder: Builder) -> None:
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
                except BuilderDiedError as died:
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

    def _reply(self, job: Job, reply: tuple[Any, ...]) -> None:
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
