"""Numbers in a lesson's text bound to a widget: each binding checked, and its first text
filled in from the widget's first outputs (web/lib/bound.js keeps it in step afterwards)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from foghill import contract
from foghill.errors import LessonError

__all__ = ["Outputs", "fill_bound", "format_number"]


_BOUND = re.compile(
    r'(<span class="fh-bound" data-fh-bind="([^" ]+) ([^"]+)" data-fh-format="([^"]+)">)'
    r"([^<]*)(</span>)"
)
_MINUS = "\u2212"


def format_number(value: float, how: str) -> str:
    """A number as the widgets show it (web/lib/format.js): `how` is a count of decimals
    ("2": fmt) or significant digits ("sig3": fmtSig), with a true minus sign."""
    if not math.isfinite(value):
        return "—"
    if how.startswith("sig"):
        if value == 0:
            return "0"
        magnitude = math.floor(math.log10(abs(value)))
        digits = min(max(0, int(how[3:]) - 1 - magnitude), 8)
    else:
        digits = int(how)
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = f"{0:.{digits}f}"
    return _MINUS + text[1:] if text.startswith("-") else text


def _follow(value: Any, path: list[str]) -> Any:
    for part in path:
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


#: A widget's outputs as the page first shows them (None: not known before the page asks).
Outputs = Callable[[], Any]


def fill_bound(html_text: str, widgets: Mapping[str, tuple[str, Outputs]]) -> str:
    """Each number bound to a widget (`<span class="fh-bound" data-fh-bind="WHO PATH"
    data-fh-format="2">`) names a widget, by its id or by its tag (the first such element
    of the span's section), and one of its outputs; with the widget's first outputs
    (`widgets`: the tag of each widget it may name and how to get its outputs, None when
    unknown) the text is its value there, so the text is right before scripts run
    (web/lib/bound.js keeps it right afterwards)."""

    def fill(m: re.Match[str]) -> str:
        opening, who, path, how, _text, closing = m.groups()
        if who not in widgets:
            raise LessonError(f"a number is bound to {who!r}: no such widget here")
        tag, outputs = widgets[who]
        parts = path.split(".")
        if parts[0] not in contract.WIDGETS[tag].outputs:
            raise LessonError(f"a number is bound to {path!r}: no output of {tag}")
        if not (how.isdigit() or (how.startswith("sig") and how[3:].isdigit())):
            raise LessonError(f"a number bound to {path!r} has the format {how!r}")
        known = outputs()
        if known is None:
            return m.group(0)
        value = _follow(known, parts)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise LessonError(f"{who} {path}: no number in the widget's first answers")
        return f"{opening}{format_number(float(value), how)}{closing}"

    return _BOUND.sub(fill, html_text)
