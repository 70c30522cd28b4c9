"""What the engine answers: every response model (``extra="forbid"``: no stray keys)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from foghill.contract import OutcomeName


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


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
