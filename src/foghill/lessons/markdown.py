"""A lesson's Markdown as HTML: widget blocks turned into figures (with the first answers
of the page's first widgets beside them), task blocks and bound numbers into the `data-fh-*`
HTML the page reads (lessons.syntax), and that HTML checked section by section. Raw HTML is
allowed in the Markdown, but no script in it runs (the page's Content-Security-Policy). This
stops at a lesson's first mistake; lessons.check names every one, at its place.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from markdown_it import MarkdownIt

from foghill.contract import MAX_WIDGETS
from foghill.errors import LessonError
from foghill.lessons import syntax
from foghill.lessons.blocks import Widget, parse_widget
from foghill.lessons.bound import Outputs, fill_bound
from foghill.lessons.tasks import check_tasks

__all__ = [
    "SEEDED_WIDGETS",
    "Seed",
    "Values",
    "check_learning",
    "render_markdown",
    "seed_outputs",
]


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


# ---- checked section by section ----------------------------------------------------------

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
