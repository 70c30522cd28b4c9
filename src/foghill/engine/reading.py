"""The whitelist walk: a formula's syntax tree -> a sympy expression, part by part.

In plain words: every part of the parsed formula is looked at before it is used; a number,
``x``, ``y``, ``pi``, ``e``, ``+ - * /``, a power or one of the allowed functions is turned
into its sympy counterpart, anything else is refused at its column. Rules 3 to 5 of
:mod:`foghill.engine.formula` are enforced here.

In symbols: a recursive descent over ``ast`` nodes, at most ``MAX_NODES`` nodes and
``MAX_DEPTH`` levels, returning for each part ``(expression, value)`` where ``value`` is the
part's number by Python's ``math`` when it holds no ``x`` or ``y``.

Imported by :func:`foghill.engine.formula.parse` on first use, with sympy.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable

import sympy as sp

from foghill.engine.formula_rules import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_NODES,
    MAX_NUMBER,
    FormulaError,
)
from foghill.engine.symbols import X, Y

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
        return FormulaError.at(message, self.col(node))

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


def read(tree: ast.Expression, text: str, source: str, cols: list[int]) -> sp.Expr:
    """The sympy expression for a parsed formula; :class:`FormulaError` if it is refused.

    ``text`` is the formula as typed, ``source`` what was parsed (``^`` written ``**``) and
    ``cols[i]`` the column of ``text`` that character ``i`` of ``source`` came from.
    """
    expr, _ = _Reader(text, source, cols).read(tree.body)
    if expr.has(*_INFINITE):
        raise FormulaError("the formula divides by zero (or takes log(0)) for every x")
    if expr.has(sp.I):
        raise FormulaError("the formula is imaginary (like sqrt(-1)); use real numbers only")
    return sp.sympify(expr)
