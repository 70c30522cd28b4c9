"""Untrusted text -> a landscape: a formula a person types, read safely.

In plain words: the text is read as arithmetic in ``x`` (or ``x`` and ``y``) and nothing
else; anything that is not plain arithmetic is refused with a sentence that says what was
wrong and where.

What is accepted: numbers (``3``, ``0.5``, ``1e-3``), ``x`` and ``y``, the constants ``pi``
and ``e``, ``+ - * /``, powers written ``^`` or ``**``, unary minus, parentheses, and the
functions ``sin cos tan exp log sqrt abs tanh`` of one argument.

How it is read (never ``eval``, never ``sympy.sympify``/``parse_expr`` on the text):

1. Bounds on the raw text, before any parser sees it: at most :data:`MAX_LENGTH` characters,
   printable ASCII only and no ``#`` (Python would read the rest as a comment), parentheses
   balanced and at most :data:`MAX_PAREN_DEPTH` deep
   (``ast.parse`` recurses, so depth is checked first).
2. ``^`` becomes ``**`` (columns are mapped back to the original text), then
   ``ast.parse(..., mode="eval")``.
3. The tree is walked against a whitelist, at most :data:`MAX_NODES` nodes and
   :data:`MAX_DEPTH` levels, and the sympy expression is built node by node.
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
   modules="math")`` (see :class:`~foghill.engine.landscape.Landscape`). A formula with no
   finite real value anywhere on a sample of its domain is refused. Minima are found
   numerically (sampling, then bisection on the exact gradient).

Every refusal is a :class:`FormulaError` whose ``column`` is 1-based (or None), and takes
well under 100 ms whatever the input.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Sequence

import numpy as np
import sympy as sp

from foghill.engine.landscape import Landscape, NotExactError, check_exact
from foghill.engine.symbols import X, Y

MAX_LENGTH = 200
MAX_PAREN_DEPTH = 20
MAX_NODES = 150
MAX_DEPTH = 40
MAX_EXPONENT = 10
MAX_NUMBER = 1e100
MAX_SLOPE_PARTS = 400
DEFAULT_DOMAIN = (-4.0, 4.0)
MAX_DOMAIN = 1e6
FINITE_SAMPLES = 401

FUNCTIONS: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "exp": sp.exp,
    "log": sp.log,
    "sqrt": sp.sqrt,
    "abs": sp.Abs,
    "tanh": sp.tanh,
}
NAMES: dict[str, sp.Expr] = {"x": X, "y": Y, "pi": sp.pi, "e": sp.E}

_ALLOWED_CHARS = frozenset(chr(c) for c in range(32, 127)) | {"\t"}
_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "^"}
_OTHER_OPERATORS = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
}
_NODE_WORDS: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (a '.' after a name)",
    ast.Subscript: "subscripts ([...])",
    ast.Compare: "comparisons",
    ast.BoolOp: "'and' / 'or'",
    ast.IfExp: "'if ... else'",
    ast.Lambda: "lambda",
    ast.Tuple: "a comma (a formula is one expression)",
    ast.List: "lists ([...])",
    ast.Dict: "dictionaries ({...})",
    ast.Set: "sets ({...})",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.NamedExpr: "assignment (:=)",
    ast.Starred: "starred arguments (*)",
    ast.JoinedStr: "text strings",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slices",
}


class FormulaError(ValueError):
    """A formula that was refused: ``str()`` says what was wrong and where.

    ``column`` is the 1-based column in the text as typed, or None when the problem has no
    single place (an empty formula, one that is nowhere finite, a bad domain).
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def _at(message: str, column: int | None) -> FormulaError:
    return FormulaError(f"{message} at column {column}" if column else message, column)


# --------------------------------------------------------------------------- raw text
def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise _at(
            f"the formula is too long: {len(text)} characters, at most {MAX_LENGTH}", MAX_LENGTH + 1
        )
    if not text.strip():
        raise FormulaError("the formula is empty: type something in x, like x^2")
    depth = 0
    for i, ch in enumerate(text, start=1):
        if ch not in _ALLOWED_CHARS:
            raise _at(f"unexpected character {ch!r}", i)
        if ch == "#":
            raise _at("'#' is not allowed (a formula has no comments)", i)
        if ch == "(":
            depth += 1
            if depth > MAX_PAREN_DEPTH:
                raise _at(f"too many nested parentheses (at most {MAX_PAREN_DEPTH} deep)", i)
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise _at("a ')' closes a parenthesis that was never opened", i)
    if depth > 0:
        raise _at(f"{depth} parenthesis left open: a ')' is missing", len(text))
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


# --------------------------------------------------------------------------- the tree
Read = tuple[sp.Expr, float | None]
"""A sympy expression, and its value (by Python's ``math``) when it holds no x or y."""

_MATH: dict[str, Callable[[float], float]] = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "abs": abs,
    "tanh": math.tanh,
}
_CONSTANTS = {"pi": math.pi, "e": math.e}
_SYMBOLIC: dict[type[ast.operator], Callable[[sp.Expr, sp.Expr], sp.Expr]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_NUMERIC: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class _Reader:
    """Walks the parsed tree against the whitelist and builds the sympy expression.

    Every part without x or y is also computed with Python's ``math`` as it is read, so a
    constant that overflows, is undefined, or exceeds :data:`MAX_NUMBER` in size is refused
    at its column before sympy ever evaluates it (sympy could spend unbounded time on, say,
    ``sin(exp(exp(exp(10))))``).
    """

    def __init__(self, text: str, source: str, cols: list[int]) -> None:
        self.text = text
        self.source = source
        self.cols = cols
        self.nodes = 0

    def col(self, node: ast.AST) -> int:
        offset: int = getattr(node, "col_offset", 0)
        return self.cols[min(offset, len(self.cols) - 1)]

    def snippet(self, node: ast.AST) -> str:
        start = self.col(node)
        end_offset = getattr(node, "end_col_offset", None)
        end = self.cols[min(end_offset - 1, len(self.cols) - 1)] if end_offset else start
        return self.text[start - 1 : end]

    def refuse(self, message: str, node: ast.AST) -> FormulaError:
        return _at(message, self.col(node))

    def checked(self, value: float | None, node: ast.AST) -> float | None:
        if value is not None and not (math.isfinite(value) and abs(value) <= MAX_NUMBER):
            raise self.refuse(
                f"{self.snippet(node)!r} is too large (numbers are at most {MAX_NUMBER:g} in size)",
                node,
            )
        return value

    def compute(self, fn: Callable[[], float], node: ast.AST) -> float:
        try:
            value = fn()
        except OverflowError:
            raise self.refuse(
                f"{self.snippet(node)!r} is too large (numbers are at most {MAX_NUMBER:g} in size)",
                node,
            ) from None
        except (ArithmeticError, ValueError):
            raise self.refuse(f"{self.snippet(node)!r} has no finite real value", node) from None
        if isinstance(value, complex):
            raise self.refuse(f"{self.snippet(node)!r} has no finite real value", node)
        checked = self.checked(value, node)
        assert checked is not None
        return checked

    def read(self, node: ast.expr, depth: int = 0) -> Read:
        expr, value = self.read_node(node, depth)
        if value is None and not expr.free_symbols and not expr.has(*_INFINITE):
            # x and y cancelled out (0*x, x-x, x^0): a constant the text did not show
            return self.hidden_constant(expr, node)
        return expr, value

    def hidden_constant(self, expr: sp.Expr, node: ast.expr) -> Read:
        """A part whose x and y cancelled: its value by ``math``, bounded, as a plain number.

        sympy is never asked for the value: ``exp(1e8 + 0*x)`` would otherwise be evaluated
        at full precision later on.
        """
        if isinstance(expr, sp.Integer | sp.Rational | sp.Float) and expr.is_finite:
            number = float(expr) if abs(expr) <= MAX_NUMBER else math.inf
            if isinstance(expr, sp.Integer | sp.Float):
                return expr, self.checked(number, node)
        error: type[Exception] = ValueError
        for sample in _SAMPLES:
            try:
                value = _evaluate(node, sample)
            except OverflowError:
                error = OverflowError
                continue
            except (ArithmeticError, ValueError, TypeError):
                continue
            if isinstance(value, complex):
                continue
            found = self.checked(value, node)
            assert found is not None
            return sp.Float(found), found
        if error is OverflowError:
            raise self.refuse(
                f"{self.snippet(node)!r} is too large (numbers are at most {MAX_NUMBER:g} in size)",
                node,
            )
        raise self.refuse(f"{self.snippet(node)!r} has no finite real value", node)

    def read_node(self, node: ast.expr, depth: int) -> Read:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.refuse(f"the formula is too big (more than {MAX_NODES} parts)", node)
        if depth > MAX_DEPTH:
            raise self.refuse(f"the formula is nested too deeply (more than {MAX_DEPTH})", node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        what = _NODE_WORDS.get(type(node), f"this kind of expression ({type(node).__name__})")
        raise self.refuse(f"{what} not allowed", node)

    def constant(self, node: ast.Constant) -> Read:
        v = node.value
        if isinstance(v, bool) or v is None or v is Ellipsis:
            raise self.refuse(f"{v!r} is not a number", node)
        if isinstance(v, str | bytes):
            raise self.refuse("text strings are not allowed", node)
        if isinstance(v, complex):
            raise self.refuse("imaginary numbers are not allowed", node)
        if isinstance(v, int):
            if v > MAX_NUMBER:
                self.checked(math.inf, node)
            return sp.Integer(v), float(v)
        if isinstance(v, float):
            self.checked(v, node)
            return sp.Float(v), v
        raise self.refuse(f"{type(v).__name__} is not a number", node)

    def name(self, node: ast.Name) -> Read:
        if node.id in NAMES:
            return NAMES[node.id], _CONSTANTS.get(node.id)
        if node.id in FUNCTIONS:
            raise self.refuse(f"{node.id} is a function: write {node.id}(...)", node)
        raise self.refuse(f"unknown name {node.id!r}", node)

    def unary(self, node: ast.UnaryOp, depth: int) -> Read:
        if isinstance(node.op, ast.USub | ast.UAdd):
            expr, value = self.read(node.operand, depth + 1)
            if isinstance(node.op, ast.UAdd):
                return expr, value
            return -expr, (None if value is None else -value)
        word = {ast.Not: "'not'", ast.Invert: "'~'"}.get(type(node.op), "this operator")
        raise self.refuse(f"{word} is not allowed", node)

    def binary(self, node: ast.BinOp, depth: int) -> Read:
        op = type(node.op)
        if op not in _OPERATORS:
            symbol = _OTHER_OPERATORS.get(op, op.__name__)
            raise self.refuse(f"the operator {symbol!r} is not allowed", node)
        if op is ast.Pow:
            return self.power(node, depth)
        left, lv = self.read(node.left, depth + 1)
        right, rv = self.read(node.right, depth + 1)
        expr = _SYMBOLIC[op](left, right)
        if lv is None or rv is None:
            return expr, None
        a, b, fn = lv, rv, _NUMERIC[op]
        return expr, self.compute(lambda: fn(a, b), node)

    def power(self, node: ast.BinOp, depth: int) -> Read:
        if _is_power(node.left):
            raise self.refuse("a power of a power (like (x^2)^3) is not allowed", node.left)
        base, bv = self.read(node.left, depth + 1)
        constant_base = bv is not None and bv > 0.0
        if _is_power(node.right) and not constant_base:
            raise self.refuse("a power of a power (like x^2^3) is not allowed", node.right)
        exponent, ev = self.read(node.right, depth + 1)
        if ev is None:
            if not constant_base:
                raise self.refuse(
                    "an exponent with x or y needs a positive number as its base "
                    "(like e^(-x^2) or 2^x)",
                    node.right,
                )
            return sp.Pow(base, exponent), None
        if abs(ev) > MAX_EXPONENT:
            raise self.refuse(
                f"the exponent {self.snippet(node.right)!r} is too large "
                f"(at most {MAX_EXPONENT} in size)",
                node.right,
            )
        if bv is None:
            return sp.Pow(base, exponent), None
        b, p = bv, ev
        return sp.Pow(base, exponent), self.compute(lambda: b**p, node)

    def call(self, node: ast.Call, depth: int) -> Read:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.refuse(
                "only the functions sin cos tan exp log sqrt abs tanh can be called", node
            )
        if func.id not in FUNCTIONS:
            if func.id in NAMES:
                raise self.refuse(
                    f"{func.id} is not a function; write {func.id}*(...) to multiply", node
                )
            raise self.refuse(f"unknown function {func.id!r}", node)
        if node.keywords:
            raise self.refuse(f"{func.id}() takes no named arguments", node.keywords[0].value)
        if node.args and any(isinstance(a, ast.Starred) for a in node.args):
            raise self.refuse("starred arguments (*) not allowed", node)
        if len(node.args) != 1:
            raise self.refuse(f"{func.id}() takes exactly one argument, got {len(node.args)}", node)
        arg, av = self.read(node.args[0], depth + 1)
        expr = FUNCTIONS[func.id](arg)
        if av is None:
            return expr, None
        a, fn = av, _MATH[func.id]
        return expr, self.compute(lambda: fn(a), node)


_INFINITE = (sp.zoo, sp.nan, sp.oo, -sp.oo)
_SAMPLES = ((0.5, 0.25), (1.5, -0.75), (-0.7, 2.3), (2.9, 1.1), (-3.3, -2.2))
"""Where a part whose x and y cancelled is evaluated (the value cannot depend on them)."""


def _evaluate(node: ast.AST, at: tuple[float, float]) -> float:
    """The value of an already-read subtree by Python's ``math``, with x and y at ``at``."""
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id == "x":
            return at[0]
        if node.id == "y":
            return at[1]
        return _CONSTANTS[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, at)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        a, b = _evaluate(node.left, at), _evaluate(node.right, at)
        if isinstance(node.op, ast.Pow):
            result: float | complex = a**b
            if isinstance(result, complex):
                raise ValueError("a complex power")
            return result
        return _NUMERIC[type(node.op)](a, b)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _MATH[node.func.id](_evaluate(node.args[0], at))
    raise ValueError("not arithmetic")  # pragma: no cover (the reader refused it already)


def _is_power(node: ast.AST) -> bool:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)


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
        raise _at(
            "could not read the formula (a number, name or operator is missing or extra)", col
        ) from None
    expr, _ = _Reader(text, source, cols).read(tree.body)
    if expr.has(*_INFINITE):
        raise FormulaError("the formula divides by zero (or takes log(0)) for every x")
    if expr.has(sp.I):
        raise FormulaError("the formula is imaginary (like sqrt(-1)); use real numbers only")
    return sp.sympify(expr)


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
        if max(abs(lo), abs(hi)) > MAX_DOMAIN:
            raise FormulaError(f"the domain must lie within +-{MAX_DOMAIN:g}")
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
    dims = 2 if Y in expr.free_symbols else 1
    dom = _check_domain(domain, dims)
    try:
        check_exact(expr)
        _check_size(expr, dims)
        _check_finite(expr, dims, dom)
        return Landscape.from_expr(
            expr,
            name="custom",
            title="Your formula",
            formula=" ".join(text.split()).replace("**", "^"),
            domain=dom,
            dims=dims,
        )
    except FormulaError:
        raise
    except NotExactError as error:
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
