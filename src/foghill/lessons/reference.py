"""The authoring reference, ``docs/authoring.md``, made from the widget contract.

The syntax first, then every widget with every attribute (type, bounds, default, help), the
values a bound number may read and the facts a task may test, all read from
:mod:`foghill.contract`, the response models and the task grammar of
:mod:`foghill.lessons.tasks`, so that the page cannot drift from what the server accepts.
``python -m foghill.remake`` writes it; ``--check`` fails when it is stale (a test
runs the check).
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from foghill import contract
from foghill.api_models import responses
from foghill.contract import MAX_WIDGETS
from foghill.engine import hills
from foghill.lessons import data, shelf
from foghill.lessons.blocks import WIDGETS
from foghill.lessons.tasks import COMMON_FACTS, FACT_WORDS, facts_of
from foghill.training.edge import EdgeRun

__all__ = ["AUTHORING_MD", "OUTPUT_MODELS", "authoring_md", "number_paths"]

AUTHORING_MD = Path(__file__).resolve().parents[3] / "docs" / "authoring.md"

#: The answer each widget output holds (its model in :mod:`foghill.api_models`).
OUTPUT_MODELS: dict[str, type[BaseModel]] = {
    "landscape": responses.LandscapeResponse,
    "trajectory": responses.DescendResponse,
    "fit": responses.LineFitResponse,
    "contours": responses.ContoursResponse,
    "race": responses.RaceResponse,
    "sweep": responses.SweepResponse,
    "run": EdgeRun,
}
#: Fields left out of the reference: drawing data and code, no number a sentence would quote.
_SKIPPED = frozenset({"code", "curve", "bands", "lines", "map", "levels", "paths", "cells"})

_SHAPE_WORDS = {
    "number": "number",
    "whole": "whole number",
    "text": "text",
    "numbers": "numbers, comma-separated",
    "start": "a number, or x,y",
    "names": "names, comma-separated",
}


def _bounds(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        parts = [_bounds(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(p for p in parts if p) or ""
    words = []
    for key, say in (
        ("minimum", "≥ {}"),
        ("exclusiveMinimum", "> {}"),
        ("maximum", "≤ {}"),
        ("exclusiveMaximum", "< {}"),
        ("minLength", "at least {} character(s)"),
        ("maxLength", "at most {} characters"),
        ("pattern", "matching `{}`"),
    ):
        if key in schema:
            words.append(say.format(_plain(schema[key])))
    if "enum" in schema:
        words.append("one of " + ", ".join(f"`{v}`" for v in schema["enum"]))
    if schema.get("type") == "array":
        low, high = schema.get("minItems"), schema.get("maxItems")
        count = f"{low}" if low == high else f"{low or 0} to {high if high is not None else '…'}"
        inner = _bounds(schema.get("items", {}))
        words.append(f"{count} items" + (f", each {inner}" if inner else ""))
    return ", ".join(words)


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def _default(key: contract.Key) -> str:
    if key.default is None:
        return "—"
    if isinstance(key.default, list):
        text = ",".join(_plain(v) for v in key.default)
        return f"`{text}`" if len(text) <= 40 else f"{len(key.default)} made-up values"
    if key.default == "":
        return "(empty)"
    return f"`{_plain(key.default)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fields(model: type[BaseModel], prefix: str, depth: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, info in model.model_fields.items():
        if name in _SKIPPED:
            continue
        out.extend(_paths(info.annotation, f"{prefix}.{name}", depth))
    return out


def _paths(annotation: Any, path: str, depth: int) -> list[tuple[str, str]]:
    """(path, what it holds) for each number reachable from `annotation`."""
    if depth > 4:
        return []
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _paths(args[0], path, depth)
    if origin in (typing.Union, types.UnionType):
        found: dict[str, str] = {}
        for arg in args:
            if arg is not type(None):
                for p, what in _paths(arg, path, depth):
                    found.setdefault(p, what)
        return list(found.items())
    if origin is list:
        return [(p, w) for p, w in _paths(args[0], f"{path}.N", depth + 1)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _fields(annotation, path, depth + 1)
    if annotation is int:
        return [(path, "whole number")]
    if annotation is float:
        return [(path, "number")]
    return []


def number_paths(output: str) -> list[tuple[str, str]]:
    """Every path under a widget output that leads to a number (`N`: a list's index from 0)."""
    return _paths(OUTPUT_MODELS[output], output, 0) if output in OUTPUT_MODELS else []


SYNTAX = f"""\
# Writing a Foghill lesson

A lesson is a Markdown file with live widgets in it. Start one with `foghill new
my-lesson.md`, serve it with `foghill serve my-lesson.md` (or `foghill serve FOLDER` for a
folder of lessons: an index at `/`, each lesson at `/<file stem>`) and open the address it
prints. While it is served, each save reaches the open page within a second; a mistake is
shown over the page, with its `file:line:column`, until it is fixed.

This page is generated from the widget contract (`python -m foghill.remake`); a
test fails when it no longer matches what the server accepts.

## Front matter

Every lesson starts with a title and a description (used by the page and by a folder's
index):

```
---
title: Rolling downhill
description: A ball on a foggy hill, and what it teaches about learning.
---
```

## Widgets

A fenced block whose info string is `widget`, the widget's tag and its attributes as
`key=value` (quote a value with spaces: `formula="x^2 - 3*x"`). The block's body is the
caption, in Markdown:

````
```widget fh-hill id=hill hill=foggy start=2.5 learning-rate=0.1
Press Play, or click the curve to drop the ball somewhere else.
```
````

Every attribute is checked when the lesson is served; a value the server would refuse is
a mistake named at its place. `id` names a widget, so that numbers, task lists and `for=`
can point to it.

## Numbers bound to a widget

An inline role: `{{number FORMAT}}` and, in backticks, the widget (its id, or its tag for
the first widget of that tag in the same `<section>`) and the path of a value it publishes.
FORMAT is a count of decimals (`0`, `2`, …) or `sig` and significant digits (`sig3`); it may
be left out for 2 decimals:

```
The walk took {{number 0}}`hill trajectory.n_steps` steps; the valley floor is at
x = {{number}}`hill landscape.minima.0.x`.
```

The number is worked out when the page is rendered and follows the widget as the reader
changes it. The values each widget publishes are listed below (`N` is a list's index,
from 0).

## Task lists

A fenced block `tasks WHO`, WHO naming a widget as for numbers. Lines before the first task
are its heading; each task is `- id | condition | what to do`. A condition is one or more
clauses `fact op value` joined by `;` (all must hold), `op` one of `= != < <= > >=`, the
value a number, a word, or `NUMBER*fact`:

````
```tasks hill
**Things to try** (each ticks itself):
- deep | outcome=settled; valley=deepest | Bring the ball to rest in the deepest valley.
- bold | outcome=zigzag; rate>=0.5*one_jump | Make it zig-zag.
```
````

Every widget reports {", ".join(f"`{f}`" for f in COMMON_FACTS)}; the others are listed
with each widget. Words a fact may equal: {
    "; ".join(
        f"`{fact}`: " + ", ".join(f"`{w}`" for w in words) for fact, words in FACT_WORDS.items()
    )
}.

## Your own data

`data=FILE.csv` on a line fit reads the dots from a CSV file beside the lesson: the first
two numeric columns are x and y, unless `x-column` and `y-column` name others (by header,
or by number from 1). A first row with a cell that is not a number is the header, and the
headers of the columns read name the axes (unless `x-label` and `y-label` do). The file
must stay inside the lesson's folder (no `..`, no absolute path, no hidden file, no symlink
out), be at most {data.MAX_DATA_BYTES // 1024} KB, and hold only numbers in the columns
read; the dots are then checked like any other (between {contract.MIN_DOTS} and
{contract.MAX_DOTS:,}).

With no `learning-rate` (and no `optimizer`, `w` or `b`) written, the line fit starts with
a step size and a step budget with which plain descent settles on these dots, read off
their own bowl; and when, counted from 0, the dots would need thousands of steps (years as
x, say), x is counted from their middle (`x-from`) and the line's height is read there. The
widget says so beside the dots. Write `learning-rate=...` to choose your own step.

## Limits

A folder may hold at most {shelf.MAX_LESSONS} lessons, and a lesson may be at most
{shelf.MAX_LESSON_BYTES // 1024} KB long and hold at most {
    MAX_WIDGETS
} widgets. A file name is the lesson's address: letters, digits,
`-` and `_`. Raw HTML is allowed in a lesson, but no script in it runs: the page's
Content-Security-Policy lets only Foghill's own script run.
"""


def _widget_section(tag: str) -> str:
    kind = contract.WIDGETS[tag]
    lines = [f"### `{tag}`", "", kind.help, ""]
    lines += ["| attribute | type | bounds | default | what it sets |", "|---|---|---|---|---|"]
    for attribute, key in WIDGETS[tag].items():
        bounds = _bounds(TypeAdapter(key.annotation).json_schema())
        if key.name == "hill":  # lessons.blocks.check_attribute: only the built-in names
            bounds = "one of " + ", ".join(f"`{name}`" for name in hills.NAMES)
        lines.append(
            f"| `{attribute}` | {_SHAPE_WORDS[key.shape]} | {_cell(bounds) or '—'} "
            f"| {_default(key)} | {_cell(key.help)} |"
        )
    lines.append("")
    paths = [p for output in kind.outputs for p in number_paths(output)]
    if paths:
        lines.append("Numbers it publishes, for `{number}`:")
        lines.append("")
        lines += [f"- `{path}` ({what})" for path, what in paths]
        lines.append("")
    facts = facts_of(kind.tag)
    lines.append("Facts a task may test: " + ", ".join(f"`{f}`" for f in facts) + ".")
    lines.append("")
    return "\n".join(lines)


def authoring_md() -> str:
    """The text of docs/authoring.md."""
    widgets = "\n".join(_widget_section(tag) for tag in contract.WIDGETS)
    return f"{SYNTAX}\n## Every widget\n\n{widgets}".rstrip() + "\n"
