"""``Rule(of=widget)``: the update rule, filled in with another widget's numbers, in a notebook.

On the page ``<fh-rule>`` hears the steps of the widgets around it (or of the one its ``for``
attribute names); a notebook draws each widget in a frame of its own (marimo even in a
shadow root), so there the rule is given its source explicitly. The kernel forwards what the
source widget holds into the rule's model: its run (``run``: the descent's or the line fit's
answer), its step size and optimizer, and where its views are (``source_status``,
``source_step``, which each view reports as it plays). The rule's view fills the formula in
from those. Its Play, Step and Reset buttons send commands that the kernel passes on to the
source widget, so they drive every view of it, and the kernel's own copy.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from foghill import contract
from foghill.errors import SettingError
from foghill.notebook.checks import check_settings
from foghill.notebook.listing import WIDGET_OWN, public_names
from foghill.notebook.made import own_class
from foghill.notebook.runs import DescentRun, FitRun
from foghill.notebook.view import component_css, widget_esm
from foghill.notebook.widgets import _DescentWidget, _LineFitWidget, _Widget

__all__ = ["Rule"]

_COMMANDS = frozenset({"go", "step", "pause", "reset"})


@own_class("fh-rule")
class Rule(anywidget.AnyWidget):
    """The update rule θ ← θ − η∇L, with the numbers of the widget ``of`` as it steps.

    >>> import foghill as fh
    >>> hill = fh.Hill("foggy", learning_rate=0.1)
    >>> rule = fh.Rule(of=hill)
    >>> rule.learning_rate
    0.1
    >>> rule.of is hill
    True

    ``Rule(of=hill)`` follows a ``Hill``, a ``StepDial`` or a ``LineFit``: each step its views
    draw appears in the rule with its real numbers; the rule's buttons play the source.
    """

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)

    source = traitlets.Unicode(help="the followed widget's tag (fh-hill, fh-step-dial, ...)").tag(
        sync=True
    )
    run = traitlets.Any(None, help="the followed widget's run, as its answer says").tag(sync=True)
    learning_rate = traitlets.Float(0.0, help="the followed widget's step size").tag(sync=True)
    optimizer = traitlets.Unicode("gd", help="the followed widget's optimizer").tag(sync=True)
    source_status = traitlets.Unicode("idle", help="where the followed widget's walk is").tag(
        sync=True
    )
    source_step = traitlets.Int(0, help="the step the followed widget shows").tag(sync=True)
    source_formula = traitlets.Unicode("", help="the formula the followed widget walks on").tag(
        sync=True
    )
    source_title = traitlets.Unicode("", help="the title of its built-in hill").tag(sync=True)
    status = traitlets.Enum(contract.STATUSES, "idle", help="where the rule's view is").tag(
        sync=True
    )
    step_count = traitlets.Int(0, help="the step the rule's view shows").tag(sync=True)

    @traitlets.default("_esm")
    def _default_esm(self) -> str:
        return widget_esm("fh-rule")

    @traitlets.default("_css")
    def _default_css(self) -> str:
        return component_css()

    def __init__(self, of: Any = None, **kwargs: Any) -> None:
        check_settings("Rule", kwargs, ("of",), WIDGET_OWN)
        if not isinstance(of, _DescentWidget | _LineFitWidget):
            raise SettingError(
                "Rule needs the widget it follows: Rule(of=hill), with a Hill, a StepDial or a "
                f"LineFit (got {type(of).__name__})"
            )
        self._of: _Widget = of
        super().__init__(**self._copied(), **kwargs)
        names = ["trajectory", "landscape"] if isinstance(of, _DescentWidget) else ["fit"]
        of.observe(
            self._follow, names=[*names, "learning_rate", "optimizer", "status", "step_count"]
        )
        self.on_msg(self._command)

    def __dir__(self) -> list[str]:
        return public_names(self)

    @property
    def of(self) -> Any:
        """The widget this rule follows."""
        return self._of

    def _copied(self) -> dict[str, Any]:
        """What the rule's model holds of its source, now."""
        of: Any = self._of
        held: DescentRun | FitRun | None = (
            of.trajectory if isinstance(of, _DescentWidget) else of.fit
        )
        return {
            "source": type(of).TAG,
            "run": None if held is None else held.to_json(),
            "learning_rate": float(of.learning_rate),
            "optimizer": str(of.optimizer),
            "source_status": str(of.status),
            "source_step": int(of.step_count),
            **_ground(of),
        }

    def _follow(self, _change: Any) -> None:
        copied = self._copied()
        with self.hold_sync():
            for key, value in copied.items():
                if getattr(self, key) != value:
                    setattr(self, key, value)

    def _command(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """A button of the rule's view: the same command to the source widget."""
        kind = content.get("type") if isinstance(content, dict) else None
        if kind in _COMMANDS:
            getattr(self._of, kind)()


def _ground(of: Any) -> dict[str, str]:
    """What the followed widget walks on, for the view to name it (a formula, or a built-in
    hill's title); nothing for a line fit."""
    if not isinstance(of, _DescentWidget):
        return {"source_formula": "", "source_title": ""}
    land = of.landscape
    return {
        "source_formula": str(of.formula or ""),
        "source_title": "" if land is None else str(land.title),
    }
