"""Update rules: how the next step is chosen from the tilt felt under your feet.

Each optimizer is a pair of pure functions, in the style of optax:
``init(params) -> state`` and ``update(grad, state) -> (step, state)``, where the state is a
NamedTuple and ``step`` is what gets ADDED to the params: ``params <- params + step``.
Both work on Python floats (1-D, for speed) and on numpy arrays (2-D), elementwise.

The rules follow ``torch.optim`` exactly, with its defaults:

- ``gd``: ``torch.optim.SGD`` (lr default 1e-3, no momentum).
- ``momentum``: ``torch.optim.SGD(momentum=mu, dampening=0)``: ``v <- mu*v + g``,
  ``step = -lr*v``. torch's default momentum is 0 (plain SGD); ours is 0.9.
- ``nesterov``: ``torch.optim.SGD(momentum=mu, nesterov=True)``: ``v <- mu*v + g``,
  ``step = -lr*(g + mu*v)``.
- ``adagrad``: ``torch.optim.Adagrad`` (lr 0.01, eps 1e-10, initial_accumulator_value 0,
  lr_decay 0): ``s <- s + g^2``, ``step = -lr*g/(sqrt(s) + eps)``.
- ``rmsprop``: ``torch.optim.RMSprop`` (lr 0.01, alpha 0.99, eps 1e-8, not centered, no
  momentum): ``s <- alpha*s + (1-alpha)*g^2``, ``step = -lr*g/(sqrt(s) + eps)``.
- ``adam``: ``torch.optim.Adam`` (lr 1e-3, betas (0.9, 0.999), eps 1e-8): ``m <- b1*m +
  (1-b1)*g``, ``v <- b2*v + (1-b2)*g^2``, with t the step count, ``step = -lr/(1-b1^t) * m /
  (sqrt(v)/sqrt(1-b2^t) + eps)``.

Square roots are written ``s ** 0.5`` so floats stay Python floats (no numpy scalar detour).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from foghill.limits import DEFAULT_MOMENTUM

Params = float | NDArray[np.float64]
"""A position: a Python float in 1-D, an array of shape (2,) in 2-D."""


Pair = tuple[float, float, Any]
"""What a rule's ``pair`` update gives: the step's x and y, and the new state."""


class Optimizer(NamedTuple):
    """A named update rule: ``init(params) -> state``, ``update(grad, state) -> (step, state)``.

    ``pair_init()`` and ``pair(gx, gy, state) -> (sx, sy, state)`` are the same rule on a
    point's two coordinates as plain floats (the 2-D walk's fast path): the very same
    arithmetic, term by term, as ``update`` on a (2,) array, so the steps are equal to the
    last bit (tests/engine/test_race.py checks it).
    """

    name: str
    learning_rate: float
    init: Callable[[Params], Any]
    update: Callable[[Params, Any], tuple[Params, Any]]
    pair_init: Callable[[], Any]
    pair: Callable[[float, float, Any], Pair]


def _zeros(params: Params) -> Params:
    if isinstance(params, np.ndarray):
        return np.zeros_like(params, dtype=float)
    return 0.0


def _pair_zeros() -> tuple[float, float]:
    return 0.0, 0.0


def _check_rate(learning_rate: float) -> float:
    try:
        rate = float(learning_rate)
    except (TypeError, ValueError):
        raise ValueError(f"the learning rate must be a number, got {learning_rate!r}") from None
    if not math.isfinite(rate) or rate <= 0.0:
        raise ValueError(f"the learning rate must be a finite number above 0, got {rate!r}")
    return rate


def _check_unit(name: str, value: float) -> float:
    v = float(value)
    if not 0.0 <= v < 1.0:
        raise ValueError(f"{name} must lie in [0, 1), got {v!r}")
    return v


# --------------------------------------------------------------------------- gradient descent
class GdState(NamedTuple):
    """Plain gradient descent keeps no memory."""


def gd(learning_rate: float = 1e-3) -> Optimizer:
    """Gradient descent: step downhill in proportion to the tilt.

    In plain words: your next guess is your current guess minus a small step in the
    downhill direction. In symbols: ``step = -lr * g``, so ``theta <- theta - lr * grad L``.
    (``torch.optim.SGD``; lr default 1e-3.)
    """
    lr = _check_rate(learning_rate)

    def init(params: Params) -> GdState:
        return GdState()

    def update(grad: Params, state: GdState) -> tuple[Params, GdState]:
        return -lr * grad, state

    def pair(gx: float, gy: float, state: Any) -> Pair:
        return -lr * gx, -lr * gy, state

    return Optimizer("gd", lr, init, update, tuple, pair)


# --------------------------------------------------------------------------- momentum
class MomentumState(NamedTuple):
    """The velocity ``v``: a running sum of past gradients, each older one weighed by mu."""

    velocity: Params


def momentum(learning_rate: float = 1e-3, mu: float = DEFAULT_MOMENTUM) -> Optimizer:
    """Momentum: roll like a heavy ball, carrying speed from the steps before.

    In plain words: keep a velocity that remembers past tilts (fading by mu each step) and
    step along it. In symbols: ``v <- mu*v + g``, ``step = -lr*v``, ``v_0 = 0``.
    (``torch.optim.SGD(lr, momentum=mu, dampening=0)``.)
    """
    lr = _check_rate(learning_rate)
    mu = _check_unit("the momentum mu", mu)

    def init(params: Params) -> MomentumState:
        return MomentumState(_zeros(params))

    def update(grad: Params, state: MomentumState) -> tuple[Params, MomentumState]:
        v = mu * state.velocity + grad
        return -lr * v, MomentumState(v)

    def pair(gx: float, gy: float, state: tuple[float, float]) -> Pair:
        vx = mu * state[0] + gx
        vy = mu * state[1] + gy
        return -lr * vx, -lr * vy, (vx, vy)

    return Optimizer("momentum", lr, init, update, _pair_zeros, pair)


def nesterov(learning_rate: float = 1e-3, mu: float = DEFAULT_MOMENTUM) -> Optimizer:
    """Nesterov momentum: like momentum, but step as if already looking one stride ahead.

    In plain words: update the velocity as momentum does, then step along the fresh tilt
    plus mu times that velocity. In symbols: ``v <- mu*v + g``, ``step = -lr*(g + mu*v)``.
    (``torch.optim.SGD(lr, momentum=mu, dampening=0, nesterov=True)``.) With ``mu = 0`` it is
    plain descent, as momentum is: torch refuses that setting, but the page's one "momentum
    kept" box serves both racers, and 0 is in the interval the API promises for it.
    """
    lr = _check_rate(learning_rate)
    mu = _check_unit("the momentum mu", mu)

    def init(params: Params) -> MomentumState:
        return MomentumState(_zeros(params))

    def update(grad: Params, state: MomentumState) -> tuple[Params, MomentumState]:
        v = mu * state.velocity + grad
        return -lr * (grad + mu * v), MomentumState(v)

    def pair(gx: float, gy: float, state: tuple[float, float]) -> Pair:
        vx = mu * state[0] + gx
        vy = mu * state[1] + gy
        return -lr * (gx + mu * vx), -lr * (gy + mu * vy), (vx, vy)

    return Optimizer("nesterov", lr, init, update, _pair_zeros, pair)


# --------------------------------------------------------------------------- adagrad
class AdagradState(NamedTuple):
    """The running sum of squared gradients ``s``."""

    sum_sq: Params


def adagrad(learning_rate: float = 0.01, eps: float = 1e-10) -> Optimizer:
    """AdaGrad: shrink the steps along directions that have been steep so far.

    In plain words: divide each step by the root of the sum of all squared tilts seen.
    In symbols: ``s <- s + g^2``, ``step = -lr * g / (sqrt(s) + eps)``, ``s_0 = 0``.
    (``torch.optim.Adagrad``: lr 0.01, eps 1e-10, initial_accumulator_value 0.)
    """
    lr = _check_rate(learning_rate)

    def init(params: Params) -> AdagradState:
        return AdagradState(_zeros(params))

    def update(grad: Params, state: AdagradState) -> tuple[Params, AdagradState]:
        s = state.sum_sq + grad * grad
        return -lr * grad / (s**0.5 + eps), AdagradState(s)

    def pair(gx: float, gy: float, state: tuple[float, float]) -> Pair:
        sx = state[0] + gx * gx
        sy = state[1] + gy * gy
        return -lr * gx / (sx**0.5 + eps), -lr * gy / (sy**0.5 + eps), (sx, sy)

    return Optimizer("adagrad", lr, init, update, _pair_zeros, pair)


# --------------------------------------------------------------------------- rmsprop
class RmspropState(NamedTuple):
    """The fading average of squared gradients ``s``."""

    square_avg: Params


def rmsprop(learning_rate: float = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> Optimizer:
    """RMSProp: like AdaGrad, but the memory of past steepness fades.

    In plain words: divide each step by the root of a fading average of squared tilts.
    In symbols: ``s <- alpha*s + (1 - alpha)*g^2``, ``step = -lr * g / (sqrt(s) + eps)``.
    (``torch.optim.RMSprop``: lr 0.01, alpha 0.99, eps 1e-8 added after the square root.)
    """
    lr = _check_rate(learning_rate)
    alpha = _check_unit("alpha", alpha)

    def init(params: Params) -> RmspropState:
        return RmspropState(_zeros(params))

    def update(grad: Params, state: RmspropState) -> tuple[Params, RmspropState]:
        s = alpha * state.square_avg + (1.0 - alpha) * grad * grad
        return -lr * grad / (s**0.5 + eps), RmspropState(s)

    def pair(gx: float, gy: float, state: tuple[float, float]) -> Pair:
        sx = alpha * state[0] + (1.0 - alpha) * gx * gx
        sy = alpha * state[1] + (1.0 - alpha) * gy * gy
        return -lr * gx / (sx**0.5 + eps), -lr * gy / (sy**0.5 + eps), (sx, sy)

    return Optimizer("rmsprop", lr, init, update, _pair_zeros, pair)


# --------------------------------------------------------------------------- adam
class AdamState(NamedTuple):
    """Step count ``t``, fading mean of gradients ``m`` and of squared gradients ``v``."""

    t: int
    mean: Params
    sq_mean: Params


def adam(
    learning_rate: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> Optimizer:
    """Adam: momentum and RMSProp together, with the early averages corrected for their start at 0.

    In plain words: step along a fading average of the tilt, divided by the root of a fading
    average of its square. In symbols, with ``t`` counting steps from 1:
    ``m <- b1*m + (1-b1)*g``, ``v <- b2*v + (1-b2)*g^2``,
    ``step = -lr/(1 - b1^t) * m / (sqrt(v)/sqrt(1 - b2^t) + eps)``.
    (``torch.optim.Adam``: lr 1e-3, betas (0.9, 0.999), eps 1e-8.)
    """
    lr = _check_rate(learning_rate)
    b1 = _check_unit("beta1", beta1)
    b2 = _check_unit("beta2", beta2)

    def init(params: Params) -> AdamState:
        return AdamState(0, _zeros(params), _zeros(params))

    def update(grad: Params, state: AdamState) -> tuple[Params, AdamState]:
        t = state.t + 1
        m = b1 * state.mean + (1.0 - b1) * grad
        v = b2 * state.sq_mean + (1.0 - b2) * grad * grad
        bias1 = 1.0 - b1**t
        bias2 = 1.0 - b2**t
        step = -(lr / bias1) * m / (v**0.5 / bias2**0.5 + eps)
        return step, AdamState(t, m, v)

    def pair(gx: float, gy: float, state: tuple[int, float, float, float, float]) -> Pair:
        t = state[0] + 1
        mx = b1 * state[1] + (1.0 - b1) * gx
        my = b1 * state[2] + (1.0 - b1) * gy
        vx = b2 * state[3] + (1.0 - b2) * gx * gx
        vy = b2 * state[4] + (1.0 - b2) * gy * gy
        bias1 = 1.0 - b1**t
        root2 = (1.0 - b2**t) ** 0.5
        sx = -(lr / bias1) * mx / (vx**0.5 / root2 + eps)
        sy = -(lr / bias1) * my / (vy**0.5 / root2 + eps)
        return sx, sy, (t, mx, my, vx, vy)

    return Optimizer("adam", lr, init, update, lambda: (0, 0.0, 0.0, 0.0, 0.0), pair)


_FACTORIES: dict[str, Callable[[float], Optimizer]] = {
    "gd": gd,
    "momentum": momentum,
    "nesterov": nesterov,
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adam": adam,
}

NAMES: tuple[str, ...] = tuple(_FACTORIES)
"""Every optimizer name, simplest first."""


def by_name(name: str, learning_rate: float) -> Optimizer:
    """The optimizer called ``name`` (one of :data:`NAMES`) at ``learning_rate``.

    Its other settings keep their defaults. ValueError for an unknown name.
    """
    try:
        factory = _FACTORIES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown optimizer {name!r}; choose one of: {', '.join(NAMES)}") from None
    return factory(learning_rate)
