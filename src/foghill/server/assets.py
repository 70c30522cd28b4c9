"""Files served from memory: the rendered lesson page and everything under ``web/``."""

from __future__ import annotations

import gzip
import hashlib
from functools import cached_property
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["MEDIA_TYPES", "Asset", "load_assets"]

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".map": "application/json",
    ".html": "text/html; charset=utf-8",
}


class Asset:
    """A file served from memory: its bytes, their gzip form and an ETag, each made once.

    Names carry no content hash, so browsers revalidate on each load (``no-cache``) and get a
    304 when nothing changed. Serving from memory keeps a first load to a few tenths of a
    millisecond of server time per file instead of a stat, a read and a fresh compression.
    """

    def __init__(
        self,
        body: bytes,
        media_type: str,
        headers: dict[str, str] | None = None,
        *,
        compress_now: bool = True,
    ) -> None:
        self.body = body
        self.media_type = media_type
        self.headers = headers or {}
        if compress_now:
            _ = self.gzipped

    @cached_property
    def etag(self) -> str:
        """A hash of the body, made when first asked for (an author's pages are made again on
        every save, most never asked for before the next)."""
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'

    @cached_property
    def gzipped(self) -> bytes | None:
        """The body gzipped (made at start, or on first need: see `compressed`)."""
        return gzip.compress(self.body, compresslevel=9, mtime=0) if len(self.body) > 1024 else None

    @property
    def compressed(self) -> bool:
        """Whether the gzip form is made yet (a caller may make it off the event loop first)."""
        return "gzipped" in self.__dict__

    def response(self, request: Request) -> Response:
        headers = {"cache-control": "no-cache", "etag": self.etag, "vary": "accept-encoding"}
        headers.update(self.headers)
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        if self.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


def load_assets(web_dir: Path, folders: tuple[str, ...]) -> dict[str, Asset]:
    """Every file in the given folders under the web folder, by its path relative to it (the
    only names served). Each is gzipped when first asked for, not at start: the page carries
    its bundles inside itself, so these (the source map, the notebook bundles) are seldom
    asked for, and gzipping all 2 MB of them made every start a third of a second later."""
    return {
        path.relative_to(web_dir).as_posix(): Asset(
            path.read_bytes(),
            MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
            compress_now=False,
        )
        for folder in folders
        for path in sorted((web_dir / folder).rglob("*"))
        if path.is_file()
    }
