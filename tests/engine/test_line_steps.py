"""The line fit's step sizes, read off its bowl: the words a teacher is told must be true.

"For these dots a step of S walks straight in; above F the line flies off": checked against
the walk itself on dots of every scale, and for years as x once x is counted from the middle.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foghill.engine.linefit import Dots, fit, starting_settings, step_sizes

HOURS = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
SCORES = [52.0, 55.0, 60.0, 64.0, 70.0, 74.0, 79.0, 83.0]
YEARS = [float(v) for v in range(2000, 2021)]
PPM = [370.0 + 2.0 * i + 0.3 * (i % 3) for i in range(21)]


def test_the_bowls_curvatures_are_the_hessians_eigenvalues() -> None:
    dots = Dots(HOURS, SCORES)
    a, m, c = dots.hessian(0.0, 0.0)
    steep, gentle = sorted(np.linalg.eigvalsh([[a, m], [m, c]]), reverse=True)
    sizes = step_sizes(dots)
    assert sizes.steep == pytest.approx(steep, rel=1e-12)
    assert sizes.gentle == pytest.approx(gentle, rel=1e-9)
    assert sizes.fly_off == pytest.approx(2 / steep)
    assert sizes.one_jump == pytest.approx(1 / steep)


def test_hours_counted_from_zero_say_what_the_issue_measured() -> None:
    """Hours 1-8: about 0.019 walks straight in, above 0.038 the line flies off (the README's
    old default of 0.05 flew off), but from 0 it needs about 2,200 steps."""
    sizes = step_sizes(Dots(HOURS, SCORES))
    assert (sizes.suggested, round(sizes.fly_off, 3)) == (0.019, 0.038)
    assert fit(Dots(HOURS, SCORES), learning_rate=0.05, max_steps=300).outcome == "flew-off"
    assert 2000 < sizes.steps_needed < 2400


@pytest.mark.parametrize(("x", "y", "x_from"), [(HOURS, SCORES, 4.0), (YEARS, PPM, 2010.0)])
def test_own_dots_settle_with_the_settings_chosen_for_them(
    x: list[float], y: list[float], x_from: float
) -> None:
    chosen = starting_settings(x, y)
    assert chosen.x_from == x_from
    assert 300 <= chosen.max_steps <= 1200
    dots = Dots(np.asarray(x) - chosen.x_from, y)
    run = fit(dots, learning_rate=chosen.learning_rate, max_steps=chosen.max_steps)
    assert run.outcome == "settled"


def test_years_counted_from_zero_cannot_settle_and_are_not_counted_so() -> None:
    sizes = step_sizes(Dots(YEARS, PPM))
    assert sizes.steep / sizes.gentle > 1e8  # a trough 100 million times steeper one way
    assert sizes.steps_needed > 5000
    assert starting_settings(YEARS, PPM, x_from=0.0).x_from == 0.0  # the caller's choice holds


def test_dots_that_settle_counted_from_zero_are_left_so() -> None:
    """x = 0..3 (help(fh.LineFit)'s example) settles from 0 within 300 steps: b stays the
    height at x = 0."""
    for x in ([-2.0, -1.0, 0.0, 1.0, 2.5], [0.0, 1.0, 2.0, 3.0]):
        chosen = starting_settings(x, [1.0, 2.0, 2.5, 4.0, 5.0][: len(x)])
        assert chosen.x_from == 0.0
        assert step_sizes(Dots(x, [1.0, 2.0, 2.5, 4.0, 5.0][: len(x)])).steps_needed <= 300


@settings(max_examples=50, deadline=None)
@given(
    scale=st.sampled_from([1e-2, 1.0, 30.0]),
    offset=st.sampled_from([0.0, 5.0, -40.0]),
    slope=st.floats(-5, 5),
    height=st.floats(-100, 100),
    noise=st.lists(st.floats(-1, 1), min_size=5, max_size=5),
)
def test_the_words_about_step_sizes_hold_on_any_dots(
    scale: float, offset: float, slope: float, height: float, noise: list[float]
) -> None:
    x = offset + scale * np.array([0.0, 1.0, 2.0, 3.5, 4.0])
    y = slope * x + height + np.asarray(noise)
    chosen = starting_settings(x, y)
    dots = Dots(x - chosen.x_from, y)
    sizes = step_sizes(dots, max_steps=chosen.max_steps)
    walk = fit(dots, learning_rate=sizes.suggested, max_steps=chosen.max_steps)
    if sizes.steps_needed <= chosen.max_steps:
        assert walk.outcome == "settled", (sizes, walk.n_steps)  # "walks straight in"
        assert abs(walk.n_steps - sizes.steps_needed) <= 1  # "needs about N steps"
    else:
        assert walk.outcome == "crawling"  # the words say it needs more steps
    if sizes.steps_needed > 1:  # (a start already on the floor stays there at any step)
        bold = fit(dots, learning_rate=sizes.fly_off * 1.05, max_steps=5000)
        assert bold.outcome == "flew-off"
    assert fit(dots, learning_rate=sizes.fly_off * 0.95, max_steps=50).outcome != "flew-off"
    if 1 < sizes.steps_needed <= chosen.max_steps and 0 < sizes.crawl_below < sizes.suggested:
        slow = fit(dots, learning_rate=sizes.crawl_below * 0.5, max_steps=chosen.max_steps)
        assert slow.outcome == "crawling"  # "steps under C run out before the bottom"
