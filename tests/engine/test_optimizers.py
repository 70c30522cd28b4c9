"""Every optimizer against its first two steps worked out by hand from torch.optim's rules.

The feed is the same for every rule: the gradient 2.0, then -1.0. The expected numbers are
written out below from the formulas (not by calling the code under test).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from foghill.engine import optimizers as opt

G1, G2 = 2.0, -1.0


def two_steps(o: opt.Optimizer, g1: object = G1, g2: object = G2) -> tuple[object, object]:
    state = o.init(np.zeros(2) if isinstance(g1, np.ndarray) else 0.0)
    s1, state = o.update(g1, state)
    s2, state = o.update(g2, state)
    return s1, s2


# name, optimizer, step 1, step 2
CASES = [
    # gd: step = -lr*g
    ("gd", opt.gd(0.1), -0.2, 0.1),
    # momentum: v1 = 2; step -0.1*2. v2 = 0.9*2 - 1 = 0.8; step -0.1*0.8
    ("momentum", opt.momentum(0.1, mu=0.9), -0.2, -0.08),
    # nesterov: v1 = 2, step -0.1*(2 + 0.9*2) = -0.38; v2 = 0.8, step -0.1*(-1 + 0.72) = 0.028
    ("nesterov", opt.nesterov(0.1, mu=0.9), -0.38, 0.028),
    # adagrad: s1 = 4, step -0.1*2/(2 + 1e-10); s2 = 5, step 0.1/(sqrt(5) + 1e-10)
    ("adagrad", opt.adagrad(0.1), -0.2 / (2.0 + 1e-10), 0.1 / (math.sqrt(5.0) + 1e-10)),
    # rmsprop (lr 0.01, alpha 0.99): s1 = 0.01*4 = 0.04, step -0.01*2/(0.2 + 1e-8);
    # s2 = 0.99*0.04 + 0.01*1 = 0.0496, step 0.01/(sqrt(0.0496) + 1e-8)
    ("rmsprop", opt.rmsprop(), -0.02 / (0.2 + 1e-8), 0.01 / (math.sqrt(0.0496) + 1e-8)),
    # adam (lr 0.1): t=1: m = 0.2, v = 0.004, bias1 = 0.1, bias2 = 0.001,
    #   step = -(0.1/0.1) * 0.2 / (sqrt(0.004)/sqrt(0.001) + 1e-8) = -0.2/(2 + 1e-8)
    # t=2: m = 0.18 - 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996,
    #   bias1 = 1 - 0.81 = 0.19, bias2 = 1 - 0.998001 = 0.001999,
    #   step = -(0.1/0.19) * 0.08 / (sqrt(0.004996)/sqrt(0.001999) + 1e-8)
    (
        "adam",
        opt.adam(0.1),
        -0.2 / (2.0 + 1e-8),
        -(0.1 / 0.19) * 0.08 / (math.sqrt(0.004996) / math.sqrt(0.001999) + 1e-8),
    ),
]


@pytest.mark.parametrize(("name", "o", "step1", "step2"), CASES, ids=[c[0] for c in CASES])
def test_first_two_steps_on_floats(name: str, o: opt.Optimizer, step1: float, step2: float) -> None:
    assert o.name == name
    s1, s2 = two_steps(o)
    assert isinstance(s1, float)
    assert isinstance(s2, float)
    assert s1 == pytest.approx(step1, rel=1e-12)
    assert s2 == pytest.approx(step2, rel=1e-12)


@pytest.mark.parametrize(("name", "o", "step1", "step2"), CASES, ids=[c[0] for c in CASES])
def test_first_two_steps_on_arrays_work_elementwise(
    name: str, o: opt.Optimizer, step1: float, step2: float
) -> None:
    # the second coordinate is fed the same gradients scaled by -1: its steps flip sign
    s1, s2 = two_steps(o, np.array([G1, -G1]), np.array([G2, -G2]))
    assert isinstance(s1, np.ndarray)
    np.testing.assert_allclose(s1, [step1, -step1], rtol=1e-12)
    np.testing.assert_allclose(s2, [step2, -step2], rtol=1e-12)


def test_adam_first_step_is_about_the_learning_rate() -> None:
    # the bias correction makes Adam's first step ~lr in the downhill direction, whatever |g|
    for g in (1e-3, 1.0, 1e3):
        s, _ = opt.adam(0.05).update(g, opt.adam(0.05).init(0.0))
        assert s == pytest.approx(-0.05, rel=1e-4)


def test_torch_defaults() -> None:
    assert opt.gd().learning_rate == 1e-3
    assert opt.momentum().learning_rate == 1e-3
    assert opt.adagrad().learning_rate == 0.01
    assert opt.rmsprop().learning_rate == 0.01
    assert opt.adam().learning_rate == 1e-3
    # rmsprop's default alpha 0.99 and eps 1e-8 (after the square root): one step from 0
    s, _ = opt.rmsprop().update(3.0, opt.rmsprop().init(0.0))
    assert s == pytest.approx(-0.01 * 3.0 / (math.sqrt(0.01 * 9.0) + 1e-8), rel=1e-12)
    # adagrad's eps 1e-10 matters only near zero gradient: g = 1e-10 gives half a full step
    s, _ = opt.adagrad().update(1e-10, opt.adagrad().init(0.0))
    assert s == pytest.approx(-0.01 * 1e-10 / (1e-10 + 1e-10), rel=1e-9)


def test_states_are_named_tuples_and_updates_are_pure() -> None:
    o = opt.adam(0.1)
    state0 = o.init(0.0)
    assert state0 == opt.AdamState(0, 0.0, 0.0)
    a = o.update(1.0, state0)
    b = o.update(1.0, state0)
    assert a == b  # same input, same output: no hidden state
    assert a[1].t == 1


def test_by_name_and_names() -> None:
    assert opt.NAMES == ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
    for name in opt.NAMES:
        o = opt.by_name(name, 0.25)
        assert o.name == name
        assert o.learning_rate == 0.25
    with pytest.raises(ValueError, match="unknown optimizer 'sgd'; choose one of: gd, momentum"):
        opt.by_name("sgd", 0.1)


@pytest.mark.parametrize("rate", [0.0, -0.1, math.nan, math.inf, -math.inf])
def test_learning_rate_must_be_finite_and_positive(rate: float) -> None:
    for name in opt.NAMES:
        with pytest.raises(ValueError, match="must be a finite number above 0"):
            opt.by_name(name, rate)


def test_other_settings_are_checked() -> None:
    with pytest.raises(ValueError, match=r"mu must lie in \[0, 1\)"):
        opt.momentum(0.1, mu=1.0)
    with pytest.raises(ValueError, match=r"beta2 must lie in \[0, 1\)"):
        opt.adam(0.1, beta2=-0.1)
    with pytest.raises(ValueError, match="must be a number"):
        opt.gd("fast")  # type: ignore[arg-type]


def test_nesterov_without_momentum_is_plain_descent() -> None:
    """Momentum 0 lies in the interval the API promises ([0, 1)): Nesterov takes it, and then
    steps exactly as plain descent does (found by schemathesis: a schema-valid race refused)."""
    plain, nesterov = opt.gd(0.1), opt.nesterov(0.1, mu=0.0)
    s_plain, s_nest = plain.init(np.zeros(1)), nesterov.init(np.zeros(1))
    for g in (2.0, -1.0, 0.5):
        a, s_plain = plain.update(np.array([g]), s_plain)
        b, s_nest = nesterov.update(np.array([g]), s_nest)
        assert a.tolist() == b.tolist()
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\), got 1\.0"):
        opt.nesterov(0.1, mu=1.0)
