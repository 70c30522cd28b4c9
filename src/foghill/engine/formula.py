"""Untrusted text -> a landscape. (Parser lands next; the error type is final.)"""

from __future__ import annotations

from collections.abc import Sequence

from foghill.engine.landscape import Landscape


class FormulaError(ValueError):
    """A formula that was refused. ``column`` is 1-based (or None when it has no place)."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def landscape(
    text: str, domain: Sequence[tuple[float, float]] | tuple[float, float] | None = None
) -> Landscape:
    """A landscape from a formula in ``x`` (or ``x`` and ``y``)."""
    raise NotImplementedError("formula landscapes land in the next commit")
