"""Request model in, response model out: the one place the hosts call the engine.

The page's server and the notebook widgets both call these functions, so nothing here knows
about HTTP. Anything the person must fix (an unknown hill, a formula the engine refuses, a
start outside the hill) raises `BadRequest` with one sentence that says what to change.

Landscapes built from formulas are cached together with their sampled curves and valleys,
so a repeated click costs only the descent itself.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import foghill as fh
from foghill.api_models import (
    BestLine,
    Curve,
    DescendRequest,
    DescendResponse,
    HillInfo,
    HillsResponse,
    LandscapeRequest,
    LandscapeResponse,
    LineFitRequest,
    LineFitResponse,
    Minimum,
    RegimeCheck,
    Regimes,
    Valley,
)

__all__ = [
    "BadRequest",
    "descend_view",
    "hills_view",
    "landscape_view",
    "linefit_view",
    "prepare",
]

# How many formula landscapes (and, separately, sampled curves) stay cached.
CACHE_SIZE = 256

DomainKey = tuple[tuple[float, float], ...] | None


class BadRequest(ValueError):  # noqa: N818  (the name the hosts and tests use)
    """Something in the request the person must fix; the message says what, in one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---- which landscape ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Which:
    """A hashable name for a landscape: a built-in hill, or a formula over a domain."""

    hill: str | None
    formula: str | None
    domain: DomainKey


def _which(req: Any) -> _Which:
    formula: str | None = req.formula
    if formula is not None and formula.strip():
        return _Which(None, formula.strip(), _domain_key(req.domain))
    return _Which(req.hill, None, None)


def _domain_key(domain: Sequence[float] | Sequence[Sequence[float]] | None) -> DomainKey:
    if domain is None:
        return None
    if isinstance(domain[0], Sequence):
        return tuple((float(lo), float(hi)) for lo, hi in domain)  # type: ignore[misc]
    lo, hi = domain
    return ((float(lo), float(hi)),)  # type: ignore[arg-type]


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
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_landscapes = _Cache(CACHE_SIZE)


def _build(which: _Which) -> tuple[Any, str]:
    """(landscape, "") or (None, why not)."""
    if which.formula is None:
        assert which.hill is not None
        try:
            return fh.hills.by_name(which.hill), ""
        except fh.hills.UnknownHill:
            names = ", ".join(fh.hills.NAMES)
            return None, f"there is no hill called {which.hill!r}; try one of: {names}"
    try:
        if which.domain is None:
            return fh.landscape(which.formula), ""
        domain: Any = which.domain[0] if len(which.domain) == 1 else which.domain
        return fh.landscape(which.formula, domain=domain), ""
    except fh.FormulaError as error:
        return None, _sentence(str(error))


def _landscape(which: _Which) -> Any:
    # Refusals are cached too: a hostile formula sent again costs nothing.
    landscape, problem = _landscapes.get(which, lambda: _build(which))
    if landscape is None:
        raise BadRequest(problem)
    return landscape


def is_prepared(req: Any) -> bool:
    """True when the landscape a request names is at hand (a built-in hill, or a cached formula)."""
    which = _which(req)
    return which.formula is None or which in _landscapes


def prepare(req: Any) -> None:
    """Build and cache the landscape a request names (refusals included; never raises
    BadRequest). The server calls this in a worker thread for formulas it has not seen, so
    that slow formula work never holds up requests that only need a descent."""
    which = _which(req)
    _landscapes.get(which, lambda: _build(which))


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text.rstrip(".")


# ---- /api/hills -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def hills_view() -> HillsResponse:
    """Every built-in hill, 1-D first."""
    hills = []
    for name in fh.hills.NAMES:
        land = fh.hills.by_name(name)
        hills.append(
            HillInfo(
                name=land.name,
                title=land.title,
                formula=land.formula,
                dims=land.dims,
                domain=[[float(lo), float(hi)] for lo, hi in land.domain],
            )
        )
    return HillsResponse(hills=hills)


# ---- /api/landscape -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Drawn:
    curve: Curve
    minima: list[Minimum]


@lru_cache(maxsize=CACHE_SIZE)
def _drawn(which: _Which, samples: int) -> _Drawn:
    land = _landscape(which)
    xs, ys = land.sample(samples)
    deepest = float(land.deepest)
    minima = [
        Minimum(
            x=float(m),
            loss=float(land.loss(float(m))),
            curvature=float(land.curvature(float(m))),
            deepest=float(m) == deepest,
        )
        for m in land.minima
    ]
    return _Drawn(curve=Curve(x=xs.tolist(), y=ys.tolist()), minima=minima)


@lru_cache(maxsize=CACHE_SIZE)
def _regimes(which: _Which, valley: float, max_steps: int) -> Regimes | None:
    land = _landscape(which)
    try:
        r = fh.regimes.at_valley(land, valley, max_steps=max_steps)
    except ValueError:
        return None
    return Regimes(
        valley=float(r.valley),
        curvature=float(r.curvature),
        crawl_below=float(r.crawl_below),
        one_jump=float(r.one_jump),
        fly_off=float(r.fly_off),
    )


def _require_1d(land: Any, what: str) -> None:
    if land.dims != 1:
        raise BadRequest(
            f"{what} draws 1-D hills only, and {land.name!r} is a {land.dims}-D surface"
        )


def _check_start_1d(land: Any, start: float) -> None:
    if not land.contains(start):
        lo, hi = land.domain[0]
        raise BadRequest(f"start must lie on the hill, between {lo:g} and {hi:g} (got {start:g})")


def landscape_view(req: LandscapeRequest) -> LandscapeResponse:
    """A 1-D hill as a curve, its valleys, and the step-size regimes at one valley."""
    which = _which(req)
    land = _landscape(which)
    _require_1d(land, "/api/landscape")
    drawn = _drawn(which, req.samples)
    if req.start is None:
        valley = float(land.deepest)
    else:
        _check_start_1d(land, req.start)
        valley = float(land.basin(req.start))
    (lo, hi) = land.domain[0]
    return LandscapeResponse.model_construct(
        name=land.name,
        title=land.title,
        formula=land.formula,
        dims=1,
        domain=[float(lo), float(hi)],
        curve=drawn.curve,
        minima=drawn.minima,
        regimes=_regimes(which, valley, req.max_steps),
    )


# ---- /api/descend ---------------------------------------------------------------------------


def _optimizer_kwargs(name: str, learning_rate: float) -> dict[str, Any]:
    if name == "gd":
        return {"learning_rate": learning_rate}
    make = getattr(fh.optimizers, name)
    return {"optimizer": make(learning_rate)}


def descend_view(req: DescendRequest) -> DescendResponse:
    """Roll the ball from `start`: every position, height and tilt, and how it ended."""
    which = _which(req)
    land = _landscape(which)
    start: float | list[float]
    if land.dims == 1:
        if isinstance(req.start, list):
            raise BadRequest(f"{land.name!r} is a 1-D hill, so start must be one number")
        start = float(req.start)
        _check_start_1d(land, start)
    else:
        if not isinstance(req.start, list):
            raise BadRequest(f"{land.name!r} is a 2-D surface, so start must be [x, y]")
        start = [float(v) for v in req.start]
        if not land.contains(start):
            (xlo, xhi), (ylo, yhi) = land.domain
            raise BadRequest(
                f"start must lie on the surface, x between {xlo:g} and {xhi:g} and "
                f"y between {ylo:g} and {yhi:g} (got [{start[0]:g}, {start[1]:g}])"
            )
    traj = fh.descend(
        land,
        start,
        max_steps=req.max_steps,
        **_optimizer_kwargs(req.optimizer, req.learning_rate),
    )
    valley: Valley | None = None
    regime: RegimeCheck | None = None
    if land.dims == 1 and traj.outcome in ("settled", "zigzag") and land.minima:
        last = float(traj.positions[-1])
        nearest = min(land.minima, key=lambda m: abs(float(m) - last))
        valley = Valley.model_construct(
            x=float(nearest),
            loss=float(land.loss(float(nearest))),
            deepest=float(nearest) == float(land.deepest),
        )
    if land.dims == 1 and req.optimizer == "gd":
        regime = _classify(which, land, float(req.start), req.learning_rate, req.max_steps)  # type: ignore[arg-type]
    return DescendResponse.model_construct(
        outcome=traj.outcome,
        settled=bool(traj.settled),
        n_steps=int(traj.n_steps),
        learning_rate=float(req.learning_rate),
        optimizer=req.optimizer,
        position=traj.positions.tolist(),
        loss=traj.losses.tolist(),
        gradient=traj.gradients.tolist(),
        valley=valley,
        regime=regime,
    )


def _classify(
    which: _Which, land: Any, start: float, learning_rate: float, max_steps: int
) -> RegimeCheck | None:
    try:
        c = fh.regimes.classify(land, start, learning_rate, max_steps)
    except ValueError:
        return None
    return RegimeCheck.model_construct(
        by_bounds=str(c.by_bounds), by_run=str(c.by_run), agree=bool(c.agree)
    )


# ---- /api/linefit ---------------------------------------------------------------------------


def linefit_view(req: LineFitRequest) -> LineFitResponse:
    """Walk the line y = w*x + b downhill on "how far it misses" (mean squared error)."""
    dots = fh.linefit.Dots(req.x, req.y)
    kwargs = _optimizer_kwargs(req.optimizer, req.learning_rate)
    traj = fh.linefit.fit(dots, w=req.w, b=req.b, max_steps=req.max_steps, **kwargs)
    best = fh.linefit.best(dots)
    return LineFitResponse.model_construct(
        outcome=traj.outcome,
        n_steps=int(traj.n_steps),
        w=traj.positions[:, 0].tolist(),
        b=traj.positions[:, 1].tolist(),
        loss=traj.losses.tolist(),
        grad_w=traj.gradients[:, 0].tolist(),
        grad_b=traj.gradients[:, 1].tolist(),
        best=BestLine.model_construct(w=float(best.w), b=float(best.b), loss=float(best.loss)),
    )
