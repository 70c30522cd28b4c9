"""Step-size regimes: the bowl thresholds, and what running the descent actually does."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import foghill as fh
from foghill.engine import hills
from foghill.engine.landscape import Landscape
from foghill.engine.regimes import Regimes, at_valley, classify, classify_by_bounds


def band_rates(r: Regimes) -> dict[str, float]:
    """A rate well inside each band."""
    return {
        "crawling": r.crawl_below / 2,
        "settled": math.sqrt(r.crawl_below * r.one_jump),
        "zigzag": 1.5 / r.curvature,
        "flew-off": 1.5 * r.fly_off,
    }


def test_bowl_thresholds_by_hand() -> None:
    r = at_valley(hills.BOWL, 3.0, max_steps=200)
    assert r.valley == 0.0
    assert r.curvature == 2.0
    assert r.one_jump == 0.5
    assert r.fly_off == 1.0
    # farthest start in the basin: 4 (the domain edge); settle distance 1e-6 / 2
    assert r.crawl_below == pytest.approx((1 - (0.5e-6 / 4.0) ** (1 / 200)) / 2.0, rel=1e-12)
    # ln(1.25e-7) / 200 = -0.0794748; (1 - exp(-0.0794748)) / 2 = 0.0381993
    assert r.crawl_below == pytest.approx(0.0381993, abs=1e-6)


def test_foggy_main_valley_thresholds() -> None:
    r = at_valley(hills.FOGGY, -1.0, max_steps=200)
    assert r.valley == pytest.approx(-1.5, abs=1e-9)
    assert r.curvature == pytest.approx(0.5, abs=1e-9)
    assert r.one_jump == pytest.approx(2.0, abs=1e-8)
    assert r.fly_off == pytest.approx(4.0, abs=1e-8)
    reach = hills.FOGGY.maxima[0] + 1.5  # to the ridge, farther than the left edge
    expected = (1 - (1e-6 / 0.5 / reach) ** (1 / 200)) / 0.5
    assert r.crawl_below == pytest.approx(expected, rel=1e-6)
    # the deepest valley is the default
    assert at_valley(hills.FOGGY) == r


def test_side_valley_has_its_own_thresholds() -> None:
    r = at_valley(hills.FOGGY, 2.5)
    assert r.valley == pytest.approx(2.2934308, abs=1e-6)
    assert r.fly_off < 0.25 < at_valley(hills.FOGGY, -1.0).crawl_below * 2


def test_crawl_below_grows_as_the_step_budget_shrinks() -> None:
    few = at_valley(hills.BOWL, 1.0, max_steps=20)
    many = at_valley(hills.BOWL, 1.0, max_steps=2000)
    assert few.crawl_below > many.crawl_below
    assert few.one_jump == many.one_jump


@pytest.mark.parametrize(
    ("hill", "start"),
    [
        (hills.BOWL, 3.0),
        (hills.BOWL, -3.5),
        (hills.BOWL, 0.5),
        (hills.FOGGY, -1.0),
        (hills.FOGGY, -3.5),
        (hills.FOGGY, 0.5),
        (hills.FOGGY, 1.25),
    ],
)
def test_each_band_produces_its_outcome_by_running(hill: Landscape, start: float) -> None:
    r = at_valley(hill, start, max_steps=200)
    for want, rate in band_rates(r).items():
        assert classify_by_bounds(rate, r) == want
        t = fh.descend(hill, start, learning_rate=rate, max_steps=200)
        assert t.outcome == want, (hill.name, start, rate)
        c = classify(hill, start, rate, 200)
        assert (c.by_bounds, c.by_run, c.agree) == (want, want, True)
        assert c.note.startswith(f"the run is {want}, as the bowl picture")


def test_foggy_bands_hold_across_the_main_valley() -> None:
    r = at_valley(hills.FOGGY, -1.0, max_steps=200)
    for start in (-3.75, -3.0, -2.25, -0.75, 0.0, 0.75):
        for k in (1.1, 1.9):
            assert (
                fh.descend(hills.FOGGY, start, learning_rate=k * r.one_jump, max_steps=200).outcome
                == "zigzag"
            )
        for k in (1.1, 2.0, 4.0):
            assert (
                fh.descend(hills.FOGGY, start, learning_rate=k * r.fly_off, max_steps=200).outcome
                == "flew-off"
            )


def test_classify_by_bounds_edges() -> None:
    r = Regimes(valley=0.0, curvature=2.0, crawl_below=0.04, one_jump=0.5, fly_off=1.0)
    assert classify_by_bounds(0.0399, r) == "crawling"
    assert classify_by_bounds(0.04, r) == "settled"
    assert classify_by_bounds(0.5, r) == "settled"  # one jump lands on the floor
    assert classify_by_bounds(0.5001, r) == "zigzag"
    assert classify_by_bounds(1.0, r) == "zigzag"  # bounces forever between two points
    assert classify_by_bounds(1.0001, r) == "flew-off"


def test_classify_says_when_the_bowl_picture_misses() -> None:
    # steep walls: the floor allows rates up to 2, but from 3 the first step flies off
    c = classify(hills.STEEP, 3.0, 1.5, 200)
    assert c.by_bounds == "zigzag"
    assert c.by_run == "flew-off"
    assert not c.agree
    assert "steeper than the floor" in c.note
    # the plateau: the floor says 0.5 settles, the nearly flat shelf makes it crawl
    c = classify(hills.PLATEAU, 3.9, 0.5, 200)
    assert (c.by_bounds, c.by_run, c.agree) == ("settled", "crawling", False)
    assert "flatter" in c.note


def test_at_valley_errors() -> None:
    with pytest.raises(ValueError, match="1-D hills only"):
        at_valley(hills.ROUND_BOWL)
    with pytest.raises(ValueError, match="no positive curvature"):
        at_valley(fh.landscape("abs(x)"))
    with pytest.raises(ValueError, match="has no valley"):
        at_valley(fh.landscape("x"))
    # x^3 - 3x: a valley at 1, a ridge at -1; left of the ridge the ground falls to the edge
    assert at_valley(fh.landscape("x^3 - 3*x"), 2.0).valley == pytest.approx(1.0, abs=1e-12)
    with pytest.raises(ValueError, match="runs off the left edge"):
        at_valley(fh.landscape("x^3 - 3*x"), -2.0)
    with pytest.raises(ValueError, match="runs off the right edge"):
        at_valley(fh.landscape("3*x - x^3"), 2.0)
    with pytest.raises(ValueError, match="max_steps must be at least 1"):
        at_valley(hills.BOWL, max_steps=0)


# ------------------------------------------------------------------ properties on a bowl
def bowl(curvature: float) -> Landscape:
    return fh.landscape(f"{curvature!r}/2*x^2")


curvatures = st.floats(min_value=0.1, max_value=10.0)
starts = st.floats(min_value=0.1, max_value=4.0) | st.floats(min_value=-4.0, max_value=-0.1)


@settings(max_examples=60, deadline=None)
@given(curvatures, starts, st.floats(min_value=0.05, max_value=0.95))
def test_plain_descent_converges_below_two_over_l(
    curvature: float, start: float, fraction: float
) -> None:
    rate = fraction * 2.0 / curvature
    t = fh.descend(bowl(curvature), start, learning_rate=rate, max_steps=2000)
    assert t.settled
    assert t.outcome in ("settled", "zigzag")
    assert abs(float(t.positions[-1])) <= 1e-6 / curvature * 1.0001


@settings(max_examples=60, deadline=None)
@given(curvatures, starts, st.floats(min_value=1.05, max_value=5.0))
def test_plain_descent_flies_off_above_two_over_l(
    curvature: float, start: float, fraction: float
) -> None:
    rate = fraction * 2.0 / curvature
    t = fh.descend(bowl(curvature), start, learning_rate=rate, max_steps=2000)
    assert t.outcome == "flew-off"
    assert not t.settled


@settings(max_examples=60, deadline=None)
@given(curvatures, starts, st.floats(min_value=0.01, max_value=0.99))
def test_loss_never_rises_below_one_over_l(curvature: float, start: float, fraction: float) -> None:
    rate = fraction / curvature
    t = fh.descend(bowl(curvature), start, learning_rate=rate, max_steps=300)
    assert all(b <= a for a, b in zip(t.losses, t.losses[1:], strict=False))
    assert t.outcome in ("settled", "crawling")  # never a zigzag below 1/L


def test_a_valley_too_flat_for_finite_thresholds_has_no_regimes() -> None:
    with pytest.raises(ValueError, match="too large to be written as numbers"):
        at_valley(fh.landscape("1e-320*x^2"))


def test_a_very_flat_valley_still_has_finite_thresholds() -> None:
    regimes = at_valley(fh.landscape("1e-300*x^2"))
    assert all(math.isfinite(v) for v in regimes)
    assert regimes.fly_off == pytest.approx(1e300)
