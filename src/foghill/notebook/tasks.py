"""Tasks and bound numbers in a notebook, as on the page (issue 20).

``tasks=[...]``: a widget carries a task list in the lesson's own grammar, one task a line,
``"id | condition | what to do"`` (``"- "`` before it is allowed), each condition checked
against the widget's facts by the lesson's rules (:func:`foghill.lessons.render.check_condition`);
the view shows the list under the widget and ticks each task as the person reaches it, by
the page's own code (``web/lib/tasks.js``); ``tasks_done`` says which are ticked.

``w.bind("trajectory.n_steps")``: a label showing one of the widget's numbers, formatted as a
lesson's bound number is (``how``: "2" decimals, "sig3" significant digits), that follows
the widget whenever the output changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets  # type: ignore[import-untyped]  # (installed with anywidget)
import traitlets

from foghill import contract
from foghill.errors import SettingError
from foghill.lessons.bound import format_number
from foghill.lessons.syntax import parse_tasks
from foghill.lessons.tasks import check_condition, facts_of
from foghill.notebook.listing import WIDGET_OWN

__all__ = ["OWN", "WithTasks", "bind", "checked_tasks"]

#: What every widget takes at construction besides its inputs: ipywidgets' own, and tasks.
OWN = WIDGET_OWN | frozenset({"tasks"})


def checked_tasks(tag: str, tasks: Any) -> list[str]:
    """The tasks as ``"id | condition | text"`` lines, or a SettingError naming the first
    mistake (a task not written so, an id twice, a condition on no fact of this widget)."""
    if isinstance(tasks, str) or not isinstance(tasks, list | tuple):
        raise SettingError('tasks must be a list of "id | condition | what to do" lines')
    lines = [str(t).strip().removeprefix("- ").strip() for t in tasks]
    parsed, problems = parse_tasks(f"tasks {tag}", "\n".join(f"- {line}" for line in lines))
    if problems:
        _, text, why = problems[0]
        raise SettingError(f"tasks: {why} (got {text!r})")
    seen: set[str] = set()
    facts = facts_of(tag)
    for item in parsed.items:
        if item.ident in seen:
            raise SettingError(f"tasks: the task {item.ident!r} is listed twice")
        seen.add(item.ident)
        problem = check_condition(item.when, facts)
        if problem:
            raise SettingError(f"tasks: task {item.ident!r}: {problem}")
    return [f"{i.ident} | {i.when} | {i.text}" for i in parsed.items]


def bind(widget: Any, path: str, how: str = "2") -> ipywidgets.Label:
    """A label showing the number at ``path`` (an output, then keys: "trajectory.n_steps"),
    kept in step with the widget; "—" while there is no such number."""
    output, *keys = path.split(".")
    outputs = contract.WIDGETS[widget.TAG].outputs
    if output not in outputs or output == "error":
        raise SettingError(
            f"bind: {path!r} starts with no output of {type(widget).__name__} "
            f"(one of {', '.join(o for o in outputs if o != 'error')})"
        )
    if not (how.isdigit() or (how.startswith("sig") and how[3:].isdigit())):
        raise SettingError(f"bind: the format {how!r} is not decimals ('2') or 'sig3'")
    trait = widget.traits()[output]
    to_json = trait.metadata.get("to_json")
    label = ipywidgets.Label()

    def update(_change: Any = None) -> None:
        value = getattr(widget, output)
        value = to_json(value, widget) if to_json is not None else value
        for key in keys:
            if isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            elif isinstance(value, dict):
                value = value.get(key)
            else:
                value = None
        number = isinstance(value, int | float) and not isinstance(value, bool)
        label.value = format_number(float(value), how) if number else "—"

    widget.observe(update, names=[output])
    update()
    return label


class WithTasks(traitlets.HasTraits):
    """What a widget with a task list and bound numbers holds (see the module)."""

    TAG: ClassVar[str] = ""

    tasks = traitlets.List(
        traitlets.Unicode(), help='a task list under the view: "id | condition | what to do"'
    ).tag(sync=True)
    tasks_done = traitlets.List(
        traitlets.Unicode(), help="the ids of the tasks the person has reached in a view"
    ).tag(sync=True)

    @traitlets.validate("tasks")
    def _valid_tasks(self, proposal: Any) -> list[str]:
        return checked_tasks(self.TAG, proposal["value"])

    def bind(self, path: str, how: str = "2") -> Any:
        """A label showing the number at ``path`` ("trajectory.n_steps"), formatted as a
        lesson's bound number ("2" decimals, "sig3" significant digits); it follows the
        widget."""
        return bind(self, path, how)
