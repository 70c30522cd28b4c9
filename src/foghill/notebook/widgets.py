"""The widget classes: commands from Python, and recomputing when a setting changes.

Each class is made from its entry in the widget contract (:data:`foghill.contract.WIDGETS`)
by :func:`.made.widget_class`: its input traits, their defaults and help come from there.
Outputs, recomputed whenever an input changes: ``landscape`` and ``trajectory`` (Hill,
StepDial) or ``fit`` (LineFit); and ``error``. ``status`` and ``step_count`` say where the
animation is; a displayed view writes them back as it plays. ``w.go()``, ``w.step()``,
``w.pause()`` and ``w.reset()`` play the run in every view.

Bad settings, two rules:

- at construction, anything the engine or the API would refuse (an unknown hill, a formula
  it cannot read, a start off the hill, x and y of different lengths, a learning rate of
  -1, ...) raises :class:`~foghill.errors.SettingError`, a ``ValueError`` whose message is
  the sentence the API would answer;
- later, setting such a value on a trait (from Python or from the view) keeps the value,
  sets ``error`` to that sentence and leaves the last good outputs as they were; fixing the
  value clears ``error``. Values that cannot even be sent to a browser (text for a number,
  NaN or infinity) raise :class:`~foghill.notebook.traits.SettingTraitError` at once (an
  ``fh.SettingError`` that is also a ``traitlets.TraitError``) and change nothing.

Either way the words come from :mod:`.checks` or the API's own sentences; an unknown keyword
(``Hill("foggy", lr=0.1)``) is refused with the closest setting's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, cast

import traitlets
from pydantic import ValidationError

from foghill import contract
from foghill.api_models import (
    DescendRequest,
    LandscapeRequest,
    LineFitRequest,
    descent_requests,
)
from foghill.engine import hills, linefit
from foghill.engine.formula import landscape as formula_landscape
from foghill.engine.formula_rules import FormulaError
from foghill.engine.landscape import Landscape
from foghill.errors import BadRequest, SettingError, sentence_of
from foghill.notebook.checks import (
    built_in,
    check_hill,
    check_settings,
    hill_name,
    looks_like_name,
    number,
    numbers,
    whole,
    wrong_dims,
)
from foghill.notebook.listing import public_names
from foghill.notebook.made import computes, widget_class
from foghill.notebook.runs import DescentRun, FitRun
from foghill.notebook.tasks import OWN, WithTasks
from foghill.notebook.traits import descent_trait, fit_trait, landscape_trait
from foghill.notebook.view import Bundled
from foghill.views import curves, runs
from foghill.views.linefit import linefit_view

__all__ = ["Hill", "LineFit", "StepDial"]

_FINISHED = contract.OUTCOMES


def _call(make: Callable[[], Any]) -> Any:
    """Run a request/compute step; any refusal becomes a SettingError with its sentence (and
    the column of a refused formula)."""
    try:
        return make()
    except (ValidationError, BadRequest, FormulaError) as exc:
        column = None if isinstance(exc, ValidationError) else exc.column
        raise SettingError(sentence_of(exc), column) from None


class _Widget(WithTasks, Bundled):
    """What every widget shares: the bundled view, status and step_count, commands, recompute."""

    INPUTS: ClassVar[tuple[str, ...]] = ()

    error = traitlets.Unicode("", help="why the last change was refused ('' when fine)").tag(
        sync=True
    )
    error_column = traitlets.Int(
        None, allow_none=True, help="where in the formula it was refused (1-based), or None"
    ).tag(sync=True)
    status = traitlets.Enum(contract.STATUSES, "idle", help="where the animation is").tag(sync=True)
    #: How many views show this widget (each view counts itself in and out).
    _views = traitlets.Int(0).tag(sync=True)
    step_count = traitlets.Int(0, help="steps drawn so far").tag(sync=True)

    def __init__(self, **traits: Any) -> None:
        check_settings(type(self).__name__, traits, self.INPUTS, OWN)
        inputs = {k: traits[k] for k in self.INPUTS}
        outputs = self._compute(inputs)  # raises SettingError before any comm is opened
        self._quiet: set[str] = set()
        super().__init__(**traits, **outputs)
        self._computed = inputs
        self.observe(self._inputs_changed, names=list(self.INPUTS))

    # -- computing ---------------------------------------------------------------------------

    def __dir__(self) -> list[str]:
        return public_names(self)

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def _inputs(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.INPUTS}

    def _inputs_changed(self, _change: Any) -> None:
        inputs = self._inputs()
        if inputs == self._computed:  # back to the settings the outputs were made from
            self._refused("", None)
            return
        try:
            outputs = self._compute(inputs)
        except SettingError as exc:
            self._refused(str(exc), getattr(exc, "column", None))
            return
        self._computed = inputs
        with self.hold_sync():
            for key, value in outputs.items():
                setattr(self, key, value)
            self._refused("", None)
        self._local(status="idle", step_count=0)

    def _refused(self, error: str, column: int | None) -> None:
        """``error`` and ``error_column`` in one message, the column first (as on the page)."""
        with self.hold_sync():
            self.error_column = column
            self.error = error

    # -- the animation, from Python -----------------------------------------------------------

    def _local(self, **state: Any) -> None:
        """Set status/step_count in the kernel only: the views report their own as they play."""
        self._quiet.update(state)
        try:
            for key, value in state.items():
                setattr(self, key, value)
        finally:
            self._quiet.difference_update(state)

    def _should_send_property(self, key: str, value: Any) -> bool:
        if key in getattr(self, "_quiet", ()):
            return False
        return cast(bool, super()._should_send_property(key, value))

    def _run_length(self) -> tuple[int, str]:
        raise NotImplementedError

    def go(self) -> None:
        """Play the run in every view: ``status`` and ``step_count`` then follow what the
        views show as they play. With no view shown, the run is over at once (status =
        outcome)."""
        self.send({"type": "go"})
        n, outcome = self._run_length()
        if self._views > 0 and n > 0:
            at = 0 if self.status in _FINISHED else int(self.step_count)
            self._local(status="running", step_count=at)
        else:
            self._local(status=outcome, step_count=n)

    def step(self) -> None:
        """One step in every view (and in the kernel's ``step_count``). Several in a row are
        taken in order: the views end on the step the kernel counts."""
        n, outcome = self._run_length()
        k = 0 if self.status in _FINISHED else int(self.step_count)
        k = min(k + 1, n)
        self.send({"type": "step", "step": k})
        self._local(status=outcome if k >= n else "paused", step_count=k)

    def pause(self) -> None:
        """Pause the views' animation where it is."""
        self.send({"type": "pause"})
        if self.status == "running":
            self._local(status="paused")

    def reset(self) -> None:
        """Back to the start, nothing drawn yet."""
        self.send({"type": "reset"})
        self._local(status="idle", step_count=0)


# ---- a ball on a hill -------------------------------------------------------------------------


@computes("descent")
class _DescentWidget(_Widget):
    """A ball on a 1-D hill: ``Hill`` and ``StepDial`` differ only in their view.

    The first argument is a built-in hill's name, an engine Landscape, or a formula in ``x``;
    ``start`` defaults to the hill's suggested start.
    """

    landscape = landscape_trait()
    trajectory = descent_trait()

    def __init__(
        self,
        hill: str | Landscape | None = None,
        *,
        start: float | None = None,
        learning_rate: float | None = None,
        optimizer: str | None = None,
        max_steps: int | None = None,
        formula: str | None = None,
        domain: Sequence[float] | None = None,
        **kwargs: Any,
    ) -> None:
        check_settings(type(self).__name__, kwargs, self.INPUTS, OWN)
        defaults = contract.WIDGETS[self.TAG].defaults()
        name, text, dom, suggested = self._which(hill, formula, domain, defaults["hill"])
        super().__init__(
            hill=name,
            formula=text,
            domain=dom,
            start=number(suggested if start is None else start, "start"),
            learning_rate=number(
                defaults["learning_rate"] if learning_rate is None else learning_rate,
                "learning_rate",
            ),
            optimizer=defaults["optimizer"] if optimizer is None else optimizer,
            max_steps=whole(defaults["max_steps"] if max_steps is None else max_steps, "max_steps"),
            **kwargs,
        )

    def _which(
        self,
        hill: str | Landscape | None,
        formula: str | None,
        domain: Sequence[float] | None,
        default_hill: str,
    ) -> tuple[str, str, list[float] | None, float]:
        """(hill name, formula, domain, suggested start) from what the caller gave."""
        check_hill(hill, formula)
        dom = None if domain is None else numbers(domain, "domain")
        kind = type(self).__name__
        if isinstance(hill, Landscape):
            land = hill
            if land.dims != 1:
                raise wrong_dims(kind, land, {1})
            if built_in(land) and dom is None:
                return land.name, "", None, float(cast(float, land.start))
            lo, hi = land.domain[0]
            return default_hill, land.formula, dom or [lo, hi], float(cast(float, land.start))
        if hill is not None and looks_like_name(hill):
            name = hill_name(hill, {1})
            land = hills.by_name(name)
            if land.dims != 1:
                raise wrong_dims(kind, land, {1})
            return name, "", dom, float(cast(float, land.start))
        text = (formula if hill is None else hill) or ""
        if not text.strip():
            return default_hill, "", dom, float(cast(float, hills.by_name(default_hill).start))
        _call(lambda: LandscapeRequest(formula=text, domain=dom))  # bounds before the engine
        land = _call(lambda: formula_landscape(text, domain=None if dom is None else tuple(dom)))
        if land.dims != 1:
            raise wrong_dims(kind, land, {1})
        return default_hill, text, dom, float(cast(float, land.start))

    def _requests(self, inputs: dict[str, Any]) -> tuple[LandscapeRequest, DescendRequest]:
        """The two API requests these settings make (exactly what the page would post)."""
        landscape_req, descend_req = descent_requests(inputs)
        if descend_req is None:  # start set to None after construction
            raise SettingError("start is required")  # the API's words for a missing start
        return landscape_req, descend_req

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        lreq, dreq = _call(lambda: self._requests(inputs))
        land = _call(lambda: curves.landscape_view(lreq))
        run = _call(lambda: runs.descend_view(dreq))
        return {"landscape": land, "trajectory": DescentRun(run)}

    def _run_length(self) -> tuple[int, str]:
        run: DescentRun | None = getattr(self, "trajectory", None)
        return (0, "idle") if run is None else (run.n_steps, run.outcome)

    @property
    def requests(self) -> tuple[LandscapeRequest, DescendRequest]:
        """The ``/api/landscape`` and ``/api/descend`` requests for the current settings."""
        return cast(
            tuple[LandscapeRequest, DescendRequest], _call(lambda: self._requests(self._inputs()))
        )


Hill = widget_class(
    _DescentWidget,
    "fh-hill",
    """>>> import foghill as fh
>>> hill = fh.Hill("foggy", start=2.5, learning_rate=0.1)
>>> hill.trajectory.outcome
'settled'
>>> hill.learning_rate = 0.3  # any setting from Python: the run is made again
>>> hill.go()  # plays in every view of it (``hill`` last in a cell shows one)

The hill is a built-in name (``fh.hills.NAMES``), a formula in x
(``Hill("0.1*x^4 - x^2 + 0.5*x")``) or a Landscape (``Hill(fh.hills.BOWL)``).""",
)
StepDial = widget_class(
    _DescentWidget,
    "fh-step-dial",
    """>>> import foghill as fh
>>> dial = fh.StepDial(fh.hills.BOWL, learning_rate=0.9)
>>> dial.trajectory.outcome
'zigzag'
>>> dial.go()  # plays in every view of it

The same settings as ``Hill``; its view turns the step size on a dial.""",
)


# ---- a line through dots ----------------------------------------------------------------------


@computes("linefit")
class _LineFitWidget(_Widget):
    """``LineFit(x=[...], y=[...])`` with lists, numpy arrays or two pandas columns; with no
    dots, the contract's made-up set. ``w`` and ``b`` are the line ``y = w*x + b`` to start
    from."""

    fit = fit_trait()

    def __init__(self, x: Any = None, y: Any = None, **settings: Any) -> None:
        check_settings(type(self).__name__, settings, self.INPUTS, OWN)
        if (x is None) != (y is None):
            raise SettingError("give both x and y (the dots), or neither for the built-in dots")
        values = contract.WIDGETS[self.TAG].defaults()
        given = {k: settings.pop(k) for k in list(settings) if settings[k] is not None}
        for name in ("w", "b", "learning_rate", "x_from"):
            if name in given:
                given[name] = number(given[name], name)
        if "max_steps" in given:
            given["max_steps"] = whole(given["max_steps"], "max_steps")
        if x is not None:
            values["x"], values["y"] = numbers(x, "x"), numbers(y, "y")
            for axis, column in (("x_label", x), ("y_label", y)):
                title = getattr(column, "name", None)  # a pandas column's name
                if isinstance(title, str) and title:
                    values[axis] = title[: contract.MAX_LABEL_LENGTH]
            xs, ys, least = values["x"], values["y"], values["max_steps"]
            values.update(linefit.own_dots_settings(xs, ys, given, least, contract.MAX_STEPS))
        super().__init__(**{**values, **given})

    def _request(self, inputs: dict[str, Any]) -> LineFitRequest:
        return LineFitRequest(**inputs)

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        req = _call(lambda: self._request(inputs))
        return {"fit": FitRun(_call(lambda: linefit_view(req)))}

    def _run_length(self) -> tuple[int, str]:
        run: FitRun | None = getattr(self, "fit", None)
        return (0, "idle") if run is None else (run.n_steps, run.outcome)

    def set_dots(self, x: Any, y: Any) -> None:
        """New dots in one change (setting ``x`` then ``y`` would briefly mismatch them)."""
        with self.hold_trait_notifications():
            self.x = numbers(x, "x")
            self.y = numbers(y, "y")

    @property
    def request(self) -> LineFitRequest:
        """The ``/api/linefit`` request for the current settings."""
        return cast(LineFitRequest, _call(lambda: self._request(self._inputs())))


LineFit = widget_class(
    _LineFitWidget,
    "fh-line-fit",
    """>>> import foghill as fh
>>> fit = fh.LineFit(x=[0, 1, 2, 3], y=[2.1, 3.9, 6.2, 7.8], learning_rate=0.05, max_steps=1000)
>>> fit.fit.outcome, [round(v, 2) for v in fit.fit.final]
('settled', [1.94, 2.09])
>>> fit.go()  # plays in every view of it

x and y are lists, numpy arrays or two pandas columns (``x=df["hours"], y=df["score"]``);
with neither, the built-in dots. ``w`` and ``b`` are the line y = w*x + b to start from.

On your own dots, with no step size given, the widget picks one that settles (and enough
steps); if counted from 0 your dots would need thousands of steps (years as x, say), x is
counted from their middle, ``x_from``, and ``b`` is the line's height there. The view says
so; ``x_from=0`` counts from 0.""",
)
