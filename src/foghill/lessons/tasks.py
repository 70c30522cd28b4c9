"""Task lists beside a widget: the facts a task's condition may name, and the grammar of a
condition (web/lib/tasks.js reads them on the page; the lesson's HTML is checked here)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from foghill import contract
from foghill.errors import LessonError

__all__ = ["COMMON_FACTS", "FACTS", "FACT_WORDS", "check_condition", "check_tasks", "facts_of"]


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
