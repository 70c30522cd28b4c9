"""What a widget asks the engine: the formula-or-hill rule, and every request model.

The fields take their types (bounds included), defaults and help from the widget contract
(:mod:`foghill.contract`), so a request that passes validation costs a bounded amount of
work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from foghill.contract import (
    DEFAULT_MOMENTUM,
    MAX_RACERS,
    MAX_SWEEP_STEPS,
    MAX_SWEEP_WORK,
    WHOLE,
    WIDGETS,
    Coordinate,
    Domain,
    DotList,
    Formula,
    HillName,
    Label,
    LearningRate,
    Momentum,
    OptimizerName,
    Samples,
    Start,
    Steps,
)
from foghill.engine import hills

_HILL = WIDGETS["fh-hill"]
_LINE = WIDGETS["fh-line-fit"]


def _field(kind_key: Any, **extra: Any) -> Any:
    """A request field with the contract key's default and help."""
    return Field(default=kind_key.default, description=kind_key.help, **extra)


class _Request(BaseModel):
    # Unknown keys are ignored: a page model may post all of its inputs to every endpoint.
    model_config = ConfigDict(extra="ignore", defer_build=True)


def _known_hill(name: str) -> str:
    if name not in hills.NAMES:
        raise ValueError(str(hills.UnknownHill(name)))
    return name


#: A whole number of the contract's kind, written either way (a strict int refuses 200.0).
WholeSteps = Annotated[Steps, WHOLE]
WholeSamples = Annotated[Samples, WHOLE]
#: A built-in hill's name (checked even when a formula wins, as the schema's enum says).
KnownHill = Annotated[HillName, AfterValidator(_known_hill)]


def _check_interval(lo: float, hi: float, what: str) -> None:
    if not lo < hi:
        raise ValueError(f"{what} must go from a smaller to a larger number (got [{lo}, {hi}])")


DomainKey = tuple[tuple[float, float], ...] | None


@dataclass(frozen=True)
class Which:
    """A hashable name for a landscape: a built-in hill, or a formula over a domain."""

    hill: str | None
    formula: str | None
    domain: DomainKey


class WhichHill(_Request):
    """Pick a landscape: a built-in hill by name, or a formula over a domain.

    The one rule, for every host: a non-empty formula wins over the hill, and a domain goes
    with a formula only. A 1-D domain is `[lo, hi]`; a 2-D one is `[[x_lo, x_hi], [y_lo, y_hi]]`.
    """

    hill: KnownHill = _field(_HILL.key("hill"))
    formula: Formula | None = _field(_HILL.key("formula"))
    domain: Domain | None = _field(_HILL.key("domain"))

    @model_validator(mode="after")
    def _domain_fits(self) -> WhichHill:
        value = self.domain
        if value is None:
            return self
        if not (self.formula and self.formula.strip()):
            raise ValueError("a domain goes with a formula; a built-in hill keeps its own domain")
        if isinstance(value[0], list):
            for axis, pair in zip("xy", value, strict=True):
                assert isinstance(pair, list)
                _check_interval(pair[0], pair[1], f"the domain's {axis} range")
        else:
            lo, hi = value
            assert isinstance(lo, float)
            assert isinstance(hi, float)
            _check_interval(lo, hi, "the domain")
        return self

    def which(self) -> Which:
        """The landscape these settings name (the formula-or-hill rule, applied once)."""
        formula = (self.formula or "").strip()
        if not formula:
            return Which(self.hill, None, None)
        domain = self.domain
        key: DomainKey = None
        if domain is not None:
            pairs = domain if isinstance(domain[0], list) else [domain]
            key = tuple((float(p[0]), float(p[1])) for p in pairs)
        return Which(None, formula, key)


class LandscapeRequest(WhichHill):
    """`POST /api/landscape`: a 1-D hill drawn as a curve, its valleys and its step-size regimes."""

    samples: WholeSamples = 241
    start: Coordinate | None = Field(
        default=None, description="regimes for the valley this start drains into (default: deepest)"
    )
    max_steps: WholeSteps = _field(_HILL.key("max_steps"))


class DescendRequest(WhichHill):
    """`POST /api/descend`: roll a ball from `start` with a given step size."""

    start: Start = Field(description="a number on a 1-D hill, [x, y] on a 2-D one")
    learning_rate: LearningRate = _field(_HILL.key("learning_rate"))
    optimizer: OptimizerName = _field(_HILL.key("optimizer"))
    max_steps: WholeSteps = _field(_HILL.key("max_steps"))


def descent_requests(inputs: dict[str, Any]) -> tuple[LandscapeRequest, DescendRequest | None]:
    """The requests a ball widget's inputs make, in every host: the landscape (with the start,
    for the regimes of the valley it drains into) and, once there is a start, the walk."""
    which = {k: inputs[k] for k in ("hill", "formula", "domain")}
    start = inputs["start"]
    land = LandscapeRequest(**which, start=start, max_steps=inputs["max_steps"])
    if start is None:
        return land, None
    walk = DescendRequest(
        **which,
        start=start,
        learning_rate=inputs["learning_rate"],
        optimizer=inputs["optimizer"],
        max_steps=inputs["max_steps"],
    )
    return land, walk


class LineFitRequest(_Request):
    """`POST /api/linefit`: walk a line y = w*x + b downhill through the dots."""

    x: DotList = Field(description=_LINE.key("x").help)
    y: DotList = Field(description=_LINE.key("y").help)
    w: Coordinate = _field(_LINE.key("w"))
    b: Coordinate = _field(_LINE.key("b"))
    learning_rate: LearningRate = _field(_LINE.key("learning_rate"))
    max_steps: WholeSteps = _field(_LINE.key("max_steps"))
    optimizer: OptimizerName = _field(_LINE.key("optimizer"))
    x_from: Coordinate | None = _field(_LINE.key("x_from"))
    x_label: Label = _field(_LINE.key("x_label"))
    y_label: Label = _field(_LINE.key("y_label"))

    @model_validator(mode="after")
    def _dots_pair_up(self) -> LineFitRequest:
        if len(self.x) != len(self.y):
            raise ValueError(
                f"x and y must have the same length (got {len(self.x)} and {len(self.y)})"
            )
        if min(self.x) == max(self.x):
            raise ValueError("the dots' x values must not all be equal (no line is best then)")
        return self


# ---- issue 8: maps from above, races, sweeps ----------------------------------------------

_SURFACE = WIDGETS["fh-surface"]
_RACE = WIDGETS["fh-race"]
_SWEEP = WIDGETS["fh-sweep"]
MIN_GRID, MAX_GRID = 20, 400
MIN_LEVELS, MAX_LEVELS = 4, 40
MIN_RATES, MAX_RATES = 10, 400

WholeGrid = Annotated[int, Field(ge=MIN_GRID, le=MAX_GRID), WHOLE]
WholeLevels = Annotated[int, Field(ge=MIN_LEVELS, le=MAX_LEVELS), WHOLE]
WholeRates = Annotated[int, Field(ge=MIN_RATES, le=MAX_RATES), WHOLE]
WholeSweepSteps = Annotated[int, Field(ge=1, le=MAX_SWEEP_STEPS), WHOLE]


class ContoursRequest(WhichHill):
    """`POST /api/contours`: a 2-D surface seen from above (contour lines and filled bands).

    `grid` points per side are evaluated exactly; `levels` contour heights are picked as
    quantiles of those heights, so each band covers about the same area of the map.
    A 1-D hill is refused (it is drawn as a curve by `/api/landscape`).
    """

    hill: KnownHill = _field(_SURFACE.key("hill"))
    grid: WholeGrid = Field(default=200, description="points per side of the grid of heights")
    levels: WholeLevels = Field(default=14, description="how many contour lines (at most)")


class Racer(_Request):
    """One racer: an optimizer, its step size, and (momentum, nesterov) its momentum."""

    optimizer: OptimizerName
    learning_rate: LearningRate
    momentum: Momentum | None = Field(
        default=None,
        description=f"kept share of the last step (momentum, nesterov); null: {DEFAULT_MOMENTUM}",
    )


class RaceRequest(WhichHill):
    """`POST /api/race`: up to six racers dropped at `start`, each walking `max_steps` at most.

    `start` is a number on a 1-D hill and `[x, y]` on a 2-D surface (required). Each run is
    exactly what `/api/descend` gives for that racer's rule.
    """

    hill: KnownHill = _field(_RACE.key("hill"))
    start: Start = Field(description="a number on a 1-D hill, [x, y] on a 2-D one")
    max_steps: WholeSteps = _field(_RACE.key("max_steps"))
    racers: Annotated[list[Racer], Field(min_length=1, max_length=MAX_RACERS)] = Field(
        description=f"1 to {MAX_RACERS} racers, answered in the same order"
    )


class SweepRequest(WhichHill):
    """`POST /api/sweep`: the same walk at `count` step sizes, log-spaced from `low` to `high`.

    Each rate's outcome, steps and final loss are those `/api/descend` gives at that rate.
    `low` is below `high`, and `count` x `max_steps` is at most 400000 (e.g. 200 rates of
    2000 steps): the sweep's work stays bounded.
    """

    hill: KnownHill = _field(_SWEEP.key("hill"))
    start: Start = Field(description="a number on a 1-D hill, [x, y] on a 2-D one")
    optimizer: OptimizerName = _field(_SWEEP.key("optimizer"))
    low: LearningRate = Field(default=1e-3, description="the smallest step size")
    high: LearningRate = Field(default=2.0, description="the largest step size (above low)")
    count: WholeRates = Field(default=200, description="how many step sizes")
    max_steps: WholeSweepSteps = _field(_SWEEP.key("max_steps"))

    @model_validator(mode="after")
    def _low_below_high(self) -> SweepRequest:
        _check_interval(self.low, self.high, "the step sizes (low to high)")
        if self.count * self.max_steps > MAX_SWEEP_WORK:
            raise ValueError(
                f"count x max_steps must be at most {MAX_SWEEP_WORK} steps in all "
                f"(got {self.count} x {self.max_steps} = {self.count * self.max_steps})"
            )
        return self
