"""A ball's walk, a race and a sweep on a hill, as Foghill's lines and PyTorch's.

The stopping rule written out in PyTorch is the engine's (:mod:`foghill.engine.descent`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from foghill.engine import hills
from foghill.engine.landscape import Landscape
from foghill.snippets.formulas import torch_expression
from foghill.snippets.rules import (
    Rule,
    Snippets,
    foghill_optimizer,
    foghill_rule,
    num,
    optimizer_line,
    point,
    torch_optimizer,
)

__all__ = ["descent_code", "race_code", "sweep_code", "torch_program"]

STEP_TOL = 1e-6
GRAD_TOL = 1e-6
"""The engine's default tolerances (descend's step_tol and grad_tol), which both hosts use."""


def _hill_line(land: Landscape, formula: str | None) -> str:
    """How a notebook names this landscape: a built-in hill, or the formula over its domain."""
    if formula is None:
        constant = land.name.upper()
        assert getattr(hills, constant) is land
        return f"hill = fh.hills.{constant}  # {land.formula}"
    if land.dims == 1:
        domain = point(land.domain[0])
    else:
        domain = "(" + ", ".join(point(pair) for pair in land.domain) + ")"
    return f"hill = fh.landscape({formula!r}, domain={domain})"


# The walk, written once for every PyTorch program below. `here()` is the position as plain
# numbers, `inside()` says whether it lies in the domain, `size()` is a vector's length.
_LOSS_AND_GRADIENT = """\
def loss_and_gradient():
    \"\"\"The loss here, with its gradient left in .grad by autograd.\"\"\"
    optimizer.zero_grad()
    value = loss()
    value.backward()
    return value.item()
"""

_LOOP = f"""\
positions, losses, ended = [here()], [loss_and_gradient()], "ran out of steps"
for _ in range(MAX_STEPS):
    before = here()
    optimizer.step()
    if not inside():
        ended = "flew off"  # the position that left the domain is not kept
        break
    height = loss_and_gradient()
    if not (math.isfinite(height) and math.isfinite(size(gradient()))):
        ended = "flew off"  # no finite value here
        break
    positions.append(here())
    losses.append(height)
    if size(difference(here(), before)) <= {STEP_TOL!r} and size(gradient()) <= {GRAD_TOL!r}:
        ended = "settled"  # a tiny step onto nearly level ground
        break
"""
_WALK = _LOSS_AND_GRADIENT + "\n\n" + _LOOP


class _Ground(NamedTuple):
    """A landscape as the PyTorch programs hold it: the parameter's name (``x`` or ``p``),
    its tensor made from a start written in ``START``, the lines naming the domain's bounds,
    the functions every walk calls, and how its last line prints where it ended."""

    param: str
    tensor: str
    bounds: list[str]
    functions: list[str]
    ending: str


def _ground(land: Landscape, formula: str | None) -> _Ground:
    expression, uses_math = torch_expression(formula if formula is not None else land.formula)
    del uses_math  # the walk imports math in any case
    if land.dims == 1:
        (lo, hi) = land.domain[0]
        return _Ground(
            "x",
            "torch.tensor(START, dtype=torch.float64, requires_grad=True)",
            [f"LO, HI = {num(lo)}, {num(hi)}"],
            [
                "def loss():",
                f"    return {expression}",
                "",
                "",
                "def here():",
                "    return x.item()",
                "",
                "",
                "def inside():",
                "    return LO <= x.item() <= HI",
                "",
                "",
                "def gradient():",
                "    return x.grad.item()",
                "",
                "",
                "def difference(a, b):",
                "    return a - b",
                "",
                "",
                "def size(v):",
                "    return abs(v)",
            ],
            "x =",
        )
    (xlo, xhi), (ylo, yhi) = land.domain
    return _Ground(
        "p",
        "torch.tensor(START, dtype=torch.float64, requires_grad=True)",
        [f"(X_LO, X_HI), (Y_LO, Y_HI) = {point((xlo, xhi))}, {point((ylo, yhi))}"],
        [
            "def loss():",
            "    x, y = p",
            f"    return {expression}",
            "",
            "",
            "def here():",
            "    return tuple(p.tolist())",
            "",
            "",
            "def inside():",
            "    x, y = here()",
            "    return X_LO <= x <= X_HI and Y_LO <= y <= Y_HI",
            "",
            "",
            "def gradient():",
            "    return tuple(p.grad.tolist())",
            "",
            "",
            "def difference(a, b):",
            "    return (a[0] - b[0], a[1] - b[1])",
            "",
            "",
            "def size(v):",
            "    return math.hypot(*v)",
        ],
        "(x, y) =",
    )


def descent_code(
    land: Landscape,
    *,
    formula: str | None,
    start: float | Sequence[float],
    learning_rate: float,
    optimizer: str,
    max_steps: int,
) -> Snippets:
    """The Foghill and PyTorch programs for a ball rolled on ``land`` (a built-in hill when
    ``formula`` is None, else that formula over the landscape's domain) from ``start``."""
    rule = foghill_rule(optimizer, learning_rate)
    python = "\n".join(
        [
            "import foghill as fh",
            "",
            _hill_line(land, formula),
            f"run = fh.descend(hill, {_start(land, start)}, {rule}, max_steps={max_steps})",
            "print(run.outcome, run.n_steps, run.final)",
            "",
        ]
    )
    ground = _ground(land, formula)
    setup = [
        f"START = {_start(land, start)}",
        f"{ground.param} = {ground.tensor}",
        optimizer_line(optimizer, learning_rate, f"[{ground.param}]"),
        *ground.bounds,
        f"MAX_STEPS = {max_steps}",
        "",
        "",
        *ground.functions,
    ]
    last = f'print(len(positions) - 1, "steps, ending at {ground.ending}", positions[-1])'
    return Snippets(python, torch_program(setup, last))


def _many_walks_torch(
    land: Landscape,
    formula: str | None,
    start: float | Sequence[float],
    max_steps: int,
    walkers: list[str],
    tail: list[str],
) -> str:
    """A PyTorch program that walks once per ``(label, make_optimizer)`` of the table
    ``WALKERS`` (made by the lines ``walkers``), all from the same start: each walk's
    positions, losses and how it ended are left in ``runs``, and ``tail`` runs after each."""
    ground = _ground(land, formula)
    loop = "".join(f"    {line}\n" if line else "\n" for line in _LOOP.splitlines())
    body = [
        "import math",
        "",
        "import torch",
        "",
        f"START = {_start(land, start)}",
        *ground.bounds,
        f"MAX_STEPS = {max_steps}",
        "",
        "",
        *ground.functions,
        "",
        "",
        _LOSS_AND_GRADIENT,
        "",
        *walkers,
        "runs = []",
        "for label, make_optimizer in WALKERS:",
        f"    {ground.param} = {ground.tensor}",
        f"    optimizer = make_optimizer([{ground.param}])",
        loop.rstrip("\n"),
        "    runs.append((positions, losses, ended))",
        *tail,
        "",
    ]
    return "\n".join(body)


def race_code(
    land: Landscape,
    *,
    formula: str | None,
    start: float | Sequence[float],
    racers: Sequence[Rule],
    max_steps: int,
) -> Snippets:
    """The Foghill and PyTorch programs for a race on ``land`` from ``start``: each racer's
    walk, with its own step size and (momentum, nesterov) its momentum as set."""
    where = _start(land, start)
    python = "\n".join(
        [
            "import foghill as fh",
            "",
            _hill_line(land, formula),
            "racers = [",
            *(f"    {foghill_optimizer(r)}," for r in racers),
            "]",
            f"runs = [fh.descend(hill, {where}, optimizer=rule, max_steps={max_steps}) "
            "for rule in racers]",
            "for rule, run in zip(racers, runs):",
            "    print(rule.name, rule.learning_rate, run.outcome, run.n_steps, run.final)",
            "",
        ]
    )
    walkers = [
        "WALKERS = [  # each racer's name, and its torch.optim optimizer",
        *(f"    ({r.optimizer!r}, lambda params: {torch_optimizer(r, 'params')})," for r in racers),
        "]",
    ]
    ending = _ground(land, formula).ending
    tail = (
        f'    print(label, ended, len(positions) - 1, "steps, ending at {ending}", positions[-1])'
    )
    torch_text = _many_walks_torch(land, formula, start, max_steps, walkers, [tail])
    return Snippets(python, torch_text)


def sweep_code(
    land: Landscape,
    *,
    formula: str | None,
    start: float | Sequence[float],
    low: float,
    high: float,
    count: int,
    optimizer: str,
    max_steps: int,
) -> Snippets:
    """The Foghill and PyTorch programs for a sweep: the same walk at ``count`` step sizes
    spaced evenly on a log scale from ``low`` to ``high`` (both kept exactly), and how each
    ended: its final loss (None when it flew off), its steps, its outcome."""
    rates = [
        f"rates = np.geomspace({num(low)}, {num(high)}, {count})",
        f"rates[0], rates[-1] = {num(low)}, {num(high)}  # the ends exactly as given",
    ]
    python = "\n".join(
        [
            "import numpy as np",
            "",
            "import foghill as fh",
            "",
            _hill_line(land, formula),
            *rates,
            "final_loss, steps, outcomes = [], [], []",
            "for rate in rates:",
            f"    rule = fh.optimizers.{optimizer}(float(rate))",
            f"    run = fh.descend(hill, {_start(land, start)}, optimizer=rule, "
            f"max_steps={max_steps})",
            '    final_loss.append(None if run.outcome == "flew-off" else float(run.losses[-1]))',
            "    steps.append(run.n_steps)",
            "    outcomes.append(run.outcome)",
            '    print(f"{rate:.4g}", run.outcome, run.n_steps)',
            "",
        ]
    )
    # The optimizer in torch at each rate (its other settings as Foghill's).
    make = torch_optimizer(Rule(optimizer, 1.0), "params").replace("lr=1.0", "lr=float(rate)")
    walkers = [
        *rates,
        "WALKERS = [  # each step size, and its torch.optim optimizer",
        f"    (rate, lambda params, rate=rate: {make})",
        "    for rate in rates",
        "]",
    ]
    tail = [
        '    print(f"{label:.4g}", ended, len(positions) - 1, "steps")',
    ]
    torch_text = _many_walks_torch(land, formula, start, max_steps, walkers, tail).replace(
        "import torch\n", "import numpy as np\nimport torch\n", 1
    )
    return Snippets(python, torch_text)


def _start(land: Landscape, start: float | Sequence[float]) -> str:
    if land.dims == 1:
        assert not isinstance(start, Sequence)
        return num(start)
    assert isinstance(start, Sequence)
    return point(start)


def torch_program(setup: list[str], last: str) -> str:
    """A PyTorch program: its imports, ``setup``, the walk, and ``last`` (what it prints)."""
    return "\n".join(["import math", "", "import torch", "", *setup, "", "", _WALK, last, ""])
