"""The author's syntax for what is live in a lesson's text, besides widget blocks.

A number bound to a widget is an inline role: the format in the braces (decimals, or `sig`
and significant digits; 2 decimals when left out), then the widget (its id, or its tag for
the first such widget of the section) and the path of one of its published values:

    the walk takes {number 0}`fh-hill trajectory.n_steps` steps

Its first text is worked out when the page is rendered; the page keeps it up to date.

A task list is a fenced block naming the widget it watches. Lines before the first item are
its heading; each item is `- id | condition | what to do`, the condition in the grammar of
web/lib/tasks.js (clauses `fact op value` joined by `;`):

    ```tasks fh-hill
    **Things to try**:
    - deep | outcome=settled; valley=deepest | Bring the ball to rest in the deep valley.
    ```

Both become the HTML the page's scripts read (`data-fh-bind`, `data-task`, `data-when`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt

__all__ = [
    "NUMBER_ROLE",
    "NumberRole",
    "TaskItem",
    "TaskList",
    "install",
    "number_html",
    "parse_tasks",
]

#: A number bound to a widget's value, as an author writes it: {number FORMAT}`WHO PATH`.
NUMBER_ROLE = re.compile(r"\{number(?: +([A-Za-z0-9]+))?\}`([^`\n]*)`")
DEFAULT_FORMAT = "2"
_TASK_ID = re.compile(r"^[A-Za-z][\w-]*$")

#: A mistake in a block: the line within it (0: the fence's own), the text it is about and
#: the sentence saying what is wrong.
LineProblem = tuple[int, str, str]


@dataclass(frozen=True)
class NumberRole:
    text: str  # the role as written
    who: str
    path: str
    how: str

    def problem(self) -> str | None:
        """None when the role is well formed, else the sentence why not."""
        if not self.who or not self.path:
            return f"{self.text} names a widget and a value, e.g. `fh-hill trajectory.n_steps`"
        if not (self.how.isdigit() or (self.how.startswith("sig") and self.how[3:].isdigit())):
            return f"{self.text}: the format {self.how!r} is not decimals (2) or sig3"
        return None


def read_role(text: str) -> NumberRole | None:
    m = NUMBER_ROLE.match(text)
    if not m:
        return None
    who, _, path = m.group(2).strip().partition(" ")
    return NumberRole(m.group(0), who, path.strip(), m.group(1) or DEFAULT_FORMAT)


def number_html(role: NumberRole, text: str = "") -> str:
    return (
        f'<span class="fh-bound" data-fh-bind="{html.escape(role.who)} '
        f'{html.escape(role.path)}" data-fh-format="{html.escape(role.how)}">'
        f"{html.escape(text)}</span>"
    )


@dataclass(frozen=True)
class TaskItem:
    ident: str
    when: str
    text: str
    line: int  # within the block (1: its first line of content)


@dataclass(frozen=True)
class TaskList:
    who: str
    head: str
    items: tuple[TaskItem, ...]


def parse_tasks(info: str, content: str) -> tuple[TaskList, list[LineProblem]]:
    """A ```` ```tasks WHO ```` block: its heading and items, and every mistake of form in it
    (conditions are checked against the widget's facts where the widget is known)."""
    words = info.split()
    problems: list[LineProblem] = []
    who = words[1] if len(words) > 1 else ""
    if len(words) != 2:
        problems.append((0, info, "a task list names one widget: ```tasks fh-hill"))
    head: list[str] = []
    items: list[TaskItem] = []
    for number, line in enumerate(content.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("- "):
            if items:
                problems.append((number, stripped, "after the first task, each line is a task"))
            else:
                head.append(stripped)
            continue
        parts = [p.strip() for p in stripped[2:].split("|")]
        if len(parts) != 3 or not all(parts):
            problems.append((number, stripped, "a task is written `- id | condition | what to do`"))
            continue
        ident, when, text = parts
        if not _TASK_ID.match(ident):
            problems.append((number, ident, f"the task id {ident!r} is not a plain name"))
            continue
        items.append(TaskItem(ident, when, text, number))
    if not items and not problems:
        problems.append((0, info, "the task list has no tasks"))
    return TaskList(who, " ".join(head), tuple(items)), problems


def tasks_html(tasks: TaskList, md: MarkdownIt) -> str:
    out = []
    if tasks.head:
        out.append(f'<p class="fh-tasks-head">{md.renderInline(tasks.head)}</p>\n')
    out.append(f'<ul class="fh-tasks" data-for="{html.escape(tasks.who)}">\n')
    for item in tasks.items:
        out.append(
            f'<li data-task="{html.escape(item.ident)}" data-when="{html.escape(item.when)}">'
            f"{md.renderInline(item.text)}</li>\n"
        )
    out.append("</ul>\n")
    return "".join(out)


def _number_rule(state: Any, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    role = read_role(state.src[state.pos :])
    if role is None:
        return False
    if not silent:
        token = state.push("fh_number", "span", 0)
        token.meta = {"role": role, "offset": state.pos}
    state.pos += len(role.text)
    return True


def install(md: MarkdownIt) -> None:
    """Teach a markdown-it parser the number role (lessons.markdown renders it and the tasks
    block, a fence)."""
    md.inline.ruler.before("backticks", "fh_number", _number_rule)
