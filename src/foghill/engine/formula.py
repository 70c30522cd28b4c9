"""Untrusted text -> a landscape: a formula a person types, read safely.

In plain words: the text is read as arithmetic in ``x`` (or ``x`` and ``y``) and nothing
else; anything that is not plain arithmetic is refused with a sentence that says what was
wrong and where.

What is accepted: numbers (``3``, ``0.5``, ``1e-3``), ``x`` and ``y``, the constants ``pi``
and ``e``, ``+ - * /``, powers written ``^`` or ``**``, unary minus, parentheses, and the
functions ``sin cos tan exp log sqrt abs tanh`` of one argument.

How it is read (never ``eval``, never ``sympy.sympify``/``parse_expr`` on the text):

1. Bounds on the raw text, before any parser sees it: at most
   :data:`~foghill.contract.MAX_FORMULA_LENGTH` characters, printable ASCII only and no ``#``
   (Python would read the rest as a comment), parentheses balanced and at most
   :data:`MAX_PAREN_DEPTH` deep
   (``ast.parse`` recurses, so depth is checked first).
2. ``^`` becomes ``**`` (columns are mapped back to the original text), then
   ``ast.parse(..., mode="eval")``.
3. The tree is walked against a whitelist, at most :data:`MAX_NODES` nodes and
   :data:`MAX_DEPTH` levels, and the sympy expression is built node by node
   (:mod:`foghill.engine.reading`).
4. Every part without ``x`` or ``y`` (also one where they cancel, like ``0*x`` or
   ``x^0``) is computed with Python's ``math`` as it is read and must be finite and at most
   :data:`MAX_NUMBER` in size (``exp(exp(exp(10)))``, ``1/0``, ``log(-1)`` and
   ``exp(1e8 + 0*x)`` are refused where they stand; sympy never evaluates an unbounded
   constant).
5. Powers: a constant exponent must satisfy ``|p| <= MAX_EXPONENT``; a power may not be
   directly the base of another power (``(x^2)^3``; ``(y - x^2)^2`` is fine), nor directly
   the exponent of a power whose base is not a positive number (``x^2^3``, ``x**10**10``).
   Decided so that ``e^(-x^2)`` and ``2^x`` can be typed: an exponent containing ``x`` or
   ``y`` is allowed only when the base is a positive number (``b^u`` is ``exp(u*log b)``,
   which sympy never expands; values that overflow on the domain are simply not finite
   there). ``x^x`` is refused. ``9**9**9`` is refused because its exponent ``9**9`` is too
   large; the tower is never computed.
6. The slope (first derivative) may have at most :data:`MAX_SLOPE_PARTS` parts, so the
   second derivative stays quick to take (a long product of factors is refused).
7. The exact derivatives come from sympy and are compiled with ``sympy.lambdify(...,
   modules="math")`` (see :mod:`foghill.engine.symbolic`). A formula with no
   finite real value anywhere on a sample of its domain is refused. Minima are found
   numerically (sampling, then bisection on the exact gradient).

Every refusal is a :class:`FormulaError` whose ``column`` is 1-based (or None), and takes
well under 100 ms whatever the input.

Steps 1 and 2 need nothing but the standard library; sympy, which takes seconds to import,
is imported when the first formula gets past them, never by ``import foghill``.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from foghill.engine.formula_rules import (
    DEFAULT_DOMAIN,
    FINITE_SAMPLES,
    MAX_COORDINATE,
    MAX_FORMULA_LENGTH,
    MAX_PAREN_DEPTH,
    MAX_SLOPE_PARTS,
    FormulaError,
)
from foghill.engine.landscape import Landscape

if TYPE_CHECKING:
    import sympy as sp

_ALLOWED_CHARS = frozenset(chr(c) for c in range(32, 127)) | {"\t"}


# --------------------------------------------------------------------------- raw text
def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, got {type(text).__name__}")
    if len(text) > MAX_FORMULA_LENGTH:
        raise FormulaError.at(
            f"the formula is too long: {len(text)} characters, at most {MAX_FORMULA_LENGTH}",
            MAX_FORMULA_LENGTH + 1,
        )
    if not text.strip():
        raise FormulaError("the formula is empty: type something in x, like x^2")
    depth = 0
    for i, ch in enumerate(text, start=1):
        if ch not in _ALLOWED_CHARS:
            raise FormulaError.at(f"unexpected character {ch!r}", i)
        if ch == "#":
            raise FormulaError.at("'#' is not allowed (a formula has no comments)", i)
        if ch == "(":
            depth += 1
            if depth > MAX_PAREN_DEPTH:
                raise FormulaError.at(
                    f"too many nested parentheses (at most {MAX_PAREN_DEPTH} deep)", i
                )
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise FormulaError.at("a ')' closes a parenthesis that was never opened", i)
    if depth > 0:
        raise FormulaError.at(f"{depth} parenthesis left open: a ')' is missing", len(text))
    return text


def _caret_to_power(text: str) -> tuple[str, list[int]]:
    """``^`` -> ``**``, and for each character of the result the column it came from."""
    out: list[str] = []
    cols: list[int] = []
    for i, ch in enumerate(text, start=1):
        if ch == "^":
            out.append("**")
            cols.extend((i, i))
        else:
            out.append(ch)
            cols.append(i)
    return "".join(out), cols


# --------------------------------------------------------------------------- the text
def parse(text: str) -> sp.Expr:
    """The sympy expression for ``text``; :class:`FormulaError` if it is refused."""
    text = _check_text(text)
    source, cols = _caret_to_power(text)
    # leading blanks would read as an indent; drop them, keeping the columns
    indent = len(source) - len(source.lstrip(" \t"))
    source, cols = source[indent:], cols[indent:]
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        offset = error.offset or 1
        col = cols[min(max(offset - 1, 0), len(cols) - 1)]
        raise FormulaError.at(
            "could not read the formula (a number, name or operator is missing or extra)", col
        ) from None
    from foghill.engine import reading  # sympy is imported here, when the first formula is read

    return reading.read(tree, text, source, cols)


# --------------------------------------------------------------------------- landscape
def _check_domain(
    domain: Sequence[tuple[float, float]] | Sequence[float] | None, dims: int
) -> tuple[tuple[float, float], ...]:
    if domain is None:
        return (DEFAULT_DOMAIN,) * dims
    try:
        arr = np.asarray(domain, dtype=float)
    except (TypeError, ValueError):
        raise FormulaError(f"the domain must be numbers (lo, hi), got {domain!r}") from None
    if arr.shape == (2,):
        arr = np.tile(arr, (dims, 1))
    if arr.shape != (dims, 2):
        raise FormulaError(
            f"the domain of a {dims}-D formula is (lo, hi) or {dims} (lo, hi) pairs, got {domain!r}"
        )
    for lo, hi in arr:
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise FormulaError(f"the domain needs finite lo < hi, got ({lo:g}, {hi:g})")
        if max(abs(lo), abs(hi)) > MAX_COORDINATE:
            raise FormulaError(f"the domain must lie within +-{MAX_COORDINATE:g}")
    return tuple((float(lo), float(hi)) for lo, hi in arr)


def landscape(
    text: str,
    domain: Sequence[tuple[float, float]] | Sequence[float] | None = None,
) -> Landscape:
    """A landscape from a formula in ``x`` (1-D) or in ``x`` and ``y`` (2-D).

    ``domain``: ``(lo, hi)`` for every coordinate, or one pair per coordinate; default
    ``(-4, 4)``. Raises :class:`FormulaError` for any refused formula or domain.

    >>> landscape("0.1*x^4 - x^2").minima  # doctest: +ELLIPSIS
    (-2.236..., 2.236...)
    """
    expr = parse(text)
    # parse() has imported sympy by now; these modules need it too
    from foghill.engine import symbolic
    from foghill.engine.symbols import Y

    dims = 2 if Y in expr.free_symbols else 1
    dom = _check_domain(domain, dims)
    try:
        symbolic.check_exact(expr)
        _check_size(expr, dims)
        _check_finite(expr, dims, dom)
        return symbolic.from_expr(
            expr,
            name="custom",
            title="Your formula",
            formula=" ".join(text.split()).replace("**", "^"),
            domain=dom,
            dims=dims,
        )
    except FormulaError:
        raise
    except symbolic.NotExactError as error:
        raise FormulaError(str(error)) from None
    except Exception:  # sympy's internals: never a crash, always a sentence
        raise FormulaError(
            "the formula cannot be turned into a hill: its exact slope could not be worked "
            "out; try writing it another way"
        ) from None


def _check_size(expr: sp.Expr, dims: int) -> None:
    """Refuse a formula whose slope is too big to differentiate again quickly.

    The second derivative of a product of n factors has about n^2 terms, and sympy's time
    grows with them; the first derivative is cheap to take and to measure.
    """
    import sympy as sp

    from foghill.engine.symbols import X, Y

    for var in (X, Y)[:dims]:
        slope = sp.diff(expr, var)
        for parts, _ in enumerate(sp.preorder_traversal(slope), start=1):
            if parts > MAX_SLOPE_PARTS:
                raise FormulaError(
                    "the formula is too complicated: its slope has more than "
                    f"{MAX_SLOPE_PARTS} parts; try a shorter formula"
                )


def _check_finite(expr: sp.Expr, dims: int, dom: tuple[tuple[float, float], ...]) -> None:
    """Refuse a formula with no finite real value on a sample of its domain."""
    import sympy as sp

    from foghill.engine.symbols import X, Y

    if dims == 1:
        f1 = sp.lambdify(X, expr, modules="math")
        points: list[tuple[float, ...]] = [
            (float(v),) for v in np.linspace(*dom[0], FINITE_SAMPLES)
        ]
        fn: Callable[..., object] = f1
    else:
        fn = sp.lambdify((X, Y), expr, modules="math")
        n = int(math.sqrt(FINITE_SAMPLES)) + 1
        points = [
            (float(a), float(b)) for a in np.linspace(*dom[0], n) for b in np.linspace(*dom[1], n)
        ]
    for p in points:
        try:
            value = fn(*p)
            if isinstance(value, int | float) and math.isfinite(value):
                return
        except (ArithmeticError, ValueError, TypeError):
            continue
    where = " x ".join(f"[{lo:g}, {hi:g}]" for lo, hi in dom)
    raise FormulaError(f"the formula has no finite real value anywhere on the domain {where}")


def warm_up() -> None:
    """Import sympy and read one small formula, so that the next formula is as quick as any.

    ``import foghill`` leaves sympy out (importing it takes seconds), so the first formula
    read in a process pays for it. A server that bounds how long a formula may take to
    become a hill calls this before it starts the clock on the first one.
    """
    landscape("x^2")
