"""The network at the edge of stability (issue 22), as Foghill's lines and PyTorch's."""

from __future__ import annotations

from foghill.snippets.rules import Snippets, num

__all__ = ["edge_code"]

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
            f"STEPS, LR = {steps}, {num(learning_rate)}",
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
            f"STEPS, LR = {steps}, {num(learning_rate)}",
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
