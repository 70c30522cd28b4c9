"""descend(): outcomes, the frozen trajectory, argument checks, determinism."""

from __future__ import annotations

import math

import numpy as np
import pytest

import foghill as fh
from foghill.engine import hills
from foghill.engine.descent import Trajectory


def test_teachers_call_on_the_foggy_hill_settles_in_the_side_valley() -> None:
    t = fh.descend(fh.hills.FOGGY, start=2.5, learning_rate=0.1, max_steps=500)
    assert t.outcome == "settled"
    assert t.settled
    side = fh.hills.FOGGY.minima[1]
    assert float(t.positions[-1]) == pytest.approx(side, abs=1e-5)
    assert t.learning_rate == 0.1
    assert t.optimizer == "gd"


@pytest.mark.parametrize("start", [-3.9, -3.0, -1.0, 0.0, 1.0, 1.5])
def test_foggy_hill_left_starts_settle_in_the_main_valley(start: float) -> None:
    t = fh.descend(fh.hills.FOGGY, start=start, learning_rate=0.5, max_steps=500)
    assert t.outcome == "settled"
    assert float(t.positions[-1]) == pytest.approx(-1.5, abs=1e-5)


@pytest.mark.parametrize("start", [1.6, 2.0, 2.5, 3.5])
def test_foggy_hill_right_starts_settle_in_the_side_valley(start: float) -> None:
    t = fh.descend(fh.hills.FOGGY, start=start, learning_rate=0.05, max_steps=500)
    assert t.outcome == "settled"
    assert float(t.positions[-1]) == pytest.approx(2.2934308, abs=1e-5)


def test_plain_descent_is_the_rule_theta_minus_eta_grad() -> None:
    t = fh.descend(hills.BOWL, 3.0, learning_rate=0.1, max_steps=3)
    # on x^2: x <- x - 0.1 * 2x = 0.8 x
    np.testing.assert_allclose(t.positions, [3.0, 2.4, 1.92, 1.536], rtol=1e-15)
    np.testing.assert_allclose(t.losses, [9.0, 5.76, 3.6864, 2.359296], rtol=1e-14)
    np.testing.assert_allclose(t.gradients, [6.0, 4.8, 3.84, 3.072], rtol=1e-15)
    np.testing.assert_allclose(t.steps, [-0.6, -0.48, -0.384], rtol=1e-12)
    assert t.n_steps == 3
    assert t.outcome == "crawling"
    assert not t.settled


def test_trajectory_shapes_and_consistency() -> None:
    t = fh.descend(hills.FOGGY, 2.5, learning_rate=0.1)
    n = t.n_steps
    assert t.positions.shape == (n + 1,)
    assert t.losses.shape == (n + 1,)
    assert t.gradients.shape == (n + 1,)
    assert t.steps.shape == (n,)
    np.testing.assert_array_equal(t.steps, np.diff(t.positions))
    for x, loss, g in zip(t.positions, t.losses, t.gradients, strict=True):
        assert loss == hills.FOGGY.loss(float(x))
        assert g == hills.FOGGY.grad(float(x))
    assert t.final == float(t.positions[-1])


def test_trajectory_is_frozen() -> None:
    t = fh.descend(hills.BOWL, 1.0, learning_rate=0.1)
    with pytest.raises(ValueError, match="read-only"):
        t.positions[0] = 5.0
    with pytest.raises(AttributeError):
        t.outcome = "settled"  # type: ignore[misc]


def test_settled_means_the_tolerances_were_met() -> None:
    t = fh.descend(hills.BOWL, 3.0, learning_rate=0.3, step_tol=1e-4, grad_tol=1e-3)
    assert t.outcome == "settled"
    assert abs(t.steps[-1]) <= 1e-4
    assert abs(t.gradients[-1]) <= 1e-3
    # and it stopped at the first step that met them
    assert not (abs(t.steps[-2]) <= 1e-4 and abs(t.gradients[-2]) <= 1e-3)


def test_start_on_the_floor_settles_in_one_step() -> None:
    t = fh.descend(hills.BOWL, 0.0, learning_rate=0.1)
    assert t.outcome == "settled"
    assert t.n_steps == 1


def test_zigzag_converging_is_zigzag_and_settled() -> None:
    t = fh.descend(hills.BOWL, 3.0, learning_rate=0.75, max_steps=200)
    assert t.outcome == "zigzag"
    assert t.settled
    assert np.all(t.steps[1:] * t.steps[:-1] < 0)


def test_zigzag_that_never_settles() -> None:
    # exactly 2/L on a bowl: the ball bounces between 3 and -3 forever
    t = fh.descend(hills.BOWL, 3.0, learning_rate=1.0, max_steps=50)
    assert t.outcome == "zigzag"
    assert not t.settled
    assert t.n_steps == 50


def test_flew_off_keeps_only_positions_inside_the_domain() -> None:
    t = fh.descend(hills.BOWL, 3.0, learning_rate=1.5, max_steps=200)
    assert t.outcome == "flew-off"
    assert not t.settled
    assert np.all(np.abs(t.positions) <= 4.0)
    assert np.all(np.isfinite(t.positions))
    # one more step would have left: x <- x - 1.5*2x = -2x
    assert abs(-2.0 * t.positions[-1]) > 4.0
    # that step was taken, though not stored: it counts (issue 17, "after 0 steps")
    assert t.n_steps == len(t.positions)


def test_flew_off_where_the_loss_is_undefined() -> None:
    # log(x) slopes down towards 0; a step past 0 finds no loss at all
    t = fh.descend(fh.landscape("log(x)"), 1.0, learning_rate=2.0, max_steps=100)
    assert t.outcome == "flew-off"
    assert np.all(t.positions > 0.0)
    assert np.all(np.isfinite(t.losses))


def test_crawling_on_the_plateau() -> None:
    t = fh.descend(hills.PLATEAU, 3.5, learning_rate=0.1, max_steps=200)
    assert t.outcome == "crawling"
    assert t.n_steps == 200
    assert abs(t.steps[0]) < 0.01  # the shelf is nearly flat


def test_steep_walls_throw_a_moderate_step_off_the_hill() -> None:
    # the floor alone (curvature 1) would allow any rate below 2
    t = fh.descend(hills.STEEP, 3.0, learning_rate=1.0, max_steps=200)
    assert t.outcome == "flew-off"


def test_formula_landscape_descent() -> None:
    t = fh.descend(fh.landscape("0.1*x^4 - x^2"), 1.0, learning_rate=0.05, max_steps=1000)
    assert t.outcome == "settled"
    assert float(t.positions[-1]) == pytest.approx(math.sqrt(5.0), abs=1e-5)


@pytest.mark.parametrize("name", ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_every_optimizer_reaches_the_bowl_floor(name: str) -> None:
    rate = {
        "gd": 0.1,
        "momentum": 0.05,
        "nesterov": 0.05,
        "adagrad": 1.0,
        "rmsprop": 0.01,
        "adam": 0.1,
    }[name]
    t = fh.descend(hills.BOWL, 3.0, optimizer=fh.optimizers.by_name(name, rate), max_steps=5000)
    assert t.optimizer == name
    assert t.learning_rate == rate
    assert t.outcome in ("settled", "zigzag")
    assert abs(float(t.positions[-1])) < 1e-3


def test_two_d_descent_on_the_round_bowl() -> None:
    t = fh.descend(hills.ROUND_BOWL, (3.0, 2.0), learning_rate=0.1, max_steps=500)
    assert t.outcome == "settled"
    assert t.positions.shape == (t.n_steps + 1, 2)
    assert t.gradients.shape == (t.n_steps + 1, 2)
    assert t.steps.shape == (t.n_steps, 2)
    np.testing.assert_allclose(t.positions[1], [2.4, 1.6], rtol=1e-15)
    np.testing.assert_allclose(t.positions[-1], [0.0, 0.0], atol=1e-6)
    assert t.final == (float(t.positions[-1, 0]), float(t.positions[-1, 1]))


def test_two_d_zigzag_across_the_narrow_valley() -> None:
    # y curvature 4: a rate of 0.49 (just under 2/4) bounces across the valley while the
    # bounces die slowly (factor -0.96 a step); along x (curvature 0.2) it glides in
    t = fh.descend(hills.NARROW_VALLEY, (-3.5, 1.5), learning_rate=0.49, max_steps=3000)
    assert t.outcome == "zigzag"
    assert t.settled
    # at 0.4 the bounces die within a few steps and the long glide along x dominates
    t = fh.descend(hills.NARROW_VALLEY, (-3.5, 1.5), learning_rate=0.4, max_steps=3000)
    assert t.outcome == "settled"


def test_two_d_adam_on_rosenbrock_gets_close() -> None:
    t = fh.descend(
        hills.ROSENBROCK, (-1.5, 2.0), optimizer=fh.optimizers.adam(0.02), max_steps=5000
    )
    assert t.outcome != "flew-off"
    np.testing.assert_allclose(t.positions[-1], [1.0, 1.0], atol=2e-2)
    assert t.losses[-1] < 1e-3 < t.losses[0]


def test_same_call_gives_identical_arrays() -> None:
    def run_all() -> list[Trajectory]:
        return [
            fh.descend(hills.FOGGY, 2.5, learning_rate=0.1),
            fh.descend(hills.BUMPY, 3.0, optimizer=fh.optimizers.momentum(0.05)),
            fh.descend(hills.HIMMELBLAU, (0.0, 0.0), optimizer=fh.optimizers.adam(0.1)),
            fh.descend(fh.landscape("sin(3*x) + x^2/4"), 1.0, learning_rate=0.2),
        ]

    for a, b in zip(run_all(), run_all(), strict=True):
        for field in ("positions", "losses", "gradients", "steps"):
            assert np.array_equal(getattr(a, field), getattr(b, field))
        assert (a.outcome, a.n_steps, a.settled) == (b.outcome, b.n_steps, b.settled)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": math.nan, "learning_rate": 0.1}, "the start must be finite"),
        ({"start": math.inf, "learning_rate": 0.1}, "the start must be finite"),
        ({"start": 4.5, "learning_rate": 0.1}, r"the start 4.5 lies outside the domain \[-4, 4\]"),
        ({"start": 1.0, "learning_rate": 0.0}, "the learning rate must be a finite number above 0"),
        ({"start": 1.0, "learning_rate": -1.0}, "learning rate must be a finite number above 0"),
        ({"start": 1.0, "learning_rate": math.nan}, "learning rate must be a finite number above"),
        ({"start": 1.0, "learning_rate": math.inf}, "learning rate must be a finite number above"),
        ({"start": 1.0, "learning_rate": 0.1, "max_steps": 0}, "max_steps must be at least 1"),
        ({"start": 1.0, "learning_rate": 0.1, "max_steps": 2.5}, "max_steps must be a whole"),
        ({"start": 1.0}, "give exactly one of learning_rate or optimizer"),
        (
            {"start": 1.0, "learning_rate": 0.1, "optimizer": fh.optimizers.gd(0.1)},
            "give exactly one of learning_rate or optimizer",
        ),
        ({"start": (1.0, 2.0), "learning_rate": 0.1}, "the start on a 1-D landscape is one number"),
        ({"start": 1.0, "learning_rate": 0.1, "grad_tol": -1.0}, "grad_tol must be a finite"),
    ],
)
def test_bad_arguments_are_refused_clearly(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fh.descend(hills.BOWL, **kwargs)  # type: ignore[arg-type]


def test_bad_arguments_in_two_d() -> None:
    with pytest.raises(ValueError, match=r"is a point \(x, y\)"):
        fh.descend(hills.ROUND_BOWL, 1.0, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"lies outside the domain \[-2, 2\] x \[-1, 3\]"):
        fh.descend(hills.ROSENBROCK, (0.0, 5.0), learning_rate=0.1)
    with pytest.raises(ValueError, match="must be finite"):
        fh.descend(hills.ROSENBROCK, (0.0, math.nan), learning_rate=0.1)


def test_undefined_start_is_refused() -> None:
    with pytest.raises(ValueError, match="the loss has no finite value at the start x = -1"):
        fh.descend(fh.landscape("log(x)"), -1.0, learning_rate=0.1)
    with pytest.raises(ValueError, match="the loss has no finite value at the start x = 0"):
        fh.descend(fh.landscape("1/abs(x) + x^2"), 0.0, learning_rate=0.1)
