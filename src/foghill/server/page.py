"""The lesson page as the server sends it: one response that is usable on arrival.

The page carries its stylesheet and its script inline (the esbuild bundles: no request for
code or styles before the first paint), and its first widgets' first answers as JSON beside
their elements (no request to the API before they can be used; lessons.markdown's
SEEDED_WIDGETS). The Content-Security-Policy allows exactly these inline blocks by their
SHA-256 hashes, and nothing else inline.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from foghill.lessons.render import (
    LESSONS_DIR,
    Inline,
    PageParts,
    index_parts,
    lesson_text,
    page_parts,
)
from foghill.lessons.seeds import seed, values

__all__ = [
    "Bundle",
    "Page",
    "build_index",
    "build_page",
    "content_security_policy",
    "load_bundle",
    "seed",
]

BUNDLE_JS = "dist/foghill.js"
BUNDLE_CSS = "dist/foghill.css"
SOURCE_MAP = "foghill.js.map"


@dataclass(frozen=True)
class Page:
    """A page as it is sent: its UTF-8 bytes, its Content-Security-Policy, and where its own
    closing `</body>` starts (-1: none), before which live reload puts its marker (never in
    a script or a stylesheet that happens to hold the same text)."""

    body: bytes
    csp: str
    body_end: int


#: The tag before which server.live marks an author's pages.
BODY_END = b"</body>"


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    """Only this server's files and the page's own two inline blocks (by hash) may run."""
    return (
        f"default-src 'self'; script-src 'self' {_hash(script)}; "
        f"style-src 'self' {_hash(style)}; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


@dataclass(frozen=True)
class Bundle:
    """The stylesheet and script every page carries inline."""

    style: str
    script: str

    @cached_property
    def csp(self) -> str:
        return content_security_policy(self.style, self.script)

    @cached_property
    def inline(self) -> Inline:
        """What each page carries inside itself (checked once: a bundle that could end its
        own element early is refused)."""
        return Inline(style=self.style, script=self.script, seed=seed, values=values)

    @cached_property
    def encoded(self) -> tuple[bytes, bytes]:
        """The stylesheet and the script in UTF-8, encoded once for every page (and checked
        once, as `inline` is)."""
        return self.inline.style.encode("utf-8"), self.inline.script.encode("utf-8")

    def page(self, parts: PageParts) -> Page:
        """The page whose text around the inline blocks is `parts`, the bundles joined in as
        bytes (they are most of a page, and are not encoded or searched again)."""
        before, between, after = parts
        style, script = self.encoded
        tail = after.encode()
        body = b"".join((before.encode(), style, between.encode(), script, tail))
        end = tail.rfind(BODY_END)  # the page's own, after the inline blocks
        return Page(
            body=body, csp=self.csp, body_end=end + len(body) - len(tail) if end >= 0 else -1
        )


def load_bundle(web_dir: Path) -> Bundle:
    """The esbuild bundles, read once (a missing bundle fails here, at start-up)."""
    try:
        style = (web_dir / BUNDLE_CSS).read_text(encoding="utf-8")
        script = (web_dir / BUNDLE_JS).read_text(encoding="utf-8")
    except FileNotFoundError as missing:
        raise RuntimeError(
            f"{missing.filename} is missing: build the web bundle first (make build, or "
            "npm run build)"
        ) from None
    script = script.replace(
        f"//# sourceMappingURL={SOURCE_MAP}", f"//# sourceMappingURL=/static/dist/{SOURCE_MAP}"
    )
    return Bundle(style.strip(), script)


def build_page(
    web_dir: Path,
    text: str | None = None,
    bundle: Bundle | None = None,
    folder: Path | None = None,
) -> Page:
    """A lesson's page (the built-in one when no text is given; `folder`: where its data
    files are), rendered once at start-up (a broken lesson or bundle fails here)."""
    bundle = bundle or load_bundle(web_dir)
    if text is None:  # the built-in lesson's data files are beside it
        text, folder = lesson_text(), LESSONS_DIR
    return bundle.page(page_parts(text, bundle.inline, folder))


def build_index(bundle: Bundle, lessons: Sequence[tuple[str, str]]) -> Page:
    """The page listing a folder's lessons (address and Markdown of each)."""
    return bundle.page(index_parts(lessons))
