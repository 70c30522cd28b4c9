"""building.formulas: which lane a formula starts in, guessed from its text alone."""

from __future__ import annotations

import pytest

from foghill.building.formulas import SIMPLE_DEPTH, SIMPLE_LENGTH, looks_simple


@pytest.mark.parametrize("text", ["x^2", "sin(x) + cos(y)", "0.3*x^4 - x^2 + 0.1*x"])
def test_short_shallow_formulas_look_simple(text: str) -> None:
    assert looks_simple(text)


@pytest.mark.parametrize(
    "text",
    [
        "x + " * (SIMPLE_LENGTH // 4) + "x",  # too long
        "sin(x) + cos(x) + tan(x) + exp(x)",  # too many functions
        "(" * (SIMPLE_DEPTH + 1) + "x" + ")" * (SIMPLE_DEPTH + 1),  # too deep
    ],
)
def test_long_busy_or_deep_formulas_go_to_the_full_lane(text: str) -> None:
    assert not looks_simple(text)
