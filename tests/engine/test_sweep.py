"""A sweep equals descend() at every rate; the marks are the valley's 1/L and 2/L."""

from __future__ import annotations

import math

import pytest

from foghill.engine import formula, hills, optimizers, regimes
from foghill.engine.descent import descend
from foghill.engine.landscape import Landscape
from foghill.engine.sweep import log_rates, sweep


def _agrees(land: Landscape, start: object, optimizer: str, max_steps: int, count: int) -> None:
    rates = log_rates(1e-3, 2.0, count)
    found = sweep(land, start, rates, optimizer, max_steps)  # type: ignore[arg-type]
    assert list(found.rates) == list(rates)
    for k, rate in enumerate(rates):
        run = descend(
            land, start, optimizer=optimizers.by_name(optimizer, float(rate)), max_steps=max_steps
        )  # type: ignore[arg-type]
        assert found.outcomes[k] == run.outcome, rate
        assert found.steps[k] == run.n_steps, rate
        assert found.settled_at[k] == (run.n_steps if run.settled else None)
        final = found.final_loss[k]
        if run.outcome == "flew-off":
            assert final is None
        else:
            assert final is not None
            assert final == pytest.approx(float(run.losses[-1]), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("name", ["bowl", "foggy", "plateau", "steep", "bumpy"])
def test_gd_on_every_hill_equals_descend_per_rate(name: str) -> None:
    _agrees(hills.by_name(name), 2.0, "gd", 500, 120)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_other_optimizers_equal_descend_per_rate(optimizer: str) -> None:
    _agrees(hills.by_name("foggy"), -3.0, optimizer, 300, 25)


def test_a_2d_sweep_and_a_formula_sweep() -> None:
    _agrees(hills.by_name("narrow_valley"), (-3.5, 1.5), "gd", 300, 20)
    _agrees(formula.landscape("x^4/4 - x + 1", domain=[-3, 3]), 2.5, "gd", 400, 40)


def test_every_outcome_shows_up_on_the_bowl_in_order() -> None:
    """Timid rates crawl, then settle, then zig-zag in, then fly off (bowl: L = 2)."""
    found = sweep(hills.by_name("bowl"), 2.0, log_rates(1e-3, 2.0, 200), "gd", 500)
    order = ["crawling", "settled", "zigzag", "flew-off"]
    seen = [o for k, o in enumerate(found.outcomes) if k == 0 or o != found.outcomes[k - 1]]
    assert seen == order
    assert found.one_jump == 0.5
    assert found.fly_off == 1.0
    for rate, outcome in zip(found.rates, found.outcomes, strict=True):
        if rate > 1.0:
            assert outcome == "flew-off"
    assert found.best_rate is not None
    assert abs(found.best_rate - 0.5) < 0.05  # one jump lands on the floor


def test_marks_are_the_regimes_of_the_valley_the_start_drains_into() -> None:
    foggy = hills.by_name("foggy")
    found = sweep(foggy, 2.0, log_rates(1e-3, 1.0, 30), "gd", 200)
    r = regimes.at_valley(foggy, 2.0, max_steps=200)
    assert (found.one_jump, found.fly_off) == (r.one_jump, r.fly_off)


def test_2d_marks_come_from_the_largest_bend_at_the_minimum() -> None:
    found = sweep(hills.by_name("narrow_valley"), (-3.5, 1.5), log_rates(1e-3, 1.0, 20), "gd", 500)
    assert found.one_jump == pytest.approx(1 / 4)
    assert found.fly_off == pytest.approx(2 / 4)


def test_a_sweep_where_nothing_settles_has_no_best_rate() -> None:
    found = sweep(hills.by_name("bowl"), 3.0, log_rates(1e-4, 1e-3, 10), "gd", 5)
    assert found.best_rate is None
    assert set(found.outcomes) == {"crawling"}
    assert all(s == 5 for s in found.steps)


def test_rates_are_log_spaced_from_low_to_high() -> None:
    rates = log_rates(1e-3, 10.0, 5)
    assert list(rates) == pytest.approx([1e-3, 1e-2, 1e-1, 1.0, 10.0])
    assert rates[0] == 1e-3
    assert rates[-1] == 10.0
    with pytest.raises(ValueError, match="smaller to a larger"):
        log_rates(1.0, 0.5, 5)
    assert math.isfinite(rates[2])


def test_a_start_off_the_hill_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the domain"):
        sweep(hills.by_name("bowl"), 9.0, log_rates(0.01, 1.0, 10))


@pytest.mark.parametrize("name", ["foggy", "bowl", "plateau", "steep", "bumpy"])
def test_a_hills_array_functions_give_its_own_numbers_bit_for_bit(name: str) -> None:
    import numpy as np

    hill = hills.by_name(name)
    found = hills.array_functions(hill)
    assert found is not None
    loss, slope = found
    xs = np.linspace(-4.0, 4.0, 1001)
    assert loss(xs).tolist() == [hill.loss_fn(x) for x in xs.tolist()]
    assert slope(xs).tolist() == [hill.grad_fn(x) for x in xs.tolist()]
    with np.errstate(all="ignore"):  # as in a sweep: a run that far out has flown off
        far = loss(np.array([1e300]))
    # math's exp overflows to infinity there, as numpy's would (the plateau levels off at 1).
    assert far.tolist() == ([1.0] if name == "plateau" else [math.inf])


def test_only_the_built_in_hills_have_array_functions() -> None:
    assert hills.array_functions(hills.by_name("round_bowl")) is None
    assert hills.array_functions(formula.landscape("x^2", domain=[-1, 1])) is None
