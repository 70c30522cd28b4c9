"""The code behind a training demo's run: its minibatch step in numpy, and in PyTorch.

In plain words: for a demo's settings, write out (a) the training loop with Foghill's model
(the demo's own data, and its loss with the exact gradient written in numpy): the same
seeded generator draws the starting guess and each epoch's shuffle, each step takes the
next batch, its gradient and one optimizer step, so the numbers are the demo's to the last
bit; and (b) the same loop in PyTorch: the same data, starting guess and batches, the loss
written with ``torch`` (autograd finds its gradient) and ``torch.optim``'s optimizer with
the same hyperparameters, whose numbers agree to rounding.

The rule of a step, in symbols (:mod:`foghill.engine.models.minibatch`): with ``B_k`` the
k-th batch, ``g_k = (1/|B_k|) sum_{i in B_k} grad loss_i(theta_k)``, ``(step_k, state) =
update(g_k, state)``, ``theta_{k+1} = theta_k + step_k``.

The server puts the text in a run's end event (``code``), where the page's "Show the code"
panel shows it; the tests run it.
"""

from __future__ import annotations

from typing import Any

from foghill.snippets.rules import Rule, Snippets, torch_optimizer

__all__ = ["TORCH_LOSSES", "demo_code"]

#: Each demo's loss on the training rows ``rows`` (a tensor of row numbers) in torch, from
#: the flat parameter vector ``theta`` and the model's data (``model``, Foghill's): the same
#: function as the model's ``loss_grad``, whose gradient autograd finds.
TORCH_LOSSES: dict[str, list[str]] = {
    "digits": [
        "x, y = torch.tensor(model.train_x), torch.tensor(model.train_y)",
        "",
        "",
        "def loss_on(rows):",
        '    """Cross-entropy of the softmax (after a tanh hidden layer, if any)."""',
        "    d, h, c = model.features, model.hidden, model.classes",
        "    if h == 0:",
        "        w, b = theta[: d * c].view(d, c), theta[d * c :]",
        "        z = x[rows] @ w + b",
        "    else:",
        "        w1, b1, w2, b2 = torch.split(theta, [d * h, h, h * c, c])",
        "        z = torch.tanh(x[rows] @ w1.view(d, h) + b1) @ w2.view(h, c) + b2",
        "    return torch.nn.functional.cross_entropy(z, y[rows])",
    ],
    "spam": [
        "x, y = torch.tensor(model.train_x), torch.tensor(model.train_y)",
        "",
        "",
        "def loss_on(rows):",
        '    """Binary cross-entropy of the squashed score (word counts . weights + bias)."""',
        "    z = x[rows] @ theta[:-1] + theta[-1]",
        "    return torch.nn.functional.binary_cross_entropy_with_logits(z, y[rows])",
    ],
    "next-word": [
        "pairs = torch.tensor(model.train)",
        "",
        "",
        "def loss_on(rows):",
        '    """Cross-entropy of the next word, scored from the word before\'s embedding."""',
        "    v, d = model.vocabulary, model.dim",
        "    e, u, c = torch.split(theta, [v * d, d * v, v])",
        "    a, b = pairs[rows, 0], pairs[rows, 1]",
        "    z = e.view(v, d)[a] @ u.view(d, v) + c",
        "    return torch.nn.functional.cross_entropy(z, b)",
    ],
    "ratings": [
        "who, r = torch.tensor(model.train_who), torch.tensor(model.train_r)",
        "",
        "",
        "def loss_on(rows):",
        '    """Squared miss of each rating, plus the penalty on the taste lists\' size."""',
        "    n, f, k = model.people, model.films, model.k",
        "    p, q, a, b = torch.split(theta, [n * k, f * k, n, f])",
        "    i, j = who[rows, 0], who[rows, 1]",
        "    pi, qj = p.view(n, k)[i], q.view(f, k)[j]",
        "    miss = model.mean + a[i] + b[j] + (pi * qj).sum(dim=1) - r[rows]",
        "    size = (pi**2).sum(dim=1) + (qj**2).sum(dim=1)",
        "    return (miss**2 + model.penalty * size).mean()",
    ],
}

# The batches, written once for both programs: the generator's next shuffle when fewer
# than a whole batch remain, so every batch has the same size.
_BATCHES = [
    "order, at = np.arange(0), 0",
    "",
    "",
    "def next_batch():",
    '    """The next rows of this epoch\'s shuffle (a new shuffle when too few remain)."""',
    "    global order, at",
    "    if at + BATCH > order.size:",
    "        order, at = rng.permutation(model.n_train), 0",
    "    at += BATCH",
    "    return order[at - BATCH : at]",
]


def _head(name: str, settings: dict[str, Any]) -> list[str]:
    written = ", ".join(f"{k}={v!r}" for k, v in settings.items())
    return [
        "from foghill.training import demo_for",
        "",
        f"demo = demo_for({name!r})",
        f"model = demo.model(demo.request_model({written}))  # the demo's data and loss",
        f"BATCH, STEPS = {settings['batch_size']}, {settings['steps']}",
        f"rng = np.random.default_rng({settings['seed']})  # the guess first, then the shuffles",
    ]


_PRINT = [
    'loss, _ = model.evaluate(theta, "train")',
    'heldout_loss, metric = model.evaluate(theta, "heldout")',
    'print(f"after {STEPS} steps: loss {loss:.6g}, held out {heldout_loss:.6g}, "',
    '      f"{model.metric_name} {metric:.4g}")',
]


def demo_code(name: str, settings: dict[str, Any]) -> Snippets | None:
    """The numpy and PyTorch programs for a run of the demo called ``name`` with these
    settings (a run request's ``settings()``); None for a demo without them here."""
    if name not in TORCH_LOSSES:
        return None
    rate, optimizer = float(settings["learning_rate"]), str(settings["optimizer"])
    python = "\n".join(
        [
            "import numpy as np",
            "",
            "import foghill as fh",
            *_head(name, settings),
            *_BATCHES,
            "",
            "",
            "theta = model.init(rng)",
            f"rule = fh.optimizers.{optimizer}({rate!r})",
            "state = rule.init(theta)",
            "for step in range(STEPS):",
            "    batch_loss, gradient = model.loss_grad(theta, next_batch())  # exact, in numpy",
            "    move, state = rule.update(gradient, state)",
            "    theta = theta + move",
            *_PRINT,
            "",
        ]
    )
    torch_text = "\n".join(
        [
            "import numpy as np",
            "import torch",
            "",
            *_head(name, settings),
            *_BATCHES,
            "",
            "",
            "theta = torch.tensor(model.init(rng), requires_grad=True)  # the same start",
            f"optimizer = {torch_optimizer(Rule(optimizer, rate), '[theta]')}",
            *TORCH_LOSSES[name],
            "",
            "",
            "for step in range(STEPS):",
            "    optimizer.zero_grad()",
            "    loss_on(torch.as_tensor(next_batch())).backward()",
            "    optimizer.step()",
            "theta = theta.detach().numpy()",
            *_PRINT,
            "",
        ]
    )
    return Snippets(python, torch_text)
