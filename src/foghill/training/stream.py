"""One event generator for both hosts: a training run as a stream of small JSON events.

``events(request)`` checks the settings at once (a :class:`~foghill.errors.BadRequest` with
one sentence, before any event) and returns an iterator of plain dicts, the events of
the protocol (``docs/architecture.md``, "Training demos"):

- ``{"type": "start", "step": s, "info": {...}, "settings": {...}, "steps": n}``: first;
- ``{"type": "progress", "step", "epoch", "loss", "batch_loss", "heldout_loss", "metric",
  "metric_name", "view", "noise"?}``: at step ``s`` (the start or the resume point), then
  every ``stride`` steps (a run has about ``demo.progress_events`` of them, 100 or 50, so
  even a run that takes a few milliseconds can be watched) or after :data:`BATCH_SECONDS` of work,
  whichever comes first, and at the last step. ``loss`` and ``heldout_loss`` are the mean
  losses over the whole training and held-out sets, ``batch_loss`` the last minibatch's
  (the jagged one), ``metric`` the held-out metric. ``noise`` (every
  :data:`NOISE_EVERY`-th progress from the second on, so the first one is quick):
  ``{"full": [gx, gy], "batches": [[gx, gy], ...]}``, see
  :class:`~foghill.engine.models.minibatch.Noise`;
- ``{"type": "end", "step", "reason": "done" | "budget" | "flew-off", "summary"}``: last.
  ``budget``: the run used its :data:`~foghill.contract.MAX_TRAIN_SECONDS` of work;
  ``flew-off``: the numbers stopped being finite (a learning rate far too large).

``untrained(demo, request)`` is the picture before Play, without a run: ``{"type":
"untrained", "step": 0, "steps": n, "settings": {...}, "info": {...}, "progress": {...}}``,
the run's own start facts and its first progress (the model at step 0, from the same seed,
so it is the model Play then trains), with the noise picture of that first step where the
demo draws one.

Nothing is kept between runs: a resumed run (``from_step``) is replayed from the seed. The
work is bounded by the contract's step bound and by the time budget. ``ask(request)``
answers a question for the model at ``request.step`` (replayed the same way; the last few
replays are remembered, so a reader drawing on the pad does not pay for a replay per stroke).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Generator
from functools import cache, partial
from threading import Lock
from typing import Any, TypeVar

import numpy as np

from foghill.contract import MAX_TRAIN_SECONDS
from foghill.engine.models.minibatch import FloatArray, Model, Walk
from foghill.errors import BadRequest
from foghill.training.demo import Demo, rounded
from foghill.training.digits import DigitsDemo
from foghill.training.edge import EdgeDemo
from foghill.training.next_word import NextWordDemo
from foghill.training.ratings import RatingsDemo
from foghill.training.requests import AskRequest, TrainRequest
from foghill.training.spam import SpamDemo

__all__ = [
    "BATCH_SECONDS",
    "DEMOS",
    "NOISE_EVERY",
    "Run",
    "ask",
    "at_step",
    "demo_for",
    "events",
    "untrained",
]

T = TypeVar("T")

#: At most this much work between progress events (seconds).
BATCH_SECONDS = 0.04
#: Every this many progress events carries the noise picture (the second one first).
NOISE_EVERY = 10
#: Minibatch gradients in the noise picture.
NOISE_BATCHES = 30

DEMOS: dict[str, Demo] = {
    demo.name: demo
    for demo in (DigitsDemo(), SpamDemo(), NextWordDemo(), RatingsDemo(), EdgeDemo())
}


def demo_for(name: str) -> Demo:
    try:
        return DEMOS[name]
    except KeyError:
        raise BadRequest(
            f"there is no training demo called {name!r}; the demos are {', '.join(DEMOS)}"
        ) from None


@cache
def one_blas_thread() -> None:
    """Let BLAS use one thread in this process (once; the process keeps it).

    Every matrix here is small: the threads of a multi-threaded BLAS only wait for each
    other, and on a busy machine they wait for the scheduler too (a 277 x 16 by 16 x 277
    product took 8.5 ms with OpenBLAS's threads against 0.06 ms with one). Several readers
    train at once in threads of their own, which is where the parallelism is.
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - scikit-learn brings it
        return
    threadpool_limits(1, user_api="blas")


def _walk(demo: Demo, request: TrainRequest) -> tuple[Model, Walk]:
    one_blas_thread()
    model = demo.model(request)
    demo.check(request, model)
    return model, Walk(model, demo.optimizer(request), request.batch_size, request.seed)


class Run:
    """A checked run, ready to stream (see the module for its events).

    ``clock`` measures the run's own work (its budget); the time a host spends delivering
    an event is not counted.
    """

    def __init__(
        self,
        demo: Demo,
        request: TrainRequest,
        *,
        budget: float = MAX_TRAIN_SECONDS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.demo, self.request = demo, request
        self.model, self.walk = _walk(demo, request)
        self.budget, self.clock = budget, clock
        self.stride = demo.stride(request)
        self.used = 0.0  # seconds of work so far

    def _progress(self, count: int, *, with_noise: bool = False) -> dict[str, Any]:
        """The progress event after ``count`` chunks (``with_noise``: with the noise picture
        whatever the count)."""
        walk, model = self.walk, self.model
        evaluation = walk.evaluate()
        event: dict[str, Any] = {
            "type": "progress",
            "step": walk.step,
            "epoch": rounded(walk.epoch, 4),
            "loss": rounded(evaluation.loss),
            "batch_loss": rounded(walk.last_loss),
            "heldout_loss": rounded(evaluation.heldout_loss),
            "metric": rounded(evaluation.metric),
            "metric_name": model.metric_name,
            "view": self.demo.view(self.request, model, walk.theta),
            **self.demo.measures(self.request, model, walk),
        }
        # Not the first: that one is the reader's first picture.
        if self.demo.noise and (with_noise or count % NOISE_EVERY == 1):
            noise = walk.noise(NOISE_BATCHES)
            event["noise"] = {
                "full": [rounded(v, 4) for v in noise.full],
                "batches": [[rounded(v, 4) for v in b] for b in noise.batches],
            }
        return event

    def untrained(self) -> dict[str, Any]:
        """The model before any step (see the module): the first progress, with its noise."""
        with np.errstate(all="ignore"):
            progress = self._progress(0, with_noise=True)
            info = self.demo.info(self.request, self.model)
        return {
            "type": "untrained",
            "step": 0,
            "steps": self.request.steps,
            "settings": self.request.settings(),
            "info": info,
            "progress": progress,
        }

    def _end(self, reason: str) -> dict[str, Any]:
        walk = self.walk
        if reason == "flew-off":
            summary = (
                f"At step {walk.step} the numbers grew too large to be finite: the learning "
                "rate is far too bold for this model."
            )
        else:
            summary = self.demo.summary(self.request, walk.step, walk.evaluate())
            if reason == "budget":
                summary = (
                    f"The run stopped at step {walk.step}, its {self.budget:g} s of work "
                    f"used up. {summary}"
                )
        end = {"type": "end", "step": walk.step, "reason": reason, "summary": summary}
        return end | self.demo.ending(self.request, self.model, walk, reason)

    def _chunk(self) -> str | None:
        """Steps up to the next progress event; the end's reason if the run must end."""
        walk, steps = self.walk, self.request.steps
        started = since = self.clock()
        while walk.step < steps:
            walk.advance(1)
            if not np.isfinite(walk.last_loss) or not np.isfinite(walk.theta).all():
                return "flew-off"
            now = self.clock()
            if walk.step % self.stride == 0 or now - since >= BATCH_SECONDS:
                break
            if self.used + now - started >= self.budget:
                break
        self.used += self.clock() - started
        return None

    def _first(self) -> list[dict[str, Any]]:
        request, walk = self.request, self.walk
        if request.from_step:
            walk.advance(request.from_step)
        start = {
            "type": "start",
            "step": walk.step,
            "steps": request.steps,
            "settings": request.settings(),
            "info": self.demo.info(request, self.model),
        }
        return [start, self._progress(0)]

    def _timed(self, work: Callable[[], T]) -> T:
        """``work`` counted against the budget, numpy's overflow warnings off (a walk that
        flies off ends in words). Not around a yield: numpy's error state is per thread."""
        started = self.clock()
        with np.errstate(all="ignore"):
            result = work()
        self.used += self.clock() - started
        return result

    def events(self) -> Generator[dict[str, Any], None, None]:
        self.used = 0.0
        yield from self._timed(self._first)
        count = 0
        while self.walk.step < self.request.steps:
            with np.errstate(all="ignore"):
                reason = self._chunk()
            if reason is not None:
                yield self._timed(partial(self._end, "flew-off"))
                return
            count += 1
            yield self._timed(partial(self._progress, count))
            if self.used >= self.budget and self.walk.step < self.request.steps:
                yield self._timed(partial(self._end, "budget"))
                return
        yield self._timed(partial(self._end, "done"))


def events(
    demo: Demo | str, request: TrainRequest, **options: Any
) -> Generator[dict[str, Any], None, None]:
    """The run's events (see the module); its settings are checked now, before any event."""
    run = Run(demo_for(demo) if isinstance(demo, str) else demo, request, **options)
    return run.events()


def untrained(demo: Demo | str, request: TrainRequest) -> dict[str, Any]:
    """The picture before Play (see the module): the model at step 0, whatever
    ``request.from_step`` says."""
    found = demo_for(demo) if isinstance(demo, str) else demo
    return Run(found, request.model_copy(update={"from_step": 0})).untrained()


# ---- questions -----------------------------------------------------------------------------

_REMEMBERED = 16
_replays: OrderedDict[tuple[Any, ...], tuple[Model, FloatArray]] = OrderedDict()
_replays_lock = Lock()


def at_step(demo: Demo, request: AskRequest) -> tuple[Model, FloatArray]:
    assert isinstance(request, TrainRequest)
    # The watched word changes no parameter: one replay serves questions about every word.
    settings = {k: v for k, v in request.settings().items() if k != "word"}
    key = (demo.identity(), tuple(sorted(settings.items())), request.step)
    with _replays_lock:
        if key in _replays:
            _replays.move_to_end(key)
            return _replays[key]
    model, walk = _walk(demo, request)
    with np.errstate(all="ignore"):
        if request.step:
            walk.advance(request.step)
    if not np.isfinite(walk.theta).all():
        raise BadRequest(
            f"by step {request.step} this run's numbers are no longer finite, so its model "
            "cannot answer; try a smaller learning rate"
        )
    with _replays_lock:
        _replays[key] = (model, walk.theta)
        while len(_replays) > _REMEMBERED:
            _replays.popitem(last=False)
    return model, walk.theta


def ask(demo: Demo | str, request: AskRequest) -> dict[str, Any]:
    """The answer of the model at ``request.step`` to the request's question: ``{"type":
    "answer", "what": ..., "step": ..., ...}``."""
    found = demo_for(demo) if isinstance(demo, str) else demo
    model, theta = at_step(found, request)
    if not np.all(np.isfinite(theta)):
        raise BadRequest(
            f"at step {request.step} the model's numbers are no longer finite (its walk flew "
            "off), so it cannot answer; try a smaller step size",
            "step",
        )
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        try:
            answer = found.answer(request, model, theta)
        except (FloatingPointError, ValueError) as error:
            if isinstance(error, BadRequest):
                raise
            raise BadRequest(
                f"at step {request.step} the model's numbers overflow, so it cannot answer; "
                "try a smaller step size",
                "step",
            ) from None
    return {"type": "answer", "step": request.step, **answer}
