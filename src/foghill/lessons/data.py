"""An author's own data: a CSV file beside the lesson, read when the lesson is rendered.

`data=scores.csv` on a line-fit block takes the dots from that file: the first two numeric
columns (x, then y) unless `x-column` / `y-column` name others, by their header or by their
number from 1. A first row with a cell that is no number is the header; the headers of the
columns read name the axes (unless `x-label` / `y-label` do). The file stays inside
the lesson's folder (:func:`foghill.lessons.shelf.inside`), at most :data:`MAX_DATA_BYTES`
long; every cell read must be a finite number, and the dots are then checked like any other
input (their count by the contract's bounds).

`data=plants.csv` on a classifier block takes its table: the label column (`label-column`,
by header or number; the last column unless named) and every other column as features,
checked as every host checks a table (:mod:`foghill.training.table`), the wrong row named by
its line. A first row whose only text is its label is a row, not a header.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from foghill.contract import MAX_DATA_BYTES
from foghill.errors import LessonError

if TYPE_CHECKING:  # read only for a classifier's table, on first need
    from foghill.training.table import Table

__all__ = ["MAX_DATA_BYTES", "Dots", "data_signature", "read_dots", "read_table_file"]


def _number(cell: str) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _column(wanted: str, header: list[str] | None, width: int, name: str) -> int:
    if wanted.isdigit() and 1 <= int(wanted) <= width:
        return int(wanted) - 1
    if header is not None and wanted in header:
        return header.index(wanted)
    known = f" (its columns: {', '.join(header)})" if header else f" (it has {width} columns)"
    raise LessonError(f"{name} has no column {wanted!r}{known}")


@dataclass(frozen=True)
class Dots:
    """The dots of a data file, and the headers of their columns (None: no header row)."""

    x: list[float]
    y: list[float]
    x_name: str | None
    y_name: str | None


Row = tuple[int, list[str]]  # a line's number and its cells


def _read_rows(folder: Path, name: str) -> tuple[Row | None, list[Row]]:
    """The CSV file `name` inside `folder`: its header row (None: its first row is all
    numbers) and its other non-blank rows, each with its line number; a LessonError when it
    cannot be read."""
    from foghill.lessons.shelf import inside

    path = inside(folder, name)
    size = path.stat().st_size
    if size > MAX_DATA_BYTES:
        raise LessonError(
            f"{name} is {size:,} bytes; a data file may be at most {MAX_DATA_BYTES:,}"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LessonError(f"{name} is not UTF-8 text") from None
    rows = [
        (number, [cell.strip() for cell in row])
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise LessonError(f"{name} is empty")
    header: Row | None = None
    if any(_number(cell) is None for cell in rows[0][1]):
        header = rows[0]
        rows = rows[1:]
    if not rows:
        raise LessonError(f"{name} has a header but no rows")
    return header, rows


def read_dots(
    folder: Path, name: str, x_column: str | None = None, y_column: str | None = None
) -> Dots:
    """The x and y values of the dots in the CSV file `name` inside `folder`; a LessonError
    (naming the file's line where a cell is wrong) when they cannot be read."""
    first, rows = _read_rows(folder, name)
    header = first[1] if first else None
    width = len(rows[0][1])
    numeric = [i for i, cell in enumerate(rows[0][1]) if _number(cell) is not None]
    if x_column is None and y_column is None and len(numeric) < 2:
        raise LessonError(f"{name}:{rows[0][0]}: needs two columns of numbers (x and y)")
    x = _column(x_column, header, width, name) if x_column else numeric[0]
    others = [i for i in numeric if i != x]
    if not y_column and not others:
        raise LessonError(f"{name}:{rows[0][0]}: no second column of numbers for y")
    y = _column(y_column, header, width, name) if y_column else others[0]
    xs: list[float] = []
    ys: list[float] = []
    for number, row in rows:
        for index, out in ((x, xs), (y, ys)):
            cell = row[index] if index < len(row) else ""
            value = _number(cell)
            if value is None:
                label = header[index] if header and index < len(header) else str(index + 1)
                raise LessonError(f"{name}:{number}: {cell!r} in column {label!r} is not a number")
            out.append(value)
    return Dots(xs, ys, header[x] if header else None, header[y] if header else None)


def read_table_file(folder: Path, name: str, label_column: str | None = None) -> Table:
    """A teacher's table from the CSV file `name` inside `folder`: the label column (by its
    header or its number from 1; the last column unless named) and every other column as
    features, checked as every host checks a table (:func:`foghill.training.table.read_table`),
    the file's line named where a row is wrong."""
    from foghill.errors import BadRequest
    from foghill.training.table import read_table

    first, rows = _read_rows(folder, name)
    width = max(len(cells) for _, cells in [*rows, *([first] if first else [])])
    if first and (label_column is None or label_column.isdigit()):
        at = int(label_column) - 1 if label_column else len(first[1]) - 1
        if all(_number(c) is not None for i, c in enumerate(first[1]) if i != at):
            rows, first = [first, *rows], None  # no header: only its label is text
    header = first[1] if first else None
    label = _column(label_column, header, width, name) if label_column else width - 1
    for number, cells in rows:
        if len(cells) != width:
            raise LessonError(f"{name}:{number}: {len(cells)} cells where the table has {width}")
    names = header or [str(i + 1) for i in range(width)]
    try:
        return read_table(
            [[c for i, c in enumerate(cells) if i != label] for _, cells in rows],
            [cells[label] for _, cells in rows],
            what=name,
            columns=[n for i, n in enumerate(names) if i != label],
            row_names=[f"line {number}" for number, _ in rows],
        )
    except BadRequest as error:
        raise LessonError(str(error)) from None


def data_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each CSV file under `folder` with its modification time and size: what a lesson's
    rendering depends on besides its own text (a changed signature, a new rendering)."""
    found = []
    for path in sorted(folder.rglob("*.csv")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(found)
