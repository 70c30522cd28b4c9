"""The classifier demo (issue 24): a softmax model learns to label the rows of a teacher's
own table (:class:`~foghill.training.table.Table`).

A quarter of the rows (a fixed shuffle, seed 0) is held out; every column is standardised
with the training rows' mean and spread. Unlike the four built-in demos, each table is a demo
of its own (its :meth:`identity` is a digest of the table).

Start info: ``classes`` (as text), ``features`` (the column names), ``train_size``,
``heldout_size`` and ``shown``, a few held-out rows (``values``, ``label``) a reader can pick.
View: ``weights``, per column one weight per class (how hard the column pushes towards each
label, in standardised units); ``confusion``, the held-out rows counted by their true label
(rows) and the label given (columns). Question (``what: "label"``): a ``row`` of numbers ->
``label``, ``p`` (its probability) and ``probabilities`` (``{label, p}`` for every class).
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

import numpy as np

from foghill.engine.models.minibatch import Evaluation, FloatArray, Model
from foghill.engine.models.softmax import Softmax
from foghill.errors import BadRequest
from foghill.training.demo import Demo, percent, rounded
from foghill.training.requests import (
    AskRequest,
    ClassifierAsk,
    ClassifierRequest,
    TableBody,
    TrainRequest,
)
from foghill.training.table import Table, read_table

__all__ = ["ClassifierDemo", "demo_for_table"]

#: Held-out rows offered to pick from.
SHOWN = 8


class ClassifierDemo(Demo):
    """One table's demo (see the module)."""

    name = "classifier"
    tag = "fh-classifier"
    request_model: ClassVar[type[TrainRequest]] = ClassifierRequest
    ask_model: ClassVar[type[AskRequest] | None] = ClassifierAsk

    def __init__(self, table: Table, hidden: int = 0) -> None:
        self.table = table
        n = len(table.codes)
        order = np.random.default_rng(0).permutation(n)
        self.held, self.train = order[: n // 4], order[n // 4 :]
        train_rows = table.rows[self.train]
        self.mean = train_rows.mean(axis=0)
        spread = train_rows.std(axis=0)
        spread[spread == 0] = 1.0
        self.spread = spread
        scaled = self.scaled(table.rows)
        self.softmax = Softmax(
            scaled[self.train],
            table.codes[self.train],
            scaled[self.held],
            table.codes[self.held],
            len(table.classes),
            hidden,
        )
        digest = hashlib.sha256(table.rows.tobytes())
        digest.update(repr((table.columns, table.classes, table.codes.tolist(), hidden)).encode())
        self._identity = f"classifier:{digest.hexdigest()}"

    def identity(self) -> str:
        return self._identity

    def scaled(self, rows: FloatArray) -> FloatArray:
        """Rows in the model's units: each column less its training mean, over its spread."""
        out: FloatArray = (np.atleast_2d(rows) - self.mean) / self.spread
        return out

    def model(self, request: TrainRequest) -> Softmax:
        return self.softmax

    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        rows = self.table.rows
        return {
            "classes": [str(v) for v in self.table.classes],
            "features": self.table.columns,
            "train_size": model.n_train,
            "heldout_size": len(self.held),
            "shown": [
                {
                    "values": [rounded(float(v), 6) for v in rows[i]],
                    "label": str(self.table.classes[self.table.codes[i]]),
                }
                for i in self.held[:SHOWN]
            ],
        }

    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        weights = self.softmax.templates(theta)
        p = self.softmax.probabilities(theta, self.softmax.heldout_x)
        given = p.argmax(axis=1)
        k = len(self.table.classes)
        confusion = np.zeros((k, k), dtype=int)
        np.add.at(confusion, (self.softmax.heldout_y, given), 1)
        return {
            "weights": [[rounded(float(v), 3) for v in row] for row in weights],
            "confusion": confusion.tolist(),
        }

    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        return (
            f"After {step} steps the model labels {percent(evaluation.metric)} of the "
            f"{len(self.held)} held-out rows right."
        )

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(ask, ClassifierAsk)
        width = len(self.table.columns)
        if len(ask.row) != width:
            names = ", ".join(self.table.columns)
            raise BadRequest(
                f"a row needs {width} numbers, one per column ({names}); got {len(ask.row)}",
                "row",
            )
        p = self.softmax.probabilities(theta, self.scaled(np.asarray(ask.row, dtype=float)))[0]
        best = int(p.argmax())
        classes = [str(v) for v in self.table.classes]
        return {
            "what": "label",
            "label": classes[best],
            "p": rounded(float(p[best]), 4),
            "probabilities": [
                {"label": c, "p": rounded(float(v), 4)} for c, v in zip(classes, p, strict=True)
            ],
        }


def demo_for_table(body: TableBody) -> ClassifierDemo:
    """The demo of a table sent with a request (a BadRequest, in one sentence, for a bad one)."""
    if any(len(row) != len(body.columns) for row in body.rows):
        i = next(i for i, row in enumerate(body.rows) if len(row) != len(body.columns))
        raise BadRequest(
            f"row {i} of the table has {len(body.rows[i])} cells for {len(body.columns)} columns",
            "table",
        )
    return ClassifierDemo(
        read_table(body.rows, body.labels, what="the table", columns=body.columns)
    )
