"""The JSON contract between Foghill's engine and its two hosts (the page's server, a notebook).

Every request and response of docs/architecture.md is a pydantic model here. The request
fields take their types (bounds included), defaults and help from the widget contract
(:mod:`foghill.contract`), so a request that passes validation costs a bounded amount of
work. The server reads request bodies strictly (``model_validate(data, strict=True)``), as
their published JSON Schema says: a number must be a JSON number (``"0.1"`` and ``true`` are
refused), while a whole number may be written ``200`` or ``200.0``; a notebook's Python values
are read as usual (a tuple is a list). A hill name must be one the engine knows (the sentence
is the engine's), even when a formula wins, as the schema's enum says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

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
    OutcomeName,
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


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


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


# ---- responses -------------------------------------------------------------------------------


class HillInfo(_Response):
    name: str
    title: str
    formula: str
    dims: Literal[1, 2]
    domain: list[list[float]]


class HillsResponse(_Response):
    """`GET /api/hills`."""

    hills: list[HillInfo]


class Curve(_Response):
    """The hill sampled evenly across its domain."""

    x: list[float]
    y: list[float | None] = Field(description="the height at each x; null where undefined")


class Minimum(_Response):
    """A valley floor: where it is, how low, how sharply it bends, whether it is the lowest."""

    x: float
    loss: float
    curvature: float | None = Field(description="the second derivative; null if undefined")
    deepest: bool


class StepRegimes(_Response):
    """Step sizes at one valley: below `crawl_below` the ball crawls, up to `one_jump` it
    settles smoothly, up to `fly_off` it zig-zags in, above it flies off."""

    valley: float
    curvature: float
    crawl_below: float
    one_jump: float
    fly_off: float


class LandscapeResponse(_Response):
    name: str
    title: str
    formula: str
    dims: Literal[1]
    domain: list[float]
    curve: Curve
    minima: list[Minimum]
    regimes: StepRegimes | None


class Valley(_Response):
    x: float
    loss: float
    deepest: bool


class RegimeCheck(_Response):
    by_bounds: str
    by_run: str
    agree: bool


class Code(_Response):
    """The run as code (foghill.snippets): Foghill's lines and PyTorch's, same numbers."""

    python: str
    torch: str


class NearestFloor(_Response):
    """The valley floor closest to where a walk ended: where it is, its height, how far."""

    position: float | list[float]
    loss: float
    distance: float


class RacerRun(_Response):
    """One walk. `n_steps` counts every step taken, the one that flew off included.
    `floor_step`: the step from which the walk is on a valley floor as printed (position and
    height, `DISPLAY_DECIMALS` decimals) to its end, whatever its outcome; null: it ends on
    none. `moving`: not on a floor and still visibly going downhill (over its last steps it
    moved or lost height by a printed unit). `nearest_floor`: null when it flew off or the
    landscape has no floor (foghill.engine.arrival).

    Numbers are sent at the precision a screen can show (foghill.precision): places to
    1/100000 of the landscape's width (at least 3 decimals), heights to 6 significant
    figures, tilts (`gradient`) to 4; a rounded number always prints as the engine's does
    with `DISPLAY_DECIMALS` decimals (else it is sent in full), and `floor_step` and
    `moving` are judged on the numbers sent."""

    outcome: OutcomeName
    settled: bool
    n_steps: int
    floor_step: int | None
    moving: bool
    nearest_floor: NearestFloor | None
    learning_rate: float
    optimizer: str
    position: list[float] | list[list[float]]
    loss: list[float]
    gradient: list[float] | list[list[float]]
    valley: Valley | None


class DescendResponse(RacerRun):
    """`POST /api/descend`: one walk (as a race's runs), with its regime check on a 1-D hill
    (plain descent) and the run as code."""

    regime: RegimeCheck | None
    code: Code


class LeastSquaresLine(_Response):
    w: float
    b: float
    loss: float


class ContourLine(_Response):
    """One contour line: its height and its paths, each a flat list x0, y0, x1, y1, ..."""

    level: float
    paths: list[list[float]]


class ContourBand(_Response):
    """The region with `lower <= loss <= upper`: rings as flat closed lists (outer boundaries
    and holes together: fill with the even-odd rule)."""

    lower: float
    upper: float
    paths: list[list[float]]


class ContourMap(_Response):
    """A map from above: the domain, the contour heights (ascending), lines and bands."""

    domain: list[list[float]]
    levels: list[float]
    lines: list[ContourLine]
    bands: list[ContourBand]


class SurfaceMinimum(_Response):
    x: float
    y: float
    loss: float
    deepest: bool


class RacerDefaults(_Response):
    optimizer: str
    learning_rate: float
    momentum: float | None


class ContoursResponse(ContourMap):
    """`POST /api/contours`. Coordinates are rounded to a twentieth of a grid cell (down to a
    power of ten); on a 200 grid each line's vertices lie on its level within 5% of the gap
    to the nearest other level ((200/grid)^2 times that on a coarser grid). `racers` are the
    engine's step sizes for a fair race on this surface (the six optimizers)."""

    name: str
    title: str
    formula: str
    dims: Literal[2]
    minima: list[SurfaceMinimum]
    start: list[float]
    loss_range: list[float]
    racers: list[RacerDefaults]


class LineFitMap(ContourMap):
    """The line fit's own landscape over (w, b): x is the slope w, y the intercept b."""


class LineSteps(_Response):
    """How bold plain descent's steps can be on these dots (foghill.engine.linefit.step_sizes):
    the two curvatures of the bowl, its regimes and a step that settles."""

    steep: float = Field(description="the bowl's steepest curvature L")
    gentle: float = Field(description="its gentlest curvature")
    one_jump: float = Field(description="1/L: the steep way is walked in one step")
    fly_off: float = Field(description="2/L: any larger step flies off")
    crawl_below: float = Field(description="smaller steps run out of max_steps before settling")
    suggested: float = Field(description="1/L rounded down to two digits: settles without zig-zag")
    steps_needed: int = Field(description="about how many steps the suggested step takes")


class LineFitResponse(_Response):
    """`POST /api/linefit`. The walk's numbers at the precision a screen can show
    (foghill.precision): `w` and `b` to 1/100000 of the map's side along each, `loss` to 6
    significant figures, `grad_w` and `grad_b` to 4; each prints as the engine's number does
    with `DISPLAY_DECIMALS` decimals."""

    outcome: OutcomeName
    n_steps: int
    w: list[float]
    b: list[float]
    loss: list[float]
    grad_w: list[float]
    grad_b: list[float]
    best: LeastSquaresLine
    map: LineFitMap = Field(
        description="how wrong each line (w, b) is, from above: centred on the best line and "
        "holding the start and the whole walk"
    )
    steps: LineSteps
    code: Code


class RaceResponse(_Response):
    """`POST /api/race`: one run per racer, in the racers' order (each as `/api/descend`
    answers it, without its regime check), and the whole race as code (each racer's
    momentum as set)."""

    runs: list[RacerRun]
    winners: list[int] = Field(
        description="the places (in `runs`) of the racers first to a valley floor, by "
        "`floor_step`: one, several when tied, none when nobody reached one"
    )
    code: Code


class SweepResponse(_Response):
    """`POST /api/sweep`: per step size (ascending), how the walk ended.

    `final_loss` is null where it flew off, else the height as walks send it (6 significant
    figures, foghill.precision; the rates are exact); `steps` is how many steps were taken
    (`max_steps` when it neither settled nor flew off); `settled_at` is the step it settled
    at (null: never). `one_jump` (1/L) and `fly_off` (2/L) are the plain-descent marks of
    the valley's bend L (1-D: the valley the start drains into; 2-D: the largest Hessian
    eigenvalue where the best run settled, or at the deepest minimum when none did); null
    when there is none. `best_rate` settled in the fewest steps
    (null: none settled).
    """

    rates: list[float]
    final_loss: list[float | None]
    steps: list[int]
    settled_at: list[int | None]
    outcomes: list[OutcomeName]
    one_jump: float | None
    fly_off: float | None
    best_rate: float | None
    code: Code = Field(description="the sweep's loop over its step sizes as code")


class HealthResponse(_Response):
    """`GET /healthz`: the server is up."""

    status: Literal["ok"]


class ErrorResponse(_Response):
    """Every 4xx body: one sentence a person understands (and pydantic's details, if any)."""

    error: str
    detail: list[dict[str, object]] | None = None
