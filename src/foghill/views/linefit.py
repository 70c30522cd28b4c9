"""A line walked downhill through dots (``/api/linefit``), and the map it walks on."""

from __future__ import annotations

import math

import numpy as np

from foghill import precision
from foghill.api_models.requests import LineFitRequest
from foghill.api_models.responses import LeastSquaresLine, LineFitMap, LineFitResponse, LineSteps
from foghill.engine import contours, linefit
from foghill.engine.descent import Trajectory
from foghill.errors import BadRequest, plain
from foghill.snippets.linefit import linefit_code
from foghill.views.maps import map_fields
from foghill.views.runs import code_model, step_rule

__all__ = ["linefit_view"]

#: Points per side, and contour lines, of the line fit's own map (it changes on every drag).
LINE_MAP_GRID = 60
LINE_MAP_LEVELS = 12


def linefit_view(req: LineFitRequest) -> LineFitResponse:
    """Walk the line y = w*x + b downhill on "how far it misses" (mean squared error)."""
    try:
        x_from = req.x_from or 0.0
        dots = linefit.Dots([v - x_from for v in req.x], req.y)
        rule = step_rule(req.optimizer, req.learning_rate)
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
        code=code_model(
            linefit_code(
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
    return LineFitMap.model_construct(**map_fields(contours.contour_map(grid, LINE_MAP_LEVELS)))
