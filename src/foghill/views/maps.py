"""A 2-D surface from above (``/api/contours``): contour lines and bands, minima, racers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from foghill.api_models.requests import ContoursRequest, Which
from foghill.api_models.responses import (
    ContourBand,
    ContourLine,
    ContoursResponse,
    RacerDefaults,
    SurfaceMinimum,
)
from foghill.engine import contours
from foghill.engine import race as racing
from foghill.errors import BadRequest, plain
from foghill.views.landscapes import landscape, require_2d

__all__ = ["contours_view", "map_fields"]

MAP_CACHE_SIZE = 64  # contour maps that stay cached


def map_fields(drawn: contours.ContourMap) -> dict[str, Any]:
    """A contour map's domain, levels, lines and bands, as every map answer carries them."""
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


@lru_cache(maxsize=MAP_CACHE_SIZE)
def _contours(which: Which, grid: int, levels: int) -> ContoursResponse:
    land = require_2d(landscape(which))
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
        **map_fields(drawn),
    )


def contours_view(req: ContoursRequest) -> ContoursResponse:
    """A 2-D surface from above: contour lines and bands, its minima, a start, racers."""
    return _contours(req.which(), req.grid, req.levels)
