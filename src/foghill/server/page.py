"""The lesson page as the server sends it: one response that is usable on arrival.

The page carries its stylesheet and its script inline (the esbuild bundles: no request for
code or styles before the first paint), and each widget's first answers as JSON beside its
element (no request to the API before a widget can be used). The Content-Security-Policy
allows exactly these inline blocks by their SHA-256 hashes, and nothing else inline.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from foghill import compute, contract
from foghill.api_models import LineFitRequest, descent_requests
from foghill.errors import BadRequest
from foghill.lessons.render import Inline, Widget, lesson_text, render_page

__all__ = ["Page", "build_page", "content_security_policy", "seed"]

BUNDLE_JS = "dist/foghill.js"
BUNDLE_CSS = "dist/foghill.css"
SOURCE_MAP = "foghill.js.map"


@dataclass(frozen=True)
class Page:
    html: str
    csp: str


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


def _inputs(widget: Widget) -> dict[str, Any]:
    """The model inputs the element starts with: the contract's defaults and its attributes."""
    kind = contract.WIDGETS[widget.name]
    values = kind.defaults()
    for attribute, text in widget.attributes:
        key = next((k for k in kind.model_inputs if k.attribute == attribute), None)
        if key is not None:
            values[key.name] = key.validate(key.parse_attribute(text))
    return values


def _dump(model: BaseModel) -> Any:
    return json.loads(model.model_dump_json())  # strict JSON, as the API answers


def seed(widget: Widget) -> str | None:
    """The JSON a widget's page model starts from: ``{"inputs": ..., "outputs": ...}`` with
    exactly the answers the API would give for those inputs (None for a widget with none)."""
    kind = contract.WIDGETS[widget.name]
    if kind.endpoint is None or kind.endpoint == "training":
        return None  # a training demo asks for nothing until the reader presses Play
    inputs = _inputs(widget)
    outputs: dict[str, Any] = {}
    try:
        if kind.endpoint == "descent":
            land, walk = descent_requests(inputs)
            outputs["landscape"] = _dump(compute.landscape_view(land))
            if walk is not None:
                outputs["trajectory"] = _dump(compute.descend_view(walk))
        elif kind.endpoint == "linefit":
            outputs["fit"] = _dump(compute.linefit_view(LineFitRequest(**inputs)))
        else:
            return None  # no seed yet for a map, race or sweep: the element asks the server
    except BadRequest:
        return None  # the element asks the server and shows the refusal itself
    text = json.dumps({"inputs": inputs, "outputs": outputs}, separators=(",", ":"))
    return text.replace("</", "<\\/")  # never ends the script element early


def build_page(web_dir: Path) -> Page:
    """The page, rendered once at start-up (a broken lesson or bundle fails here)."""
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
    html = render_page(lesson_text(), Inline(style=style.strip(), script=script, seed=seed))
    return Page(html=html, csp=content_security_policy(style.strip(), script))
