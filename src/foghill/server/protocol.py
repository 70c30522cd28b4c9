"""The HTTP connection as `foghill serve` runs it: uvicorn's httptools protocol, with limits.

uvicorn parses HTTP (httptools, the llhttp parser) and runs the app; its own options give a
keep-alive timeout and a concurrency limit, but no limit on the size of a request's headers,
no deadline for them (a connection that sends half a request line, or nothing, is kept for
ever), and answers its own refusals in plain text. This subclass adds, per connection:

- a head deadline: a connection that has not sent a whole request head within
  ``HEAD_SECONDS`` (from when it opened, or from its last answer) is closed, with a 408 if it
  had started one;
- a head limit: request line and headers together at most ``MAX_HEAD_BYTES``; past it the
  request is answered 431 and the connection closed, as soon as the limit is passed (bytes
  are counted as they arrive, so a 128 MB header is never read to its end);
- a connection cap: past ``limit_concurrency`` open connections (or requests being answered)
  a request is answered 503 with Retry-After and its connection closed;
- every refusal of its own (400 for a request that is not HTTP, 408, 431, 503) as
  ``{"error": "<sentence>"}`` with the security headers, like the app's.

Nothing here parses HTTP: the counting is of bytes and of what httptools has parsed.
Why httptools rather than h11 (whose ``max_incomplete_event_size`` bounds an incomplete
head by itself): h11 costs about 0.3 ms more server CPU per request here (0.9 ms against
0.6 ms for a 200-step descent, bench/server_load.py), a third of the budget.
"""

from __future__ import annotations

import json
from asyncio import TimerHandle
from typing import Any

from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from foghill.server.middleware import SecurityHeaders, error_response, security_headers

__all__ = ["HEAD_SECONDS", "MAX_HEAD_BYTES", "FoghillHttpProtocol"]

MAX_HEAD_BYTES = 16 * 1024
HEAD_SECONDS = 10.0
RETRY_AFTER_SECONDS = 2
LINGER_SECONDS = 2.0  # after a refusal, what the client still sends is read and dropped

HEAD_TOO_LARGE = (
    f"the request's headers are larger than {MAX_HEAD_BYTES // 1024} KB; send fewer or shorter ones"
)
HEAD_TOO_SLOW = f"the request's headers did not arrive within {HEAD_SECONDS:g} seconds"
NOT_HTTP = "the request is not valid HTTP/1.1"
TOO_MANY = "Foghill is answering as many connections as it can; try again in a moment"


def _refusal(status: int, message: str, retry_after: int | None = None) -> Any:
    """An ASGI app that answers `{"error": message}` and closes the connection."""

    async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(status, message)
        response.headers["connection"] = "close"
        if retry_after is not None:
            response.headers["retry-after"] = str(retry_after)
        await response(scope, receive, send)

    return SecurityHeaders(refuse)


def raw_refusal(status: int, message: str, retry_after: int | None = None) -> bytes:
    """The same answer as bytes, for a connection that has no request to answer through the
    app (its head never completed, or is not HTTP)."""
    body = json.dumps({"error": message}).encode()
    lines = [
        STATUS_LINE[status],
        b"content-type: application/json\r\n",
        b"content-length: %d\r\n" % len(body),
        b"connection: close\r\n",
    ]
    if retry_after is not None:
        lines.append(b"retry-after: %d\r\n" % retry_after)
    lines += [name + b": " + value + b"\r\n" for name, value in security_headers()]
    return b"".join([*lines, b"\r\n", body])


_TOO_LARGE_APP = _refusal(431, HEAD_TOO_LARGE)
_TOO_MANY_APP = _refusal(503, TOO_MANY, RETRY_AFTER_SECONDS)


class FoghillHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a head deadline, a head limit, a connection cap and
    refusals in JSON (see the module's docstring). Chosen with ``http=`` in uvicorn's config.
    """

    max_head_bytes = MAX_HEAD_BYTES
    head_seconds = HEAD_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The cap is enforced here, so that its 503 is JSON with Retry-After.
        self.max_connections: int | None = self.limit_concurrency
        self.limit_concurrency = None
        self.served_app = self.app
        self.head_bytes = 0  # bytes of the head being read (counted as they arrive)
        self.reading_head = True
        self.head_timer: TimerHandle | None = None
        self.dropping = False  # refused: whatever else arrives is read and dropped

    # ---- the head deadline ---------------------------------------------------------------

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self.head_timer = self.loop.call_later(self.head_seconds, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def _head_timed_out(self) -> None:
        self.head_timer = None
        if self.transport.is_closing() or not self._idle():
            return
        if self.head_bytes:
            self._refuse_raw(408, HEAD_TOO_SLOW)
        else:
            self.transport.close()

    def _idle(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _refuse_raw(self, status: int, message: str) -> None:
        """Answer the refusal, then close gently: end our side at once and drop what still
        comes for a moment before closing, because closing on unread bytes sends a reset
        that can destroy the answer before the client reads it."""
        self._disarm_head_timer()
        self._unset_keepalive_if_required()
        if not self._idle():
            self.transport.close()
            return
        self.transport.write(raw_refusal(status, message))
        self.dropping = True
        try:
            self.transport.write_eof()
        except (NotImplementedError, RuntimeError, OSError):
            self.transport.close()
            return
        self.loop.call_later(LINGER_SECONDS, self.transport.close)

    # ---- uvicorn's hooks -----------------------------------------------------------------

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.dropping:
            return
        if self.reading_head:
            self.head_bytes += len(data)
        super().data_received(data)
        if (
            self.reading_head
            and self.head_bytes > self.max_head_bytes
            and not self.transport.is_closing()
            and not self.dropping
        ):
            self._refuse_raw(431, HEAD_TOO_LARGE)

    def send_400_response(self, msg: str) -> None:
        self._refuse_raw(400, NOT_HTTP)

    def on_headers_complete(self) -> None:
        self._disarm_head_timer()
        self.reading_head = False
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        cap = self.max_connections
        if size > self.max_head_bytes:
            self.app = _TOO_LARGE_APP
        elif cap is not None and (len(self.connections) > cap or len(self.tasks) >= cap):
            self.logger.warning("over the connection cap (%d): answered 503", cap)
            self.app = _TOO_MANY_APP
        else:
            self.app = self.served_app
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.reading_head = True  # what comes next is the next request's head
        self.head_bytes = 0

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.timeout_keep_alive_task is not None:  # idle now: the next head has a deadline
            self._arm_head_timer()
