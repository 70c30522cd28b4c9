"""The JSON contract between Foghill's engine and its two hosts (the page's server, a notebook).

Every request and response of docs/architecture.md is a pydantic model here. Requests carry
their bounds, so a request that passes validation costs a bounded amount of work: at most
5000 steps, at most 5000 dots, at most 2001 samples, a formula of at most 200 characters.
Which hill names exist is the engine's business; compute.py checks those.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Bounds, named so that the server, the tests and the page can all refer to them.
MAX_LEARNING_RATE = 100.0
MAX_STEPS = 5000
MIN_SAMPLES, MAX_SAMPLES = 2, 2001
MIN_DOTS, MAX_DOTS = 2, 5000
MAX_FORMULA_LENGTH = 200
# Domains and starting points stay within this magnitude: beyond it nothing is drawable
# and squares of coordinates stop being exact.
MAX_COORDINATE = 1e6

OptimizerName: TypeAlias = Literal["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
OPTIMIZER_NAMES: tuple[str, ...] = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
Outcome: TypeAlias = Literal["settled", "crawling", "zigzag", "flew-off"]

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
Coordinate = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_COORDINATE, le=MAX_COORDINATE)]
LearningRate = Annotated[float, Field(gt=0, le=MAX_LEARNING_RATE, allow_inf_nan=False)]
Steps = Annotated[int, Field(ge=1, le=MAX_STEPS)]
Formula = Annotated[str, Field(max_length=MAX_FORMULA_LENGTH)]
Dots = Annotated[list[Coordinate], Field(min_length=MIN_DOTS, max_length=MAX_DOTS)]
Interval = Annotated[list[Coordinate], Field(min_length=2, max_length=2)]


class _Request(BaseModel):
    # Unknown keys are ignored: a page model may post all of its inputs to every endpoint.
    model_config = ConfigDict(extra="ignore")


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check_interval(lo: float, hi: float, what: str) -> None:
    if not lo < hi:
        raise ValueError(f"{what} must go from a smaller to a larger number (got [{lo}, {hi}])")


class _WhichHill(_Request):
    """Pick a landscape: a built-in hill by name, or a formula over a domain.

    A non-empty formula wins over the hill. A 1-D domain is `[lo, hi]`; a 2-D one is
    `[[x_lo, x_hi], [y_lo, y_hi]]`.
    """

    hill: str = Field(default="foggy", max_length=64, description="a built-in hill's name")
    formula: Formula | None = Field(
        default=None, description="a formula in x (or x and y), e.g. 0.1*x^4 - x^2"
    )
    domain: Interval | Annotated[list[Interval], Field(min_length=2, max_length=2)] | None = Field(
        default=None, description="where the formula lives: [lo, hi] or [[lo, hi], [lo, hi]]"
    )

    @field_validator("domain")
    @classmethod
    def _domain_ordered(
        cls, value: list[float] | list[list[float]] | None
    ) -> list[float] | list[list[float]] | None:
        if value is None:
            return None
        if isinstance(value[0], list):
            for axis, pair in zip("xy", value, strict=True):
                assert isinstance(pair, list)
                _check_interval(pair[0], pair[1], f"the domain's {axis} range")
        else:
            lo, hi = value
            assert isinstance(lo, float)
            assert isinstance(hi, float)
            _check_interval(lo, hi, "the domain")
        return value

    @property
    def uses_formula(self) -> bool:
        return bool(self.formula and self.formula.strip())


class LandscapeRequest(_WhichHill):
    """`POST /api/landscape`: a 1-D hill drawn as a curve, its valleys and its step-size regimes."""

    samples: int = Field(default=241, ge=MIN_SAMPLES, le=MAX_SAMPLES)
    start: Coordinate | None = Field(
        default=None, description="regimes for the valley this start drains into (default: deepest)"
    )
    max_steps: Steps = 200


class DescendRequest(_WhichHill):
    """`POST /api/descend`: roll a ball from `start` with a given step size."""

    start: Coordinate | Annotated[list[Coordinate], Field(min_length=2, max_length=2)] = Field(
        description="a number on a 1-D hill, [x, y] on a 2-D one"
    )
    learning_rate: LearningRate = 0.1
    optimizer: OptimizerName = "gd"
    max_steps: Steps = 200


class LineFitRequest(_Request):
    """`POST /api/linefit`: walk a line y = w*x + b downhill through the dots."""

    x: Dots
    y: Dots
    w: Coordinate = 0.0
    b: Coordinate = 0.0
    learning_rate: LearningRate = 0.05
    max_steps: Steps = 300
    optimizer: OptimizerName = "gd"

    @model_validator(mode="after")
    def _dots_pair_up(self) -> LineFitRequest:
        if len(self.x) != len(self.y):
            raise ValueError(
                f"x and y must have the same length (got {len(self.x)} and {len(self.y)})"
            )
        if min(self.x) == max(self.x):
            raise ValueError("the dots' x values must not all be equal (no line is best then)")
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


class Regimes(_Response):
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
    regimes: Regimes | None


class Valley(_Response):
    x: float
    loss: float
    deepest: bool


class RegimeCheck(_Response):
    by_bounds: str
    by_run: str
    agree: bool


class DescendResponse(_Response):
    outcome: Outcome
    settled: bool
    n_steps: int
    learning_rate: float
    optimizer: str
    position: list[float] | list[list[float]]
    loss: list[float]
    gradient: list[float] | list[list[float]]
    valley: Valley | None
    regime: RegimeCheck | None


class BestLine(_Response):
    w: float
    b: float
    loss: float


class LineFitResponse(_Response):
    outcome: Outcome
    n_steps: int
    w: list[float]
    b: list[float]
    loss: list[float]
    grad_w: list[float]
    grad_b: list[float]
    best: BestLine


class ErrorResponse(_Response):
    """Every 4xx body: one sentence a person understands (and pydantic's details, if any)."""

    error: str
    detail: list[dict[str, object]] | None = None
