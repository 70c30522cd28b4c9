"""The server's middleware, plain ASGI (cheaper than BaseHTTPMiddleware): security headers on
every response, the hosts the server answers for, and a limit on the request body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "LOOPBACK_NAMES",
    "MAX_BODY_BYTES",
    "AllowedHosts",
    "BodyLimit",
    "SecurityHeaders",
    "error_response",
    "security_headers",
]

MAX_BODY_BYTES = 1_000_000

#: The policy for everything but the lesson page (whose inline blocks add their hashes).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
OTHER_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def security_headers() -> list[tuple[bytes, bytes]]:
    """Every security header with its value (the default CSP), as raw header pairs."""
    return [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()), *OTHER_HEADERS]


def error_response(status: int, message: str, detail: Sequence[Any] | None = None) -> JSONResponse:
    """`{"error": message}` (with pydantic's details, if any): every refusal's body."""
    body: dict[str, Any] = {"error": message}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status)


class SecurityHeaders:
    """Adds the security headers (CSP included) to every HTTP response. A response that
    sets its own Content-Security-Policy (the lesson page) keeps it."""

    def __init__(self, app: ASGIApp, csp: str = CONTENT_SECURITY_POLICY) -> None:
        self.app = app
        self.csp = (b"content-security-policy", csp.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name == b"content-security-policy" for name, _ in headers):
                    headers.append(self.csp)
                message["headers"] = [*headers, *OTHER_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: The names a browser on this machine uses for it: the hosts answered for by default.
LOOPBACK_NAMES: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")


def host_of(value: str) -> str:
    """The host a Host header names, without its port: "[::1]:8000" -> "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


class AllowedHosts:
    """Answers only requests whose Host header names an allowed host; any other gets 400
    ``{"error": ...}``. This stops a web page on another site from reaching the server
    through a name of its own that resolves to this machine (DNS rebinding).

    ``hosts``: exact names ("foghill.example.org"), wildcards ("*.example.org" matches any
    name under it) or "*" (any host).
    """

    def __init__(self, app: ASGIApp, hosts: Sequence[str] = LOOPBACK_NAMES) -> None:
        self.app = app
        names = [host_of(h) if not h.startswith("*") else h.lower() for h in hosts]
        self.any = "*" in names
        self.exact = frozenset(h for h in names if not h.startswith("*"))
        self.suffixes = tuple(h[1:] for h in names if h.startswith("*."))

    def allows(self, host: str) -> bool:
        return self.any or host in self.exact or host.endswith(self.suffixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        value = next((v for k, v in scope["headers"] if k == b"host"), b"")
        host = host_of(value.decode("latin-1"))
        if self.allows(host):
            await self.app(scope, receive, send)
            return
        if host:
            message = f"this server does not answer for the host {host[:100]!r}"
        else:
            message = "the request has no Host header"
        await error_response(400, message)(scope, receive, send)


class _BodyTooLargeError(HTTPException):
    """Raised while a body streams in; the app's handler answers 413 with the usual
    `{"error": ...}`."""

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
                    await error_response(400, "the Content-Length header is not a number")(
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
        await error_response(413, _too_large(self.limit))(scope, receive, send)
