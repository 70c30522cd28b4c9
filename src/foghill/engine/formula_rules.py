"""What a typed formula may be: the limits the reader holds it to, and the refusal it gets.

:mod:`foghill.engine.formula` checks the text and :mod:`foghill.engine.reading` turns the
checked tree into sympy; both hold a formula to these limits (the length and the coordinates'
magnitude are the contract's, shared with the page's input fields).
"""

from __future__ import annotations

from foghill.limits import MAX_COORDINATE, MAX_FORMULA_LENGTH

__all__ = [
    "DEFAULT_DOMAIN",
    "FINITE_SAMPLES",
    "MAX_COORDINATE",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_FORMULA_LENGTH",
    "MAX_NODES",
    "MAX_NUMBER",
    "MAX_PAREN_DEPTH",
    "MAX_SLOPE_PARTS",
    "FormulaError",
]

MAX_PAREN_DEPTH = 20
MAX_NODES = 150
MAX_DEPTH = 40
MAX_EXPONENT = 10
MAX_NUMBER = 1e100
MAX_SLOPE_PARTS = 400
DEFAULT_DOMAIN = (-4.0, 4.0)
FINITE_SAMPLES = 401


class FormulaError(ValueError):
    """A formula that was refused: ``str()`` says what was wrong and where.

    ``column`` is the 1-based column in the text as typed, or None when the problem has no
    single place (an empty formula, one that is nowhere finite, a bad domain).
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    @classmethod
    def at(cls, message: str, column: int | None) -> FormulaError:
        """A refusal at a 1-based column of the text as typed: the column ends the sentence."""
        return cls(f"{message} at column {column}" if column else message, column)
