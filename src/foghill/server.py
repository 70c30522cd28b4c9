"""Foghill's web server: the lesson page, its static files and a JSON API over the engine.

Stateless: every request carries all it needs. The JSON shapes are the pydantic models of
`foghill.api_models` (published at /openapi.json); the numbers come from `foghill.compute`.
Every 4xx answer is `{"error": "<one sentence>"}` (plus pydantic's `detail` list when there is
one), and every request's work is bounded by the models' limits and a 1 MB body limit.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from foghill import compute, errors
from foghill.api_models import (
    DescendRequest,
    DescendResponse,
    ErrorResponse,
    HillsResponse,
    LandscapeRequest,
    LandscapeResponse,
    LineFitRequest,
    LineFitResponse,
)
from foghill.engine import formula
from foghill.lessons.render import WEB_DIR, render_lesson

__all__ = ["MAX_BODY_BYTES", "app", "create_app"]

log = logging.getLogger("foghill.server")

MAX_BODY_BYTES = 1_000_000
BUNDLE = "dist/foghill.js"  # the page's one script (esbuild), relative to the web folder
# A descent with more steps than this runs in a worker thread instead of on the event loop:
# the common short walk (well under a millisecond) skips the thread hop, a long one does not
# hold up everybody else's.
LONG_WALK = 1000

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

# ---- middleware (plain ASGI: cheaper than BaseHTTPMiddleware) --------------------------------


class SecurityHeaders:
    """Adds the security headers (CSP included) to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _BodyTooLargeError(StarletteHTTPException):
    """Raised while a body streams in: FastAPI passes HTTP exceptions through its body
    parsing untouched, so the handlers answer 413 with the usual `{"error": ...}`."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large(limit))


def _too_large(limit: int) -> str:
    return f"the request body is larger than {limit:,} bytes; send fewer numbers"


class BodyLimit:
    """Refuses a request body over `limit` bytes with 413, before anything parses it.

    A declared Content-Length over the limit is refused at once; a chunked body is counted
    as it arrives and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _error(400, "the Content-Length header is not a number")(
                        scope, receive, send
                    )
                    return
                if declared > self.limit:
                    await self._refuse(scope, receive, send)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _BodyTooLargeError(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLargeError:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _error(413, _too_large(self.limit))(scope, receive, send)


def _error(status: int, message: str, detail: Sequence[Any] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status)


# ---- the app ---------------------------------------------------------------------------------


class _Asset:
    """A file served from memory: its bytes, their gzip form and an ETag, made once.

    Names carry no content hash, so browsers revalidate on each load (``no-cache``) and get a
    304 when nothing changed. Serving from memory keeps a first load to a few tenths of a
    millisecond of server time per file instead of a stat, a read and a fresh compression.
    """

    def __init__(self, body: bytes, media_type: str) -> None:
        self.body = body
        self.media_type = media_type
        self.gzipped = gzip.compress(body, compresslevel=9, mtime=0) if len(body) > 1024 else None
        self.etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'

    def response(self, request: Request) -> Response:
        headers = {"cache-control": "no-cache", "etag": self.etag, "vary": "accept-encoding"}
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        if self.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".map": "application/json",
    ".html": "text/html; charset=utf-8",
}


def _load_assets(web_dir: Path) -> dict[str, _Asset]:
    """Every file under the web folder, by its path relative to it (the only names served)."""
    return {
        path.relative_to(web_dir).as_posix(): _Asset(
            path.read_bytes(), MEDIA_TYPES.get(path.suffix, "application/octet-stream")
        )
        for path in sorted(web_dir.rglob("*"))
        if path.is_file()
    }


def _json(model: Any) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": why}
    for code, why in (
        (400, "the body is not valid JSON"),
        (413, "the body is over 1 MB"),
        (422, "a value is out of bounds or names something that does not exist"),
    )
}


def create_app(web_dir: Path = WEB_DIR) -> FastAPI:
    """The Foghill app. Renders the lesson page now, so a broken lesson fails at startup."""
    page = _Asset(render_lesson().encode("utf-8"), MEDIA_TYPES[".html"])
    assets = _load_assets(web_dir)
    if BUNDLE not in assets:
        raise RuntimeError(
            f"{web_dir / BUNDLE} is missing: build the web bundle first (make build, or "
            "npm run build)"
        )
    app = FastAPI(
        title="Foghill",
        summary="Gradient descent, explained with a ball on a foggy hill.",
        version="0.1.0",
        docs_url=None,  # Swagger UI and ReDoc load from CDNs; the page must stay offline
        redoc_url=None,
        responses=ERRORS,
    )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        found: list[dict[str, Any]] = [dict(e) for e in exc.errors()]
        if not found:
            return _error(422, "the request is not valid")
        first = errors.pick(found)
        if first.get("type") == "json_invalid":
            ctx = first.get("ctx") or {}
            loc = first.get("loc", ())
            at = f" at character {loc[-1]}" if loc and isinstance(loc[-1], int) else ""
            reason = str(ctx.get("error", "it cannot be parsed")).lower()
            return _error(400, f"the request body is not valid JSON: {reason}{at}")
        if isinstance(exc.body, bytes | bytearray) and errors.where(first.get("loc", ())) in (
            "the request body",
            "",
        ):
            return _error(422, "the request body must be JSON, sent as application/json")
        return _error(422, errors.sentence(first), errors.jsonable(found))

    @app.exception_handler(compute.BadRequest)
    async def bad_request(request: Request, exc: compute.BadRequest) -> JSONResponse:
        detail: list[dict[str, Any]] | None = None
        if exc.field:
            item: dict[str, Any] = {"type": "bad_request", "loc": ["body", exc.field]}
            item["msg"] = exc.message
            if exc.column is not None:
                item["column"] = exc.column
            detail = [item]
        return _error(422, exc.message, detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            message = f"there is nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        response = _error(exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "something went wrong inside Foghill; this is a bug, not your input")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def lesson(request: Request) -> Response:
        return page.response(request)

    @app.get("/healthz", summary="Liveness check")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.add_api_route("/healthz", healthz, methods=["HEAD"], include_in_schema=False)

    @app.get("/api/hills", response_model=HillsResponse, summary="Every built-in hill")
    async def hills() -> Response:
        return _json(compute.hills_view())

    @app.post(
        "/api/landscape", response_model=LandscapeResponse, summary="A 1-D hill drawn as a curve"
    )
    async def landscape(req: LandscapeRequest) -> Response:
        await _prepared(req)
        return _json(compute.landscape_view(req))

    @app.post("/api/descend", response_model=DescendResponse, summary="Roll the ball downhill")
    async def descend(req: DescendRequest) -> Response:
        await _prepared(req)
        if req.max_steps > LONG_WALK:  # tens of ms: let the loop serve others meanwhile
            return _json(await _in_thread(compute.descend_view, req))
        return _json(compute.descend_view(req))

    @app.post("/api/linefit", response_model=LineFitResponse, summary="Walk a line to the dots")
    async def linefit(req: LineFitRequest) -> Response:
        return _json(await _in_thread(compute.linefit_view, req))

    @app.api_route("/static/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def static(path: str, request: Request) -> Response:
        asset = assets.get(path)
        if asset is None:
            return _error(404, f"there is nothing at {request.url.path}")
        return asset.response(request)

    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)  # outermost: even a 413 carries the headers
    return app


async def _in_thread(fn: Callable[[Any], Any], arg: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, arg)


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
