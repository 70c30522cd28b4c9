"""The precision of what answers carry (foghill.precision): rounded as documented, and never
printed differently from the engine's number with the page's decimals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from foghill import precision
from foghill.contract import DISPLAY_DECIMALS
from foghill.engine.arrival import shown

numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
widths = st.floats(min_value=1e-3, max_value=1e5)


def printed(values: np.ndarray) -> list[str]:
    return [shown(float(v), DISPLAY_DECIMALS) for v in values]


@given(st.lists(numbers, min_size=1, max_size=40), widths)
@example([1.5150247651299125], 10.0)  # rounded to 1.515, a double that prints 1.51
def test_places_print_alike_and_lie_within_half_a_unit(values: list[float], width: float) -> None:
    engine = np.array(values)
    sent = precision.places(engine, width)
    assert printed(sent) == printed(engine)
    unit = 10.0 ** -precision.place_decimals(width)
    assert np.all(np.abs(sent - engine) <= 0.5 * unit * (1 + 1e-9) + 1e-12 * np.abs(engine))


@given(st.lists(numbers, min_size=1, max_size=40))
def test_heights_and_tilts_keep_their_figures(values: list[float]) -> None:
    engine = np.array(values)
    for round_, figures in ((precision.heights, 6), (precision.tilts, 4)):
        sent = round_(engine)
        assert printed(sent) == printed(engine)
        bound = 0.5 * 10.0 ** (1 - figures) * np.abs(engine) * (1 + 1e-9)
        assert np.all(np.abs(sent - engine) <= bound + 1e-12)


def test_the_documented_examples() -> None:
    # A map 8 wide: five decimals; heights 6 figures, tilts 4, JSON short.
    assert precision.place_decimals(8.0) == 5
    assert precision.place_decimals(0.02) == 7
    assert precision.place_decimals(5e5) == DISPLAY_DECIMALS + 1
    assert precision.places([1.23456789], 8.0).tolist() == [1.23457]
    assert precision.heights([0.000123456789, 98765.4321]).tolist() == [0.000123457, 98765.432]
    assert precision.tilts([-3.14159265]).tolist() == [-3.142]
    assert precision.width_of([[-2.0, 2.0], [-1.0, 0.5]]) == 4.0


def test_a_number_rounding_would_print_otherwise_is_sent_whole() -> None:
    # 0.004999995 prints 0.00; rounded to six figures it would be 0.005 and print 0.01.
    v = 0.004999995
    assert shown(float(f"{v:.6g}"), 2) != shown(v, 2)
    assert precision.heights([v]).tolist() == [v]


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 0.0, -0.0, 1e-300, 1e300])
def test_numbers_beyond_rounding_pass_as_they_are(value: float) -> None:
    for sent in (precision.heights([value]), precision.tilts([value])):
        assert sent[0] == value or (math.isnan(value) and math.isnan(sent[0]))


def test_numbers_too_large_to_scale_are_sent_whole() -> None:
    huge = np.array([1.5e307, -1.7e308])
    assert precision.heights(huge).tolist() == huge.tolist()
    assert precision.places(huge, 8.0).tolist() == huge.tolist()


def test_a_walk_keeps_its_start_as_given() -> None:
    # A widget matches a walk with its own start (a clicked point has many decimals).
    import foghill as fh

    land = fh.hills.by_name("himmelblau")
    start = (-0.123456789123, 4.98765432109)
    sent = precision.walk(fh.descend(land, start, learning_rate=0.001, max_steps=50), land.domain)
    assert sent.positions[0].tolist() == list(start)
    assert sent.positions[1].tolist() == precision.places(sent.positions[1], 10.0).tolist()
