"""Turn a lesson (Markdown with widget blocks) into the full HTML page.

A widget block is a fenced block whose info string starts with `widget`, then the element's
name and its attributes; the block's body is the caption:

    ```widget fh-hill hill=foggy start=2.5 learning-rate=0.15
    Drop the ball anywhere and press Go.
    ```

becomes

    <figure class="fh-figure"><fh-hill hill="foggy" start="2.5" learning-rate="0.15">
    </fh-hill><figcaption>Drop the ball anywhere and press Go.</figcaption></figure>

Blocks are checked when the page is rendered (at server start): an unknown widget, an unknown
attribute or a value the server would refuse is a `LessonError`, so a typo in the lesson never
reaches a reader. `data=FILE.csv` on a line fit is read into its dots here (lessons.data).
Numbers bound to a widget and task lists have a syntax of their own (lessons.syntax); the
page reads them as `data-fh-*` HTML, which is checked and filled in here too. Raw HTML is
allowed in the Markdown, but no script in it runs (the page's Content-Security-Policy).
This stops at a lesson's first mistake; lessons.check names every one, at its place.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any, cast

from markdown_it import MarkdownIt
from pydantic import ValidationError

from foghill import contract, errors
from foghill.contract import MAX_WIDGETS
from foghill.engine import linefit
from foghill.lessons import syntax

__all__ = [
    "MAX_WIDGETS",
    "WIDGETS",
    "LessonError",
    "PageParts",
    "front_matter",
    "index_parts",
    "page_parts",
    "render_index",
    "render_lesson",
    "render_markdown",
    "render_page",
    "widget_problems",
    "widgets",
]

LESSONS_DIR = Path(__file__).resolve().parent
WEB_DIR = LESSONS_DIR.parent / "web"
PAGE_TEMPLATE = LESSONS_DIR / "page.html"
DEFAULT_LESSON = "gradient-descent"


class LessonError(ValueError):
    """A lesson's text is wrong in a way the author must fix (e.g. an unknown widget)."""


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


#: Given a checked widget block, the JSON its element starts from (its first answers), or
#: None. The server passes one so that the page needs no request before it can be used.
Seed = Callable[[Widget], str | None]
#: How many of a page's widgets, counted from its top, carry their first answers: those a
#: reader meets on the first screens. The others (the built-in lesson's line fit is eight
#: screens down) ask the server when they come near the window (web/lib/widget.js), as the
#: maps and races do; a seed is a few KB on the wire, and the first load's budget is 100 KB.
SEEDED_WIDGETS = 2
#: Given a checked widget block, its outputs as the page will first show them (None: not
#: known until the page asks): what a bound number's first text is read from.
Values = Callable[[Widget], Any]


@lru_cache(maxsize=64)
def seed_outputs(state: str) -> Any:
    """The outputs in a seed (the JSON `Seed` gives), read once for each seed: lessons that
    show one widget alike share it, and a save renders every lesson again. Read only."""
    return json.loads(state)["outputs"]


def _widget_html(widget: Widget, md: MarkdownIt, seed: Seed | None = None) -> str:
    attrs = "".join(f' {key}="{html.escape(value)}"' for key, value in widget.attributes)
    element = f"<{widget.name}{attrs}></{widget.name}>"
    state = seed(widget) if seed is not None else None
    if state is not None:  # read by the element from its next sibling
        element += f'<script type="application/json" class="fh-seed">{state}</script>'
    caption = (
        f"<figcaption>{md.renderInline(widget.caption)}</figcaption>" if widget.caption else ""
    )
    return f'<figure class="fh-figure">{element}{caption}</figure>\n'


# ---- tasks beside a widget -----------------------------------------------------------------

#: The facts a widget's fh-run event carries (web/lib/playback.js and web/lib/facts.js), by
#: the kind of run: what a task's condition may name. Every widget has the common ones.
COMMON_FACTS = ("status", "outcome", "step", "steps")
FACTS: Mapping[str, tuple[str, ...]] = {
    "descent": (
        "rate",
        "optimizer",
        "crawl_below",
        "one_jump",
        "fly_off",
        "start",
        "tilt",
        "x",
        "valley",
        "valley_x",
        "agree",
    ),
    "linefit": ("slope", "height", "loss", "best_slope", "best_loss", "ratio"),
    # A widget with facts of its own is listed by its tag.
    "fh-edge": ("first", "peak", "sharpness", "edge"),
}


def facts_of(tag: str) -> tuple[str, ...]:
    """The facts a task on a widget of this tag may test: its own, else its endpoint's."""
    endpoint = contract.WIDGETS[tag].endpoint or ""
    return COMMON_FACTS + FACTS.get(tag, FACTS.get(endpoint, ()))


#: The words a fact may equal (the others are numbers).
FACT_WORDS: Mapping[str, tuple[str, ...]] = {
    "status": contract.STATUSES,
    "outcome": contract.OUTCOMES,
    "valley": ("deepest", "side"),
    "optimizer": contract.OPTIMIZER_NAMES,
}
_NUMBER = r"-?[\d.]+(?:e-?\d+)?"
_CLAUSE = re.compile(
    rf"^([a-z_]+)\s*(<=|>=|!=|=|<|>)\s*(?:({_NUMBER})\s*\*\s*([a-z_]+)|({_NUMBER})|([a-z][a-z-]*))$"
)
_TASK_LIST = re.compile(r'<ul class="fh-tasks" data-for="([^"]*)"[^>]*>(.*?)</ul>', re.S)
_TASK = re.compile(r'<li data-task="([^"]*)" data-when="([^"]*)">')


def check_condition(when: str, facts: tuple[str, ...]) -> str | None:
    """None when a task's condition (web/lib/tasks.js) is well formed and names only these
    facts, else the sentence why not."""
    clauses = [c.strip() for c in when.split(";") if c.strip()]
    if not clauses:
        return "the condition is empty"
    for clause in clauses:
        m = _CLAUSE.match(clause)
        if not m:
            return f"{clause!r} is not 'fact op value'"
        name, op, _, other, _, word = m.groups()
        for fact in (name, other):
            if fact is not None and fact not in facts:
                return f"{clause!r} names {fact!r}, not a fact here ({', '.join(facts)})"
        if word is not None:
            if op not in ("=", "!="):
                return f"{clause!r} compares a word with {op!r}"
            if word not in FACT_WORDS.get(name, ()):
                return f"{clause!r}: {name} is never {word!r}"
    return None


def check_tasks(html_text: str, tags: Mapping[str, str], seen: set[str]) -> None:
    """Every task list names a widget (`tags`: the tag of each widget it may name: by its
    id, or by its tag for the first such element of the list's section), and every task has
    an id of its own (`seen`: those met so far) and a condition on that widget's facts."""
    for target, body in _TASK_LIST.findall(html_text):
        if target not in tags:
            raise LessonError(f"a task list is for {target!r}: no such widget here")
        facts = facts_of(tags[target])
        items = _TASK.findall(body)
        if not items or len(items) != body.count("<li"):
            raise LessonError(f"the tasks for {target!r}: each <li> needs data-task, data-when")
        for task, when in items:
            if task in seen:
                raise LessonError(f"task {task!r} is listed twice")
            seen.add(task)
            problem = check_condition(html.unescape(when), facts)
            if problem:
                raise LessonError(f"task {task!r}: {problem}")


# ---- numbers in the text bound to a widget ---------------------------------------------------

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


_SECTION = re.compile(r"<section\b")
_FIGURE = re.compile(
    r'<figure class="fh-figure"><(fh-[a-z-]+)\b([^>]*)></\1>'
    # The seed: anything up to its closing tag, read a run of non-'<' at a time (fast).
    r'(?:<script type="application/json" class="fh-seed">([^<]*(?:<(?!/script>)[^<]*)*)</script>)?'
)
_ID = re.compile(r'\bid="([^"]+)"')
#: Any element's id, and the scripts whose text is not elements (seeds, inline code).
_ELEMENT_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')
# Up to the first closing tag, a run of non-'<' at a time (a lazy `.*?` tried the closing tag
# at each of a seed's many thousand characters).
_SCRIPT = re.compile(r"<script\b[^<]*(?:<(?!/script>)[^<]*)*</script>")
_FOR = re.compile(r'\sfor="([^"]+)"')


_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def check_learning(html_text: str, values: Values | None = None) -> str:
    """Section by section: the task lists checked and the bound numbers filled in, each for
    the widget it names: by id anywhere on the page, or by tag the first in its section.
    No two elements share an id (a widget's, a section's), and a widget's `for=` names a
    widget.
    A number's first value is its widget's seed, or else what `values` finds for it."""
    found: dict[int, Any] = {}

    def outputs_of(m: re.Match[str]) -> Outputs:
        def outputs() -> Any:
            if m.start() not in found:
                if m.group(3) is not None:
                    found[m.start()] = seed_outputs(m.group(3))
                elif values is not None:
                    attributes = tuple(
                        (k, html.unescape(v)) for k, v in _ATTRIBUTE.findall(m.group(2))
                    )
                    found[m.start()] = values(Widget(m.group(1), attributes, ""))
                else:
                    found[m.start()] = None
            return found[m.start()]

        return outputs

    figures = list(_FIGURE.finditer(html_text))  # each read once: seeds are long
    by_id: dict[str, tuple[str, Outputs]] = {}
    for m in figures:
        ident = _ID.search(m.group(2))
        if ident:
            if ident.group(1) in by_id:
                raise LessonError(f"the id {html.unescape(ident.group(1))!r} is given twice")
            by_id[ident.group(1)] = (m.group(1), outputs_of(m))
    given: set[str] = set()
    for ident in _ELEMENT_ID.findall(_SCRIPT.sub("", html_text)):
        if ident in given:
            raise LessonError(f"the id {html.unescape(ident)!r} is given twice")
        given.add(ident)
    for m in figures:
        target = _FOR.search(m.group(2))
        if target and target.group(1) not in by_id:
            who = html.unescape(target.group(1))
            raise LessonError(f"for={who} points to no widget with that id")
    seen: set[str] = set()
    out: list[str] = []
    cuts = [0, *(m.start() for m in _SECTION.finditer(html_text) if m.start()), len(html_text)]
    for at, end in itertools.pairwise(cuts):
        chunk = html_text[at:end]
        here = dict(by_id)
        for m in figures:
            if at <= m.start() < end:
                here.setdefault(m.group(1), (m.group(1), outputs_of(m)))
        check_tasks(chunk, {who: tag for who, (tag, _) in here.items()}, seen)
        out.append(fill_bound(chunk, here))
    return "".join(out)


# ---- Markdown -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """The one parser and renderer of lessons (made once: each render's state is its own)."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["replacements", "smartquotes"])
    default_fence = cast(Any, md.renderer).rules["fence"]

    def fence(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        info = token.info.strip()
        offset = env.get("line_offset", 0) if isinstance(env, dict) else 0
        line = f"line {token.map[0] + 1 + offset}: " if token.map else ""
        if info == "widget" or info.startswith("widget "):
            seed = env.get("seed") if isinstance(env, dict) else None
            folder = env.get("folder") if isinstance(env, dict) else None
            if isinstance(env, dict):  # only the page's first widgets carry their answers
                env["widgets"] = env.get("widgets", 0) + 1
                seed = seed if env["widgets"] <= SEEDED_WIDGETS else None
            return _widget_html(parse_widget(info, token.content, line, folder), md, seed)
        if info == "tasks" or info.startswith("tasks "):
            tasks, problems = syntax.parse_tasks(info, token.content)
            if problems:
                raise LessonError(f"{line}{problems[0][2]}")
            return syntax.tasks_html(tasks, md)
        result: str = default_fence(tokens, idx, options, env)
        return result

    md.add_render_rule("fence", fence)
    syntax.install(md)

    def number(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        role: syntax.NumberRole = tokens[idx].meta["role"]
        problem = role.problem()
        if problem:
            raise LessonError(problem)
        return syntax.number_html(role)

    md.add_render_rule("fh_number", number)
    return md


def _front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Split `---\\nkey: value\\n---` off the top of a lesson: (meta, body, lines taken)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    head, sep, rest = text[4:].partition("\n---\n")
    if not sep:
        raise LessonError("the front matter (between --- lines) is not closed")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, colon, value = line.partition(":")
            if not colon:
                raise LessonError(f"front matter line {line!r} is not 'key: value'")
            meta[key.strip()] = value.strip()
    return meta, rest, head.count("\n") + 3


def widgets(name: str = DEFAULT_LESSON) -> list[tuple[str, Widget]]:
    """Every widget block of a lesson, checked, in page order, each with the id of the
    section it stands in ("" outside any): what tests and checks read the lesson's settings
    from, so that they test what the page ships."""
    _, body, _ = _front_matter(lesson_text(name))
    found: list[tuple[str, Widget]] = []
    section = ""
    for token in _markdown().parse(body):
        if token.type == "html_block":
            opened = _SECTION_ID.findall(token.content)
            if opened:
                section = opened[-1]
        info = token.info.strip() if token.type == "fence" else ""
        if info == "widget" or info.startswith("widget "):
            found.append((section, parse_widget(info, token.content, folder=LESSONS_DIR)))
    return found


_SECTION_ID = re.compile(r'<section\b[^>]*\bid="([^"]+)"')


def render_markdown(
    text: str,
    first_line: int = 1,
    seed: Seed | None = None,
    folder: Path | None = None,
    values: Values | None = None,
) -> str:
    """The lesson body's HTML (widget blocks and task lists checked, blocks turned into
    figures).

    `first_line` is the line number of the text's first line, for error messages; `seed`
    gives each of the first SEEDED_WIDGETS widgets the state it starts from; `folder` is
    where data files are read."""
    env = {"line_offset": first_line - 1, "seed": seed, "folder": folder}
    out = str(_markdown().render(text, env))
    count = out.count('<figure class="fh-figure">')
    if count > MAX_WIDGETS:
        raise LessonError(
            f"the lesson has {count} widgets; a lesson may have at most {MAX_WIDGETS}"
        )
    return check_learning(out, values)


# ---- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inline:
    """What the page carries inside itself: the stylesheet and the script (the esbuild
    bundles), and its first widgets' first state. Empty for a page that only reads as text."""

    style: str = ""
    script: str = ""
    seed: Seed | None = None
    values: Values | None = None

    def __post_init__(self) -> None:
        for tag, code in (("</style", self.style), ("</script", self.script)):
            if tag in code.lower():
                raise LessonError(f"the bundle contains {tag!r}, so it cannot be inlined")


#: The page's text around its inline stylesheet and script: the template is cut at `$style`
#: and `$script`, which the bundles fill (the same for every page, so a server may join them
#: in as bytes encoded once).
PageParts = tuple[str, str, str]


@lru_cache(maxsize=1)
def _template() -> tuple[Template, Template, Template]:
    """page.html, read once, as the templates before `$style`, between it and `$script`, and
    after (each part substitutes as the whole template would: the cuts fall at placeholders)."""
    text = PAGE_TEMPLATE.read_text(encoding="utf-8")
    parts = re.split(r"\$(?:style|script)(?![_A-Za-z0-9])", text)
    if len(parts) != 3 or "$$" in text or text.index("$style") > text.index("$script"):
        raise RuntimeError(f"{PAGE_TEMPLATE.name} must hold $style, then $script, once each")
    before, between, after = parts
    return Template(before), Template(between), Template(after)


def _page_parts(fields: Mapping[str, str]) -> PageParts:
    before, between, after = _template()
    return before.substitute(fields), between.substitute(fields), after.substitute(fields)


def _joined(parts: PageParts, inline: Inline) -> str:
    before, between, after = parts
    return f"{before}{inline.style}{between}{inline.script}{after}"


def render_page(text: str, inline: Inline = Inline(), folder: Path | None = None) -> str:
    """A full HTML page from a lesson's Markdown (with front matter title and description)."""
    return _joined(page_parts(text, inline, folder), inline)


def page_parts(text: str, inline: Inline = Inline(), folder: Path | None = None) -> PageParts:
    """:func:`render_page` without the inline stylesheet and script: the text before, between
    and after them."""
    meta, body, taken = _front_matter(text)
    for key in ("title", "description"):
        if not meta.get(key):
            raise LessonError(f"the lesson's front matter needs a {key!r}")
    content = render_markdown(body, taken + 1, inline.seed, folder, inline.values)
    return _page_parts(
        {
            "title": html.escape(meta["title"]),
            "description": html.escape(meta["description"]),
            "content": _in_article(content, meta["title"]),
        }
    )


def _in_article(content: str, title: str) -> str:
    """The lesson's HTML, inside the page's reading column (the target of the skip link)
    unless the lesson lays out its own `<main>`, as the built-in one does; headed by its
    title unless it has a heading of its own."""
    content = content.strip()
    if re.search(r"<main\b", content):
        return content
    if not re.search(r"<h1\b", content):
        content = f"<h1>{html.escape(title)}</h1>\n{content}"
    return f'<main id="story" class="fh-article">\n{content}\n</main>'


def front_matter(text: str) -> dict[str, str]:
    """A lesson's front matter (its title and description)."""
    return _front_matter(text)[0]


def render_index(lessons: Sequence[tuple[str, str]], inline: Inline = Inline()) -> str:
    """The page listing a folder's lessons: each (address, Markdown) as a link with the
    title and description of its front matter."""
    return _joined(index_parts(lessons), inline)


def index_parts(lessons: Sequence[tuple[str, str]]) -> PageParts:
    """:func:`render_index` without the inline stylesheet and script (see :func:`page_parts`)."""
    items = []
    for stem, text in lessons:
        meta = front_matter(text)
        items.append(
            f'<li><a href="/{html.escape(stem)}">{html.escape(meta.get("title", stem))}</a>'
            f"<p>{html.escape(meta.get('description', ''))}</p></li>\n"
        )
    content = (
        '<main id="story" class="fh-article fh-index">\n<h1>Lessons</h1>\n'
        f'<ul class="fh-lessons">\n{"".join(items)}</ul>\n</main>'
    )
    return _page_parts(
        {
            "title": "Lessons",
            "description": html.escape(f"{len(items)} lessons served by Foghill"),
            "content": content,
        }
    )


def lesson_text(name: str = DEFAULT_LESSON) -> str:
    """The Markdown of `lessons/<name>.md`."""
    return (LESSONS_DIR / f"{name}.md").read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def render_lesson(name: str = DEFAULT_LESSON) -> str:
    """The page for `lessons/<name>.md` as text only (no bundles, no seeds), cached: what the
    checks and tests read. The server serves :func:`foghill.server.page.build_page`."""
    return render_page(lesson_text(name), folder=LESSONS_DIR)
