"""Every mistake in a lesson, each named at its place: `file:line:column: sentence`.

The page renderer stops at a lesson's first mistake; this walks the whole lesson instead
(widget blocks, task lists, bound numbers, the ids that `for=` and task lists point to), so
that `foghill serve PATH` can list them all at once. The words are the renderer's own
(:func:`foghill.lessons.blocks.widget_problems`, :func:`foghill.lessons.tasks.check_condition`,
the contract's bounds), so a lesson this passes is a lesson that renders; and a lesson with a
mistake here does not render (tests/api/test_lesson_mistakes.py), so `foghill serve` renders
the lessons once and walks them here only when one does not render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from foghill import contract
from foghill.contract import MAX_WIDGETS
from foghill.errors import LessonError
from foghill.lessons import syntax
from foghill.lessons.blocks import Widget, widget_problems
from foghill.lessons.bound import _follow
from foghill.lessons.data import data_signature
from foghill.lessons.markdown import (
    _ELEMENT_ID,
    Values,
    _front_matter,
    _markdown,
    render_markdown,
)
from foghill.lessons.shelf import MAX_LESSONS, Shelf, open_shelf
from foghill.lessons.tasks import check_condition, facts_of

__all__ = ["Mistake", "lesson_mistakes", "path_mistakes"]

_SECTION_OPEN = re.compile(r"<section\b")
#: Raw HTML the page's scripts read (a number or a task list written by hand): checked by
#: rendering the lesson, as only the rendered page shows where they point.
_RAW_LIVE = re.compile(r"data-fh-bind|data-task|data-when|fh-tasks")


@dataclass(frozen=True)
class Mistake:
    file: str
    line: int
    column: int
    sentence: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.sentence}"


@dataclass
class _Reading:
    """What the walk has met so far."""

    name: str
    lines: list[str]
    folder: Path | None
    mistakes: list[Mistake] = field(default_factory=list)
    by_id: dict[str, Widget] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)  # every id given, a widget's or HTML's
    by_tag: dict[tuple[int, str], Widget] = field(default_factory=dict)
    fors: list[tuple[int, str]] = field(default_factory=list)  # (line, id) of each `for=`
    tasks: list[tuple[int, int, syntax.TaskList]] = field(default_factory=list)
    numbers: list[tuple[int, int, syntax.NumberRole]] = field(default_factory=list)

    def add(self, line: int, fragment: str, sentence: str) -> None:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        column = text.find(fragment) + 1 if fragment else 1
        self.mistakes.append(Mistake(self.name, line, max(column, 1), sentence))

    def claim(self, ident: str, line: int, fragment: str) -> None:
        """An id given at `line`: a mistake if an element already has it."""
        if ident in self.ids:
            self.add(line, fragment, f"the id {ident!r} is given twice (first at line "
                     f"{self.ids[ident]})")  # fmt: skip
        else:
            self.ids[ident] = line

    def widget(self, section: int, who: str) -> Widget | None:
        return self.by_id.get(who) or self.by_tag.get((section, who))


def lesson_mistakes(
    name: str,
    text: str,
    values: Values | None = None,
    folder: Path | None = None,
) -> list[Mistake]:
    """Every mistake of the lesson `text` (its file called `name`, its data files in
    `folder`), in the order of the text. With `values` (:func:`foghill.lessons.seeds.values`),
    each bound number's path is followed into its widget's first outputs."""
    reading = _Reading(name, text.splitlines(), folder)
    try:
        meta, body, taken = _front_matter(text)
    except LessonError as error:
        return [Mistake(name, 1, 1, str(error))]
    for key in ("title", "description"):
        if not meta.get(key):
            reading.add(1, "", f"the lesson's front matter needs a {key!r}")
    section = widgets = 0
    for token in _markdown().parse(body):
        first = taken + 1 + (token.map[0] if token.map else 0)
        if token.type == "html_block":
            section += len(_SECTION_OPEN.findall(token.content))
            for offset, text in enumerate(token.content.splitlines()):
                for ident in _ELEMENT_ID.findall(text):
                    reading.claim(ident, first + offset, f'id="{ident}"')
        elif token.type == "fence":
            info = token.info.strip()
            if info.startswith("widget "):
                widgets += 1
                if widgets == MAX_WIDGETS + 1:
                    reading.add(first, "", f"a lesson may have at most {MAX_WIDGETS} widgets")
            _fence(reading, info, token.content, first, section)
        elif token.type == "inline":
            for child in token.children or ():
                if child.type == "fh_number":
                    line = first + token.content[: child.meta["offset"]].count("\n")
                    reading.numbers.append((line, section, child.meta["role"]))
    _references(reading, values)
    if not reading.mistakes and _RAW_LIVE.search(body):
        try:  # what only the rendered page shows (raw HTML task lists and numbers)
            render_markdown(body, taken + 1, None, folder, values)
        except LessonError as error:
            reading.add(1, "", str(error))
    return sorted(reading.mistakes, key=lambda m: (m.line, m.column))


def _fence(reading: _Reading, info: str, content: str, line: int, section: int) -> None:
    if info == "widget" or info.startswith("widget "):
        widget, problems = widget_problems(info, content, reading.folder)
        for fragment, sentence in problems:
            reading.add(line, fragment, sentence)
        if widget is None:
            return
        attributes = dict(widget.attributes)
        if "id" in attributes:
            reading.claim(attributes["id"], line, f"id={attributes['id']}")
            reading.by_id.setdefault(attributes["id"], widget)
        reading.by_tag.setdefault((section, widget.name), widget)
        if "for" in attributes:
            reading.fors.append((line, attributes["for"]))
    elif info == "tasks" or info.startswith("tasks "):
        tasks, task_problems = syntax.parse_tasks(info, content)
        for offset, fragment, sentence in task_problems:
            reading.add(line + offset, fragment, sentence)
        reading.tasks.append((line, section, tasks))


def _references(reading: _Reading, seed: Values | None) -> None:
    for line, who in reading.fors:
        if who not in reading.by_id:
            reading.add(line, f"for={who}", f"for={who} points to no widget with that id")
    seen: set[str] = set()
    for line, section, tasks in reading.tasks:
        widget = reading.widget(section, tasks.who)
        if tasks.who and widget is None:
            reading.add(line, tasks.who, _nowhere("the task list", tasks.who))
        for item in tasks.items:
            if item.ident in seen:
                reading.add(line + item.line, item.ident, f"task {item.ident!r} is listed twice")
            seen.add(item.ident)
            if widget is None:
                continue
            problem = check_condition(item.when, facts_of(widget.name))
            if problem:
                reading.add(line + item.line, item.when, f"task {item.ident!r}: {problem}")
    states: dict[int, Any] = {}
    for line, section, role in reading.numbers:
        problem = role.problem()
        if problem:
            reading.add(line, role.text, problem)
            continue
        widget = reading.widget(section, role.who)
        if widget is None:
            reading.add(line, role.text, _nowhere("the number", role.who))
            continue
        outputs = contract.WIDGETS[widget.name].outputs
        head = role.path.split(".")[0]
        if head not in outputs:
            reading.add(
                line,
                role.text,
                f"{widget.name} publishes no {head!r} (it publishes {', '.join(outputs)})",
            )
            continue
        if seed is None:
            continue
        if id(widget) not in states:
            states[id(widget)] = seed(widget)
        if states[id(widget)] is None:
            continue  # this widget's values come only once the page asks: not checked here
        value = _follow(states[id(widget)], role.path.split("."))
        if not isinstance(value, int | float) or isinstance(value, bool):
            reading.add(line, role.text, f"{widget.name} publishes no number at {role.path!r}")


def _nowhere(what: str, who: str) -> str:
    return (
        f"{what} is for {who!r}, but no widget has that id, and no {who} stands in its section"
        if who.startswith("fh-")
        else f"{what} is for {who!r}, but no widget has that id"
    )


def path_mistakes(path: Path) -> list[str]:
    """Every mistake of every lesson at `path` (a lesson or a folder), as sentences."""
    try:
        shelf: Shelf = open_shelf(path)
    except LessonError as error:
        return [str(error)]
    found: list[str] = []
    data = data_signature(shelf.folder)
    for lesson in shelf.lessons:
        shown = lesson.path.name if shelf.single else f"{path.name}/{lesson.path.name}"
        try:
            text = lesson.text()
        except (LessonError, UnicodeDecodeError, OSError) as error:
            found.append(f"{shown}: {error}")
            continue
        found.extend(_remembered(shown, text, shelf.folder, data))
    return found


@lru_cache(maxsize=MAX_LESSONS)
def _remembered(
    shown: str, text: str, folder: Path, data: tuple[tuple[str, int, int], ...]
) -> tuple[str, ...]:
    """A lesson's mistakes, remembered by its text and its folder's data files (`data`):
    while an author edits one lesson of a folder, the others are not read again."""
    from foghill.lessons.seeds import values

    return tuple(str(m) for m in lesson_mistakes(shown, text, values, folder))
