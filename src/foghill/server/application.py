"""The Starlette app: the lesson page, its static files and a JSON API over the engine.

Stateless: every request carries all it needs. The JSON shapes are the pydantic models of
`foghill.api_models` (published at /openapi.json); the numbers come from `foghill.compute`.
Every 4xx answer is `{"error": "<one sentence>"}` (plus pydantic's `detail` list when there is
one), and every request's work is bounded by the models' limits and a 1 MB body limit.

Starlette rather than FastAPI: FastAPI's own import costs about 0.4 s on a small machine,
more than the rest of the server's start together, and its two jobs here (check a body with
a pydantic model, publish the schema) take a few lines each with pydantic directly.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from foghill import compute, errors
from foghill.api_models import DescendRequest, LandscapeRequest, LineFitRequest
from foghill.engine import formula
from foghill.lessons.render import WEB_DIR
from foghill.server.assets import MEDIA_TYPES, Asset, load_assets
from foghill.server.middleware import (
    CONTENT_SECURITY_POLICY,
    MAX_BODY_BYTES,
    BodyLimit,
    SecurityHeaders,
    error_response,
)
from foghill.server.openapi import openapi
from foghill.server.page import build_page

__all__ = ["CONTENT_SECURITY_POLICY", "MAX_BODY_BYTES", "app", "create_app"]

log = logging.getLogger("foghill.server")

SERVED = ("dist",)  # the folders under web/ that are served: the bundles and their maps
# A descent with more steps than this runs in a worker thread instead of on the event loop:
# the common short walk (well under a millisecond) skips the thread hop, a long one does not
# hold up everybody else's.
LONG_WALK = 1000

M = TypeVar("M", bound=BaseModel)


class InvalidBody(Exception):  # noqa: N818  (it is answered, never raised to the caller)
    """A request body that is not a valid request: its answer is already decided."""

    def __init__(self, response: JSONResponse) -> None:
        self.response = response


def _invalid(found: list[dict[str, Any]]) -> JSONResponse:
    """pydantic's errors as one sentence (and the details, located in the body)."""
    if not found:
        return error_response(422, "the request is not valid")
    located = [{**e, "loc": ("body", *e.get("loc", ()))} for e in found]
    return error_response(422, errors.sentence(errors.pick(found)), errors.jsonable(located))


async def read(request: Request, model: type[M]) -> M:
    """The body as a `model`, or InvalidBody with the answer that says what is wrong."""
    raw = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise InvalidBody(
            error_response(422, "the request body must be JSON, sent as application/json")
        )
    if not raw:
        raise InvalidBody(error_response(422, "the request body is required"))
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        if isinstance(error, json.JSONDecodeError):
            reason = f"{error.msg.lower()} at character {error.pos}"
        else:
            reason = "it is not UTF-8 text"
        raise InvalidBody(
            error_response(400, f"the request body is not valid JSON: {reason}")
        ) from None
    except RecursionError:
        raise InvalidBody(error_response(400, "the request body is nested too deeply")) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidBody(_invalid([dict(e) for e in error.errors()])) from None


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


Handler = Callable[[Request], Awaitable[Response]]


def create_app(web_dir: Path = WEB_DIR) -> Starlette:
    """The Foghill app. Builds the lesson page now, so a broken lesson fails at startup."""
    lesson_page = build_page(web_dir)
    page = Asset(
        lesson_page.html.encode("utf-8"),
        MEDIA_TYPES[".html"],
        {"content-security-policy": lesson_page.csp},
    )
    assets = load_assets(web_dir, SERVED)

    async def lesson(request: Request) -> Response:
        return page.response(request)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def schema(request: Request) -> Response:
        return JSONResponse(openapi())

    async def hills(request: Request) -> Response:
        return _json(compute.hills_view())

    async def landscape(request: Request) -> Response:
        req = await read(request, LandscapeRequest)
        await _prepared(req)
        return _json(compute.landscape_view(req))

    async def descend(request: Request) -> Response:
        req = await read(request, DescendRequest)
        await _prepared(req)
        if req.max_steps > LONG_WALK:  # tens of ms: let the loop serve others meanwhile
            return _json(await run_in_threadpool(compute.descend_view, req))
        return _json(compute.descend_view(req))

    async def linefit(request: Request) -> Response:
        req = await read(request, LineFitRequest)
        return _json(await run_in_threadpool(compute.linefit_view, req))

    async def static(request: Request) -> Response:
        asset = assets.get(request.path_params["path"])
        if asset is None:
            return error_response(404, f"there is nothing at {request.url.path}")
        return asset.response(request)

    async def invalid_body(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InvalidBody)
        return exc.response

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, compute.BadRequest)
        detail: list[dict[str, Any]] | None = None
        if exc.field:
            item: dict[str, Any] = {"type": "bad_request", "loc": ["body", exc.field]}
            item["msg"] = exc.message
            if exc.column is not None:
                item["column"] = exc.column
            detail = [item]
        return error_response(422, exc.message, detail)

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
        return error_response(
            500, "something went wrong inside Foghill; this is a bug, not your input"
        )

    routes = [
        Route("/", lesson, methods=["GET"]),  # GET routes answer HEAD too
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", schema, methods=["GET"]),
        Route("/api/hills", hills, methods=["GET"]),
        Route("/api/landscape", landscape, methods=["POST"]),
        Route("/api/descend", descend, methods=["POST"]),
        Route("/api/linefit", linefit, methods=["POST"]),
        Route("/static/{path:path}", static, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            InvalidBody: invalid_body,
            compute.BadRequest: bad_request,
            HTTPException: http_error,
            Exception: crashed,
        },
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)  # outermost: even a 413 carries the headers
    return app


FORMULA_SECONDS = 2.0  # the most a new formula may take to become a hill
_formula_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="foghill-formula")


async def _prepared(req: Any) -> None:
    """Built-in hills and cached formulas are at hand; anything else is built in a worker
    thread so that slow formula work never holds up the event loop. A build that takes longer
    than FORMULA_SECONDS is given up: the request is refused (and so is the same text later),
    whatever the parser's own bounds missed. Its thread runs on to the end in a small pool of
    its own, so it can never take the threads that other requests use."""
    if compute.is_prepared(req):
        return
    loop = asyncio.get_running_loop()
    if not formula.is_warm():
        # The first formula in a process imports sympy (seconds): a one-off cost of the
        # process, not of this formula, so it is not counted against the formula's time.
        await loop.run_in_executor(_formula_pool, formula.warm_up)
    building = loop.run_in_executor(_formula_pool, compute.prepare, req)
    try:
        await asyncio.wait_for(building, FORMULA_SECONDS)
    except TimeoutError:
        compute.give_up(req, "the formula takes too long to turn into a hill; try a simpler one")


app = create_app()
