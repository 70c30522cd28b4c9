"""How a run's numbers and step rules are written, in Foghill's lines and in PyTorch's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from foghill.contract import DEFAULT_MOMENTUM

__all__ = [
    "Rule",
    "Snippets",
    "foghill_optimizer",
    "foghill_rule",
    "num",
    "number_list",
    "optimizer_line",
    "point",
    "torch_optimizer",
]

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


def num(value: float) -> str:
    """A float as Python reads it back exactly (repr is the shortest exact form)."""
    return repr(float(value))


def point(values: Sequence[float]) -> str:
    """A tuple of floats, each as Python reads it back exactly."""
    return "(" + ", ".join(num(v) for v in values) + ")"


def torch_optimizer(rule: Rule, params: str) -> str:
    """torch.optim's optimizer for ``rule`` over ``params``, its hyperparameters written out
    (momentum as the rule sets it; Nesterov with momentum 0 is plain descent, which torch
    will only make without ``nesterov=True``)."""
    cls, extra = _TORCH_OPTIMIZERS[rule.optimizer]
    if rule.optimizer in ("momentum", "nesterov"):
        mu = DEFAULT_MOMENTUM if rule.momentum is None else rule.momentum
        nesterov = ", nesterov=True" if rule.optimizer == "nesterov" and mu > 0 else ""
        extra = f", momentum={num(mu)}{nesterov}"
    return f"torch.optim.{cls}({params}, lr={num(rule.learning_rate)}{extra})"


def optimizer_line(name: str, learning_rate: float, params: str) -> str:
    """The line that makes a PyTorch program's ``optimizer``."""
    return f"optimizer = {torch_optimizer(Rule(name, learning_rate), params)}"


def foghill_rule(name: str, learning_rate: float) -> str:
    """descend()'s step-rule keyword as a notebook writes it."""
    if name == "gd":
        return f"learning_rate={num(learning_rate)}"
    return f"optimizer=fh.optimizers.{name}({num(learning_rate)})"


def foghill_optimizer(rule: Rule) -> str:
    """Foghill's update rule for ``rule``, as a notebook makes it (momentum as set)."""
    if rule.optimizer in ("momentum", "nesterov"):
        mu = DEFAULT_MOMENTUM if rule.momentum is None else rule.momentum
        return f"fh.optimizers.{rule.optimizer}({num(rule.learning_rate)}, mu={num(mu)})"
    return f"fh.optimizers.{rule.optimizer}({num(rule.learning_rate)})"


def number_list(values: Sequence[float]) -> str:
    """A list literal, wrapped so that no line grows long."""
    items = [num(v) for v in values]
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
