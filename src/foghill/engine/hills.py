"""The built-in landscapes: five 1-D hills and five 2-D surfaces, by name.

Every one is a sympy expression, so its gradient and curvature are exact. Minima are
analytic where a closed form exists, else roots of the gradient to 30 digits (sympy
``nroots``) or refined numerically (bisection / Newton on the exact gradient, ~1e-12).

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

import sympy as sp

from foghill.engine.landscape import Landscape
from foghill.engine.symbols import X, Y


class UnknownHill(KeyError):  # noqa: N818 (the name is part of the contract)
    """A hill name that is not built in. ``str()`` is a sentence a person understands."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"unknown hill {self.name!r}; the built-in hills are: {', '.join(NAMES)}"


FOGGY = Landscape.from_expr(
    (X + sp.Rational(3, 2)) ** 2 / 4
    - sp.Rational(5, 2) * sp.exp(-2 * (X - sp.Rational(5, 2)) ** 2),
    name="foggy",
    title="The foggy hill",
    formula="(x + 1.5)^2/4 - 2.5*exp(-2*(x - 2.5)^2)",
    domain=(-4.0, 4.0),
    start=2.5,
)

BOWL = Landscape.from_expr(
    X**2,
    name="bowl",
    title="A plain bowl",
    formula="x^2",
    domain=(-4.0, 4.0),
    start=3.0,
    minima=[0.0],
)

PLATEAU = Landscape.from_expr(
    1 - sp.exp(-(X**2) / 2),
    name="plateau",
    title="A plateau",
    formula="1 - exp(-x^2/2)",
    domain=(-4.0, 4.0),
    start=3.0,
    minima=[0.0],
)

STEEP = Landscape.from_expr(
    (sp.exp(X) + sp.exp(-X)) / 2 - 1,
    name="steep",
    title="Steep walls",
    formula="(exp(x) + exp(-x))/2 - 1",
    domain=(-4.0, 4.0),
    start=3.0,
    minima=[0.0],
)

BUMPY = Landscape.from_expr(
    X**2 / 5 + sp.sin(4 * X) / 3,
    name="bumpy",
    title="A bumpy hill",
    formula="x^2/5 + sin(4*x)/3",
    domain=(-4.0, 4.0),
    start=3.0,
)

ROUND_BOWL = Landscape.from_expr(
    X**2 + Y**2,
    name="round_bowl",
    title="A round bowl",
    formula="x^2 + y^2",
    domain=((-4.0, 4.0), (-4.0, 4.0)),
    start=(3.0, 2.0),
    minima=[(0.0, 0.0)],
)

NARROW_VALLEY = Landscape.from_expr(
    X**2 / 10 + 2 * Y**2,
    name="narrow_valley",
    title="A long narrow valley",
    formula="x^2/10 + 2*y^2",
    domain=((-4.0, 4.0), (-4.0, 4.0)),
    start=(-3.5, 1.5),
    minima=[(0.0, 0.0)],
)

ROSENBROCK = Landscape.from_expr(
    (1 - X) ** 2 + 100 * (Y - X**2) ** 2,
    name="rosenbrock",
    title="Rosenbrock's banana valley",
    formula="(1 - x)^2 + 100*(y - x^2)^2",
    domain=((-2.0, 2.0), (-1.0, 3.0)),
    start=(-1.5, 2.0),
    minima=[(1.0, 1.0)],
)

HIMMELBLAU = Landscape.from_expr(
    (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2,
    name="himmelblau",
    title="Himmelblau's four valleys",
    formula="(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    start=(0.0, 0.0),
)

SADDLE = Landscape.from_expr(
    X**2 + Y**4 / 4 - Y**2,
    name="saddle",
    title="A saddle",
    formula="x^2 + y^4/4 - y^2",
    domain=((-3.0, 3.0), (-3.0, 3.0)),
    start=(2.5, 0.01),
    minima=[(0.0, -float(sp.sqrt(2))), (0.0, float(sp.sqrt(2)))],
)

_ALL = (
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
