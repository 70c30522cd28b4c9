"""A typed formula written in Python for torch tensors (functions of plain numbers: math's)."""

from __future__ import annotations

import ast
import functools

from foghill.engine.formula_rules import FormulaError

__all__ = ["torch_expression"]

# The formula's functions in torch (on a tensor) and in math (on a plain number).
_TORCH_FUNCTIONS = {f: f"torch.{f}" for f in ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh")}
_TORCH_FUNCTIONS["abs"] = "torch.abs"
_MATH_FUNCTIONS = {f: f"math.{f}" for f in ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh")}
_MATH_FUNCTIONS["abs"] = "abs"


def _has_variable(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id in ("x", "y") for n in ast.walk(node))


class _ToTorch(ast.NodeTransformer):
    """Rewrite a formula's tree for torch: functions of x or y become ``torch.*``, functions
    of plain numbers ``math.*`` (torch's functions take tensors only), ``pi`` and ``e``
    become ``math.pi`` and ``math.e``."""

    uses_math = False

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        assert isinstance(node.func, ast.Name)
        table = _TORCH_FUNCTIONS if _has_variable(node) else _MATH_FUNCTIONS
        name = table[node.func.id]
        self.uses_math |= name.startswith("math.")
        node.func = ast.parse(name, mode="eval").body
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in ("pi", "e"):
            self.uses_math = True
            return ast.Attribute(value=ast.Name("math", ast.Load()), attr=node.id, ctx=ast.Load())
        return node


@functools.lru_cache(maxsize=256)  # parsing is most of a snippet's cost; hills repeat
def torch_expression(formula: str) -> tuple[str, bool]:
    """A formula Foghill accepts, written in Python for torch tensors ``x`` (and ``y``).

    ``^`` is a power (``**``); ``exp log sin cos tan sqrt tanh abs`` of x or y are torch's
    functions, of plain numbers ``math``'s. Returns the expression and whether it needs
    ``import math``. Only for formulas the engine has accepted (its whitelist is assumed).
    """
    source = formula.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise FormulaError("the formula could not be read") from None
    to_torch = _ToTorch()
    body = to_torch.visit(tree.body)
    return ast.unparse(ast.fix_missing_locations(body)), to_torch.uses_math
