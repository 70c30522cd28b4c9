"""The page's widgets in a notebook: the foggy hill, the step-size dial and the line fit.

Each class is an anywidget whose view is the page's own custom element (``<fh-hill>``,
``<fh-step-dial>``, ``<fh-line-fit>``), bundled unchanged by :mod:`foghill.esm_bundle`. On
the page the element's model asks the server; here it is the widget's model, and the
kernel answers with the very functions the server calls (:mod:`foghill.compute`), so a
notebook shows exactly the numbers the API returns for the same settings.

>>> import foghill.notebook as fn
>>> w = fn.Hill("foggy", start=2.5, learning_rate=0.1)
>>> w.go()
>>> w.status, w.trajectory.n_steps > 0
('settled', True)

Traits are the model keys of docs/architecture.md. Inputs: ``hill``, ``formula``,
``domain``, ``start``, ``learning_rate``, ``optimizer``, ``max_steps`` (Hill, StepDial) or
``x``, ``y``, ``w``, ``b``, ``learning_rate``, ``max_steps`` (LineFit). Outputs, recomputed
whenever an input changes: ``landscape`` and ``trajectory``, or ``fit``; and ``error``.
``status`` and ``step`` say where the animation is; a displayed view writes them back as
it plays.

Bad settings, two rules:

- at construction, anything the engine or the API would refuse (an unknown hill, a formula
  it cannot read, a start off the hill, x and y of different lengths, a learning rate of
  -1, ...) raises :class:`SettingError`, a ``ValueError`` whose message names the problem;
- later, setting such a value on a trait (from Python or from the view) keeps the value,
  sets ``error`` to that message and leaves the last good outputs as they were; fixing the
  value clears ``error``. Values that cannot even be sent to a browser (text for a number,
  NaN or infinity) raise ``traitlets.TraitError`` at once and change nothing.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, cast

import anywidget
import numpy as np
import traitlets
from numpy.typing import NDArray
from pydantic import ValidationError

from foghill import compute
from foghill.api_models import (
    OPTIMIZER_NAMES,
    BestLine,
    DescendRequest,
    DescendResponse,
    LandscapeRequest,
    LandscapeResponse,
    LineFitRequest,
    LineFitResponse,
    RegimeCheck,
    Valley,
)
from foghill.engine import hills
from foghill.engine.formula import FormulaError
from foghill.engine.formula import landscape as formula_landscape
from foghill.engine.landscape import Landscape
from foghill.esm_bundle import component_css, widget_esm

__all__ = [
    "STATUSES",
    "DescentRun",
    "FitRun",
    "Hill",
    "LineFit",
    "SettingError",
    "StepDial",
]

FloatArray = NDArray[np.float64]

#: Every value of ``status`` (the element's ``data-status``).
STATUSES = ("idle", "running", "paused", "settled", "crawling", "zigzag", "flew-off")
Status = Literal["idle", "running", "paused", "settled", "crawling", "zigzag", "flew-off"]

#: Dots for a LineFit made without data: a rising cloud around y = 0.8 x + 1.
DEFAULT_X = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
DEFAULT_Y = (1.3, 1.9, 2.0, 2.8, 2.9, 3.5, 3.6, 4.4, 4.5, 5.1)


class SettingError(ValueError):
    """A widget setting the engine or the API refuses; the message says what to change."""


# ---- error sentences --------------------------------------------------------------------------


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    return repr(value)


def _sentence(exc: ValidationError) -> str:
    """The first problem pydantic found, as one sentence naming the setting."""
    error = exc.errors()[0]
    for candidate in exc.errors():  # a bound says more than a type mismatch in a union
        if not str(candidate.get("type", "")).endswith(("_type", "_parsing")):
            error = candidate
            break
    where = "".join(
        f"[{part}]" if isinstance(part, int) else ("." if i else "") + str(part)
        for i, part in enumerate(
            p for p in error["loc"] if not str(p).startswith(("list[", "float"))
        )
    )
    where = where or "the settings"
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    got = f" (got {_show(error['input'])})" if "input" in error else ""
    bounds = {
        "greater_than": "greater than {gt}",
        "greater_than_equal": "at least {ge}",
        "less_than": "less than {lt}",
        "less_than_equal": "at most {le}",
    }
    if kind in bounds:
        return (
            f"{where} must be " + bounds[kind].format(**{k: _show(v) for k, v in ctx.items()}) + got
        )
    if kind == "finite_number":
        return f"{where} must be a finite number{got}"
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        most = "at most" if kind.endswith("long") else "at least"
        bound = ctx.get("max_length" if kind.endswith("long") else "min_length")
        if kind.startswith("string"):
            size = len(error["input"]) if isinstance(error.get("input"), str) else "?"
            return f"{where} must be {most} {bound} characters long (got {size})"
        return f"{where} must have {most} {bound} values (got {ctx.get('actual_length')})"
    if kind == "value_error":
        return str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{where} must be one of {ctx.get('expected')}{got}"
    return f"{where}: {error['msg']}{got}"


def _call(make: Callable[[], Any]) -> Any:
    """Run a request/compute step; refusals become SettingError."""
    try:
        return make()
    except ValidationError as exc:
        raise SettingError(_sentence(exc)) from None
    except compute.BadRequest as exc:
        raise SettingError(exc.message) from None
    except FormulaError as exc:
        raise SettingError(" ".join(str(exc).split()).rstrip(".")) from None


# ---- what a run gives back --------------------------------------------------------------------


def _frozen(values: Any) -> FloatArray:
    arr = np.array(values, dtype=float)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class DescentRun:
    """One roll of the ball: the engine's Trajectory fields, plus what the API adds.

    ``positions`` (n+1,), ``losses`` (n+1,), ``gradients`` (n+1,), ``steps`` (n,) as
    read-only arrays, start first; ``outcome``, ``settled``, ``learning_rate``,
    ``optimizer``, ``n_steps`` as in :class:`foghill.Trajectory`. ``valley`` and ``regime``
    are the API's extras, and ``response`` is the ``/api/descend`` answer itself.
    """

    response: DescendResponse

    @property
    def positions(self) -> FloatArray:
        return _frozen(self.response.position)

    @property
    def losses(self) -> FloatArray:
        return _frozen(self.response.loss)

    @property
    def gradients(self) -> FloatArray:
        return _frozen(self.response.gradient)

    @property
    def steps(self) -> FloatArray:
        return _frozen(np.diff(self.positions, axis=0))

    @property
    def outcome(self) -> str:
        return self.response.outcome

    @property
    def settled(self) -> bool:
        return self.response.settled

    @property
    def n_steps(self) -> int:
        return self.response.n_steps

    @property
    def learning_rate(self) -> float:
        return self.response.learning_rate

    @property
    def optimizer(self) -> str:
        return self.response.optimizer

    @property
    def final(self) -> float:
        """Where the ball stopped."""
        return float(self.positions[-1])

    @property
    def valley(self) -> Valley | None:
        return self.response.valley

    @property
    def regime(self) -> RegimeCheck | None:
        return self.response.regime

    def to_json(self) -> dict[str, Any]:
        """The ``/api/descend`` JSON (what the view is sent)."""
        return _json_state(self.response)

    def __repr__(self) -> str:
        return (
            f"DescentRun(outcome={self.outcome!r}, n_steps={self.n_steps}, "
            f"final={self.final:.6g}, learning_rate={self.learning_rate:g}, "
            f"optimizer={self.optimizer!r})"
        )


@dataclass(frozen=True, eq=False)
class FitRun:
    """One walk of the line: ``w`` and ``b`` after each step, the loss, its gradient.

    ``positions`` is (n+1, 2) of (w, b), as an engine Trajectory over the line's two knobs;
    ``best`` is the line the closed form gives; ``response`` is the ``/api/linefit`` answer.
    """

    response: LineFitResponse

    @property
    def w(self) -> FloatArray:
        return _frozen(self.response.w)

    @property
    def b(self) -> FloatArray:
        return _frozen(self.response.b)

    @property
    def positions(self) -> FloatArray:
        return _frozen(np.column_stack([self.response.w, self.response.b]))

    @property
    def losses(self) -> FloatArray:
        return _frozen(self.response.loss)

    @property
    def gradients(self) -> FloatArray:
        return _frozen(np.column_stack([self.response.grad_w, self.response.grad_b]))

    @property
    def outcome(self) -> str:
        return self.response.outcome

    @property
    def n_steps(self) -> int:
        return self.response.n_steps

    @property
    def final(self) -> tuple[float, float]:
        """The last line, as (w, b)."""
        return float(self.response.w[-1]), float(self.response.b[-1])

    @property
    def best(self) -> BestLine:
        return self.response.best

    def to_json(self) -> dict[str, Any]:
        """The ``/api/linefit`` JSON (what the view is sent)."""
        return _json_state(self.response)

    def __repr__(self) -> str:
        w, b = self.final
        return (
            f"FitRun(outcome={self.outcome!r}, n_steps={self.n_steps}, w={w:.6g}, b={b:.6g}, "
            f"loss={self.response.loss[-1]:.6g})"
        )


# ---- traits -----------------------------------------------------------------------------------


def _json_state(model: Any) -> dict[str, Any]:
    """A response as the server sends it: NaN and infinities become null (strict JSON), so a
    view gets exactly what the page gets, never the text "nan"."""
    return cast(dict[str, Any], json.loads(model.model_dump_json()))


def _dump(value: Any, _widget: Any) -> Any:
    return None if value is None else _json_state(value)


def _run_json(value: DescentRun | FitRun | None, _widget: Any) -> Any:
    return None if value is None else value.to_json()


def _landscape_from_json(value: Any, _widget: Any) -> LandscapeResponse | None:
    return None if value is None else LandscapeResponse.model_validate(value)


def _descent_from_json(value: Any, _widget: Any) -> DescentRun | None:
    return None if value is None else DescentRun(DescendResponse.model_validate(value))


def _fit_from_json(value: Any, _widget: Any) -> FitRun | None:
    return None if value is None else FitRun(LineFitResponse.model_validate(value))


class FiniteFloat(traitlets.Float):  # type: ignore[type-arg]
    """A float that can travel to the browser: NaN and infinity are refused."""

    info_text = "a finite number"

    def validate(self, obj: Any, value: Any) -> float:
        value = super().validate(obj, value)
        if not math.isfinite(value):
            self.error(obj, value)
        return cast(float, value)


class Numbers(traitlets.List):  # type: ignore[type-arg]
    """A list of finite floats; lists, tuples, numpy arrays and pandas Series are accepted."""

    info_text = "a sequence of finite numbers"

    def __init__(self, default: Sequence[float] = (), **kwargs: Any) -> None:
        super().__init__(traitlets.Float(), default_value=list(default), **kwargs)

    def validate(self, obj: Any, value: Any) -> list[float]:
        try:
            numbers = _float_list(value)
        except (TypeError, ValueError):
            self.error(obj, value)
        if not all(math.isfinite(v) for v in numbers):
            self.error(obj, value)
        return numbers


def _float_list(values: Any) -> list[float]:
    """Floats from a list, a tuple, a 1-D numpy array or a pandas Series."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"expected a sequence of numbers, got {type(values).__name__}")
    arr = np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else list(values))
    if arr.ndim != 1:
        raise ValueError(f"expected one column of numbers, got an array of shape {arr.shape}")
    return [float(v) for v in arr.astype(float)]


class StepCount(int):
    """``w.step``: how many steps the animation has drawn (an int). Call it, ``w.step()``,
    to take one more step: the trait and the command share the name the contract gives them.
    """

    _widget: Any

    def __new__(cls, value: int, widget: Any) -> StepCount:
        count = super().__new__(cls, value)
        count._widget = widget
        return count

    def __call__(self) -> None:
        self._widget._take_step()

    def __reduce__(self) -> tuple[type[int], tuple[int]]:
        return int, (int(self),)  # copies and pickles are plain numbers


def _plain_int(value: Any, _widget: Any) -> int:
    return int(value)  # a StepCount is sent as the number it is, not as an object


class StepTrait(traitlets.Int[StepCount, int]):
    """The ``step`` trait: stores a plain int, reads back as a callable :class:`StepCount`."""

    def validate(self, obj: Any, value: Any) -> Any:  # stored as a plain int
        return int(super().validate(obj, value))

    def get(self, obj: Any, cls: Any = None) -> Any:
        value = super().get(obj, cls)
        return value if obj is None else StepCount(cast(int, value), obj)


# ---- the widgets ------------------------------------------------------------------------------


class _Widget(anywidget.AnyWidget):
    """What the three widgets share: the bundled view, status and step, commands, recompute."""

    TAG: ClassVar[str] = ""
    INPUTS: ClassVar[tuple[str, ...]] = ()

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)

    error = traitlets.Unicode("", help="why the last change was refused ('' when fine)").tag(
        sync=True
    )
    status = traitlets.Enum(STATUSES, "idle", help="where the animation is").tag(sync=True)
    step = StepTrait(0, help="steps drawn so far; call w.step() to take one more").tag(
        sync=True, to_json=_plain_int
    )

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
            self.error = ""
            return
        try:
            outputs = self._compute(inputs)
        except SettingError as exc:
            self.error = str(exc)
            return
        self._computed = inputs
        with self.hold_sync():
            for key, value in outputs.items():
                setattr(self, key, value)
            self.error = ""
        self._local(status="idle", step=0)

    # -- the animation, from Python -----------------------------------------------------------

    def _local(self, **state: Any) -> None:
        """Set status/step in the kernel only: the views report their own as they play."""
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
        self._local(status=outcome, step=n)

    def _take_step(self) -> None:
        """``w.step()``: one step in every view (and in the kernel's ``step``)."""
        self.send({"type": "step"})
        n, outcome = self._run_length()
        k = 0 if self.status in STATUSES[3:] else int(self.step)
        k = min(k + 1, n)
        self._local(status=outcome if k >= n else "paused", step=k)

    def pause(self) -> None:
        """Pause the views' animation where it is."""
        self.send({"type": "pause"})
        if self.status == "running":
            self._local(status="paused")

    def reset(self) -> None:
        """Back to the start, nothing drawn yet."""
        self.send({"type": "reset"})
        self._local(status="idle", step=0)


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
    """A ball on a 1-D hill: ``Hill`` and ``StepDial`` differ only in their view."""

    DEFAULT_HILL: ClassVar[str] = "foggy"
    INPUTS = ("hill", "formula", "domain", "start", "learning_rate", "optimizer", "max_steps")

    hill = traitlets.Unicode("foggy", help="a built-in hill's name").tag(sync=True)
    formula = traitlets.Unicode("", help="a formula in x; wins over hill when not empty").tag(
        sync=True
    )
    domain = traitlets.List(
        FiniteFloat(), default_value=None, allow_none=True, minlen=2, maxlen=2,
        help="[lo, hi] for a formula (None: the engine's default)",
    ).tag(sync=True)  # fmt: skip
    start = FiniteFloat(help="where the ball is dropped").tag(sync=True)
    learning_rate = FiniteFloat(0.1, help="how bold each step is").tag(sync=True)
    optimizer = traitlets.Unicode("gd", help=f"one of {', '.join(OPTIMIZER_NAMES)}").tag(sync=True)
    max_steps = traitlets.Int(200, help="at most this many steps").tag(sync=True)

    landscape = traitlets.Instance(LandscapeResponse, allow_none=True).tag(
        sync=True, to_json=_dump, from_json=_landscape_from_json
    )
    trajectory = traitlets.Instance(DescentRun, allow_none=True).tag(
        sync=True, to_json=_run_json, from_json=_descent_from_json
    )

    def __init__(
        self,
        hill: str | Landscape | None = None,
        *,
        start: float | None = None,
        learning_rate: float = 0.1,
        optimizer: str = "gd",
        max_steps: int = 200,
        formula: str | None = None,
        domain: Sequence[float] | None = None,
        **kwargs: Any,
    ) -> None:
        name, text, dom, suggested = self._which(hill, formula, domain)
        super().__init__(
            hill=name,
            formula=text,
            domain=dom,
            start=_number(suggested if start is None else start, "start"),
            learning_rate=_number(learning_rate, "learning_rate"),
            optimizer=optimizer,
            max_steps=_whole(max_steps, "max_steps"),
            **kwargs,
        )

    def _which(
        self,
        hill: str | Landscape | None,
        formula: str | None,
        domain: Sequence[float] | None,
    ) -> tuple[str, str, list[float] | None, float]:
        """(hill name, formula, domain, suggested start) from what the caller gave."""
        dom = None if domain is None else _dots(domain, "domain")
        if isinstance(hill, Landscape):
            if formula is not None:
                raise SettingError("give either a landscape or a formula, not both")
            land = hill
            if land.dims != 1:
                raise SettingError(
                    f"{type(self).__name__} draws 1-D hills, and {land.name!r} is a 2-D surface"
                )
            if land.name in hills.NAMES and hills.by_name(land.name) is land and dom is None:
                return land.name, "", None, float(cast(float, land.start))
            lo, hi = land.domain[0]
            return self.DEFAULT_HILL, land.formula, dom or [lo, hi], float(cast(float, land.start))
        if hill is not None and not isinstance(hill, str):
            raise SettingError(
                f"the hill is a built-in name, a formula or a foghill Landscape, not {hill!r}"
            )
        if hill is not None and formula is not None:
            raise SettingError("give either a hill or a formula, not both")
        if hill is not None and _looks_like_name(hill.strip()):
            if dom is not None:
                raise SettingError(
                    "a domain goes with a formula; a built-in hill keeps its own domain"
                )
            name = _hill_name(hill)
            land = hills.by_name(name)
            if land.dims != 1:
                raise SettingError(
                    f"{type(self).__name__} draws 1-D hills, and {name!r} is a 2-D surface"
                )
            return name, "", dom, float(cast(float, land.start))
        text = (formula if hill is None else hill) or ""
        if not text.strip():
            name = self.DEFAULT_HILL
            return name, "", dom, float(cast(float, hills.by_name(name).start))
        _call(lambda: LandscapeRequest(formula=text, domain=dom))  # bounds before the engine
        land = _call(lambda: formula_landscape(text, domain=None if dom is None else tuple(dom)))
        if land.dims != 1:
            raise SettingError(
                f"{type(self).__name__} draws 1-D hills: the formula must use x only"
            )
        return self.DEFAULT_HILL, text, dom, float(cast(float, land.start))

    def _requests(self, inputs: dict[str, Any]) -> tuple[LandscapeRequest, DescendRequest]:
        """The two API requests these settings make (exactly what the page would post)."""
        formula = str(inputs["formula"] or "")
        if not formula.strip() and inputs["domain"] is not None:
            raise SettingError("a domain goes with a formula; a built-in hill keeps its own domain")
        which: dict[str, Any] = (
            {"formula": formula, "domain": inputs["domain"]}
            if formula.strip()
            else {"hill": inputs["hill"]}
        )
        landscape_req = LandscapeRequest(
            **which, start=inputs["start"], max_steps=inputs["max_steps"]
        )
        descend_req = DescendRequest(
            **which,
            start=inputs["start"],
            learning_rate=inputs["learning_rate"],
            optimizer=inputs["optimizer"],
            max_steps=inputs["max_steps"],
        )
        return landscape_req, descend_req

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        lreq, dreq = _call(lambda: self._requests(inputs))
        land = _call(lambda: compute.landscape_view(lreq))
        run = _call(lambda: compute.descend_view(dreq))
        return {"landscape": land, "trajectory": DescentRun(run)}

    def _run_length(self) -> tuple[int, str]:
        run = self.trajectory
        return (0, "idle") if run is None else (run.n_steps, run.outcome)

    @property
    def requests(self) -> tuple[LandscapeRequest, DescendRequest]:
        """The ``/api/landscape`` and ``/api/descend`` requests for the current settings."""
        return cast(
            tuple[LandscapeRequest, DescendRequest], _call(lambda: self._requests(self._inputs()))
        )


class Hill(_DescentWidget):
    """The foggy hill: drop a ball and watch it feel its way down.

    ``Hill("foggy")``, ``Hill(fh.hills.BOWL)`` or ``Hill("0.1*x^4 - x^2 + 0.5*x")``: the
    first argument is a built-in hill's name, an engine Landscape, or a formula in ``x``.
    ``start`` defaults to the hill's suggested start.
    """

    TAG = "fh-hill"
    DEFAULT_HILL = "foggy"


class StepDial(_DescentWidget):
    """The step-size dial: one hill, and how bold each step is (the learning rate)."""

    TAG = "fh-step-dial"
    DEFAULT_HILL = "bowl"


class LineFit(_Widget):
    """A line that walks downhill on how badly it misses the dots.

    ``LineFit(x=[...], y=[...])`` with lists, numpy arrays or two pandas columns; with no
    dots, a small built-in set. ``w`` and ``b`` are the line ``y = w*x + b`` to start from.
    """

    TAG = "fh-line-fit"
    INPUTS = ("x", "y", "w", "b", "learning_rate", "max_steps")

    x = Numbers(DEFAULT_X, help="the dots' x values").tag(sync=True)
    y = Numbers(DEFAULT_Y, help="the dots' y values").tag(sync=True)
    w = FiniteFloat(0.0, help="the starting line's slope").tag(sync=True)
    b = FiniteFloat(0.0, help="the starting line's height at x = 0").tag(sync=True)
    learning_rate = FiniteFloat(0.05, help="how bold each step is").tag(sync=True)
    max_steps = traitlets.Int(300, help="at most this many steps").tag(sync=True)

    fit = traitlets.Instance(FitRun, allow_none=True).tag(
        sync=True, to_json=_run_json, from_json=_fit_from_json
    )

    def __init__(
        self,
        x: Any = None,
        y: Any = None,
        *,
        w: float = 0.0,
        b: float = 0.0,
        learning_rate: float = 0.05,
        max_steps: int = 300,
        **kwargs: Any,
    ) -> None:
        if (x is None) != (y is None):
            raise SettingError("give both x and y (the dots), or neither for the built-in dots")
        xs = list(DEFAULT_X) if x is None else _dots(x, "x")
        ys = list(DEFAULT_Y) if y is None else _dots(y, "y")
        super().__init__(
            x=xs,
            y=ys,
            w=_number(w, "w"),
            b=_number(b, "b"),
            learning_rate=_number(learning_rate, "learning_rate"),
            max_steps=_whole(max_steps, "max_steps"),
            **kwargs,
        )

    def _request(self, inputs: dict[str, Any]) -> LineFitRequest:
        return LineFitRequest(
            x=inputs["x"],
            y=inputs["y"],
            w=inputs["w"],
            b=inputs["b"],
            learning_rate=inputs["learning_rate"],
            max_steps=inputs["max_steps"],
            optimizer="gd",
        )

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        req = _call(lambda: self._request(inputs))
        return {"fit": FitRun(_call(lambda: compute.linefit_view(req)))}

    def _run_length(self) -> tuple[int, str]:
        run = self.fit
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


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise SettingError(f"{what} must be a number (got {_show(value)})")
    number = float(value)
    if not math.isfinite(number):
        raise SettingError(f"{what} must be a finite number (got {number})")
    return number


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise SettingError(f"{what} must be a whole number (got {_show(value)})")
    return int(value)


def _dots(values: Any, what: str) -> list[float]:
    try:
        numbers = _float_list(values)
    except (TypeError, ValueError) as exc:
        raise SettingError(f"{what}: {exc}") from None
    for i, v in enumerate(numbers):
        if not math.isfinite(v):
            raise SettingError(f"{what}[{i}] must be a finite number (got {v})")
    return numbers
