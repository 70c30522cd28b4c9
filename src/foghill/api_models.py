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

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from foghill.contract import (
    WIDGETS,
    Coordinate,
    Domain,
    DotList,
    Formula,
    HillName,
    LearningRate,
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
    model_config = ConfigDict(extra="ignore")


def _whole(value: Any) -> Any:
    """200.0 is a whole number as JSON Schema's "integer" counts: read it as 200."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _known_hill(name: str) -> str:
    if name not in hills.NAMES:
        raise ValueError(str(hills.UnknownHill(name)))
    return name


#: A whole number of the contract's kind, written either way (a strict int refuses 200.0).
WholeSteps = Annotated[Steps, BeforeValidator(_whole)]
WholeSamples = Annotated[Samples, BeforeValidator(_whole)]
#: A built-in hill's name (checked even when a formula wins, as the schema's enum says).
KnownHill = Annotated[HillName, AfterValidator(_known_hill)]


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid")


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


class DescendResponse(_Response):
    outcome: OutcomeName
    settled: bool
    n_steps: int
    learning_rate: float
    optimizer: str
    position: list[float] | list[list[float]]
    loss: list[float]
    gradient: list[float] | list[list[float]]
    valley: Valley | None
    regime: RegimeCheck | None
    code: Code


class LeastSquaresLine(_Response):
    w: float
    b: float
    loss: float


class LineFitResponse(_Response):
    outcome: OutcomeName
    n_steps: int
    w: list[float]
    b: list[float]
    loss: list[float]
    grad_w: list[float]
    grad_b: list[float]
    best: LeastSquaresLine
    code: Code


class HealthResponse(_Response):
    """`GET /healthz`: the server is up."""

    status: Literal["ok"]


class ErrorResponse(_Response):
    """Every 4xx body: one sentence a person understands (and pydantic's details, if any)."""

    error: str
    detail: list[dict[str, object]] | None = None
