"""A line walked downhill through dots, as Foghill's lines and PyTorch's."""

from __future__ import annotations

from collections.abc import Sequence

from foghill.engine.linefit import Dots, line_landscape
from foghill.snippets.rules import Snippets, foghill_rule, num, number_list, optimizer_line, point
from foghill.snippets.walks import torch_program

__all__ = ["linefit_code"]


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
    xs, ys = number_list(list(x)), number_list(dots.y.tolist())
    shift = "" if x_from == 0.0 else f" - {num(x_from)}"
    counted = [f"x = [v{shift} for v in x]  # counted from {num(x_from)}"] if shift else []
    python = "\n".join(
        [
            "import foghill as fh",
            "",
            f"x = {xs}",
            f"y = {ys}",
            *counted,
            f"run = fh.linefit.fit(fh.linefit.Dots(x, y), w={num(w)}, b={num(b)}, "
            f"{foghill_rule(optimizer, learning_rate)}, max_steps={max_steps})",
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
        f"w = torch.tensor({num(w)}, dtype=torch.float64, requires_grad=True)",
        f"b = torch.tensor({num(b)}, dtype=torch.float64, requires_grad=True)",
        optimizer_line(optimizer, learning_rate, "[w, b]"),
        f"(W_LO, W_HI), (B_LO, B_HI) = {point((wlo, whi))}, {point((blo, bhi))}",
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
    return Snippets(python, torch_program(setup, last))
