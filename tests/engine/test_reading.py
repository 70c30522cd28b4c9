"""engine.reading: a checked syntax tree becomes sympy part by part, or is refused at a column.

Most formulas reach it through formula.parse (tests/engine/test_formula.py); these call
reading.read directly on trees of ``ast.parse``, so what it does alone is pinned down.
"""

from __future__ import annotations

import ast

import pytest
import sympy as sp

from foghill.engine import reading
from foghill.engine.formula_rules import MAX_EXPONENT, FormulaError
from foghill.engine.symbols import X, Y


def read(source: str) -> sp.Expr:
    """What reading makes of ``source`` (Python syntax, columns counted from 1)."""
    tree = ast.parse(source, mode="eval")
    return reading.read(tree, source, source, list(range(1, len(source) + 1)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x**2 + sin(y)", X**2 + sp.sin(Y)),
        ("2**3*x", 8 * X),
        ("-x/4 + pi", -X / 4 + sp.pi),
        ("exp(1)*x", sp.E * X),
        ("abs(x - 1)", sp.Abs(X - 1)),
    ],
)
def test_each_allowed_part_becomes_its_sympy_counterpart(source: str, expected: sp.Expr) -> None:
    assert sp.simplify(read(source) - expected) == 0


@pytest.mark.parametrize(
    ("source", "column", "words"),
    [
        ("x + foo(x)", 5, "foo"),
        ("x + z", 5, "z"),
        ("x.real", 1, ""),
        ("[x][0]", 1, ""),
    ],
)
def test_anything_else_is_refused_at_its_column(source: str, column: int, words: str) -> None:
    with pytest.raises(FormulaError) as refused:
        read(source)
    assert refused.value.column == column
    assert words in refused.value.message


def test_an_exponent_past_the_limit_is_refused() -> None:
    with pytest.raises(FormulaError, match="exponent"):
        read(f"x**{MAX_EXPONENT + 1}")
    assert read(f"x**{MAX_EXPONENT}") == X**MAX_EXPONENT


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("x/(x - x)", "divides by zero"),
        ("sqrt(-1)*x", "'sqrt(-1)' has no finite real value at column 1"),
        ("x + log(x - x)", "'log(x - x)' has no finite real value at column 5"),
    ],
)
def test_a_part_with_no_real_value_is_refused_in_words(source: str, words: str) -> None:
    with pytest.raises(FormulaError) as refused:
        read(source)
    assert words in refused.value.message
