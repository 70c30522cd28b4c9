"""The training routes (issue 9): a run streamed as it learns, and questions to its model.

``POST /api/train/{demo}`` (``demo``: digits, spam, next-word, ratings) with the run's
settings as JSON (:mod:`foghill.training.requests`) answers ``200`` with
``application/x-ndjson``: one JSON event per line, in the order
:func:`foghill.training.events` makes them (start, progress..., end). Settings that cannot
run are refused before any event: ``422`` with ``{"error": "<one sentence>"}`` (a batch
larger than the training set, a word not on the page, a bound broken), ``404`` for a demo
that does not exist.

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
everyone else's light requests. When the reader pauses or
closes the page the connection closes; Starlette notices the disconnect and cancels the
stream, the next chunk is never asked for and the run's generator is closed: the work stops
within one chunk. Nothing about a run outlives its response.

The training engine (the demos, their models and data) is imported by the first training
request, not when the server starts: the page's first answer never waits for it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Generator
from threading import Lock
from typing import TYPE_CHECKING, Any

from anyio import CapacityLimiter, to_thread
from starlette.concurrency import run_in_threadpool
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


_limiter: CapacityLimiter | None = None


def _computing() -> CapacityLimiter:
    """The threads that may train at once in this process (made in the event loop)."""
    global _limiter
    if _limiter is None:
        _limiter = CapacityLimiter(TRAINING_THREADS)
    return _limiter


async def _stream(run: Run) -> AsyncIterator[bytes]:
    iterator = run.events()
    _count(+1)
    try:
        # The start and the first progress (one evaluation, a millisecond or two) skip the
        # queue: a reader who presses Play sees the untrained picture at once.
        for _ in range(2):
            line = await run_in_threadpool(_next_line, iterator)
            if line is None:
                return
            yield line
        while (
            line := await to_thread.run_sync(_next_line, iterator, limiter=_computing())
        ) is not None:
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
        run = await run_in_threadpool(_table_run, table_settings)
    else:
        demo = _demo(request)
        if isinstance(demo, Response):
            return demo
        settings = await read(request, demo.request_model)
        run = await run_in_threadpool(Run, demo, settings)  # BadRequest -> 422, before any event
    headers = {"cache-control": "no-store", "x-accel-buffering": "no"}
    return StreamingResponse(_stream(run), media_type=MEDIA_TYPE, headers=headers)


async def question(request: Request) -> Response:
    from foghill.training import ask
    from foghill.training.classifier import ClassifierDemo
    from foghill.training.requests import TableAsk

    if request.path_params["demo"] == ClassifierDemo.name:
        table_body = await read(request, TableAsk)
        answer = await to_thread.run_sync(_table_answer, table_body, limiter=_computing())
        return JSONResponse(answer)
    demo = _demo(request)
    if isinstance(demo, Response):
        return demo
    if demo.ask_model is None:
        return error_response(404, f"the {demo.name} demo takes no questions")
    body = await read(request, demo.ask_model)
    return JSONResponse(await to_thread.run_sync(ask, demo, body, limiter=_computing()))


routes = [
    Route("/api/train/{demo}", train, methods=["POST"]),
    Route("/api/train/{demo}/ask", question, methods=["POST"]),
]
