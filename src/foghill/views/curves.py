"""The built-in hills, and a 1-D hill as a curve with its valleys and step-size regimes.

Sampled curves and the regimes at a valley are cached: they depend on the hill (and the
valley), not on where the ball starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from foghill import precision
from foghill.api_models.requests import LandscapeRequest, Which
from foghill.api_models.responses import (
    Curve,
    HillInfo,
    HillsResponse,
    LandscapeResponse,
    Minimum,
    StepRegimes,
)
from foghill.engine import hills, regimes
from foghill.engine.hill1d import Hill1D
from foghill.views.landscapes import check_start_1d, landscape, require_1d

__all__ = ["deepest", "hills_view", "landscape_view", "regimes_at", "valley_of"]

CURVE_CACHE_SIZE = 128  # sampled curves (and regimes) that stay cached


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


@dataclass(frozen=True)
class _Drawn:
    curve: Curve
    minima: list[Minimum]


def deepest(land: Hill1D) -> float | None:
    """The deepest valley's place; None when there is no valley inside the domain."""
    try:
        return float(cast(float, land.deepest))
    except ValueError:  # no valley inside the domain
        return None


@lru_cache(maxsize=CURVE_CACHE_SIZE)
def _drawn(which: Which, samples: int) -> _Drawn:
    land = require_1d(landscape(which))
    xs, ys = land.sample(samples)
    lowest = deepest(land)
    minima = [
        Minimum.model_construct(
            x=float(m),
            loss=float(land.loss(float(m))),
            curvature=float(land.curvature(float(m))),
            deepest=float(m) == lowest,
        )
        for m in land.minima
    ]
    # The curve is drawn, never read as a number: places and heights at a screen's precision.
    curve = Curve.model_construct(
        x=precision.places(xs, precision.width_of(land.domain)).tolist(),
        y=precision.heights(ys).tolist(),
    )
    return _Drawn(curve=curve, minima=minima)


@lru_cache(maxsize=CURVE_CACHE_SIZE)
def regimes_at(which: Which, valley: float, max_steps: int) -> regimes.Regimes | None:
    """The engine's step-size thresholds at `valley` (None where the bowl picture gives
    none, e.g. a flat or kinked floor). Cached: they depend on the valley, not on the start."""
    land = require_1d(landscape(which))
    try:
        return regimes.at_valley(land, valley, max_steps=max_steps)
    except ValueError:
        return None


def regimes_model(r: regimes.Regimes | None) -> StepRegimes | None:
    if r is None:
        return None
    return StepRegimes.model_construct(
        valley=float(r.valley),
        curvature=float(r.curvature),
        crawl_below=float(r.crawl_below),
        one_jump=float(r.one_jump),
        fly_off=float(r.fly_off),
    )


def valley_of(land: Hill1D, start: float | None) -> float | None:
    """The valley the ball drains into from `start`; the deepest one without a start."""
    if start is None:
        return deepest(land)
    try:
        return float(land.basin(start))
    except ValueError:  # downhill from start runs off the edge: no valley that way
        return None


def landscape_view(req: LandscapeRequest) -> LandscapeResponse:
    """A 1-D hill as a curve, its valleys, and the step-size regimes at one valley."""
    which = req.which()
    land = require_1d(landscape(which))
    if req.start is not None:
        check_start_1d(land, req.start)
    drawn = _drawn(which, req.samples)
    valley = valley_of(land, req.start)
    (lo, hi) = land.domain[0]
    return LandscapeResponse.model_construct(
        name=land.name,
        title=land.title,
        formula=land.formula,
        dims=1,
        domain=[float(lo), float(hi)],
        curve=drawn.curve,
        minima=drawn.minima,
        regimes=None if valley is None else regimes_model(regimes_at(which, valley, req.max_steps)),
    )
