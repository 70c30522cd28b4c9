"""The Starlette app: the lesson page, its static files and a JSON API over the engine.

Stateless: every request carries all it needs. The JSON shapes are the pydantic models of
`foghill.api_models` (published at /openapi.json); the numbers come from `foghill.views`.
Every 4xx answer is `{"error": "<one sentence>"}` (plus pydantic's `detail` list when there is
one), and every request's work is bounded by the models' limits and a 1 MB body limit. A
typed formula the server has not seen is built in a builder process within a CPU-time budget
(`foghill.building`): the event loop never runs sympy.

Starlette rather than FastAPI: FastAPI's own import costs about 0.4 s on a small machine,
more than the rest of the server's start together, and its two jobs here (check a body with
a pydantic model, publish the schema) take a few lines each with pydantic directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from foghill.api_models.requests import DescendRequest, LandscapeRequest, LineFitRequest, WhichHill
from foghill.api_models.responses import HealthResponse
from foghill.building.formulas import FormulaBuilding
from foghill.building.lanes import MAX_WAIT_SECONDS, Busy
from foghill.contract import MAX_LESSONS
from foghill.errors import BadRequest
from foghill.lessons.render import WEB_DIR
from foghill.server.assets import load_assets
from foghill.server.bodies import InvalidBody, answer, read
from foghill.server.live import EVENTS, Live, page_assets
from foghill.server.maps import routes as maps_routes
from foghill.server.middleware import (
    CONTENT_SECURITY_POLICY,
    LOOPBACK_NAMES,
    MAX_BODY_BYTES,
    AllowedHosts,
    BodyLimit,
    SecurityHeaders,
    error_response,
    security_headers,
)
from foghill.server.page import Bundle, Page, build_index, build_page, load_bundle
from foghill.server.training import MEDIA_TYPE as TRAINING_MEDIA_TYPE
from foghill.server.training import routes as training_routes
from foghill.views import curves, landscapes, runs
from foghill.views import linefit as line_fit

__all__ = [
    "ALLOWED_HOSTS_VARIABLE",
    "CONTENT_SECURITY_POLICY",
    "MAX_BODY_BYTES",
    "app",
    "create_app",
]

log = logging.getLogger("foghill.server")

SERVED = ("dist",)  # the folders under web/ that are served: the bundles and their maps
# A descent with more steps than this runs in a worker thread instead of on the event loop:
# the common short walk (well under a millisecond) skips the thread hop, a long one does not
# hold up everybody else's.
LONG_WALK = 1000


#: `foghill serve` passes the names to answer for besides the loopback names to its worker
#: processes in this variable (comma-separated, maybe empty). Without it the app answers for
#: any host, as an app an in-process test client talks to must.
ALLOWED_HOSTS_VARIABLE = "FOGHILL_ALLOWED_HOSTS"
#: `foghill serve PATH` passes PATH (made absolute) to its worker processes in this variable.
LESSONS_VARIABLE = "FOGHILL_LESSONS"
BUSY = "Foghill is busy building other formulas; try again in a few seconds"


Handler = Callable[[Request], Awaitable[Response]]


def _client(request: Request) -> str:
    """Who is asking, for taking turns at the builders: the client's address (behind a
    trusted proxy, the address it forwarded)."""
    return request.client.host if request.client else "?"


def create_app(
    web_dir: Path = WEB_DIR,
    *,
    allowed_hosts: Sequence[str] | None = None,
    building: FormulaBuilding | None = None,
    lessons: Path | None = None,
) -> Starlette:
    """The Foghill app. Builds the lesson pages now, so a broken lesson fails at startup.

    ``allowed_hosts``: the Host header names answered (None: any); ``building``: the formula
    builders (default: a new FormulaBuilding, whose processes start on the first formula and
    stop with the app's lifespan; builders passed in are the caller's to close);
    ``lessons``: an author's lesson or folder of lessons to serve instead of the built-in one.
    """
    builders = building or FormulaBuilding(on_verdict=landscapes.remember)
    live: Live | None = None
    if lessons is None:
        pages = page_assets(lesson_pages(web_dir, None))
    else:
        from foghill.lessons.check import path_mistakes

        folder = lessons.resolve() if lessons.is_dir() else lessons.resolve().parent
        live = Live(folder, lambda: lesson_pages(web_dir, lessons), lambda: path_mistakes(lessons))
    assets = load_assets(web_dir, SERVED)

    async def lesson(request: Request) -> Response:
        served = live.assets if live is not None else pages
        page = served.get(request.path_params.get("stem", ""))
        if page is None:
            return error_response(404, f"there is nothing at {request.url.path}")
        return page.response(request)

    async def healthz(request: Request) -> Response:
        return answer(HealthResponse(status="ok"))

    async def schema(request: Request) -> Response:
        from foghill.server.openapi import openapi  # the schema's makings: not at start

        return JSONResponse(openapi())

    async def hills(request: Request) -> Response:
        return answer(curves.hills_view())

    async def prepared(request: Request, req: WhichHill) -> None:
        """Built-in hills and cached formulas are at hand; any other formula is built by a
        builder process, within its CPU-time budget, while this request waits its turn.
        Waiting is not building: a request that waits too long is told to come back (503),
        and nothing is remembered about its formula. The verdict (a hill, or a refusal for
        what the formula is or what it costs) is remembered by the views' cache."""
        if landscapes.is_prepared(req):
            return
        which = req.which()
        future = builders.submit(which, _client(request))  # Busy when the queue is full
        waiting = asyncio.shield(asyncio.wrap_future(future))
        try:
            await asyncio.wait_for(waiting, MAX_WAIT_SECONDS)
        except TimeoutError:
            builders.abandon(which)
            raise Busy(BUSY) from None
        except asyncio.CancelledError:
            builders.abandon(which)
            raise

    async def landscape(request: Request) -> Response:
        req = await read(request, LandscapeRequest)
        await prepared(request, req)
        return answer(curves.landscape_view(req))

    async def descend(request: Request) -> Response:
        req = await read(request, DescendRequest)
        await prepared(request, req)
        if req.max_steps > LONG_WALK:  # tens of ms: let the loop serve others meanwhile
            return answer(await run_in_threadpool(runs.descend_view, req))
        return answer(runs.descend_view(req))

    async def linefit(request: Request) -> Response:
        req = await read(request, LineFitRequest)
        return answer(await run_in_threadpool(line_fit.linefit_view, req))

    async def static(request: Request) -> Response:
        asset = assets.get(request.path_params["path"])
        if asset is None:
            return error_response(404, f"there is nothing at {request.url.path}")
        if not asset.compressed:  # the first time (up to a tenth of a second): off the loop
            await run_in_threadpool(lambda: asset.gzipped)
        return asset.response(request)

    async def invalid_body(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InvalidBody)
        return exc.response

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadRequest)
        detail: list[dict[str, Any]] | None = None
        if exc.field:
            item: dict[str, Any] = {"type": "bad_request", "loc": ["body", exc.field]}
            item["msg"] = exc.message
            if exc.column is not None:
                item["column"] = exc.column
            detail = [item]
        return error_response(422, exc.message, detail)

    async def busy(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Busy)
        response = error_response(503, BUSY)
        response.headers["retry-after"] = str(exc.retry_after)
        return response

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            message = f"there is nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        response = error_response(exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        response = error_response(
            500, "something went wrong inside Foghill; this is a bug, not your input"
        )
        # Starlette answers this outside every middleware: the headers are added here.
        for name, value in security_headers():
            response.headers[name.decode()] = value.decode()
        return response

    routes = [
        Route("/", lesson, methods=["GET"]),  # GET routes answer HEAD too
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", schema, methods=["GET"]),
        Route("/api/hills", hills, methods=["GET"]),
        Route("/api/landscape", landscape, methods=["POST"]),
        Route("/api/descend", descend, methods=["POST"]),
        Route("/api/linefit", linefit, methods=["POST"]),
        Route("/static/{path:path}", static, methods=["GET"]),
        *training_routes,
        *maps_routes(prepared),
        *([Route(EVENTS, live.events, methods=["GET"])] if live is not None else []),
        Route("/{stem}", lesson, methods=["GET"]),  # last: a folder's lessons by name
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watching = asyncio.create_task(live.watch()) if live is not None else None
        try:
            yield
        finally:  # the builders this app made stop with it; given ones are the giver's
            if watching is not None:
                watching.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watching
            if building is None:
                await asyncio.get_running_loop().run_in_executor(None, builders.close)

    app = Starlette(
        routes=routes,
        exception_handlers={
            InvalidBody: invalid_body,
            BadRequest: bad_request,
            Busy: busy,
            HTTPException: http_error,
            Exception: crashed,
        },
        lifespan=lifespan,
    )
    # JSON answers (maps are tens of KB) travel gzipped; a training stream is never held
    # back for compression, and the static assets come gzipped already.
    app.add_middleware(
        GZipMiddleware,
        minimum_size=1024,
        compresslevel=6,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, TRAINING_MEDIA_TYPE),
    )
    app.add_middleware(BodyLimit)
    if allowed_hosts is not None:
        app.add_middleware(AllowedHosts, hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # outermost: even a 400 or 413 carries the headers
    app.state.building = builders
    app.state.live = live  # an author's lessons, followed as they change (None: built-in)
    return app


def lesson_pages(web_dir: Path, lessons: Path | None) -> dict[str, Page]:
    """Each page by its address ("" for ``/``): the built-in lesson, or an author's lesson
    at ``/``, or a folder's index at ``/`` and each of its lessons at ``/<file stem>``."""
    bundle = load_bundle(web_dir)
    if lessons is None:
        return {"": build_page(web_dir, bundle=bundle)}
    from foghill.lessons.data import data_signature
    from foghill.lessons.shelf import open_shelf

    shelf = open_shelf(lessons)
    texts = [(lesson.stem, lesson.text()) for lesson in shelf.lessons]
    data = data_signature(shelf.folder)
    built = {stem: _page(web_dir, text, bundle, shelf.folder, data) for stem, text in texts}
    if shelf.single:
        return {"": next(iter(built.values()))}
    return {"": build_index(bundle, texts), **built}


@lru_cache(maxsize=MAX_LESSONS)
def _page(
    web_dir: Path,
    text: str,
    bundle: Bundle,
    folder: Path,
    data: tuple[tuple[str, int, int], ...],
) -> Page:
    """An author's lesson page, remembered by its text and its folder's data files (`data`):
    a save re-renders the lesson saved, not every lesson of the folder."""
    return build_page(web_dir, text, bundle, folder)


def lessons_from_environment() -> Path | None:
    """The lesson or folder `foghill serve PATH` was given (None: the built-in lesson)."""
    value = os.environ.get(LESSONS_VARIABLE)
    return Path(value) if value else None


def allowed_hosts_from_environment() -> list[str] | None:
    """The hosts `foghill serve` said to answer for: the loopback names and those in the
    variable (None, any host, when the variable is not set)."""
    value = os.environ.get(ALLOWED_HOSTS_VARIABLE)
    if value is None:
        return None
    return [*LOOPBACK_NAMES, *(name.strip() for name in value.split(",") if name.strip())]


app: Starlette
"""The app `uvicorn foghill.server:app` runs (and each worker of `foghill serve --workers N`),
for the hosts and lessons the environment names: made when first asked for, not when this
module is imported (`foghill serve` with one worker makes its own, see foghill.cli)."""


def __getattr__(name: str) -> Starlette:
    if name == "app":
        global app
        app = create_app(
            allowed_hosts=allowed_hosts_from_environment(), lessons=lessons_from_environment()
        )
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
