"""The notebook view: each widget's ES module and the components' stylesheet, as esbuild
wrote them (``web/dist/notebook/``: ``make build``, ``npm run build`` or the wheel build)."""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["BUNDLE_DIR", "MissingBundleError", "component_css", "widget_esm"]

BUNDLE_DIR = Path(__file__).resolve().parents[1] / "web" / "dist" / "notebook"


class MissingBundleError(FileNotFoundError):
    """The web bundle has not been built (a source checkout before ``make build``)."""


def _read(name: str) -> str:
    path = BUNDLE_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MissingBundleError(
            f"{path} is missing: build the web bundle first (make build, or npm run build)"
        ) from None


@functools.cache
def widget_esm(tag: str) -> str:
    """The anywidget ``_esm`` for the custom element ``tag`` (one ES module, no imports)."""
    return _read(f"{tag}.js")


@functools.cache
def component_css() -> str:
    """The components' stylesheet (anywidget's ``_css``)."""
    return _read("foghill.css")
