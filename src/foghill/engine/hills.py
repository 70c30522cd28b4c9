"""The built-in landscapes: five 1-D hills and five 2-D surfaces, by name.

Each loss is written out by hand next to its exact derivatives (plain ``math``; no sympy and
no finite differences), so that importing Foghill stays quick. The tests check every
derivative against sympy's differentiation of the displayed ``formula`` and against finite
differences. Minima are given exactly where a closed form exists; the others, and every
ridge, are found on first use (bisection or Newton's method on the exact gradient, ~1e-12)
and kept.

1-D hills (domain in brackets, suggested start in parentheses):

- ``foggy``  f(x) = (x + 1.5)^2/4 - 2.5 exp(-2 (x - 2.5)^2) on [-4, 4] (start 2.5). A broad,
  deep main valley (a bowl of curvature 1/2 with its floor at x ~ -1.5, loss ~ 0) and, on its
  right slope, a narrow side valley dug by the bump term, clearly shallower (floor at
  x ~ 2.293, loss ~ 1.302, curvature ~ 8.1), behind a ridge at x ~ 1.540 (loss ~ 1.915).
  Where the ball is dropped matters: from 2.5 it settles in the side valley, from -1 in the
  main one. The minima have no closed form; they are roots of the exact gradient refined by
  bisection. The main valley is a pure bowl up to a term below 1e-12, so its step-size
  regimes (one jump at 2, flying off above 4) are what a ball dropped in it actually does.
- ``bowl``   f(x) = x^2 on [-4, 4] (start 3): one valley at 0, curvature 2 everywhere.
- ``plateau`` f(x) = 1 - exp(-x^2/2) on [-4, 4] (start 3): a valley at 0 in the middle of a
  nearly flat shelf where the tilt is tiny and small steps crawl.
- ``steep``  f(x) = (exp(x) + exp(-x))/2 - 1 on [-4, 4] (start 3): a valley at 0 with gentle
  curvature 1 at the bottom but walls that steepen exponentially (cosh x - 1).
- ``bumpy``  f(x) = x^2/5 + sin(4x)/3 on [-4, 4] (start 3): a bowl with five small dips.

2-D surfaces:

- ``round_bowl``    f = x^2 + y^2 on [-4, 4]^2: one minimum at (0, 0).
- ``narrow_valley`` f = x^2/10 + 2y^2 on [-4, 4]^2: a long narrow valley along x
  (Hessian diag(0.2, 4): condition number 20); minimum at (0, 0).
- ``rosenbrock``    f = (1 - x)^2 + 100(y - x^2)^2 on [-2, 2] x [-1, 3]: minimum at (1, 1).
- ``himmelblau``    f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 on [-5, 5]^2: four minima, all at
  loss 0: (3, 2) exactly, the other three refined by Newton's method.
- ``saddle``        f = x^2 + y^4/4 - y^2 on [-3, 3]^2: a saddle point at (0, 0) (up along x,
  down along y) between two minima at (0, +-sqrt(2)).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from math import cos, exp, sin, sqrt
from typing import Any

import numpy as np

from foghill.engine.hill1d import Hill1D
from foghill.engine.landscape import Landscape
from foghill.engine.surface2d import Surface2D


class UnknownHill(KeyError):  # noqa: N818 (the name is part of the contract)
    """A hill name that is not built in. ``str()`` is a sentence a person understands."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"unknown hill {self.name!r}; the built-in hills are: {', '.join(NAMES)}"


# --------------------------------------------------------------------------- foggy
# f = (x + 3/2)^2/4 - 5/2 e^(-2u^2), with u = x - 5/2
# f' = (x + 3/2)/2 + 10 u e^(-2u^2)
# f'' = 1/2 + 10 (1 - 4u^2) e^(-2u^2)


def _foggy_fns(exp: Callable[[Any], Any]) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    def loss(x: Any) -> Any:
        return (x + 1.5) ** 2 / 4 - 2.5 * exp(-2 * (x - 2.5) ** 2)

    def slope(x: Any) -> Any:
        u = x - 2.5
        return (x + 1.5) / 2 + 10 * u * exp(-2 * u * u)

    return loss, slope


_foggy, _foggy_slope = _foggy_fns(exp)


def _foggy_bend(x: float) -> float:
    u = x - 2.5
    return 0.5 + 10 * (1 - 4 * u * u) * exp(-2 * u * u)


FOGGY = Hill1D(
    name="foggy",
    title="The foggy hill",
    formula="(x + 1.5)^2/4 - 2.5*exp(-2*(x - 2.5)^2)",
    domain=((-4.0, 4.0),),
    start=2.5,
    loss_fn=_foggy,
    grad_fn=_foggy_slope,
    curvature_fn=_foggy_bend,
)

# --------------------------------------------------------------------------- bowl
# f = x^2, f' = 2x, f'' = 2

BOWL = Hill1D(
    name="bowl",
    title="A plain bowl",
    formula="x^2",
    domain=((-4.0, 4.0),),
    start=3.0,
    loss_fn=lambda x: x * x,
    grad_fn=lambda x: 2 * x,
    curvature_fn=lambda x: 2.0,
    known_minima=(0.0,),
)

# --------------------------------------------------------------------------- plateau, steep
# Each loss and slope is written once, over the exp (sin, cos) it is given: math's for the
# hill itself, numpy's for whole arrays of places at once (array_functions).


def _exp_fns(
    exp: Callable[[Any], Any], which: str
) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    if which == "plateau":
        return (lambda x: 1 - exp(-x * x / 2)), (lambda x: x * exp(-x * x / 2))
    return (lambda x: (exp(x) + exp(-x)) / 2 - 1), (lambda x: (exp(x) - exp(-x)) / 2)


def _bumpy_fns(
    sin: Callable[[Any], Any], cos: Callable[[Any], Any]
) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    return (lambda x: x * x / 5 + sin(4 * x) / 3), (lambda x: 2 * x / 5 + 4 * cos(4 * x) / 3)


_PLATEAU, _STEEP, _BUMPY = _exp_fns(exp, "plateau"), _exp_fns(exp, "steep"), _bumpy_fns(sin, cos)


# f = 1 - e^(-x^2/2), f' = x e^(-x^2/2), f'' = (1 - x^2) e^(-x^2/2)

PLATEAU = Hill1D(
    name="plateau",
    title="A plateau",
    formula="1 - exp(-x^2/2)",
    domain=((-4.0, 4.0),),
    start=3.0,
    loss_fn=_PLATEAU[0],
    grad_fn=_PLATEAU[1],
    curvature_fn=lambda x: (1 - x * x) * exp(-x * x / 2),
    known_minima=(0.0,),
)

# --------------------------------------------------------------------------- steep
# f = (e^x + e^-x)/2 - 1 (cosh x - 1), f' = (e^x - e^-x)/2, f'' = (e^x + e^-x)/2

STEEP = Hill1D(
    name="steep",
    title="Steep walls",
    formula="(exp(x) + exp(-x))/2 - 1",
    domain=((-4.0, 4.0),),
    start=3.0,
    loss_fn=_STEEP[0],
    grad_fn=_STEEP[1],
    curvature_fn=lambda x: (exp(x) + exp(-x)) / 2,
    known_minima=(0.0,),
)

# --------------------------------------------------------------------------- bumpy
# f = x^2/5 + sin(4x)/3, f' = 2x/5 + 4 cos(4x)/3, f'' = 2/5 - 16 sin(4x)/3

BUMPY = Hill1D(
    name="bumpy",
    title="A bumpy hill",
    formula="x^2/5 + sin(4*x)/3",
    domain=((-4.0, 4.0),),
    start=3.0,
    loss_fn=_BUMPY[0],
    grad_fn=_BUMPY[1],
    curvature_fn=lambda x: 2 / 5 - 16 * sin(4 * x) / 3,
)

# --------------------------------------------------------------------------- round bowl
# f = x^2 + y^2, grad = (2x, 2y), H = [[2, 0], [0, 2]]

ROUND_BOWL = Surface2D(
    name="round_bowl",
    title="A round bowl",
    formula="x^2 + y^2",
    domain=((-4.0, 4.0), (-4.0, 4.0)),
    start=(3.0, 2.0),
    loss_fn=lambda x, y: x * x + y * y,
    grad_fn=lambda x, y: (2 * x, 2 * y),
    hessian_fn=lambda x, y: (2.0, 0.0, 2.0),
    known_minima=((0.0, 0.0),),
)

# --------------------------------------------------------------------------- narrow valley
# f = x^2/10 + 2y^2, grad = (x/5, 4y), H = [[1/5, 0], [0, 4]]

NARROW_VALLEY = Surface2D(
    name="narrow_valley",
    title="A long narrow valley",
    formula="x^2/10 + 2*y^2",
    domain=((-4.0, 4.0), (-4.0, 4.0)),
    start=(-3.5, 1.5),
    loss_fn=lambda x, y: x * x / 10 + 2 * y * y,
    grad_fn=lambda x, y: (x / 5, 4 * y),
    hessian_fn=lambda x, y: (0.2, 0.0, 4.0),
    known_minima=((0.0, 0.0),),
)

# --------------------------------------------------------------------------- rosenbrock
# f = (1 - x)^2 + 100 v^2, with v = y - x^2
# grad = (-2 (1 - x) - 400 x v, 200 v)
# H = [[2 - 400 v + 800 x^2, -400 x], [-400 x, 200]]


def _rosenbrock(x: float, y: float) -> float:
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def _rosenbrock_grad(x: float, y: float) -> tuple[float, float]:
    v = y - x * x
    return -2 * (1 - x) - 400 * x * v, 200 * v


def _rosenbrock_hessian(x: float, y: float) -> tuple[float, float, float]:
    return 2 - 400 * (y - x * x) + 800 * x * x, -400 * x, 200.0


ROSENBROCK = Surface2D(
    name="rosenbrock",
    title="Rosenbrock's banana valley",
    formula="(1 - x)^2 + 100*(y - x^2)^2",
    domain=((-2.0, 2.0), (-1.0, 3.0)),
    start=(-1.5, 2.0),
    loss_fn=_rosenbrock,
    grad_fn=_rosenbrock_grad,
    hessian_fn=_rosenbrock_hessian,
    known_minima=((1.0, 1.0),),
)

# --------------------------------------------------------------------------- himmelblau
# f = a^2 + b^2, with a = x^2 + y - 11, b = x + y^2 - 7
# grad = (4 x a + 2 b, 2 a + 4 y b)
# H = [[4 a + 8 x^2 + 2, 4 x + 4 y], [4 x + 4 y, 4 b + 8 y^2 + 2]]


def _himmelblau(x: float, y: float) -> float:
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def _himmelblau_grad(x: float, y: float) -> tuple[float, float]:
    a, b = x * x + y - 11, x + y * y - 7
    return 4 * x * a + 2 * b, 2 * a + 4 * y * b


def _himmelblau_hessian(x: float, y: float) -> tuple[float, float, float]:
    a, b = x * x + y - 11, x + y * y - 7
    return 4 * a + 8 * x * x + 2, 4 * x + 4 * y, 4 * b + 8 * y * y + 2


HIMMELBLAU = Surface2D(
    name="himmelblau",
    title="Himmelblau's four valleys",
    formula="(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    start=(0.0, 0.0),
    loss_fn=_himmelblau,
    grad_fn=_himmelblau_grad,
    hessian_fn=_himmelblau_hessian,
)

# --------------------------------------------------------------------------- saddle
# f = x^2 + y^4/4 - y^2, grad = (2x, y^3 - 2y), H = [[2, 0], [0, 3y^2 - 2]]

SADDLE = Surface2D(
    name="saddle",
    title="A saddle",
    formula="x^2 + y^4/4 - y^2",
    domain=((-3.0, 3.0), (-3.0, 3.0)),
    start=(2.5, 0.01),
    loss_fn=lambda x, y: x * x + y**4 / 4 - y * y,
    grad_fn=lambda x, y: (2 * x, y**3 - 2 * y),
    hessian_fn=lambda x, y: (2.0, 0.0, 3 * y * y - 2),
    known_minima=((0.0, -sqrt(2.0)), (0.0, sqrt(2.0))),
)

_ALL: tuple[Landscape, ...] = (
    FOGGY,
    BOWL,
    PLATEAU,
    STEEP,
    BUMPY,
    ROUND_BOWL,
    NARROW_VALLEY,
    ROSENBROCK,
    HIMMELBLAU,
    SADDLE,
)
_BY_NAME = {h.name: h for h in _ALL}

NAMES: tuple[str, ...] = tuple(h.name for h in _ALL)
"""Every built-in name, 1-D hills first."""


def by_name(name: str) -> Landscape:
    """The built-in landscape called ``name``; :class:`UnknownHill` (a KeyError) otherwise."""
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise UnknownHill(str(name)) from None


def _each(fn: Callable[[float], float]) -> Callable[[Any], Any]:
    """``fn`` (math's exp, sin or cos) on every number of an array: the very same values as on
    one float, unlike numpy's own (which may differ in the last bit, and a sweep's zig-zags
    magnify that); an overflow gives infinity, as numpy would."""

    def safe(v: float) -> float:
        try:
            return fn(v)
        except OverflowError:
            return math.inf

    def on_array(a: Any) -> Any:
        arr = np.asarray(a, dtype=float)
        values = arr.ravel().tolist()
        try:
            out = list(map(fn, values))
        except OverflowError:
            out = list(map(safe, values))
        return np.array(out, dtype=float).reshape(arr.shape)

    return on_array


#: Each 1-D hill's loss and slope over numpy arrays: the same expressions, the arithmetic by
#: numpy (elementwise, so bit for bit as on floats) and exp, sin, cos by math, number by
#: number, for work on many places at once (a step-size sweep's every rate).
_ARRAY_FUNCTIONS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "foggy": _foggy_fns(_each(exp)),
    "bowl": (BOWL.loss_fn, BOWL.grad_fn),
    "plateau": _exp_fns(_each(exp), "plateau"),
    "steep": _exp_fns(_each(exp), "steep"),
    "bumpy": _bumpy_fns(_each(sin), _each(cos)),
}


def array_functions(
    hill: Landscape,
) -> tuple[Callable[[Any], Any], Callable[[Any], Any]] | None:
    """A built-in 1-D hill's loss and slope that take numpy arrays (None for any other)."""
    if _BY_NAME.get(hill.name) is not hill:
        return None
    return _ARRAY_FUNCTIONS.get(hill.name)
