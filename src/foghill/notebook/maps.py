"""The issue 8 widgets in a notebook: a surface from above, a race, three step sizes, a sweep.

``Surface``, ``Race``, ``StepRace`` and ``Sweep`` are anywidgets made from their contract
entries (:data:`foghill.contract.WIDGETS`), like the widgets of :mod:`.widgets`: their views
are the page's ``<fh-surface>``, ``<fh-race>``, ``<fh-step-race>`` and ``<fh-sweep>``, and
the kernel answers with the functions the server calls (:mod:`foghill.views`), so every
number equals the API's for the same settings. The same two rules for bad settings hold: at
construction they raise :class:`~foghill.errors.SettingError` with the API's sentence; later
they set ``error`` and keep the last good outputs.

>>> import foghill.notebook as fn
>>> race = fn.Race("narrow_valley")
>>> [(r.optimizer, r.outcome) for r in race.race.runs][:2]
[('gd', 'crawling'), ('momentum', 'settled')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import ValidationError

from foghill import contract
from foghill.api_models import (
    ContoursRequest,
    ContoursResponse,
    DescendRequest,
    LandscapeRequest,
    RaceRequest,
    SweepRequest,
)
from foghill.contract import Key
from foghill.engine import hills
from foghill.engine import race as racing
from foghill.engine.formula import landscape as formula_landscape
from foghill.engine.landscape import Landscape
from foghill.errors import SettingError, pick, sentence
from foghill.notebook.checks import (
    built_in,
    check_hill,
    check_settings,
    hill_name,
    looks_like_name,
    wrong_dims,
)
from foghill.notebook.made import computes, widget_class
from foghill.notebook.runs import DescentRun, RaceRun
from foghill.notebook.tasks import OWN
from foghill.notebook.traits import (
    contours_trait,
    descent_trait,
    hill_or_surface_trait,
    names_trait,
    place_trait,
    race_trait,
    rates_trait,
    span_trait,
    sweep_trait,
    trait_for,
)
from foghill.notebook.widgets import _call, _Widget
from foghill.views import curves, landscapes, maps, races, runs

__all__ = ["Race", "StepRace", "Surface", "Sweep"]

_NAMES = ("optimizers",)
_RATES = ("learning_rates",)


def _map_trait(key: Key) -> Any:
    """The trait of a map widget's input: places, domains, names and lists of step sizes in
    the traits that hold them (a point, a 2-D domain, any number of rates, or None)."""
    if key.name == "start":
        return place_trait(key)
    if key.name == "domain":
        return span_trait(key)
    if key.name in _NAMES:
        return names_trait(key)
    if key.name in _RATES:
        return rates_trait(key)
    return trait_for(key)


def _which(
    owner: str,
    hill: str | Landscape | None,
    formula: str | None,
    domain: Any,
    default: str,
    dims: set[int],
) -> tuple[str, str, Any, Landscape]:
    """(hill name, formula, domain, the landscape) from what the caller gave: a built-in
    name, a formula in x (and y), or an engine Landscape; of one of ``dims`` dimensions
    (refused in ``owner``'s name otherwise)."""
    check_hill(hill, formula)
    if isinstance(hill, Landscape):
        land = hill
        name, text = default, land.formula
        if built_in(land) and domain is None:
            name, text = land.name, ""
        elif domain is None:
            domain = [list(p) for p in land.domain] if land.dims == 2 else list(land.domain[0])
    elif hill is not None and looks_like_name(hill):
        name, text = hill_name(hill, dims), ""
        land = hills.by_name(name)
    else:
        text = (formula if hill is None else hill) or ""
        name = default
        if not text.strip():
            text, land = "", hills.by_name(default)
        else:
            _call(lambda: ContoursRequest(formula=text, domain=domain))  # bounds first
            land = _call(lambda: formula_landscape(text, domain=domain))
    if land.dims not in dims:
        raise wrong_dims(owner, land, dims)
    return name, text, domain, land


def _place(land: Landscape) -> float | list[float]:
    start = land.start
    return [float(v) for v in start] if isinstance(start, tuple) else float(start)


class _MapWidget(_Widget):
    """The arguments every issue 8 widget takes: the hill first (a name, a formula or a
    Landscape), then keyword settings; ``start`` defaults to the landscape's own."""

    DIMS: ClassVar[frozenset[int]] = frozenset({1, 2})

    @staticmethod
    def _trait(key: Key) -> Any:
        return _map_trait(key)

    def __init__(
        self,
        hill: str | Landscape | None = None,
        *,
        formula: str | None = None,
        domain: Any = None,
        start: float | Sequence[float] | None = None,
        **settings: Any,
    ) -> None:
        owner = type(self).__name__
        check_settings(owner, settings, self.INPUTS, OWN)
        values = contract.WIDGETS[self.TAG].defaults()
        name, text, dom, land = _which(owner, hill, formula, domain, values["hill"], set(self.DIMS))
        values.update(hill=name, formula=text, domain=dom)
        default = values["start"]  # the contract's (a sweep's 2.0), where it fits this hill
        if start is not None:
            values["start"] = start
        elif default is None or land.dims != 1 or not land.contains(default):
            values["start"] = _place(land)
        for key, given in settings.items():
            if given is not None or key not in values:  # None: the contract's default
                values[key] = given
        super().__init__(**values)

    def _which_hill(self, inputs: dict[str, Any]) -> dict[str, Any]:
        return {k: inputs[k] for k in ("hill", "formula", "domain")}


# ---- a surface from above -----------------------------------------------------------------


@computes("surface")
class _SurfaceWidget(_MapWidget):
    """``Surface("himmelblau", start=[0, 0], learning_rate=0.01)``: the map, and one ball
    walking down it (``trajectory``, a :class:`DescentRun` with (x, y) positions)."""

    DIMS = frozenset({2})
    contours = contours_trait()
    trajectory = descent_trait()

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        which = self._which_hill(inputs)
        drawn = _call(lambda: maps.contours_view(ContoursRequest(**which)))
        walk = _call(
            lambda: DescendRequest(
                **which,
                start=inputs["start"],
                learning_rate=inputs["learning_rate"],
                optimizer=inputs["optimizer"],
                max_steps=inputs["max_steps"],
            )
        )
        return {
            "contours": drawn,
            "trajectory": DescentRun(_call(lambda: runs.descend_view(walk))),
        }

    def _run_length(self) -> tuple[int, str]:
        run: DescentRun | None = getattr(self, "trajectory", None)
        return (0, "idle") if run is None else (run.n_steps, run.outcome)


Surface = widget_class(
    _SurfaceWidget,
    "fh-surface",
    """>>> import foghill as fh
>>> surface = fh.Surface("himmelblau", start=[0, 0], learning_rate=0.01)
>>> surface.trajectory.outcome, [round(v, 2) for v in surface.trajectory.final]
('settled', [3.0, 2.0])
>>> surface.go()  # plays in every view of it

The surface is a built-in name (round_bowl, narrow_valley, rosenbrock, himmelblau, saddle),
a formula in x and y, or a 2-D Landscape.""",
)


# ---- races ------------------------------------------------------------------------------------


def _in_own_words(exc: ValidationError, racers: str) -> SettingError:
    """A refused race in the widget's names, not the request's: ``racers[1].learning_rate``
    is ``learning_rates[1]``, ``racers[0].momentum`` is ``momentum``, and the list of racers
    is the widget's ``racers`` setting (``optimizers`` or ``learning_rates``)."""
    error = pick([dict(e) for e in exc.errors()])
    loc = list(error.get("loc", ()))
    if loc[:1] == ["racers"]:
        field = loc[2] if len(loc) > 2 else None
        if field == "momentum":
            loc = ["momentum"]
        elif field in ("optimizer", "learning_rate"):
            loc = [f"{field}s", loc[1]]
        else:
            loc = [racers, *loc[1:]]
    return SettingError(sentence({**error, "loc": tuple(loc)}))


class _RaceBase(_MapWidget):
    race = race_trait()
    #: The setting that says how many racers there are.
    RACERS: ClassVar[str] = "optimizers"

    def _race(self, inputs: dict[str, Any], racers: list[dict[str, Any]]) -> RaceRun:
        body = {**self._which_hill(inputs), "start": inputs["start"], "racers": racers}
        try:
            req = RaceRequest.model_validate({**body, "max_steps": inputs["max_steps"]})
        except ValidationError as exc:
            raise _in_own_words(exc, self.RACERS) from None
        return RaceRun(_call(lambda: races.race_view(req)))

    def _run_length(self) -> tuple[int, str]:
        run: RaceRun | None = getattr(self, "race", None)
        return (0, "idle") if run is None else (run.n_steps, run.outcome)


@computes("race")
class _RaceWidget(_RaceBase):
    """``Race("narrow_valley")``: the six optimizers from one start, each with the surface's
    own step size (``learning_rates=None``) or the ones given, in the optimizers' order;
    ``momentum`` is momentum's and nesterov's."""

    DIMS = frozenset({2})
    contours = contours_trait()

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        drawn: ContoursResponse = _call(
            lambda: maps.contours_view(ContoursRequest(**self._which_hill(inputs)))
        )
        names = list(inputs["optimizers"])
        rates = inputs["learning_rates"]
        if rates is None:
            table = {r.optimizer: r.learning_rate for r in drawn.racers}
            rates = [table.get(n) for n in names]
        elif len(rates) != len(names):
            raise SettingError(
                f"learning_rates must give one step size per optimizer ({len(names)}), "
                f"got {len(rates)}"
            )
        racers = [
            {"optimizer": n, "learning_rate": r, "momentum": inputs["momentum"]}
            for n, r in zip(names, rates, strict=True)
        ]
        return {"contours": drawn, "race": self._race(inputs, racers)}


Race = widget_class(
    _RaceWidget,
    "fh-race",
    """>>> import foghill as fh
>>> race = fh.Race("narrow_valley", optimizers=["gd", "momentum"])
>>> [(run.optimizer, run.outcome) for run in race.race.runs]
[('gd', 'crawling'), ('momentum', 'settled')]
>>> race.go()  # plays in every view of it""",
)


class _StepRaceWidget(_RaceBase):
    """``StepRace("bowl")``: plain descent at three step sizes from one start: a crawl, a
    settle and a zig-zag picked from the valley's regimes (``learning_rates=None``,
    :func:`foghill.engine.race.three_rates`) or the three given."""

    RACERS = "learning_rates"

    landscape = hill_or_surface_trait()

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        which = self._which_hill(inputs)
        land = landscapes.landscape(_call(lambda: ContoursRequest(**which)).which())
        if land.dims == 1:
            req = _call(
                lambda: LandscapeRequest(
                    **which, start=inputs["start"], max_steps=inputs["max_steps"]
                )
            )
            drawn: Any = _call(lambda: curves.landscape_view(req))
        else:
            drawn = _call(lambda: maps.contours_view(ContoursRequest(**which)))
        rates = inputs["learning_rates"]
        if rates is None:
            try:
                rates = list(racing.three_rates(land, inputs["start"], inputs["max_steps"]))
            except ValueError as error:
                raise SettingError(f"{error}; give three learning_rates") from None
        racers = [{"optimizer": "gd", "learning_rate": r} for r in rates]
        return {"landscape": drawn, "race": self._race(inputs, racers)}


StepRace = widget_class(
    _StepRaceWidget,
    "fh-step-race",
    """>>> import foghill as fh
>>> steps = fh.StepRace("bowl")
>>> [run.outcome for run in steps.race.runs]
['crawling', 'settled', 'zigzag']
>>> steps.go()  # plays in every view of it""",
)


# ---- a sweep ----------------------------------------------------------------------------------


@computes("sweep")
class _SweepWidget(_MapWidget):
    """``Sweep("bowl", start=2.0)``: the walk at 200 step sizes, log-spaced from 0.001 to 2
    (``sweep``: the ``/api/sweep`` answer). A sweep has no animation: ``go()`` shows it."""

    sweep = sweep_trait()

    def _compute(self, inputs: dict[str, Any]) -> dict[str, Any]:
        req = _call(
            lambda: SweepRequest(
                **self._which_hill(inputs),
                start=inputs["start"],
                optimizer=inputs["optimizer"],
                max_steps=inputs["max_steps"],
            )
        )
        return {"sweep": _call(lambda: races.sweep_view(req))}

    def _run_length(self) -> tuple[int, str]:
        return 0, "idle"


Sweep = widget_class(
    _SweepWidget,
    "fh-sweep",
    """>>> import foghill as fh
>>> sweep = fh.Sweep("bowl", start=2.0)
>>> sweep.sweep.fly_off  # the step size from which the ball flies off
1.0""",
)
