"""The routes of issue 8: a surface from above, optimizers racing, a step-size sweep.

``POST /api/contours``, ``POST /api/race`` and ``POST /api/sweep`` read their bodies with
:func:`foghill.server.bodies.read` (strict types, one sentence for a refusal), wait for a
typed formula to be built the way ``/api/descend`` does (the app's ``prepared``: a builder
process within a CPU-time budget, never the event loop), and answer with the models of
:mod:`foghill.api_models`. The work (a few to tens of milliseconds, bounded by the models'
limits) runs in a worker thread, so the event loop keeps serving light requests meanwhile.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from foghill.api_models.requests import ContoursRequest, RaceRequest, SweepRequest, WhichHill
from foghill.server.bodies import answer, read
from foghill.views.maps import contours_view
from foghill.views.races import race_view, sweep_view

__all__ = ["Prepared", "routes"]

#: The app's wait for the landscape a request names (application.create_app's ``prepared``).
Prepared = Callable[[Request, WhichHill], Awaitable[None]]

R = TypeVar("R", bound=WhichHill)


def _route(
    path: str, model: type[R], view: Callable[[Any], BaseModel], prepared: Prepared
) -> Route:
    async def endpoint(request: Request) -> Response:
        req = await read(request, model)
        await prepared(request, req)
        return answer(await run_in_threadpool(view, req))

    return Route(path, endpoint, methods=["POST"])


def routes(prepared: Prepared) -> list[Route]:
    """The three routes, each waiting on ``prepared`` for a formula's landscape."""
    return [
        _route("/api/contours", ContoursRequest, contours_view, prepared),
        _route("/api/race", RaceRequest, race_view, prepared),
        _route("/api/sweep", SweepRequest, sweep_view, prepared),
    ]
