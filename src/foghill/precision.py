"""The precision of the numbers an answer carries: what a screen can show, and no more.

The engine computes in full double precision; an answer (API or notebook) carries each kind
of number at the precision its picture and its words can use, so that a race of six walks
travels in a few tens of KB instead of a few hundred:

- a place (a walk's positions, a line's w and b, a valley floor's place): to 1/100 000 of
  the landscape's width, i.e. ``POSITION_FIGURES`` digits below its leading digit (a map
  600 px wide shows 1/600 of it), and never fewer than ``DISPLAY_DECIMALS + 1`` decimals;
- a height (a walk's losses, a sweep's final losses): ``HEIGHT_FIGURES`` significant
  figures (a log axis and a printed height use 3 or 4);
- a tilt (a walk's gradients: the tangent drawn at the ball, the rule's numbers):
  ``TILT_FIGURES`` significant figures;
- and heights and tilts never fewer than ``DISPLAY_DECIMALS + 1`` decimals (a height of
  98765.4321 is sent as 98765.432).

One rule keeps the words true: a number rounded so is sent only when it prints exactly as
the engine's number does with the page's ``DISPLAY_DECIMALS`` decimals (JS ``toFixed``);
otherwise the engine's number is sent unrounded. In symbols, with ``r(v)`` the rounded
number and ``[v]_d`` the number as printed: sent ``r(v)`` if ``[r(v)]_d == [v]_d``, else
``v``. So every "on a valley floor as printed" judged on the engine's numbers reads the same
from the answer's, and the answer's facts (``floor_step``, ``moving``) are judged on the
numbers the answer carries.

Contour maps keep their own rounding (a twentieth of a grid cell, foghill.engine.contours).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from foghill.contract import DISPLAY_DECIMALS
from foghill.engine.arrival import shown
from foghill.engine.descent import Trajectory

__all__ = [
    "HEIGHT_FIGURES",
    "POSITION_FIGURES",
    "TILT_FIGURES",
    "height",
    "heights",
    "place_decimals",
    "places",
    "tilts",
    "walk",
    "width_of",
]

POSITION_FIGURES = 5
HEIGHT_FIGURES = 6
TILT_FIGURES = 4

FloatArray = NDArray[np.float64]


def place_decimals(width: float) -> int:
    """Decimals that resolve 1/10^POSITION_FIGURES of a landscape ``width`` wide (at least
    one more than the page prints)."""
    if not (math.isfinite(width) and width > 0):
        return DISPLAY_DECIMALS + POSITION_FIGURES
    return max(DISPLAY_DECIMALS + 1, POSITION_FIGURES - math.floor(math.log10(width)))


def _to_decimals(values: FloatArray, decimals: int) -> FloatArray:
    # rint(v * 10^k) / 10^k is the double nearest the k-decimal number (10^k is exact).
    if decimals <= 22:
        scale = 10.0**decimals
        with np.errstate(over="ignore", invalid="ignore"):  # beyond 1e300: sent whole
            return np.asarray(np.rint(values * scale) / scale)
    return np.asarray([float(f"{v:.{decimals}f}") for v in values.tolist()])


def _to_figures(values: FloatArray, figures: int) -> FloatArray:
    out = values.copy()
    finite = np.isfinite(values) & (values != 0.0)
    magnitude = np.floor(np.log10(np.abs(values[finite])))
    # Decimals of each number: its figures, and at least one more than the page prints.
    k = np.maximum(figures - 1 - magnitude, DISPLAY_DECIMALS + 1)
    v = values[finite]
    near = k <= 22  # 10^k exact: rint(v * 10^k) / 10^k is the double nearest the decimal
    r = v.copy()
    with np.errstate(over="ignore", invalid="ignore"):  # beyond 1e300: sent whole
        r[near] = np.rint(v[near] * 10.0 ** k[near]) / 10.0 ** k[near]
    r[~near] = [float(f"{x:.{figures - 1}e}") for x in v[~near].tolist()]
    out[finite] = r
    return out


def _printed_alike(engine: FloatArray, rounded: FloatArray) -> FloatArray:
    """``rounded``, except where it would print differently from ``engine`` at the page's
    decimals: there, the engine's own number."""
    unit = 10.0**DISPLAY_DECIMALS
    with np.errstate(invalid="ignore", over="ignore"):
        a = np.abs(engine) * unit
        b = np.abs(rounded) * unit
        # Cheap screen: a different printed last digit, or either number within a hair of a
        # half (1.5150247 rounded to 1.515 is 151.5 here, yet the double 1.515 prints 1.51).
        doubt = (
            (np.floor(a + 0.5) != np.floor(b + 0.5))
            | (np.abs(a - np.floor(a) - 0.5) <= 1e-6 * np.maximum(1.0, a))
            | (np.abs(b - np.floor(b) - 0.5) <= 1e-6 * np.maximum(1.0, b))
        )
    doubt |= ~np.isfinite(a) | ~np.isfinite(b)  # too large to screen: checked one by one
    doubt &= np.isfinite(engine) & (engine != rounded)
    out = rounded.copy()
    for i in np.flatnonzero(doubt):
        if shown(float(engine.flat[i]), DISPLAY_DECIMALS) != shown(
            float(rounded.flat[i]), DISPLAY_DECIMALS
        ):
            out.flat[i] = engine.flat[i]
    return out


def places(values: ArrayLike, width: float) -> FloatArray:
    """Positions on a landscape ``width`` wide, as sent (see the module's rule)."""
    engine = np.asarray(values, dtype=float)
    rounded = _to_decimals(engine, place_decimals(width))
    return _printed_alike(engine, np.where(np.isfinite(engine), rounded, engine))


def heights(values: ArrayLike) -> FloatArray:
    """Heights (losses), as sent: ``HEIGHT_FIGURES`` significant figures."""
    engine = np.asarray(values, dtype=float)
    return _printed_alike(engine, _to_figures(engine, HEIGHT_FIGURES))


def tilts(values: ArrayLike) -> FloatArray:
    """Gradients, as sent: ``TILT_FIGURES`` significant figures."""
    engine = np.asarray(values, dtype=float)
    return _printed_alike(engine, _to_figures(engine, TILT_FIGURES))


def walk(traj: Trajectory, domain: ArrayLike) -> Trajectory:
    """A walk on a landscape over ``domain`` as an answer carries it: the engine's walk with
    its positions (but the start, which a widget matches with its own), heights and tilts
    rounded (its outcome and counts unchanged)."""
    positions = places(traj.positions, width_of(domain))
    positions[0] = traj.positions[0]  # the start is the reader's own: sent back as given
    return replace(
        traj,
        positions=positions,
        losses=heights(traj.losses),
        gradients=tilts(traj.gradients),
    )


def height(value: float) -> float:
    """One height, as sent."""
    return float(heights([value])[0])


def width_of(domain: ArrayLike) -> float:
    """A landscape's width: its domain's widest side (``(lo, hi)``, or one pair per axis)."""
    sides = np.asarray(domain, dtype=float).reshape(-1, 2)
    return float(np.max(sides[:, 1] - sides[:, 0]))
