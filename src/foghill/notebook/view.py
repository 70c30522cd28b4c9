"""The notebook view: each widget's ES module and the components' stylesheet, as esbuild
wrote them (``web/dist/notebook/``: ``make build``, ``npm run build`` or the wheel build)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from foghill.contract import Key
from foghill.notebook.traits import trait_for

__all__ = ["BUNDLE_DIR", "Bundled", "MissingBundleError", "component_css", "widget_esm"]

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


class Bundled(anywidget.AnyWidget):
    """A widget whose view is the bundle's module for its ``TAG``, styled by the components'
    stylesheet, with a trait for each of its contract inputs."""

    TAG: ClassVar[str] = ""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_esm")
    def _default_esm(self) -> str:
        return widget_esm(self.TAG)

    @traitlets.default("_css")
    def _default_css(self) -> str:
        return component_css()

    @staticmethod
    def _trait(key: Key) -> Any:
        """The trait holding the contract input ``key`` (see :func:`.made.widget_class`)."""
        return trait_for(key)
