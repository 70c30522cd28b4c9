"""The widget classes: commands from Python, and recomputing when a setting changes.

Each class is made from its entry in the widget contract (:data:`foghill.contract.WIDGETS`):
its input traits, their defaults and help come from there. Outputs, recomputed whenever an
input changes: ``landscape`` and ``trajectory`` (Hill, StepDial) or ``fit`` (LineFit); and
``error``. ``status`` and ``step_count`` say where the animation is; a displayed view
writes them back as it plays. ``w.go()``, ``w.step()``, ``w.pause()`` and ``w.reset()``
play the run in every view.

Bad settings, two rules:

- at construction, anything the engine or the API would refuse (an unknown hill, a formula
  it cannot read, a start off the hill, x and y of different lengths, a learning rate of
  -1, ...) raises :class:`~foghill.errors.SettingError`, a ``ValueError`` whose message is
  the sentence the API would answer;
- later, setting such a value on a trait (from Python or from the view) keeps the value,
  sets ``error`` to that sentence and leaves the last good outputs as they were; fixing the
  value clears ``error``. Values that cannot even be sent to a browser (text for a number,
  NaN or infinity) raise ``traitlets.TraitError`` at once and change nothing.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, cast

import anywidget
import numpy as np
import traitlets
from pydantic import ValidationError

from foghill import compute, contract
from foghill.api_models import (
    DescendRequest,
    LandscapeRequest,
    LineFitRequest,
    descent_requests,
)
from foghill.engine import hills
from foghill.engine.formula import FormulaError
from foghill.engine.formula import landscape as formula_landscape
from foghill.engine.landscape import Landscape
from foghill.errors import BadRequest, SettingError, sentence_of, show
from foghill.notebook.runs import DescentRun, FitRun
from foghill.notebook.traits import (
    descent_trait,
    fit_trait,
    float_list,
    landscape_trait,
    trait_for,
)
from foghill.notebook.view import component_css, widget_esm

__all__ = ["Hill", "LineFit", "StepDial"]

_FINISHED = contract.OUTCOMES


class _RefusedSettingError(SettingError):
    """A refusal, and the 1-based column of a refused formula where it has one place."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


def _call(make: Callable[[], Any]) -> Any:
    """Run a request/compute step; any refusal becomes a SettingError with its sentence."""
    try:
        return make()
    except (ValidationError, BadRequest, FormulaError) as exc:
        column = None if isinstance(exc, ValidationError) else exc.column
        raise _RefusedSettingError(sentence_of(exc), column) from None


class _Widget(anywidget.AnyWidget):
    """What every widget shares: the bundled view, status and step_count, commands, recompute."""

    TAG: ClassVar[str] = ""
    INPUTS: ClassVar[tuple[str, ...]] = ()

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)

    error = traitlets.Unicode("", help="why the last change was refused ('' when fine)").tag(
        sync=True
    )
    error_column = traitlets.Int(
        None, allow_none=True, help="where in the formula it was refused (1-based), or None"
    ).tag(sync=True)
    status = traitlets.Enum(contract.STATUSES, "idle", help="where the animation is").tag(sync=True)
    step_count = traitlets.Int(0, help="steps drawn so far").tag(sync=True)

    @traitlets.default("_esm")
    def _default_esm(self) -> str:
        return widget_esm(self.TAG)

    @traitlets.default("_css")
    def _default_css(self) -> str:
        return component_css()

    def __init__(self, **traits: Any) -> None:
        inputs = {k: traits[k] for k in self.INPUTS}
        outputs = self._compute(inputs)  # raises SettingError before any comm is opened
        self._quiet: set[str] = set()
        super().__init__(**traits, **outputs)
        self._computed = inputs
        self.observe(self._inputs_changed, names=list(self.INPUTS))

    # -- computing ---------------------------------------------------------------------------

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
        """Play the run in every view; in the kernel it is over at once (status = outcome)."""
        self.send({"type": "go"})
        n, outcome = self._run_length()
        self._local(status=outcome, step_count=n)

    def step(self) -> None:
        """One step in every view (and in the kernel's ``step_count``)."""
        self.send({"type": "step"})
        n, outcome = self._run_length()
        k = 0 if self.status in _FINISHED else int(self.step_count)
        k = min(k + 1, n)
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


def _with_contract_traits(base: type[_Widget], tag: str, doc: str) -> type[Any]:
    """The widget class for ``tag``: ``base`` plus one synced trait per contract input."""
    kind = contract.WIDGETS[tag]
    traits = {key.name: trait_for(key) for key in kind.model_inputs}
    namespace = {
        "__doc__": f"{kind.help}\n\n{doc}",
        "__module__": __name__,
        "__qualname__": kind.python_name,
        "TAG": tag,
        "INPUTS": tuple(traits),
        **traits,
    }
    return type(kind.python_name, (base,), namespace)


# ---- a ball on a hill -------------------------------------------------------------------------


def _looks_like_name(text: str) -> bool:
    """Words of letters (``foggy``, ``round bowl``, ``narrow-valley``) without the variables
    ``x`` or ``y``: meant as a hill's name. Anything else (``x``, ``x-1``, ``x^2``) is a formula.
    """
    if not re.fullmatch(r"[A-Za-z_]+(?:[ -][A-Za-z_]+)*", text):
        return False
    return not {"x", "y"} & set(re.split(r"[ -]", text.lower()))


def _hill_name(text: str) -> str:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    if key in hills.NAMES:
        return key
    close = difflib.get_close_matches(key, hills.NAMES, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    one_d = ", ".join(n for n in hills.NAMES if hills.by_name(n).dims == 1)
    raise SettingError(f"there is no hill called {text!r}{hint}; the 1-D hills are: {one_d}")


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
        defaults = contract.WIDGETS[self.TAG].defaults()
        name, text, dom, suggested = self._which(hill, formula, domain, defaults["hill"])
        super().__init__(
            hill=name,
            formula=text,
            domain=dom,
            start=_number(suggested if start is None else start, "start"),
            learning_rate=_number(
                defaults["learning_rate"] if learning_rate is None else learning_rate,
                "learning_rate",
            ),
            optimizer=defaults["optimizer"] if optimizer is None else optimizer,
            max_steps=_whole(
                defaults["max_steps"] if max_steps is None else max_steps, "max_steps"
            ),
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
        dom = None if domain is None else _dots(domain, "domain")
        kind = type(self).__name__
        if isinstance(hill, Landscape):
            if formula is not None:
                raise SettingError("give either a landscape or a formula, not both")
            land = hill
            if land.dims != 1:
                raise SettingError(f"{kind} draws 1-D hills, and {land.name!r} is a 2-D surface")
            if land.name in hills.NAMES and hills.by_name(land.name) is land and dom is None:
                return land.name, "", None, float(cast(float, land.start))
            lo, hi = land.domain[0]
            return default_hill, land.formula, dom or [lo, hi], float(cast(float, land.start))
        if hill is not None and not isinstance(hill, str):
            raise SettingError(
                f"the hill is a built-in name, a formula or a foghill Landscape, not {hill!r}"
            )
        if hill is not None and formula is not None:
            raise SettingError("give either a hill or a formula, not both")
        if hill is not None and _looks_like_name(hill.strip()):
            name = _hill_name(hill)
            land = hills.by_name(name)
            if land.dims != 1:
                raise SettingError(f"{kind} draws 1-D hills, and {name!r} is a 2-D surface")
            return name, "", dom, float(cast(float, land.start))
        text = (formula if hill is None else hill) or ""
        if not text.strip():
            return default_hill, "", dom, float(cast(float, hills.by_name(default_hill).start))
        _call(lambda: LandscapeRequest(formula=text, domain=dom))  # bounds before the engine
        land = _call(lambda: formula_landscape(text, domain=None if dom is None else tuple(dom)))
        if land.dims != 1:
            raise SettingError(f"{kind} draws 1-D hills: the formula must use x only")
        return default_hill, text, dom, float(cast(float, land.start))

    def _requests(self, inputs: dict[str, Any]) -> tuple[LandscapeRequest, DescendRequest]:
        """The two API requests these settings make (exactly what the page would post)."""
        landscape_req, descend_req = descent_requests(inputs)
        if descend_req is None:  # start set to None after construction
            raise SettingError("start is required")  # the API's words for a missing start
        return landscape_req, descend_req

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        lreq, dreq = _call(lambda: self._requests(inputs))
        land = _call(lambda: compute.landscape_view(lreq))
        run = _call(lambda: compute.descend_view(dreq))
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


Hill = _with_contract_traits(
    _DescentWidget,
    "fh-hill",
    '``Hill("foggy")``, ``Hill(fh.hills.BOWL)`` or ``Hill("0.1*x^4 - x^2 + 0.5*x")``.',
)
StepDial = _with_contract_traits(_DescentWidget, "fh-step-dial", "``StepDial(fh.hills.BOWL)``.")


# ---- a line through dots ----------------------------------------------------------------------


class _LineFitWidget(_Widget):
    """``LineFit(x=[...], y=[...])`` with lists, numpy arrays or two pandas columns; with no
    dots, the contract's made-up set. ``w`` and ``b`` are the line ``y = w*x + b`` to start
    from."""

    fit = fit_trait()

    def __init__(self, x: Any = None, y: Any = None, **settings: Any) -> None:
        if (x is None) != (y is None):
            raise SettingError("give both x and y (the dots), or neither for the built-in dots")
        values = contract.WIDGETS[self.TAG].defaults()
        if x is not None:
            values["x"], values["y"] = _dots(x, "x"), _dots(y, "y")
        for name in ("w", "b", "learning_rate", "max_steps", "optimizer"):
            given = settings.pop(name, None)
            if given is not None:
                values[name] = _whole(given, name) if name == "max_steps" else given
        for name in ("w", "b", "learning_rate"):
            values[name] = _number(values[name], name)
        super().__init__(**values, **settings)

    def _request(self, inputs: dict[str, Any]) -> LineFitRequest:
        return LineFitRequest(**inputs)

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        req = _call(lambda: self._request(inputs))
        return {"fit": FitRun(_call(lambda: compute.linefit_view(req)))}

    def _run_length(self) -> tuple[int, str]:
        run: FitRun | None = getattr(self, "fit", None)
        return (0, "idle") if run is None else (run.n_steps, run.outcome)

    def set_dots(self, x: Any, y: Any) -> None:
        """New dots in one change (setting ``x`` then ``y`` would briefly mismatch them)."""
        with self.hold_trait_notifications():
            self.x = _dots(x, "x")
            self.y = _dots(y, "y")

    @property
    def request(self) -> LineFitRequest:
        """The ``/api/linefit`` request for the current settings."""
        return cast(LineFitRequest, _call(lambda: self._request(self._inputs())))


LineFit = _with_contract_traits(_LineFitWidget, "fh-line-fit", "")


# ---- checks at construction -------------------------------------------------------------------


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise SettingError(f"{what} must be a number (got {show(value)})")
    number = float(value)
    if not math.isfinite(number):
        raise SettingError(f"{what} must be a finite number (got {number})")
    return number


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise SettingError(f"{what} must be a whole number (got {show(value)})")
    return int(value)


def _dots(values: Any, what: str) -> list[float]:
    try:
        numbers = float_list(values)
    except (TypeError, ValueError) as exc:
        raise SettingError(f"{what}: {exc}") from None
    for i, v in enumerate(numbers):
        if not math.isfinite(v):
            raise SettingError(f"{what}[{i}] must be a finite number (got {v})")
    return numbers
