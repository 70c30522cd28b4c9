"""Widget blocks: a lesson's fenced `widget` blocks, parsed and checked against the widget
contract.

A widget block is a fenced block whose info string starts with `widget`, then the element's
name and its attributes; the block's body is the caption:

    ```widget fh-hill hill=foggy start=2.5 learning-rate=0.15
    Drop the ball anywhere and press Go.
    ```

becomes (lessons.markdown)

    <figure class="fh-figure"><fh-hill hill="foggy" start="2.5" learning-rate="0.15">
    </fh-hill><figcaption>Drop the ball anywhere and press Go.</figcaption></figure>

Blocks are checked when the page is rendered (at server start): an unknown widget, an unknown
attribute or a value the server would refuse is a `LessonError`, so a typo in the lesson never
reaches a reader. `data=FILE.csv` on a line fit is read into its dots here (lessons.data).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foghill import contract, errors
from foghill.engine import linefit
from foghill.errors import LessonError

__all__ = [
    "WIDGETS",
    "Problem",
    "Widget",
    "check_attribute",
    "parse_widget",
    "widget_problems",
]


# ---- attribute checks: the widget contract's keys ------------------------------------------


def _attributes(kind: contract.WidgetKind) -> dict[str, contract.Key]:
    keys = (*contract.COMMON_ATTRIBUTES, *kind.inputs, *kind.attributes_extra)
    return {key.attribute: key for key in keys}


#: Each widget the page can hold, with the attributes it accepts (model keys in kebab-case).
WIDGETS: Mapping[str, Mapping[str, contract.Key]] = {
    tag: _attributes(kind) for tag, kind in contract.WIDGETS.items()
}


def check_attribute(key: contract.Key, text: str) -> str | None:
    """None when `text` is a value the server would take for `key`, else the sentence why not
    (the same words the API and the notebook use)."""
    try:
        key.validate(key.parse_attribute(text))
    except ValidationError as error:
        return errors.sentence_of(error, key.name)
    if key.name == "hill":
        from foghill.engine import hills

        if text not in hills.NAMES:
            return f"unknown hill {text!r}; the built-in hills are: {', '.join(hills.NAMES)}"
    return None


@dataclass(frozen=True)
class Widget:
    name: str
    attributes: tuple[tuple[str, str], ...]
    caption: str


#: A mistake found in a block: the text it is about (to find its column) and the sentence.
Problem = tuple[str, str]


def widget_problems(
    info: str, body: str, folder: Path | None = None
) -> tuple[Widget | None, list[Problem]]:
    """One widget block, checked: the widget (None when it cannot be made) and every
    mistake in it, each with the text it is about (`info` is the fence's info string).
    `folder` is the lesson's own, where a `data=` file is read (None: no data files)."""
    try:
        words = _words(info)
    except ValueError as error:
        return None, [(info, f"widget block {info!r}: {error}")]
    if len(words) < 2 or words[0] != "widget":
        return None, [(info, f"widget block {info!r} names no widget")]
    name, pairs = words[1], words[2:]
    if name not in WIDGETS:
        known = ", ".join(WIDGETS)
        return None, [(name, f"unknown widget {name!r} (known: {known})")]
    allowed = WIDGETS[name]
    problems: list[Problem] = []
    attributes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq:
            problems.append((pair, f"{name}: attribute {pair!r} has no value (write key=value)"))
            continue
        if key not in allowed:
            problems.append(
                (key, f"{name}: unknown attribute {key!r} (allowed: {', '.join(allowed)})")
            )
            continue
        if key in seen:
            problems.append((pair, f"{name}: attribute {key!r} is given twice"))
            continue
        seen.add(key)
        problem = check_attribute(allowed[key], value)
        if problem:
            problems.append((pair, f"{name}: {key}={value!r}: {problem}"))
            continue
        attributes.append((key, value))
    if "hill" in seen and "formula" in seen:
        problems.append(("formula", f"{name}: give a hill or a formula, not both"))
    if "data" in seen and not problems:
        source = dict(attributes)["data"]
        attributes, problem = _with_data(name, dict(attributes), folder)
        if problem:
            problems.append((f"data={source}", f"{name}: {problem}"))
    if name == "fh-classifier" and "data" not in seen:
        problems.append(
            (name, f"{name}: give it a table: data=FILE.csv, a CSV file beside the lesson")
        )
    if not problems:
        problem = _check_together(
            name,
            {allowed[k].name: allowed[k].parse_attribute(v) for k, v in attributes if k in allowed},
        )
        if problem:
            problems.append((name, f"{name}: {problem}"))
    return Widget(name, tuple(attributes), body.strip()), problems


@lru_cache(maxsize=1024)
def _words(info: str) -> tuple[str, ...]:
    """A fence's info string split as a shell would (remembered: a save checks and renders
    every lesson again, and lessons repeat their blocks)."""
    return tuple(shlex.split(info))


#: The attributes that name a data file and its columns, read into the dots' x and y.
DATA_ATTRIBUTES = ("data", "x-column", "y-column")


def _with_data(
    tag: str, given: dict[str, str], folder: Path | None
) -> tuple[list[tuple[str, str]], str | None]:
    """The attributes with `data=` (and its columns) read into `x` and `y`, or the sentence
    why the file cannot give them."""
    from foghill.lessons.data import read_dots

    if folder is None:
        return list(given.items()), "data files are read only for a lesson served from a file"
    if tag == "fh-classifier":
        return _with_table(given, folder)
    if "x" in given or "y" in given:
        return list(given.items()), "give the dots as data= or as x= and y=, not both"
    try:
        dots = read_dots(folder, given["data"], given.get("x-column"), given.get("y-column"))
    except LessonError as error:
        return list(given.items()), str(error)
    kept = [(k, v) for k, v in given.items() if k not in DATA_ATTRIBUTES]
    kind = contract.WIDGETS[tag]
    for key, values in (("x", dots.x), ("y", dots.y)):
        try:
            kind.key(key).validate(values)
        except ValidationError as error:
            return list(given.items()), f"{given['data']}: {errors.sentence_of(error, key)}"
    read = [("x", _numbers(dots.x)), ("y", _numbers(dots.y)), *_settling(tag, given, dots)]
    for label, header in (("x_label", dots.x_name), ("y_label", dots.y_name)):
        attribute = kind.key(label).attribute
        wanted = bool(header) and attribute not in given and attribute in WIDGETS[tag]
        # A header the label cannot take (too long) names no axis; it is no mistake.
        if header and wanted and check_attribute(kind.key(label), header) is None:
            read.append((attribute, header))
    return [*kept, *read], None


def _with_table(given: dict[str, str], folder: Path) -> tuple[list[tuple[str, str]], str | None]:
    """A classifier's attributes with `data=` (and its label column) read into its table."""
    from foghill.lessons.data import read_table_file

    try:
        table = read_table_file(folder, given["data"], given.get("label-column"))
    except LessonError as error:
        return list(given.items()), str(error)
    kept = [(k, v) for k, v in given.items() if k not in ("data", "label-column")]
    body = {
        "columns": table.columns,
        "rows": table.rows.tolist(),
        "labels": [str(table.classes[c]) for c in table.codes],
    }
    return [*kept, (contract.TABLE_ATTRIBUTE, json.dumps(body, separators=(",", ":")))], None


#: The line fit's settings an author may choose, by attribute: own_dots_settings fills in
#: the others so that the author's own dots settle (as fh.LineFit does in a notebook).
_CHOSEN = ("w", "b", "learning-rate", "optimizer", "x-from", "max-steps")


def _settling(tag: str, given: dict[str, str], dots: Any) -> list[tuple[str, str]]:
    """The step size, step budget and x_from with which a line fit's own dots settle, as
    attributes, for those the author did not write (a value that does not parse is left for
    the attribute check to name)."""
    if tag != "fh-line-fit":
        return []
    kind = contract.WIDGETS[tag]
    chosen: dict[str, Any] = {}
    for attribute in _CHOSEN:
        if attribute in given:
            key = kind.key(attribute.replace("-", "_"))
            try:
                chosen[key.name] = key.validate(key.parse_attribute(given[attribute]))
            except (ValidationError, ValueError):
                return []
    filled = _own_dots_settings(tuple(dots.x), tuple(dots.y), tuple(chosen.items()))
    return [(kind.key(k).attribute, _numbers([v])) for k, v in filled if v is not None]


@lru_cache(maxsize=64)
def _own_dots_settings(
    x: tuple[float, ...], y: tuple[float, ...], chosen: tuple[tuple[str, Any], ...]
) -> tuple[tuple[str, Any], ...]:
    """linefit.own_dots_settings for a line fit's dots, worked out once for each dots and
    choice (a save checks and renders every lesson of the folder again)."""
    least = contract.WIDGETS["fh-line-fit"].defaults()["max_steps"]
    filled = linefit.own_dots_settings(x, y, dict(chosen), least, contract.MAX_STEPS)
    return tuple(filled.items())


def _numbers(values: list[float]) -> str:
    return ",".join(f"{v:g}" if float(f"{v:g}") == v else repr(v) for v in values)


def parse_widget(info: str, body: str, where: str = "", folder: Path | None = None) -> Widget:
    """Parse and check one widget block (`info` is the fence's info string); its first
    mistake is a LessonError."""
    widget, problems = widget_problems(info, body, folder)
    if problems:
        raise LessonError(f"{where}{problems[0][1]}")
    assert widget is not None
    return widget


def _check_together(tag: str, values: dict[str, Any]) -> str | None:
    """The rules that tie several attributes together, checked by the request models
    themselves (a domain goes with a formula and runs low to high; dots pair up)."""
    from foghill.api_models import LineFitRequest, WhichHill

    kind = contract.WIDGETS[tag]
    try:
        if kind.endpoint == "descent":
            WhichHill.model_validate(
                {k: values[k] for k in ("hill", "formula", "domain") if k in values}
            )
        elif kind.endpoint == "linefit" and "x" in values and "y" in values:
            LineFitRequest.model_validate({"x": values["x"], "y": values["y"]})
    except ValidationError as error:
        return errors.sentence_of(error)
    return None
