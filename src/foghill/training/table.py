"""A teacher's own table (issue 24), checked once for every host: the notebook's
``fh.Classifier(X, y)``, a lesson's ``<fh-classifier data=...>`` and the API.

:func:`read_table` takes the feature columns (a 2-D array, a pandas DataFrame or a list of
rows) and one label per row, and gives a :class:`Table` of finite numbers, or refuses in one
sentence (a :class:`~foghill.errors.BadRequest`) naming what is wrong and where: a column
holding text, missing values (how many, in which column, the first row), a single label,
too few rows for a held-out quarter, more rows, columns or labels than
:mod:`foghill.contract` allows, a count of labels that is not the count of rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from foghill.contract import MAX_TABLE_CLASSES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MIN_TABLE_ROWS
from foghill.errors import BadRequest

__all__ = ["Table", "read_table"]


@dataclass(frozen=True)
class Table:
    """Rows of numbers with their column names, and a label per row (``classes``: the
    distinct labels, in a fixed order; ``codes``: each row's index into them)."""

    columns: list[str]
    rows: NDArray[np.float64]
    classes: list[Any]
    codes: NDArray[np.intp]


def _quoted(value: Any) -> str:
    return json.dumps(value if isinstance(value, str | int | float) else str(value))


def _names(X: Any, width: int, columns: Sequence[str] | None) -> tuple[list[str], list[str]]:  # noqa: N803
    """The columns' names (x0, x1, ... for a table without), and how sentences name them."""
    given = columns if columns is not None else getattr(X, "columns", None)
    if given is None:
        return [f"x{j}" for j in range(width)], [str(j) for j in range(width)]
    names = [str(c) for c in given]
    return names, [_quoted(c) for c in names]


def _number(cell: Any) -> float | None:
    """A cell as a float (NaN for a missing one: None, or a blank cell of a CSV file); None
    for text."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return float("nan")
    try:
        return float(cell)
    except (TypeError, ValueError):
        return None


def _cells(X: Any, what: str) -> list[list[Any]]:  # noqa: N803
    values = X.to_numpy(dtype=object) if hasattr(X, "to_numpy") else np.asarray(X, dtype=object)
    if values.size == 0:
        return []
    if values.ndim != 2:
        raise BadRequest(f"{what} must be a table of numbers, one row per example")
    return [list(r) for r in values]


def read_table(
    X: Any,  # noqa: N803 (the usual name)
    y: Any,
    *,
    what: str = "X",
    columns: Sequence[str] | None = None,
    row_names: Sequence[str] | None = None,
) -> Table:
    """The table, checked (see the module). ``what`` names the table in the sentences;
    ``columns`` name its columns (else a DataFrame's own names, else their numbers from 0);
    ``row_names`` say where each row is (else "row i", counted from 0)."""
    cells = _cells(X, what)
    labels = list(y.tolist() if hasattr(y, "tolist") else y)
    where = list(row_names) if row_names is not None else [f"row {i}" for i in range(len(cells))]
    if len(cells) != len(labels):
        raise BadRequest(
            f"{what} has {len(cells)} rows but there are {len(labels)} labels: one row per label"
        )
    if len(cells) < MIN_TABLE_ROWS:
        raise BadRequest(
            f"{what} has {len(cells)} rows; a classifier needs at least {MIN_TABLE_ROWS}, "
            "so that a quarter can be held out to test it"
        )
    if len(cells) > MAX_TABLE_ROWS:
        raise BadRequest(
            f"{what} has {len(cells):,} rows, more than the {MAX_TABLE_ROWS:,} a classifier "
            "here takes: use a sample of them"
        )
    width = len(cells[0])
    if not 1 <= width <= MAX_TABLE_COLUMNS:
        raise BadRequest(
            f"{what} has {width} feature columns; a classifier here takes 1 to {MAX_TABLE_COLUMNS}"
        )
    names, said = _names(X, width, columns)
    rows = np.empty((len(cells), width))
    for j in range(width):
        for i, row in enumerate(cells):
            value = _number(row[j])
            if value is None:
                raise BadRequest(
                    f"column {said[j]} of {what} holds text, not numbers "
                    f"({where[i]} is {_quoted(row[j])})"
                )
            rows[i, j] = value
    missing = ~np.isfinite(rows)
    if missing.any():
        j = int(np.flatnonzero(missing.any(axis=0))[0])
        count = int(missing[:, j].sum())
        i = int(np.flatnonzero(missing[:, j])[0])
        raise BadRequest(
            f"column {said[j]} of {what} must hold finite numbers: {count} "
            f"row{'s are' if count > 1 else ' is'} missing one or not finite ({where[i]} is "
            f"{_quoted(float(rows[i, j]))}); fill them in or drop those rows"
        )
    gone = [i for i, v in enumerate(labels) if v is None or v != v or v == ""]
    if gone:
        raise BadRequest(
            f"{len(gone)} label{'s are' if len(gone) > 1 else ' is'} missing (the first in "
            f"{where[gone[0]]}): every row needs one"
        )
    classes = sorted(set(labels), key=str)
    if len(classes) < 2:
        raise BadRequest(
            f"every row has the label {_quoted(classes[0])}: a classifier needs two or more "
            "different labels"
        )
    if len(classes) > MAX_TABLE_CLASSES:
        raise BadRequest(
            f"there are {len(classes)} different labels, more than the {MAX_TABLE_CLASSES} a "
            "classifier here tells apart"
        )
    index = {v: i for i, v in enumerate(classes)}
    codes = np.array([index[v] for v in labels], dtype=np.intp)
    return Table(names, rows, classes, codes)
