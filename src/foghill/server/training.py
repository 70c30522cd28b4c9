"""The training routes (issue 9): a run streamed as it learns, and questions to its model.

``POST /api/train/{demo}`` (``demo``: digits, spam, next-word, ratings) with the run's
settings as JSON (:mod:`foghill.training.requests`) answers ``200`` with
``application/x-ndjson``: one JSON event per line, in the order
:func:`foghill.training.events` makes them (start, progress..., end). Settings that cannot
run are refused before any event: ``422`` with ``{"error": "<one sentence>"}`` (a batch
larger than the training set, a word not on the page, a bound broken), ``404`` for a demo
that does not exist.

``POST /api/train/{demo}/untrained`` with the run's settings answers one JSON object, the
picture before Play (:func:`foghill.training.untrained`): the run's start facts and the model
at step 0, from the run's own seed, so a reader sees what Play will train before pressing it.
Refused as a run is.

``POST /api/train/{demo}/ask`` with the settings, ``step`` and the question answers one
JSON object, ``{"type": "answer", "what", "step", ...}``: the model is replayed from the
seed to that step, so the server keeps nothing between requests.

Why newline-delimited JSON rather than server-sent events: a run is started by a POST with
a JSON body, which ``EventSource`` cannot send (it only GETs); a line of JSON per event
needs no ``event:``/``data:`` framing, so the page reads it with ``fetch`` and a
``ReadableStream`` in a few lines and the notebook sends the very same dicts; and a paused
run must stay stopped, where an event source reconnects by itself and would start the work
again.

The work runs in worker threads, one chunk (an event's worth: at most ~40 ms) at a time,
at most :data:`TRAINING_THREADS` chunks at once, so the event loop stays free for
everyone else's light requests. A run's making and its first picture (its start and first
progress) wait for a thread like any chunk but go before every waiting chunk
(:class:`Lanes`): twenty readers pressing Play at once see their first pictures before
anyone's second. When the reader pauses or closes the page the connection closes;
Starlette notices the disconnect and cancels the stream, the next chunk is never asked for
and the run's generator is closed: the work stops within one chunk. Nothing about a run
outlives its response.

The training engine (the demos, their models and data) is imported by the first training
request, not when the server starts: the page's first answer never waits for it.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import AsyncIterator, Callable, Generator
from contextlib import asynccontextmanager
from threading import Lock
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from foghill.server.bodies import read
from foghill.server.middleware import error_response

if TYPE_CHECKING:
    from foghill.training import Run
    from foghill.training.demo import Demo
    from foghill.training.requests import TableAsk, TableRequest

__all__ = ["MEDIA_TYPE", "active_runs", "routes"]

MEDIA_TYPE = "application/x-ndjson"
T = TypeVar("T")
#: Chunks of training computed at once in a process: as many as the machine's cores (two),
#: no more. Twenty threads all wanting Python's lock at once starve the event loop (light
#: requests waited 130 ms at p99) and the newest readers' first pictures; queued, each
#: reader's next chunk waits its turn behind the others' (first chunks come first).
TRAINING_THREADS = 2

_active = 0
_active_lock = Lock()


def active_runs() -> int:
    """How many runs are streaming in this process right now (a run that ended, however it
    ended, is no longer counted)."""
    return _active


def _count(change: int) -> None:
    global _active
    with _active_lock:
        _active += change


def _line(event: dict[str, Any]) -> bytes:
    return json.dumps(event, separators=(",", ":"), allow_nan=False).encode("utf-8") + b"\n"


def _next_line(iterator: Generator[dict[str, Any], None, None]) -> bytes | None:
    event = next(iterator, None)
    return None if event is None else _line(event)


def _first_lines(iterator: Generator[dict[str, Any], None, None]) -> list[bytes]:
    """The start and the first progress, made in one turn (both come from one evaluation)."""
    return [line for line in (_next_line(iterator), _next_line(iterator)) if line is not None]


class Lanes:
    """At most ``threads`` pieces of training work at once, taken in turn from two queues: a
    waiting run's first picture before any waiting chunk (then first come, first served).

    Why: with the first pictures beside the chunks (their own threads, no queue), twenty
    learners starting at once had twenty-two threads taking Python's lock in turns of 5 ms:
    measured (bench/edge.py part d), the last first picture came after 280-580 ms, though
    each is 2-6 ms of work. Queued ahead of the chunks on the machine's two threads, the n-th
    waits for the n-1 before it (and at most one chunk already running per thread). A
    chunk waits only while first pictures are queued, a few milliseconds each, so running
    runs go on as soon as the newcomers have their first pictures. Runs in the event
    loop's thread only (no lock needed).
    """

    def __init__(self, threads: int) -> None:
        self._free = threads
        self._firsts: deque[anyio.Event] = deque()
        self._chunks: deque[anyio.Event] = deque()

    @asynccontextmanager
    async def turn(self, *, first: bool) -> AsyncIterator[None]:
        """Hold one of the threads for the block (``first``: a run's first picture)."""
        if self._free and not self._firsts and not self._chunks:
            self._free -= 1
        else:
            mine = anyio.Event()
            queue = self._firsts if first else self._chunks
            queue.append(mine)
            try:
                await mine.wait()
            except BaseException:  # cancelled while waiting: hand on a turn given meanwhile
                if mine.is_set():
                    self._release()
                else:
                    queue.remove(mine)
                raise
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        for queue in (self._firsts, self._chunks):
            if queue:
                queue.popleft().set()  # the thread passes straight to the next in line
                return
        self._free += 1


_lanes: Lanes | None = None


def _computing() -> Lanes:
    """The threads that may train at once in this process (made in the event loop)."""
    global _lanes
    if _lanes is None:
        _lanes = Lanes(TRAINING_THREADS)
    return _lanes


async def _work(function: Callable[..., T], *args: Any, first: bool = False) -> T:
    """``function(*args)`` in a worker thread once :func:`_computing` gives a turn."""
    async with _computing().turn(first=first):
        return await to_thread.run_sync(function, *args)


async def _stream(run: Run) -> AsyncIterator[bytes]:
    iterator = run.events()
    _count(+1)
    try:
        # The start and the first progress (one evaluation, a few milliseconds) go before
        # the chunks: a reader who presses Play sees the untrained picture at once.
        for first in await _work(_first_lines, iterator, first=True):
            yield first
        while (line := await _work(_next_line, iterator)) is not None:
            yield line
    finally:  # done, or cancelled because the reader went away: the work ends here
        iterator.close()
        _count(-1)


def _demo(request: Request) -> Demo | Response:
    from foghill.training import DEMOS

    name = request.path_params["demo"]
    demo = DEMOS.get(name)
    if demo is None:
        return error_response(
            404, f"there is no training demo called {name!r}; the demos are {', '.join(DEMOS)}"
        )
    return demo


def _table_run(settings: TableRequest) -> Run:
    from foghill.training import Run
    from foghill.training.classifier import demo_for_table

    return Run(demo_for_table(settings.table), settings)


def _table_answer(body: TableAsk) -> dict[str, Any]:
    from foghill.training import ask
    from foghill.training.classifier import demo_for_table

    return ask(demo_for_table(body.table), body)


async def train(request: Request) -> Response:
    from foghill.training import Run
    from foghill.training.classifier import ClassifierDemo
    from foghill.training.requests import TableRequest

    if request.path_params["demo"] == ClassifierDemo.name:  # its table comes with the request
        table_settings = await read(request, TableRequest)
        run = await _work(_table_run, table_settings, first=True)
    else:
        demo = _demo(request)
        if isinstance(demo, Response):
            return demo
        settings = await read(request, demo.request_model)
        run = await _work(Run, demo, settings, first=True)  # BadRequest -> 422, before any event
    headers = {"cache-control": "no-store", "x-accel-buffering": "no"}
    return StreamingResponse(_stream(run), media_type=MEDIA_TYPE, headers=headers)


def _table_untrained(settings: TableRequest) -> dict[str, Any]:
    from foghill.training import untrained
    from foghill.training.classifier import demo_for_table

    return untrained(demo_for_table(settings.table), settings)


async def before_play(request: Request) -> Response:
    from foghill.training import untrained
    from foghill.training.classifier import ClassifierDemo
    from foghill.training.requests import TableRequest

    if request.path_params["demo"] == ClassifierDemo.name:
        table_settings = await read(request, TableRequest)
        return JSONResponse(await _work(_table_untrained, table_settings, first=True))
    demo = _demo(request)
    if isinstance(demo, Response):
        return demo
    settings = await read(request, demo.request_model)
    return JSONResponse(await _work(untrained, demo, settings, first=True))


async def question(request: Request) -> Response:
    from foghill.training import ask
    from foghill.training.classifier import ClassifierDemo
    from foghill.training.requests import TableAsk

    if request.path_params["demo"] == ClassifierDemo.name:
        table_body = await read(request, TableAsk)
        answer = await _work(_table_answer, table_body)
        return JSONResponse(answer)
    demo = _demo(request)
    if isinstance(demo, Response):
        return demo
    if demo.ask_model is None:
        return error_response(404, f"the {demo.name} demo takes no questions")
    body = await read(request, demo.ask_model)
    return JSONResponse(await _work(ask, demo, body))


routes = [
    Route("/api/train/{demo}", train, methods=["POST"]),
    Route("/api/train/{demo}/untrained", before_play, methods=["POST"]),
    Route("/api/train/{demo}/ask", question, methods=["POST"]),
]
