"""Reached the floor, still crawling, first to a floor: what the screen can show (issue 17)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foghill.contract import DISPLAY_DECIMALS
from foghill.engine import arrival, hills, optimizers, regimes
from foghill.engine.descent import descend
from foghill.engine.race import Racer, race

D = DISPLAY_DECIMALS
VALLEY_START = (-3.5, 1.5)
#: The race of the finding: plain 0.5, AdaGrad 3, RMSProp 2.0, Adam 1.5 (momentum and
#: Nesterov at the map's own 0.05).
FINDING_RACERS = (
    Racer("gd", 0.5),
    Racer("momentum", 0.05, 0.9),
    Racer("nesterov", 0.05, 0.9),
    Racer("adagrad", 3.0),
    Racer("rmsprop", 2.0),
    Racer("adam", 1.5),
)


def _arrivals(name: str, start: tuple[float, float], racers: tuple[Racer, ...], steps: int = 1000):
    land = hills.by_name(name)
    runs = race(land, start, racers, max_steps=steps)
    return runs, [arrival.arrival(t, land, D) for t in runs]


def test_a_racer_that_zig_zags_into_the_floor_wins_the_race() -> None:
    runs, came = _arrivals("narrow_valley", VALLEY_START, FINDING_RACERS)
    by_name = {r.optimizer: (t, a) for r, t, a in zip(FINDING_RACERS, runs, came, strict=True)}
    adagrad, adagrad_came = by_name["adagrad"]
    assert adagrad.outcome == "zigzag"  # it zig-zagged on the way ...
    assert adagrad_came.floor_step is not None  # ... and arrived all the same
    assert adagrad_came.floor_step <= adagrad.n_steps == 17
    winners = arrival.winners([a.floor_step for a in came])
    assert [FINDING_RACERS[i].optimizer for i in winners] == ["adagrad"]
    # Nesterov (the old headline) got there later.
    nesterov_step = by_name["nesterov"][1].floor_step
    assert nesterov_step is not None
    assert nesterov_step > adagrad_came.floor_step


def test_a_racer_that_flies_off_on_its_first_step_took_one_step() -> None:
    runs, came = _arrivals("narrow_valley", VALLEY_START, FINDING_RACERS)
    rmsprop = runs[4]
    assert rmsprop.optimizer == "rmsprop"
    assert rmsprop.outcome == "flew-off"
    assert len(rmsprop.positions) == 1  # only the start is on the map ...
    assert rmsprop.n_steps == 1  # ... but one step was taken: the one that left
    assert came[4].floor_step is None


def test_flying_off_later_counts_the_step_that_left() -> None:
    t = descend(hills.BOWL, 0.5, learning_rate=1.1, max_steps=200)  # bounces grow 1.2x
    assert t.outcome == "flew-off"
    assert t.n_steps == len(t.positions) >= 2


def test_plain_descent_on_the_default_valley_arrived_rather_than_crawling() -> None:
    land = hills.by_name("narrow_valley")
    t = descend(land, VALLEY_START, learning_rate=0.05, max_steps=1000)
    assert t.outcome == "crawling"  # the tolerances were not met ...
    came = arrival.arrival(t, land, D)
    assert came.floor_step is not None  # ... yet it is on the floor as printed
    assert [arrival.shown(v, D) for v in t.positions[-1]] == ["0.00", "0.00"]
    assert arrival.shown(float(t.losses[-1]), D) == "0.00"
    assert not came.moving


def test_the_dial_tiny_preset_stops_short_and_says_how_far() -> None:
    r = regimes.at_valley(hills.BOWL, 2.0, max_steps=200)
    tiny = float(f"{r.crawl_below / 4:.2g}")  # the dial's Tiny preset
    t = descend(hills.BOWL, 2.0, learning_rate=tiny, max_steps=200)
    came = arrival.arrival(t, hills.BOWL, D)
    assert came.floor_step is None  # x = 0.04 is not the floor's 0.00 ...
    assert not came.moving  # ... and its last steps are too small to see
    assert came.nearest is not None
    assert came.nearest.at == (0.0,)
    assert came.distance is not None
    assert came.distance == pytest.approx(abs(float(t.positions[-1])))
    assert 0.005 < came.distance < 0.1


def test_adam_on_himmelblau_reaches_a_floor_though_its_outcome_is_crawling() -> None:
    land = hills.by_name("himmelblau")
    t = descend(land, (-4.0, -1.0), optimizer=optimizers.by_name("adam", 2.0), max_steps=200)
    assert t.outcome == "crawling"
    came = arrival.arrival(t, land, D)
    assert came.floor_step is not None
    assert not came.moving
    assert float(t.losses[-1]) < 1e-6


def test_a_walk_still_going_downhill_is_moving() -> None:
    t = descend(hills.PLATEAU, 3.5, learning_rate=0.1, max_steps=200)
    came = arrival.arrival(t, hills.PLATEAU, D)
    assert t.outcome == "crawling"
    assert came.floor_step is None
    fell = float(t.losses[-11] - t.losses[-1])
    moved = abs(float(t.positions[-1] - t.positions[-11]))
    assert came.moving == (fell > 0 and (fell >= 0.01 or moved >= 0.01))


def test_winners_name_ties_and_nobody() -> None:
    assert arrival.winners([3, None, 3, 5]) == [0, 2]
    assert arrival.winners([None, None]) == []
    assert arrival.winners([7]) == [0]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.125, "0.13"),  # a half, exactly: away from zero, as toFixed does
        (-0.125, "-0.13"),
        (1.005, "1.00"),  # really 1.00499999...
        (-0.001, "0.00"),  # no "-0.00"
        (2.0, "2.00"),
        (math.inf, "—"),
    ],
)
def test_numbers_print_as_the_page_prints_them(value: float, text: str) -> None:
    assert arrival.shown(value, 2) == text


def test_the_lessons_claim_momentum_reaches_the_valley_floor_in_a_third_of_the_steps() -> None:
    """The lesson: momentum at 0.5 keeping 0.5 reaches the floor in under a third of the steps
    plain descent needs at any step size (the race below it shows plain at 0.45)."""
    land = hills.by_name("narrow_valley")
    fast = descend(land, VALLEY_START, optimizer=optimizers.momentum(0.5, 0.5), max_steps=1000)
    fast_step = arrival.arrival(fast, land, D).floor_step
    assert fast_step is not None
    for rate in np.geomspace(1e-3, 0.6, 120):
        plain = descend(land, VALLEY_START, learning_rate=float(rate), max_steps=1000)
        step = arrival.arrival(plain, land, D).floor_step
        assert step is None or step > 3 * fast_step, rate
