"""The code behind a run: Foghill lines and PyTorch lines that give the same numbers.

In plain words: for a widget's settings, write out (a) the few lines of Python that make
exactly the same run with Foghill in a notebook, and (b) lines that make it with PyTorch:
the same function written with ``torch``, the same starting point, ``torch.optim``'s
optimizer with the same hyperparameters, and the same rule for when the walk stops.
Foghill's update rules are ``torch.optim``'s (see :mod:`foghill.engine.optimizers`), so the
two lists of positions agree to rounding (the tests hold them to 1e-12, relative).

This module is the one place the text is made: the server puts it in the descend and line
fit answers (``code``), a notebook widget gets it with its outputs, and the tests run it.

The stopping rule written out in PyTorch is the engine's (:mod:`foghill.engine.descent`):
a position outside the domain or without a finite loss and gradient is not kept and ends
the walk; a step of size at most 1e-6 onto ground whose gradient is at most 1e-6 ends it
too; otherwise the walk stops after ``max_steps`` steps.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Sequence
from typing import NamedTuple

from foghill.contract import DEFAULT_MOMENTUM
from foghill.engine import hills
from foghill.engine.formula_rules import FormulaError
from foghill.engine.landscape import Landscape
from foghill.engine.linefit import Dots, line_landscape

__all__ = [
    "Rule",
    "Snippets",
    "descent_code",
    "edge_code",
    "linefit_code",
    "race_code",
    "sweep_code",
    "torch_expression",
    "torch_optimizer",
]

STEP_TOL = 1e-6
GRAD_TOL = 1e-6
"""The engine's default tolerances (descend's step_tol and grad_tol), which both hosts use."""

# torch.optim's class and the hyperparameters Foghill's rule uses besides the learning rate
# (its defaults, written out so a reader sees them).
_TORCH_OPTIMIZERS: dict[str, tuple[str, str]] = {
    "gd": ("SGD", ""),
    "momentum": ("SGD", ""),  # momentum as the walk sets it: see torch_optimizer
    "nesterov": ("SGD", ""),
    "adagrad": ("Adagrad", ", eps=1e-10"),
    "rmsprop": ("RMSprop", ", alpha=0.99, eps=1e-08"),
    "adam": ("Adam", ", betas=(0.9, 0.999), eps=1e-08"),
}

# The formula's functions in torch (on a tensor) and in math (on a plain number).
_TORCH_FUNCTIONS = {f: f"torch.{f}" for f in ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh")}
_TORCH_FUNCTIONS["abs"] = "torch.abs"
_MATH_FUNCTIONS = {f: f"math.{f}" for f in ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh")}
_MATH_FUNCTIONS["abs"] = "abs"


class Snippets(NamedTuple):
    """Two programs for one run: with Foghill (``python``) and with PyTorch (``torch``)."""

    python: str
    torch: str


class Rule(NamedTuple):
    """One walker of a race or a sweep: its optimizer's name, its step size and (momentum,
    nesterov) its momentum (None: the default)."""

    optimizer: str
    learning_rate: float
    momentum: float | None = None


def _num(value: float) -> str:
    """A float as Python reads it back exactly (repr is the shortest exact form)."""
    return repr(float(value))


def _point(values: Sequence[float]) -> str:
    return "(" + ", ".join(_num(v) for v in values) + ")"


def _has_variable(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id in ("x", "y") for n in ast.walk(node))


class _ToTorch(ast.NodeTransformer):
    """Rewrite a formula's tree for torch: functions of x or y become ``torch.*``, functions
    of plain numbers ``math.*`` (torch's functions take tensors only), ``pi`` and ``e``
    become ``math.pi`` and ``math.e``."""

    uses_math = False

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        assert isinstance(node.func, ast.Name)
        table = _TORCH_FUNCTIONS if _has_variable(node) else _MATH_FUNCTIONS
        name = table[node.func.id]
        self.uses_math |= name.startswith("math.")
        node.func = ast.parse(name, mode="eval").body
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in ("pi", "e"):
            self.uses_math = True
            return ast.Attribute(value=ast.Name("math", ast.Load()), attr=node.id, ctx=ast.Load())
        return node


@functools.lru_cache(maxsize=256)  # parsing is most of a snippet's cost; hills repeat
def torch_expression(formula: str) -> tuple[str, bool]:
    """A formula Foghill accepts, written in Python for torch tensors ``x`` (and ``y``).

    ``^`` is a power (``**``); ``exp log sin cos tan sqrt tanh abs`` of x or y are torch's
    functions, of plain numbers ``math``'s. Returns the expression and whether it needs
    ``import math``. Only for formulas the engine has accepted (its whitelist is assumed).
    """
    source = formula.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise FormulaError("the formula could not be read") from None
    to_torch = _ToTorch()
    body = to_torch.visit(tree.body)
    return ast.unparse(ast.fix_missing_locations(body)), to_torch.uses_math


def torch_optimizer(rule: Rule, params: str) -> str:
    """torch.optim's optimizer for ``rule`` over ``params``, its hyperparameters written out
    (momentum as the rule sets it; Nesterov with momentum 0 is plain descent, which torch
    will only make without ``nesterov=True``)."""
    cls, extra = _TORCH_OPTIMIZERS[rule.optimizer]
    if rule.optimizer in ("momentum", "nesterov"):
        mu = DEFAULT_MOMENTUM if rule.momentum is None else rule.momentum
        nesterov = ", nesterov=True" if rule.optimizer == "nesterov" and mu > 0 else ""
        extra = f", momentum={_num(mu)}{nesterov}"
    return f"torch.optim.{cls}({params}, lr={_num(rule.learning_rate)}{extra})"


def _torch_optimizer(name: str, learning_rate: float, params: str) -> str:
    return f"optimizer = {torch_optimizer(Rule(name, learning_rate), params)}"


def _foghill_rule(name: str, learning_rate: float) -> str:
    if name == "gd":
        return f"learning_rate={_num(learning_rate)}"
    return f"optimizer=fh.optimizers.{name}({_num(learning_rate)})"


def _foghill_optimizer(rule: Rule) -> str:
    """Foghill's update rule for ``rule``, as a notebook makes it (momentum as set)."""
    if rule.optimizer in ("momentum", "nesterov"):
        mu = DEFAULT_MOMENTUM if rule.momentum is None else rule.momentum
        return f"fh.optimizers.{rule.optimizer}({_num(rule.learning_rate)}, mu={_num(mu)})"
    return f"fh.optimizers.{rule.optimizer}({_num(rule.learning_rate)})"


def _hill_line(land: Landscape, formula: str | None) -> str:
    """How a notebook names this landscape: a built-in hill, or the formula over its domain."""
    if formula is None:
        constant = land.name.upper()
        assert getattr(hills, constant) is land
        return f"hill = fh.hills.{constant}  # {land.formula}"
    if land.dims == 1:
        domain = _point(land.domain[0])
    else:
        domain = "(" + ", ".join(_point(pair) for pair in land.domain) + ")"
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
            [f"LO, HI = {_num(lo)}, {_num(hi)}"],
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
        [f"(X_LO, X_HI), (Y_LO, Y_HI) = {_point((xlo, xhi))}, {_point((ylo, yhi))}"],
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
    rule = _foghill_rule(optimizer, learning_rate)
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
        _torch_optimizer(optimizer, learning_rate, f"[{ground.param}]"),
        *ground.bounds,
        f"MAX_STEPS = {max_steps}",
        "",
        "",
        *ground.functions,
    ]
    last = f'print(len(positions) - 1, "steps, ending at {ground.ending}", positions[-1])'
    return Snippets(python, _torch_program(setup, last))


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
            *(f"    {_foghill_optimizer(r)}," for r in racers),
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
        f"rates = np.geomspace({_num(low)}, {_num(high)}, {count})",
        f"rates[0], rates[-1] = {_num(low)}, {_num(high)}  # the ends exactly as given",
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
        return _num(start)
    assert isinstance(start, Sequence)
    return _point(start)


def _torch_program(setup: list[str], last: str) -> str:
    return "\n".join(["import math", "", "import torch", "", *setup, "", "", _WALK, last, ""])


def _numbers(values: Sequence[float]) -> str:
    """A list literal, wrapped so that no line grows long."""
    items = [_num(v) for v in values]
    lines, line = [], ""
    for item in items:
        if line and len(line) + len(item) > 80:
            lines.append(line.rstrip())
            line = ""
        line += item + ", "
    lines.append(line.rstrip().rstrip(","))
    if len(lines) == 1:
        return f"[{lines[0]}]"
    return "[\n" + "".join(f"    {part}\n" for part in lines) + "]"


def linefit_code(
    x: Sequence[float],
    dots: Dots,
    *,
    w: float,
    b: float,
    learning_rate: float,
    optimizer: str,
    max_steps: int,
    x_from: float = 0.0,
) -> Snippets:
    """The Foghill and PyTorch programs for the line y = w*x + b walked downhill on the mean
    squared error of ``dots`` from ``(w, b)``. ``x`` are the dots' x values as given; ``dots``
    hold them counted from ``x_from`` (then the line is y = w*(x - x_from) + b)."""
    xs, ys = _numbers(list(x)), _numbers(dots.y.tolist())
    shift = "" if x_from == 0.0 else f" - {_num(x_from)}"
    counted = [f"x = [v{shift} for v in x]  # counted from {_num(x_from)}"] if shift else []
    python = "\n".join(
        [
            "import foghill as fh",
            "",
            f"x = {xs}",
            f"y = {ys}",
            *counted,
            f"run = fh.linefit.fit(fh.linefit.Dots(x, y), w={_num(w)}, b={_num(b)}, "
            f"{_foghill_rule(optimizer, learning_rate)}, max_steps={max_steps})",
            "w, b = run.final",
            'print(run.outcome, run.n_steps, "steps: y =", w, "* x +", b)',
            "",
        ]
    )
    # The same domain as the engine's: a line this far from the best one has flown off.
    (wlo, whi), (blo, bhi) = line_landscape(dots, include=(w, b)).domain
    setup = [
        f"x = torch.tensor({xs}, dtype=torch.float64){shift}",
        f"y = torch.tensor({ys}, dtype=torch.float64)",
        f"w = torch.tensor({_num(w)}, dtype=torch.float64, requires_grad=True)",
        f"b = torch.tensor({_num(b)}, dtype=torch.float64, requires_grad=True)",
        _torch_optimizer(optimizer, learning_rate, "[w, b]"),
        f"(W_LO, W_HI), (B_LO, B_HI) = {_point((wlo, whi))}, {_point((blo, bhi))}",
        f"MAX_STEPS = {max_steps}",
        "",
        "",
        "def loss():",
        "    return ((w * x + b - y) ** 2).mean()",
        "",
        "",
        "def here():",
        "    return (w.item(), b.item())",
        "",
        "",
        "def inside():",
        "    return W_LO <= w.item() <= W_HI and B_LO <= b.item() <= B_HI",
        "",
        "",
        "def gradient():",
        "    return (w.grad.item(), b.grad.item())",
        "",
        "",
        "def difference(a, c):",
        "    return (a[0] - c[0], a[1] - c[1])",
        "",
        "",
        "def size(v):",
        "    return math.hypot(*v)",
    ]
    last = 'print(len(positions) - 1, "steps: y =", positions[-1][0], "* x +", positions[-1][1])'
    return Snippets(python, _torch_program(setup, last))


# ---- the network at the edge (issue 22) ------------------------------------------------------

#: Each schedule's share of the step at step k of n (foghill.engine.schedules), in Python.
_SCHEDULE_FACTORS = {
    "constant": "lambda k: 1.0",
    "warm-up": "lambda k: min(1.0, 0.1 + 0.9 * k / max(1.0, 0.25 * STEPS))",
    "decay": "lambda k: 1 - 0.75 * min(k, STEPS) / max(1, STEPS)",
}


def edge_code(learning_rate: float, steps: int, seed: int, schedule: str) -> Snippets:
    """The Foghill and PyTorch programs for an edge run: the same network from the same
    start, plain full-batch steps (in numpy with the network's exact gradient and the
    schedule's step size; in torch ``torch.optim.SGD``, the schedule as ``LambdaLR``), and
    the sharpness by power iteration on ``torch.autograd``'s Hessian-vector products."""
    python = "\n".join(
        [
            "import foghill as fh",
            "from foghill.engine.schedules import rate_at",
            "",
            f"net = fh.networks.tiny(seed={seed})  # the same start, the same made-up points",
            f"STEPS, LR = {steps}, {_num(learning_rate)}",
            "theta = net.theta0.copy()",
            "for k in range(STEPS):",
            "    loss, gradient = net.loss_grad(theta)  # all the points: the exact gradient",
            f"    theta = theta + -rate_at({schedule!r}, LR, k, STEPS) * gradient  # one step",
            "print(net.loss(theta), fh.sharpness(net, theta))",
            "",
        ]
    )
    torch_text = "\n".join(
        [
            "import torch",
            "",
            "import foghill as fh",
            "",
            "torch.set_default_dtype(torch.float64)",
            f"net = fh.networks.tiny(seed={seed})  # the same start, the same made-up points",
            "x, y, h = torch.tensor(net.x)[:, None], torch.tensor(net.y), net.hidden",
            f"STEPS, LR = {steps}, {_num(learning_rate)}",
            "",
            "",
            "def loss_of(theta):",
            "    w1, b1, w2, b2, w3, b3 = torch.split(theta, [h, h, h * h, h, h, 1])",
            "    a1 = torch.tanh(x @ w1.reshape(1, h) + b1)",
            "    a2 = torch.tanh(a1 @ w2.reshape(h, h) + b2)",
            "    f = (a2 @ w3.reshape(h, 1) + b3)[:, 0]",
            "    return 0.5 * ((f - y) ** 2).mean()",
            "",
            "",
            "def sharpness(theta, iterations=200):",
            "    point = theta.detach()",
            "    v = torch.randn(point.numel(), generator=torch.Generator().manual_seed(0))",
            "    value = 0.0",
            "    for _ in range(iterations):",
            "        v = v / v.norm()",
            "        hv = torch.autograd.functional.hvp(loss_of, point, v)[1]",
            "        value, v = float(v @ hv), hv",
            "    return value",
            "",
            "",
            "theta = torch.tensor(net.theta0, requires_grad=True)",
            "optimizer = torch.optim.SGD([theta], lr=LR)",
            f"factor = {_SCHEDULE_FACTORS[schedule]}  # the step's share at step k",
            "schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)",
            "for k in range(STEPS):",
            "    optimizer.zero_grad()",
            "    loss_of(theta).backward()",
            "    optimizer.step()",
            "    schedule.step()",
            "print(loss_of(theta).item(), sharpness(theta))",
            "",
        ]
    )
    return Snippets(python, torch_text)
