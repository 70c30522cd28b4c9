"""Formulas from people: hostile text refused quickly and clearly, honest text read right."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import foghill as fh
from foghill.engine import symbolic
from foghill.engine.formula import parse, warm_up
from foghill.engine.formula_rules import FormulaError

from .helpers import close, fd_1d, fd_2d


@pytest.fixture(scope="module", autouse=True)
def _sympy_warm() -> None:
    """sympy loaded and its caches warm, as a server has them before the first formula."""
    warm_up()


# (text, the exact message, the column)
HOSTILE: list[tuple[str, str, int | None]] = [
    ("os", "unknown name 'os' at column 1", 1),
    ("x + os", "unknown name 'os' at column 5", 5),
    ("9**9**9", "the exponent '9**9' is too large (at most 10 in size) at column 4", 4),
    ("x**10**10", "a power of a power (like x^2^3) is not allowed at column 4", 4),
    ("x^2^3", "a power of a power (like x^2^3) is not allowed at column 3", 3),
    ("(x^2)^3", "a power of a power (like (x^2)^3) is not allowed at column 2", 2),
    ("x^(2^3)", "a power of a power (like x^2^3) is not allowed at column 4", 4),
    ("x^(y^2)", "a power of a power (like x^2^3) is not allowed at column 4", 4),
    ("x^11", "the exponent '11' is too large (at most 10 in size) at column 3", 3),
    ("x^-11", "the exponent '-11' is too large (at most 10 in size) at column 3", 3),
    (
        "x^x",
        "an exponent with x or y needs a positive number as its base (like e^(-x^2) or 2^x) "
        "at column 3",
        3,
    ),
    (
        "(-2)^x",
        "an exponent with x or y needs a positive number as its base (like e^(-x^2) or 2^x) "
        "at column 6",
        6,
    ),
    ("(" * 100_000, "the formula is too long: 100000 characters, at most 200 at column 201", 201),
    (
        "x+" * 60_000 + "x",
        "the formula is too long: 120001 characters, at most 200 at column 201",
        201,
    ),
    ("(" * 25 + "x" + ")" * 25, "too many nested parentheses (at most 20 deep) at column 21", 21),
    ("x.__class__", "attribute access (a '.' after a name) not allowed at column 1", 1),
    ("(x).__class__.__bases__", "attribute access (a '.' after a name) not allowed at column 1", 1),
    ("lambda: 1", "lambda not allowed at column 1", 1),
    ("lambda x: x", "lambda not allowed at column 1", 1),
    (
        "import os",
        "could not read the formula (a number, name or operator is missing or extra) at column 1",
        1,
    ),
    ("'os'", "text strings are not allowed at column 1", 1),
    ('x + "a"', "text strings are not allowed at column 5", 5),
    ("f'{x}'", "text strings not allowed at column 1", 1),
    ("b'x'", "text strings are not allowed at column 1", 1),
    ("foo(x)", "unknown function 'foo' at column 1", 1),
    ("__import__('os')", "unknown function '__import__' at column 1", 1),
    ("eval('1')", "unknown function 'eval' at column 1", 1),
    ("sin(x=1)", "sin() takes no named arguments at column 7", 7),
    ("sin(*x)", "starred arguments (*) not allowed at column 1", 1),
    ("sin(x, x)", "sin() takes exactly one argument, got 2 at column 1", 1),
    ("sin()", "sin() takes exactly one argument, got 0 at column 1", 1),
    ("sin", "sin is a function: write sin(...) at column 1", 1),
    ("x(2)", "x is not a function; write x*(...) to multiply at column 1", 1),
    (
        "sin(x)(x)",
        "only the functions sin cos tan exp log sqrt abs tanh can be called at column 1",
        1,
    ),
    ("x < 1", "comparisons not allowed at column 1", 1),
    ("x == x", "comparisons not allowed at column 1", 1),
    ("x[0]", "subscripts ([...]) not allowed at column 1", 1),
    ("[x]", "lists ([...]) not allowed at column 1", 1),
    ("{x}", "sets ({...}) not allowed at column 1", 1),
    ("{x: 1}", "dictionaries ({...}) not allowed at column 1", 1),
    ("x, y", "a comma (a formula is one expression) not allowed at column 1", 1),
    ("x if x else 1", "'if ... else' not allowed at column 1", 1),
    ("x and 1", "'and' / 'or' not allowed at column 1", 1),
    ("(y := 2)", "assignment (:=) not allowed at column 2", 2),
    ("[x for x in x]", "comprehensions not allowed at column 1", 1),
    ("not x", "'not' is not allowed at column 1", 1),
    ("~x", "'~' is not allowed at column 1", 1),
    ("x % 2", "the operator '%' is not allowed at column 1", 1),
    ("x // 2", "the operator '//' is not allowed at column 1", 1),
    ("x @ x", "the operator '@' is not allowed at column 1", 1),
    ("x << 2", "the operator '<<' is not allowed at column 1", 1),
    ("3j*x", "imaginary numbers are not allowed at column 1", 1),
    ("True", "True is not a number at column 1", 1),
    ("None", "None is not a number at column 1", 1),
    ("...", "Ellipsis is not a number at column 1", 1),
    ("1e400*x", "'1e400' is too large (numbers are at most 1e+100 in size) at column 1", 1),
    (
        "x*" + "9" * 150,
        f"'{'9' * 150}' is too large (numbers are at most 1e+100 in size) at column 3",
        3,
    ),
    ("1/0 + x", "'1/0' has no finite real value at column 1", 1),
    ("x + log(-1)", "'log(-1)' has no finite real value at column 5", 5),
    ("x + sqrt(-2)", "'sqrt(-2)' has no finite real value at column 5", 5),
    (
        "exp(exp(exp(10)))",
        "'exp(exp(10))' is too large (numbers are at most 1e+100 in size) at column 5",
        5,
    ),
    (
        "sin(exp(exp(exp(10)))*x)",
        "'exp(exp(10))' is too large (numbers are at most 1e+100 in size) at column 9",
        9,
    ),
    ("10^10^10", "the exponent '10^10' is too large (at most 10 in size) at column 4", 4),
    (
        "x +",
        "could not read the formula (a number, name or operator is missing or extra) at column 1",
        1,
    ),
    (
        "x ^^ 2",
        "could not read the formula (a number, name or operator is missing or extra) at column 4",
        4,
    ),
    ("(x", "1 parenthesis left open: a ')' is missing at column 2", 2),
    ("x)", "a ')' closes a parenthesis that was never opened at column 2", 2),
    ("x^2 # + 3*x", "'#' is not allowed (a formula has no comments) at column 5", 5),
    ("#x", "'#' is not allowed (a formula has no comments) at column 1", 1),
    ("\u03c0*x", "unexpected character '\u03c0' at column 1", 1),
    ("x\ny", "unexpected character '\\n' at column 2", 2),
    (
        "x;y",
        "could not read the formula (a number, name or operator is missing or extra) at column 2",
        2,
    ),
    ("", "the formula is empty: type something in x, like x^2", None),
    ("   ", "the formula is empty: type something in x, like x^2", None),
    ("z", "unknown name 'z' at column 1", 1),
    (
        "sin(exp(1e8+0*x))+x^2",
        "'exp(1e8+0*x)' is too large (numbers are at most 1e+100 in size) at column 5",
        5,
    ),
    (
        "sin(exp(1e100+x^0))",
        "'exp(1e100+x^0)' is too large (numbers are at most 1e+100 in size) at column 5",
        5,
    ),
    (
        "tanh(exp(1e100-0*x))*x",
        "'exp(1e100-0*x)' is too large (numbers are at most 1e+100 in size) at column 6",
        6,
    ),
    (
        "exp(x+1e8-x)",
        "'exp(x+1e8-x)' is too large (numbers are at most 1e+100 in size) at column 1",
        1,
    ),
    ("cos(abs(log(x-x)))", "'log(x-x)' has no finite real value at column 9", 9),
    ("(x-x)/(x-x) + x", "'(x-x)/(x-x)' has no finite real value at column 1", 1),
    ("tan(pi/2)*0 + x", "the formula divides by zero (or takes log(0)) for every x", None),
    ("sqrt(-1 - x^2)", "the formula has no finite real value anywhere on the domain [-4, 4]", None),
    ("log(-x^2 - 1)", "the formula has no finite real value anywhere on the domain [-4, 4]", None),
    (
        "exp(100*x + 1200)",
        "the formula has no finite real value anywhere on the domain [-4, 4]",
        None,
    ),
    (
        "*".join(f"(x+{i})" for i in range(1, 14)),
        "the formula is too complicated: its slope has more than 400 parts; try a shorter formula",
        None,
    ),
]


@pytest.mark.parametrize(("text", "message", "column"), HOSTILE, ids=lambda v: repr(v)[:30])
def test_hostile_formula_is_refused_clearly_and_quickly(
    text: str, message: str, column: int | None
) -> None:
    start = time.thread_time()  # the work done, whatever else the machine is doing
    with pytest.raises(FormulaError) as info:
        fh.landscape(text)
    elapsed = time.thread_time() - start
    assert str(info.value) == message
    assert info.value.column == column
    assert elapsed < 0.1, f"refusing {text[:20]!r} took {elapsed:.3f} s of CPU"


def test_formula_error_is_a_value_error_and_not_text() -> None:
    with pytest.raises(ValueError, match="a formula must be text, got int"):
        fh.landscape(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a formula must be text, got bytes"):
        fh.landscape(b"x")  # type: ignore[arg-type]


def test_columns_refer_to_the_text_as_typed_with_carets() -> None:
    # each ^ became ** before parsing; columns still count the typed characters
    with pytest.raises(FormulaError) as info:
        fh.landscape("x^2 + x^2 + x^2 + os")
    assert info.value.column == 19


@pytest.mark.parametrize(
    ("text", "x", "f", "df", "d2f"),
    [
        ("0.1*x^4 - x^2", 1.5, 0.1 * 1.5**4 - 1.5**2, 0.4 * 1.5**3 - 3.0, 1.2 * 1.5**2 - 2.0),
        ("0.1*x**4 - x**2", -2.0, 1.6 - 4.0, -3.2 + 4.0, 4.8 - 2.0),
        ("-x^2", 3.0, -9.0, -6.0, -2.0),
        ("e^(-x^2)", 1.0, math.exp(-1.0), -2.0 * math.exp(-1.0), 2.0 * math.exp(-1.0)),
        ("2^x", 3.0, 8.0, 8.0 * math.log(2.0), 8.0 * math.log(2.0) ** 2),
        ("abs(x)", -2.0, 2.0, -1.0, 0.0),
        ("sqrt(x)", 4.0, 2.0, 0.25, -1.0 / 32.0),
        ("log(x)", 2.0, math.log(2.0), 0.5, -0.25),
        (
            "sin(x) + cos(x)",
            0.5,
            math.sin(0.5) + math.cos(0.5),
            math.cos(0.5) - math.sin(0.5),
            -math.sin(0.5) - math.cos(0.5),
        ),
        (
            "tan(x)",
            0.3,
            math.tan(0.3),
            1.0 + math.tan(0.3) ** 2,
            2.0 * math.tan(0.3) * (1.0 + math.tan(0.3) ** 2),
        ),
        (
            "tanh(x)*x",
            0.7,
            math.tanh(0.7) * 0.7,
            math.tanh(0.7) + 0.7 * (1 - math.tanh(0.7) ** 2),
            2 * (1 - math.tanh(0.7) ** 2) - 2 * 0.7 * math.tanh(0.7) * (1 - math.tanh(0.7) ** 2),
        ),
        ("pi*x + e", 1.0, math.pi + math.e, math.pi, 0.0),
        ("x^-1", 2.0, 0.5, -0.25, 0.25),
        ("x^0.5", 9.0, 3.0, 1.0 / 6.0, -1.0 / 108.0),
        ("+x - -x", 1.25, 2.5, 2.0, 0.0),
        ("3", 1.0, 3.0, 0.0, 0.0),
        ("  x\t*  x ", 3.0, 9.0, 6.0, 2.0),
        ("1e-3*x^2", 10.0, 0.1, 0.02, 0.002),
        ("(x - 1)*(x + 2)/4", 0.0, -0.5, 0.25, 0.5),
        ("(x^2 - 1)^2", 2.0, 9.0, 24.0, 44.0),
        ("e^(x^2)", 1.0, math.e, 2.0 * math.e, 6.0 * math.e),
    ],
)
def test_accepted_formula_values_and_derivatives(
    text: str, x: float, f: float, df: float, d2f: float
) -> None:
    land = fh.landscape(text)
    assert land.dims == 1
    assert land.name == "custom"
    assert land.loss(x) == pytest.approx(f, rel=1e-12, abs=1e-12)
    assert land.grad(x) == pytest.approx(df, rel=1e-12, abs=1e-12)
    assert land.curvature(x) == pytest.approx(d2f, rel=1e-12, abs=1e-12)


FORMULAS_1D = [
    "0.1*x^4 - x^2",
    "x^2/5 + sin(4*x)/3",
    "e^(-x^2) * cos(3*x)",
    "abs(x - 1) + x^2",
    "sqrt(x^2 + 1) - tanh(x)",
    "log(x^2 + 0.5) * exp(-x/4)",
    "2^x - 3*x",
    "tan(x/3)^2",
]


@pytest.mark.parametrize("text", FORMULAS_1D)
def test_formula_derivatives_match_finite_differences(text: str) -> None:
    land = fh.landscape(text)
    for x in np.linspace(-3.93, 3.91, 37):
        x = float(x)
        if text.startswith("abs") and abs(x - 1.0) < 1e-3:
            continue
        assert close(fd_1d(land.loss, x), land.grad(x), abs(land.loss(x))), (text, x)
        assert close(fd_1d(land.grad, x), land.curvature(x), abs(land.grad(x))), (text, x)


@pytest.mark.parametrize(
    "text",
    ["x^2 + y^2", "sin(x)*cos(y)", "(1 - x)^2 + 10*(y - x^2)^2", "e^(-(x^2 + y^2)/4) * x", "y^2"],
)
def test_2d_formula_derivatives_match_finite_differences(text: str) -> None:
    land = fh.landscape(text)
    assert land.dims == 2
    for x in np.linspace(-3.7, 3.8, 6):
        for y in np.linspace(-3.9, 3.6, 6):
            p = np.array([x, y])
            g = land.grad(p)
            fd = fd_2d(land.loss, p)
            for i in range(2):
                assert close(fd[i], g[i], abs(land.loss(p))), (text, p)


def test_formula_minima_found_numerically() -> None:
    land = fh.landscape("0.1*x^4 - x^2")
    assert land.minima == pytest.approx((-math.sqrt(5.0), math.sqrt(5.0)), abs=1e-12)
    assert land.maxima == pytest.approx((0.0,), abs=1e-12)
    assert land.formula == "0.1*x^4 - x^2"
    assert fh.landscape("x**2").formula == "x^2"
    assert fh.landscape("(x - 1.25)^2").minima == pytest.approx((1.25,), abs=1e-12)
    assert fh.landscape("abs(x - 0.5)").minima == pytest.approx((0.5,), abs=1e-12)
    assert fh.landscape("-x^2").minima == ()
    assert fh.landscape("3").minima == ()
    surface = fh.landscape("(x - 1)^2 + (y + 2)^2")
    ((a, b),) = surface.minima
    assert (a, b) == pytest.approx((1.0, -2.0), abs=1e-9)


def test_domain_argument() -> None:
    land = fh.landscape("x^2", domain=(0.5, 2))
    assert land.domain == ((0.5, 2.0),)
    assert land.minima == ()  # the floor of x^2 lies outside [0.5, 2]
    surface = fh.landscape("x*y", domain=[(-1, 1), (0, 3)])
    assert surface.domain == ((-1.0, 1.0), (0.0, 3.0))
    assert fh.landscape("x + y", domain=(-2, 2)).domain == ((-2.0, 2.0), (-2.0, 2.0))
    assert fh.landscape("x^2").domain == ((-4.0, 4.0),)
    with pytest.raises(FormulaError, match=r"finite lo < hi, got \(2, 1\)"):
        fh.landscape("x", domain=(2, 1))
    with pytest.raises(FormulaError, match="finite lo < hi"):
        fh.landscape("x", domain=(0, math.inf))
    with pytest.raises(FormulaError, match="within"):
        fh.landscape("x", domain=(0, 1e9))
    with pytest.raises(FormulaError, match="is \\(lo, hi\\) or 1"):
        fh.landscape("x", domain=[(0, 1), (0, 1)])
    with pytest.raises(FormulaError, match="must be numbers"):
        fh.landscape("x", domain=("a", "b"))  # type: ignore[arg-type]


def test_parse_builds_the_expression_from_the_tree() -> None:
    expr = parse("2*x^3 - sin(x)")
    assert str(expr) == "2*x**3 - sin(x)"


ALPHABET = "xy0123456789.+-*/^() eipsncoqrtalgbh,_[]'=<:"


@settings(max_examples=300, deadline=2000)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_any_text_is_read_or_refused_with_a_formula_error(text: str) -> None:
    start = time.thread_time()  # CPU time: the same on a busy machine
    refused: FormulaError | None = None
    try:
        land = fh.landscape(text)
    except FormulaError as error:
        refused = error
    if refused is None:
        assert land.dims in (1, 2)
        return
    assert time.thread_time() - start < 0.1
    assert refused.column is None or 1 <= refused.column <= max(len(text), 1) + 1


COMPLEX_PARTS = (
    "this formula's slope cannot be computed exactly (it needs the complex parts of a number); "
    "try writing it another way"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abs(exp(tanh(x)^e))", COMPLEX_PARTS),
        ("abs((1-sin(-1))^(log(sin(x))^2))", COMPLEX_PARTS),
        ("abs(x^e)", COMPLEX_PARTS),
        ("abs(x^e*y)", COMPLEX_PARTS),
        ("cos(abs(log(x-x)))", "'log(x-x)' has no finite real value at column 9"),
    ],
)
def test_formulas_sympy_cannot_compile_are_refused_in_words(text: str, message: str) -> None:
    start = time.thread_time()  # CPU time: the same on a busy machine
    with pytest.raises(FormulaError) as info:
        fh.landscape(text)
    assert str(info.value) == message
    assert time.thread_time() - start < 0.1


def test_the_slope_of_sign_is_flat_where_defined() -> None:
    land = fh.landscape("abs(log(x))")
    assert land.grad(2.0) == pytest.approx(0.5)
    assert land.curvature(2.0) == pytest.approx(-0.25)


def test_any_other_failure_becomes_a_formula_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise NameError("name 're' is not defined")

    monkeypatch.setattr(symbolic, "from_expr", broken)
    with pytest.raises(FormulaError) as info:
        fh.landscape("x^2")
    assert str(info.value) == (
        "the formula cannot be turned into a hill: its exact slope could not be worked out; "
        "try writing it another way"
    )
