"""Which landscape a request names, and where on it a walk may start.

Landscapes built from formulas are cached (refusals too: a hostile formula sent again costs
nothing), so a repeated click costs only the descent itself. A landscape built elsewhere
(the server's builder processes) is remembered here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from foghill.api_models.requests import Which, WhichHill
from foghill.engine import formula, hills
from foghill.engine.formula_rules import FormulaError
from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape
from foghill.engine.surface2d import Surface2D
from foghill.errors import BadRequest, plain

__all__ = [
    "build",
    "check_start_1d",
    "is_prepared",
    "landscape",
    "prepare",
    "remember",
    "require_1d",
    "require_2d",
    "start_on",
]

# How many formula landscapes stay cached.
CACHE_SIZE = 256


class Cache:
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


CACHE = Cache(CACHE_SIZE)


def build(which: Which) -> Landscape | BadRequest:
    """The landscape, or the BadRequest that says why there is none (never raises it).

    The server's formula builders call this in their own processes (foghill.building.process),
    with a CPU-time budget; a notebook calls it here, through `landscape`.
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


def landscape(which: Which) -> Landscape:
    """The landscape `which` names, from the cache or built here; its refusal raised."""
    # Refusals are cached too: a hostile formula sent again costs nothing.
    built = CACHE.get(which, lambda: build(which))
    if isinstance(built, BadRequest):
        raise BadRequest(built.message, built.field, built.column)
    return built  # type: ignore[no-any-return]


def is_prepared(req: WhichHill) -> bool:
    """True when the landscape a request names is at hand (a built-in hill, or a cached formula)."""
    which = req.which()
    return which.formula is None or which in CACHE


def prepare(req: WhichHill) -> None:
    """Build and cache the landscape a request names, here (refusals included; never raises
    BadRequest)."""
    which = req.which()
    CACHE.get(which, lambda: build(which))


def remember(which: Which, verdict: Landscape | BadRequest) -> None:
    """Cache a verdict reached elsewhere (the server's builder processes): the landscape, or
    the refusal of a formula for what it is or what it costs, so that the same text sent
    again is answered at once. Only real verdicts come here, never "busy"."""
    CACHE.put(which, verdict)


def require_1d(land: Landscape) -> Hill1D:
    if not isinstance(land, Hill1D):
        raise BadRequest(
            f"only 1-D hills can be drawn as a curve, and {land.name!r} is a 2-D surface",
            field="hill",
        )
    return land


def check_start_1d(land: Landscape, start: float) -> None:
    if not land.contains(start):
        lo, hi = land.domain[0]
        raise BadRequest(
            f"start must lie on the hill, between {lo:g} and {hi:g} (got {start:g})",
            field="start",
        )


def require_2d(land: Landscape) -> Surface2D:
    if not isinstance(land, Surface2D):
        raise BadRequest(
            f"only 2-D surfaces have a map from above, and {land.name!r} is a 1-D hill "
            "(ask /api/landscape for its curve)",
            field="hill",
        )
    return land


def start_on(land: Landscape, start: float | list[float]) -> float | list[float]:
    """The start as the landscape wants it, or a BadRequest saying what to change."""
    if land.dims == 1:
        if isinstance(start, list):
            raise BadRequest(f"{land.name!r} is a 1-D hill, so start must be one number", "start")
        check_start_1d(land, start)
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
