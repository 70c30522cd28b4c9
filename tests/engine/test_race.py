"""A race is descend() once per racer, exactly; the default line-ups tell each surface's story."""

from __future__ import annotations

import numpy as np
import pytest

from foghill.engine import formula, hills, optimizers
from foghill.engine.descent import Trajectory, descend
from foghill.engine.race import (
    DEFAULT_RACERS,
    MAX_RACERS,
    Racer,
    default_racers,
    race,
    three_rates,
)

SURFACES = ("round_bowl", "narrow_valley", "rosenbrock", "himmelblau", "saddle")


def _same(a: Trajectory, b: Trajectory) -> None:
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.losses, b.losses)
    np.testing.assert_array_equal(a.gradients, b.gradients)
    assert (a.outcome, a.settled, a.n_steps, a.optimizer, a.learning_rate) == (
        b.outcome,
        b.settled,
        b.n_steps,
        b.optimizer,
        b.learning_rate,
    )


@pytest.mark.parametrize("name", SURFACES)
def test_each_run_is_descend_with_that_optimizer(name: str) -> None:
    land = hills.by_name(name)
    racers = default_racers(land)
    runs = race(land, land.start, racers, max_steps=1000)
    assert [t.optimizer for t in runs] == [r.optimizer for r in racers]
    for racer, run in zip(racers, runs, strict=True):
        if racer.optimizer in ("momentum", "nesterov"):
            factory = getattr(optimizers, racer.optimizer)
            rule = factory(racer.learning_rate, 0.9 if racer.momentum is None else racer.momentum)
        else:
            rule = optimizers.by_name(racer.optimizer, racer.learning_rate)
        _same(run, descend(land, land.start, optimizer=rule, max_steps=1000))


def test_momentum_is_the_racers_own() -> None:
    land = hills.by_name("narrow_valley")
    slow, fast = race(
        land, (-3.0, 1.0), [Racer("momentum", 0.05, 0.5), Racer("momentum", 0.05, 0.9)], 300
    )
    _same(slow, descend(land, (-3.0, 1.0), optimizer=optimizers.momentum(0.05, 0.5), max_steps=300))
    assert slow.n_steps != fast.n_steps


def test_a_race_on_a_1d_hill_and_on_a_formula() -> None:
    hill = hills.by_name("foggy")
    (run,) = race(hill, 2.0, [Racer("adam", 0.1)], 200)
    _same(run, descend(hill, 2.0, optimizer=optimizers.adam(0.1), max_steps=200))
    surface = formula.landscape("x^2 + 3*y^2 - x*y", domain=[[-3, 3], [-3, 3]])
    racers = default_racers(surface)
    assert [r.optimizer for r in racers] == list(optimizers.NAMES)
    runs = race(surface, (2.0, -2.0), racers, 500)
    assert all(t.outcome in ("settled", "crawling", "zigzag") for t in runs)


def test_narrow_valley_plain_descent_crawls_while_momentum_arrives() -> None:
    land = hills.by_name("narrow_valley")
    runs = {t.optimizer: t for t in race(land, land.start, DEFAULT_RACERS[land.name], 1000)}
    assert runs["gd"].outcome == "crawling"
    assert runs["momentum"].outcome == "settled"
    assert runs["momentum"].n_steps < 500


def test_saddle_plain_descent_stalls_by_the_saddle_point() -> None:
    land = hills.by_name("saddle")
    runs = {t.optimizer: t for t in race(land, land.start, DEFAULT_RACERS[land.name], 1000)}
    _x, y = runs["gd"].final
    assert runs["gd"].outcome == "crawling"
    assert abs(y) < 0.2  # still by the ridge line y = 0, far from the valleys at y = +-1.41
    for name in ("momentum", "adam", "rmsprop"):
        assert runs[name].outcome == "settled"
        assert abs(abs(runs[name].final[1]) - 2**0.5) < 1e-3


def test_every_default_line_up_has_the_six_optimizers() -> None:
    for name in SURFACES:
        assert [r.optimizer for r in DEFAULT_RACERS[name]] == list(optimizers.NAMES)


@pytest.mark.parametrize("count", [0, MAX_RACERS + 1])
def test_too_few_or_too_many_racers_are_refused(count: int) -> None:
    land = hills.by_name("round_bowl")
    with pytest.raises(ValueError, match="1 to 6 racers"):
        race(land, land.start, [Racer("gd", 0.1)] * count)


def test_a_bad_racer_is_refused() -> None:
    land = hills.by_name("round_bowl")
    with pytest.raises(ValueError, match="learning rate"):
        race(land, land.start, [Racer("gd", -1.0)])
    with pytest.raises(ValueError, match="unknown optimizer"):
        race(land, land.start, [Racer("sgd", 0.1)])


@pytest.mark.parametrize("name", optimizers.NAMES)
def test_the_float_pair_rule_is_the_array_rule_to_the_last_bit(name: str) -> None:
    """The 2-D walk's fast path (Optimizer.pair) against update() on (2,) arrays, over
    gradients from tiny to huge, of both signs, for 300 steps of state."""
    rng = np.random.default_rng(8)
    rule = optimizers.by_name(name, 0.037)
    state = rule.init(np.zeros(2))
    pair_state = rule.pair_init()
    for _ in range(300):
        g = rng.normal(size=2) * 10.0 ** rng.integers(-8, 9, size=2)
        step, state = rule.update(g, state)
        sx, sy, pair_state = rule.pair(float(g[0]), float(g[1]), pair_state)
        assert (sx, sy) == (float(step[0]), float(step[1]))


def test_a_2d_walk_is_the_generic_rule_step_by_step() -> None:
    """descend() in 2-D (the float path) against the rule applied with numpy arrays."""
    land = hills.by_name("himmelblau")
    for name in optimizers.NAMES:
        rule = optimizers.by_name(name, 0.01)
        run = descend(land, (0.5, -0.5), optimizer=rule, max_steps=150)
        p, state = np.array([0.5, -0.5]), rule.init(np.zeros(2))
        for k in range(run.n_steps):
            step, state = rule.update(np.array(land.grad(p)), state)
            p = p + step
            assert tuple(p) == tuple(run.positions[k + 1])


def test_three_rates_crawl_settle_and_zigzag_on_every_1d_hill() -> None:
    """Every built-in hill but the steep one, whose walls bend ever more sharply than its
    floor: the bold step, right for the floor, is too bold up the wall and flies off."""
    steep = hills.by_name("steep")
    bold = three_rates(steep, 3.0, 200)[2]
    assert descend(steep, 3.0, learning_rate=bold, max_steps=200).outcome == "flew-off"
    for name, start in (("bowl", 3.0), ("foggy", 2.5), ("plateau", 1.0), ("bumpy", 3.0)):
        hill = hills.by_name(name)
        rates = three_rates(hill, start, 200)
        assert rates[0] < rates[1] < rates[2]
        runs = [descend(hill, start, learning_rate=r, max_steps=200) for r in rates]
        assert [t.outcome for t in runs] == ["crawling", "settled", "zigzag"], name


def test_three_rates_on_a_surface_come_from_its_largest_bend() -> None:
    assert three_rates(hills.by_name("narrow_valley"), (1.0, 1.0), 200) == (0.0025, 0.138, 0.425)
    with pytest.raises(ValueError, match="no valley"):
        three_rates(formula.landscape("x + y", domain=[[-1, 1], [-1, 1]]), (0.0, 0.0), 200)
