"""The server's formula builders: a typed formula in, a future of its verdict out.

A formula starts in the quick lane when it looks simple before sympy sees it
(:func:`looks_simple`) and moves to the full lane when it uses up the quick budget; it is
refused only for using up the full budget (the package's docstring says why, in full).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from foghill.building.lanes import Busy, Job, Lane, Verdict

if TYPE_CHECKING:
    from foghill.api_models.requests import Which

__all__ = [
    "FORMULA_CPU_SECONDS",
    "QUICK_CPU_SECONDS",
    "TOO_COSTLY",
    "FormulaBuilding",
    "looks_simple",
]

log = logging.getLogger("foghill.building")

FORMULA_CPU_SECONDS = 2.0  # the most CPU time a formula may take to become a hill
QUICK_CPU_SECONDS = 0.25  # the quick lane's budget; past it a formula moves to the full lane
FULL_LANE_NICE = 10  # the full lane yields the CPU to the server and to the quick lane

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
        self._pending: dict[Which, Job] = {}
        self._lanes: tuple[Lane, Lane] | None = None

    def _start(self) -> tuple[Lane, Lane]:
        with self._lock:
            if self._lanes is None:
                quick = Lane(
                    "quick",
                    lambda: self.quick_budget,
                    0,
                    self._sizes[0],
                    self._to_full,
                    self._finish,
                )
                full = Lane(
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
            job = Job(which, client)
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

    def _to_full(self, job: Job, cpu: float) -> None:
        lanes = self._lanes
        job.started = False
        try:
            if lanes is None:
                raise Busy("Foghill is shutting down")
            lanes[1].queue.put(job)
        except Busy as busy:
            self._finish(job, busy)

    def _refuse(self, job: Job, cpu: float) -> None:
        from foghill.errors import BadRequest

        self._finish(job, BadRequest(TOO_COSTLY, field="formula"))

    def _finish(self, job: Job, verdict: Verdict | Busy) -> None:
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
