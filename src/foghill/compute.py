"""Request model in, response model out: the one place the hosts call the engine.

The page's server and the notebook widgets both call these functions, so nothing here knows
about HTTP. Anything the person must fix (an unknown hill, a formula the engine refuses, a
start outside the hill) raises `BadRequest` with one sentence that says what to change.

Landscapes built from formulas are cached together with their sampled curves and valleys,
so a repeated click costs only the descent itself.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import numpy as np

from foghill import precision, snippets
from foghill.api_models import (
    Code,
    ContourBand,
    ContourLine,
    ContoursRequest,
    ContoursResponse,
    Curve,
    DescendRequest,
    DescendResponse,
    HillInfo,
    HillsResponse,
    LandscapeRequest,
    LandscapeResponse,
    LeastSquaresLine,
    LineFitMap,
    LineFitRequest,
    LineFitResponse,
    LineSteps,
    Minimum,
    NearestFloor,
    RacerDefaults,
    RaceRequest,
    RaceResponse,
    RacerRun,
    RegimeCheck,
    StepRegimes,
    SurfaceMinimum,
    SweepRequest,
    SweepResponse,
    Valley,
    Which,
    WhichHill,
)
from foghill.contract import DISPLAY_DECIMALS
from foghill.engine import arrival, contours, formula, hills, linefit, optimizers, regimes
from foghill.engine import race as racing
from foghill.engine import sweep as sweeping
from foghill.engine.descent import Trajectory, descend
from foghill.engine.formula_rules import FormulaError
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape
from foghill.engine.surface2d import Surface2D
from foghill.errors import BadRequest, plain

__all__ = [
    "BadRequest",
    "build",
    "contours_view",
    "descend_view",
    "hills_view",
    "landscape_view",
    "linefit_view",
    "prepare",
    "race_view",
    "remember",
    "sweep_view",
]

# How many formula landscapes (and, separately, sampled curves and contour maps) stay cached.
CACHE_SIZE = 256
CURVE_CACHE_SIZE = 128
MAP_CACHE_SIZE = 64
#: Points per side, and contour lines, of the line fit's own map (it changes on every drag).
LINE_MAP_GRID = 60
LINE_MAP_LEVELS = 12


# ---- which landscape ------------------------------------------------------------------------


class _Cache:
    """A small least-recently-used map with a membership test (lru_cache has none)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: two threads may build the same thing once each
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_landscapes = _Cache(CACHE_SIZE)


def build(which: Which) -> Landscape | BadRequest:
    """The landscape, or the BadRequest that says why there is none (never raises it).

    The server's formula builders call this in their own processes (foghill.building.process), with
    a CPU-time budget; a notebook calls it here, through `_landscape`.
    """
    if which.formula is None:
        assert which.hill is not None
        try:
            return hills.by_name(which.hill)
        except hills.UnknownHill as error:
            return BadRequest(str(error), field="hill")
    domain: Any = None
    if which.domain is not None:
        domain = which.domain[0] if len(which.domain) == 1 else which.domain
    try:
        return formula.landscape(which.formula, domain=domain)
    except FormulaError as error:
        message = f"the formula cannot be used: {plain(error.message)}"
        return BadRequest(message, field="formula", column=error.column)
    except ValueError as error:  # e.g. a domain that does not suit the formula
        return BadRequest(plain(str(error)), field="formula")


def _landscape(which: Which) -> Landscape:
    # Refusals are cached too: a hostile formula sent again costs nothing.
    built = _landscapes.get(which, lambda: build(which))
    if isinstance(built, BadRequest):
        raise BadRequest(built.message, built.field, built.column)
    return built  # type: ignore[no-any-return]


def is_prepared(req: WhichHill) -> bool:
    """True when the landscape a request names is at hand (a built-in hill, or a cached formula)."""
    which = req.which()
    return which.formula is None or which in _landscapes


def prepare(req: WhichHill) -> None:
    """Build and cache the landscape a request names, here (refusals included; never raises
    BadRequest)."""
    which = req.which()
    _landscapes.get(which, lambda: build(which))


def remember(which: Which, verdict: Landscape | BadRequest) -> None:
    """Cache a verdict reached elsewhere (the server's builder processes): the landscape, or
    the refusal of a formula for what it is or what it costs, so that the same text sent
    again is answered at once. Only real verdicts come here, never "busy"."""
    _landscapes.put(which, verdict)


# ---- /api/hills -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def hills_view() -> HillsResponse:
    """Every built-in hill, 1-D first."""
    infos = []
    for name in hills.NAMES:
        land = hills.by_name(name)
        infos.append(
            HillInfo(
                name=land.name,
                title=land.title,
                formula=land.formula,
                dims=land.dims,
                domain=[[float(lo), float(hi)] for lo, hi in land.domain],
            )
        )
    return HillsResponse(hills=infos)


# ---- /api/landscape -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Drawn:
    curve: Curve
    minima: list[Minimum]


def _deepest(land: Hill1D) -> float | None:
    try:
        return float(cast(float, land.deepest))
    except ValueError:  # no valley inside the domain
        return None


@lru_cache(maxsize=CURVE_CACHE_SIZE)
def _drawn(which: Which, samples: int) -> _Drawn:
    land = _require_1d(_landscape(which))
    xs, ys = land.sample(samples)
    deepest = _deepest(land)
    minima = [
        Minimum.model_construct(
            x=float(m),
            loss=float(land.loss(float(m))),
            curvature=float(land.curvature(float(m))),
            deepest=float(m) == deepest,
        )
        for m in land.minima
    ]
    return _Drawn(curve=Curve.model_construct(x=xs.tolist(), y=ys.tolist()), minima=minima)


@lru_cache(maxsize=CURVE_CACHE_SIZE)
def _regimes(which: Which, valley: float, max_steps: int) -> regimes.Regimes | None:
    """The engine's step-size thresholds at `valley` (None where the bowl picture gives
    none, e.g. a flat or kinked floor). Cached: they depend on the valley, not on the start."""
    land = _require_1d(_landscape(which))
    try:
        return regimes.at_valley(land, valley, max_steps=max_steps)
    except ValueError:
        return None


def _regimes_model(r: regimes.Regimes | None) -> StepRegimes | None:
    if r is None:
        return None
    return StepRegimes.model_construct(
        valley=float(r.valley),
        curvature=float(r.curvature),
        crawl_below=float(r.crawl_below),
        one_jump=float(r.one_jump),
        fly_off=float(r.fly_off),
    )


def _require_1d(land: Landscape) -> Hill1D:
    if not isinstance(land, Hill1D):
        raise BadRequest(
            f"only 1-D hills can be drawn as a curve, and {land.name!r} is a 2-D surface",
            field="hill",
        )
    return land


def _check_start_1d(land: Landscape, start: float) -> None:
    if not land.contains(start):
        lo, hi = land.domain[0]
        raise BadRequest(
            f"start must lie on the hill, between {lo:g} and {hi:g} (got {start:g})",
            field="start",
        )


def _valley_of(land: Hill1D, start: float | None) -> float | None:
    """The valley the ball drains into from `start`; the deepest one without a start."""
    if start is None:
        return _deepest(land)
    try:
        return float(land.basin(start))
    except ValueError:  # downhill from start runs off the edge: no valley that way
        return None


def landscape_view(req: LandscapeRequest) -> LandscapeResponse:
    """A 1-D hill as a curve, its valleys, and the step-size regimes at one valley."""
    which = req.which()
    land = _require_1d(_landscape(which))
    if req.start is not None:
        _check_start_1d(land, req.start)
    drawn = _drawn(which, req.samples)
    valley = _valley_of(land, req.start)
    (lo, hi) = land.domain[0]
    return LandscapeResponse.model_construct(
        name=land.name,
        title=land.title,
        formula=land.formula,
        dims=1,
        domain=[float(lo), float(hi)],
        curve=drawn.curve,
        minima=drawn.minima,
        regimes=None if valley is None else _regimes_model(_regimes(which, valley, req.max_steps)),
    )


# ---- /api/descend ---------------------------------------------------------------------------


def _step_rule(name: str, learning_rate: float) -> dict[str, Any]:
    """descend()'s keyword for the step rule: plain `learning_rate` for gd, else `optimizer`."""
    if name == "gd":
        return {"learning_rate": learning_rate}
    return {"optimizer": optimizers.by_name(name, learning_rate)}


def _start_on(land: Landscape, start: float | list[float]) -> float | list[float]:
    """The start as the landscape wants it, or a BadRequest saying what to change."""
    if land.dims == 1:
        if isinstance(start, list):
            raise BadRequest(f"{land.name!r} is a 1-D hill, so start must be one number", "start")
        _check_start_1d(land, start)
        return float(start)
    if not isinstance(start, list):
        raise BadRequest(f"{land.name!r} is a 2-D surface, so start must be [x, y]", "start")
    point = [float(v) for v in start]
    if not land.contains(point):
        (xlo, xhi), (ylo, yhi) = land.domain
        raise BadRequest(
            f"start must lie on the surface, with x from {xlo:g} to {xhi:g} and y from "
            f"{ylo:g} to {yhi:g} (got [{point[0]:g}, {point[1]:g}])",
            field="start",
        )
    return point


def descend_view(req: DescendRequest) -> DescendResponse:
    """Roll the ball from `start`: every position, height and tilt, and how it ended."""
    which = req.which()
    land = _landscape(which)
    start = _start_on(land, req.start)
    rule = _step_rule(req.optimizer, req.learning_rate)
    traj = _walk(lambda: descend(land, start, max_steps=req.max_steps, **rule))
    regime: RegimeCheck | None = None
    if isinstance(land, Hill1D) and req.optimizer == "gd":
        assert isinstance(start, float)
        regime = _classify(which, land, start, req.learning_rate, req.max_steps, traj.outcome)
    code = snippets.descent_code(
        land,
        formula=which.formula,
        start=start,
        learning_rate=req.learning_rate,
        optimizer=req.optimizer,
        max_steps=req.max_steps,
    )
    return DescendResponse.model_construct(
        **_run_fields(land, traj, req.optimizer, req.learning_rate),
        regime=regime,
        code=_code(code),
    )


def _walk(run: Callable[[], Any]) -> Any:
    """``run()``, its ValueError (e.g. the formula is undefined at the start) a BadRequest."""
    try:
        # A square of a huge gradient may overflow (rmsprop, adagrad, adam in 2-D): the steps
        # then shrink to 0 and the outcome says so; numpy's warning would only reach stderr.
        with np.errstate(over="ignore", invalid="ignore"):
            return run()
    except ValueError as error:
        raise BadRequest(plain(str(error)), field="start") from None


def _run_fields(
    land: Landscape, traj: Trajectory, optimizer: str, learning_rate: float
) -> dict[str, Any]:
    """One walk as every run answer carries it (`RacerRun`'s fields), its facts judged on
    the numbers sent."""
    sent = precision.walk(traj, land.domain)
    valley: Valley | None = None
    came = arrival.arrival(sent, land, DISPLAY_DECIMALS)
    if isinstance(land, Hill1D):
        # The valley it rests in: also a crawl that is on a floor as printed (it arrived).
        arrived = came.floor_step is not None
        if (arrived or traj.outcome in ("settled", "zigzag")) and land.minima:
            last = float(traj.positions[-1])
            nearest = min((float(m) for m in land.minima), key=lambda m: abs(m - last))
            valley = Valley.model_construct(
                x=nearest, loss=float(land.loss(nearest)), deepest=nearest == _deepest(land)
            )
    return {
        "outcome": traj.outcome,
        "settled": bool(traj.settled),
        "n_steps": int(traj.n_steps),
        "floor_step": came.floor_step,
        "moving": came.moving,
        "nearest_floor": _nearest(came, precision.width_of(land.domain)),
        "learning_rate": float(learning_rate),
        "optimizer": optimizer,
        "position": sent.positions.tolist(),
        "loss": sent.losses.tolist(),
        "gradient": sent.gradients.tolist(),
        "valley": valley,
    }


def _nearest(came: arrival.Arrival, width: float) -> NearestFloor | None:
    near = came.nearest
    if near is None or came.distance is None:
        return None
    at = precision.places(near.at, width).tolist()
    position: float | list[float] = at[0] if len(at) == 1 else at
    return NearestFloor.model_construct(
        position=position,
        loss=precision.height(near.loss),
        distance=precision.height(came.distance),
    )


def _code(code: snippets.Snippets) -> Code:
    return Code.model_construct(python=code.python, torch=code.torch)


def _classify(
    which: Which, land: Hill1D, start: float, learning_rate: float, max_steps: int, run: str
) -> RegimeCheck | None:
    """What `regimes.classify` says, without running the same descent a second time:
    the thresholds are cached per valley, and `run` is the outcome of the descent just made
    (the same plain descent with the same step budget and default tolerances)."""
    valley = _valley_of(land, start)
    zones = None if valley is None else _regimes(which, valley, max_steps)
    if zones is None:
        return None
    by_bounds = regimes.classify_by_bounds(learning_rate, zones)
    return RegimeCheck.model_construct(by_bounds=by_bounds, by_run=run, agree=by_bounds == run)


# ---- /api/linefit ---------------------------------------------------------------------------


def linefit_view(req: LineFitRequest) -> LineFitResponse:
    """Walk the line y = w*x + b downhill on "how far it misses" (mean squared error)."""
    try:
        x_from = req.x_from or 0.0
        dots = linefit.Dots([v - x_from for v in req.x], req.y)
        rule = _step_rule(req.optimizer, req.learning_rate)
        traj = linefit.fit(dots, w=req.w, b=req.b, max_steps=req.max_steps, **rule)
    except ValueError as error:  # e.g. dots too large to square
        raise BadRequest(plain(str(error))) from None
    best = linefit.least_squares(dots)
    sizes = linefit.step_sizes(dots, (req.w, req.b), req.max_steps)
    drawn = _line_map(dots, traj)
    # Each coordinate to its own side of the map (a slope and an intercept differ in scale).
    w_side, b_side = (hi - lo for lo, hi in drawn.domain)
    return LineFitResponse.model_construct(
        outcome=traj.outcome,
        n_steps=int(traj.n_steps),
        w=precision.places(traj.positions[:, 0], w_side).tolist(),
        b=precision.places(traj.positions[:, 1], b_side).tolist(),
        loss=precision.heights(traj.losses).tolist(),
        grad_w=precision.tilts(traj.gradients[:, 0]).tolist(),
        grad_b=precision.tilts(traj.gradients[:, 1]).tolist(),
        best=LeastSquaresLine.model_construct(
            w=float(best.w), b=float(best.b), loss=float(best.loss)
        ),
        map=drawn,
        steps=LineSteps.model_construct(**sizes._asdict()),
        code=_code(
            snippets.linefit_code(
                req.x,
                dots,
                x_from=x_from,
                w=req.w,
                b=req.b,
                learning_rate=req.learning_rate,
                optimizer=req.optimizer,
                max_steps=req.max_steps,
            )
        ),
    )


def _line_map(dots: linefit.Dots, traj: Trajectory) -> LineFitMap:
    """The (w, b) map of the dots' mean squared error (its exact closed form, `Dots.loss`),
    centred on the least-squares line, reaching 10% past the start and the whole walk (and
    at least the data's own slope and intercept scales, so that a short walk is not the
    whole map)."""
    best = linefit.least_squares(dots)
    sx = math.sqrt(dots.sxx / dots.n)
    y_size = max(math.sqrt(dots.syy / dots.n), abs(dots.mean_y) / 4, 1e-9)
    reach = [y_size / sx, y_size]
    for axis, centre in enumerate((best.w, best.b)):
        far = float(np.max(np.abs(traj.positions[:, axis] - centre)))
        reach[axis] = max(reach[axis], 1.1 * far)
    domain = ((best.w - reach[0], best.w + reach[0]), (best.b - reach[1], best.b + reach[1]))
    grid = contours.heights(dots.loss, domain, LINE_MAP_GRID)  # type: ignore[arg-type]
    return LineFitMap.model_construct(**_map_fields(contours.contour_map(grid, LINE_MAP_LEVELS)))


def _map_fields(drawn: contours.ContourMap) -> dict[str, Any]:
    return {
        "domain": [list(pair) for pair in drawn.domain],
        "levels": list(drawn.levels),
        "lines": [
            ContourLine.model_construct(level=line.level, paths=[list(p) for p in line.paths])
            for line in drawn.lines
        ],
        "bands": [
            ContourBand.model_construct(
                lower=band.lower, upper=band.upper, paths=[list(p) for p in band.paths]
            )
            for band in drawn.bands
        ],
    }


# ---- /api/contours --------------------------------------------------------------------------


def _require_2d(land: Landscape) -> Surface2D:
    if not isinstance(land, Surface2D):
        raise BadRequest(
            f"only 2-D surfaces have a map from above, and {land.name!r} is a 1-D hill "
            "(ask /api/landscape for its curve)",
            field="hill",
        )
    return land


@lru_cache(maxsize=MAP_CACHE_SIZE)
def _contours(which: Which, grid: int, levels: int) -> ContoursResponse:
    land = _require_2d(_landscape(which))
    try:
        drawn = contours.contour_map(contours.surface_heights(land, grid), levels)
    except ValueError as error:  # undefined everywhere on its domain
        raise BadRequest(plain(str(error)), field="formula") from None
    deepest = land.deepest if land.minima else None
    minima = [
        SurfaceMinimum.model_construct(
            x=float(x), y=float(y), loss=float(land.loss((x, y))), deepest=(x, y) == deepest
        )
        for x, y in land.minima
    ]
    racers = [
        RacerDefaults.model_construct(
            optimizer=r.optimizer, learning_rate=r.learning_rate, momentum=r.momentum
        )
        for r in racing.default_racers(land)
    ]
    return ContoursResponse.model_construct(
        name=land.name,
        title=land.title,
        formula=land.formula,
        dims=2,
        minima=minima,
        start=[float(v) for v in land.start],
        loss_range=list(drawn.loss_range),
        racers=racers,
        **_map_fields(drawn),
    )


def contours_view(req: ContoursRequest) -> ContoursResponse:
    """A 2-D surface from above: contour lines and bands, its minima, a start, racers."""
    return _contours(req.which(), req.grid, req.levels)


# ---- /api/race ------------------------------------------------------------------------------


def race_view(req: RaceRequest) -> RaceResponse:
    """Every racer's walk from the same start, each exactly as `/api/descend` answers it."""
    which = req.which()
    land = _landscape(which)
    start = _start_on(land, req.start)
    racers = [racing.Racer(r.optimizer, r.learning_rate, r.momentum) for r in req.racers]
    runs = _walk(lambda: racing.race(land, start, racers, req.max_steps))
    answers = [
        RacerRun.model_construct(**_run_fields(land, t, r.optimizer, r.learning_rate))
        for r, t in zip(racers, runs, strict=True)
    ]
    winners = arrival.winners([a.floor_step for a in answers])
    code = snippets.race_code(
        land,
        formula=which.formula,
        start=start,
        racers=[snippets.Rule(r.optimizer, r.learning_rate, r.momentum) for r in racers],
        max_steps=req.max_steps,
    )
    return RaceResponse.model_construct(runs=answers, winners=winners, code=_code(code))


# ---- /api/sweep -----------------------------------------------------------------------------


def sweep_view(req: SweepRequest) -> SweepResponse:
    """The walk from `start` at every step size from `low` to `high` (log-spaced)."""
    which = req.which()
    land = _landscape(which)
    start = _start_on(land, req.start)
    rates = sweeping.log_rates(req.low, req.high, req.count)
    found = _walk(lambda: sweeping.sweep(land, start, rates, req.optimizer, req.max_steps))
    # Final losses as heights are sent (null: it flew off). The rates stay exact: a reader
    # may take one to the dial, and its walk must be the one the sweep judged.
    losses = precision.heights([math.nan if v is None else v for v in found.final_loss])
    final = [None if v is None else float(h) for v, h in zip(found.final_loss, losses, strict=True)]
    return SweepResponse.model_construct(
        rates=list(found.rates),
        final_loss=final,
        steps=list(found.steps),
        settled_at=list(found.settled_at),
        outcomes=list(found.outcomes),
        one_jump=found.one_jump,
        fly_off=found.fly_off,
        best_rate=found.best_rate,
        code=_code(
            snippets.sweep_code(
                land,
                formula=which.formula,
                start=start,
                low=req.low,
                high=req.high,
                count=req.count,
                optimizer=req.optimizer,
                max_steps=req.max_steps,
            )
        ),
    )
