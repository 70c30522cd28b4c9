"""fh.Classifier(X, y) (issue 24): a teacher's table as a live widget, built like the four
demos; its events name the columns, count the held-out rows in a confusion table, answer a
row; bad tables are refused in one sentence naming the column or row. The tables here are
made up for teaching."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foghill as fh
from foghill import contract
from foghill.notebook.training import TRAINING_STATUSES


def made_up_table(rows: int = 80) -> tuple[pd.DataFrame, list[str]]:
    """Made up for teaching: hours of sun and of rain a plant got, and whether it bloomed."""
    rng = np.random.default_rng(1)
    half = rows // 2
    frame = pd.DataFrame(
        {
            "sun_hours": np.r_[rng.normal(3, 1, half), rng.normal(8, 1, half)],
            "rain_mm": rng.normal(20, 5, rows),
        }
    )
    return frame, ["wilted"] * half + ["bloomed"] * half


def test_the_classifier_is_a_widget_like_the_demos() -> None:
    frame, labels = made_up_table()
    c = fh.Classifier(frame, labels)
    assert "fh-classifier" in c._esm  # the page's own element, bundled
    assert c.status in TRAINING_STATUSES
    assert c.status == "idle"
    assert c.step_count == 0
    for name in ("go", "step", "pause", "reset", "train", "predict", "predict_proba", "label"):
        assert callable(getattr(c, name)), name
    assert (c.learning_rate, c.optimizer) == (0.5, "gd")
    assert c.batch_size == contract.WIDGETS["fh-classifier"].defaults()["batch_size"]


def test_a_run_names_the_columns_and_counts_the_held_out_rows() -> None:
    frame, labels = made_up_table()
    c = fh.Classifier(frame, labels)
    found = c.train(steps=150)
    start, last, end = found[0], found[-2], found[-1]
    assert start["info"]["features"] == ["sun_hours", "rain_mm"]
    assert start["info"]["classes"] == ["bloomed", "wilted"]
    assert len(start["info"]["shown"]) == 8
    assert end["reason"] == "done"
    assert last["metric"] >= 0.9
    confusion = np.array(last["view"]["confusion"])
    assert confusion.sum() == start["info"]["heldout_size"] == 20
    assert np.trace(confusion) / confusion.sum() == pytest.approx(last["metric"])
    weights = np.array(last["view"]["weights"])  # per column, per label
    assert weights.shape == (2, 2)
    assert weights[0, 0] > weights[0, 1]  # sun pushes towards "bloomed"
    assert c.step_count == 150
    answer = c.label([9, 20])
    assert answer["label"] == "bloomed"
    assert answer["p"] > 0.9
    assert c.predict(pd.DataFrame({"sun_hours": [2, 9], "rain_mm": [20, 20]})) == [
        "wilted",
        "bloomed",
    ]


def test_numpy_tables_and_number_labels_work_too() -> None:
    frame, labels = made_up_table()
    c = fh.Classifier(frame.to_numpy(), [0 if v == "wilted" else 1 for v in labels])
    found = c.train(steps=50)
    assert found[0]["info"]["features"] == ["x0", "x1"]
    assert found[0]["info"]["classes"] == ["0", "1"]
    assert c.predict([[9, 20]]) == [1]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda f, y: (f.assign(colour=["red"] * len(f)), y),
            'column "colour" of X holds text, not numbers (row 0 is "red")',
        ),
        (
            lambda f, y: (f.assign(rain_mm=[np.nan, 1.0, np.nan] + [1.0] * (len(f) - 3)), y),
            'column "rain_mm" of X must hold finite numbers: 2 rows are missing one or not '
            "finite (row 0 is NaN); fill them in or drop those rows",
        ),
        (
            lambda f, y: (f, ["wilted"] * len(f)),
            'every row has the label "wilted": a classifier needs two or more different labels',
        ),
        (lambda f, y: (f, y[:-1]), "X has 80 rows but there are 79 labels: one row per label"),
        (
            lambda f, y: (f[:5], y[:5]),
            "X has 5 rows; a classifier needs at least 8, so that a quarter can be held out "
            "to test it",
        ),
        (
            lambda f, y: (pd.concat([f] * 70), y * 70),
            "X has 5,600 rows, more than the 5,000 a classifier here takes: use a sample of them",
        ),
    ],
)
def test_a_bad_table_is_refused_in_one_sentence(change: object, words: str) -> None:
    frame, labels = made_up_table()
    X, y = change(frame, labels)  # type: ignore[operator]  # noqa: N806
    with pytest.raises(fh.SettingError) as refused:
        fh.Classifier(X, y)
    assert str(refused.value) == words


def test_a_question_with_the_wrong_number_of_cells_is_refused_in_words() -> None:
    frame, labels = made_up_table()
    c = fh.Classifier(frame, labels)
    with pytest.raises(
        fh.SettingError, match=r"a row needs 2 numbers, one per column \(sun_hours, rain_mm\)"
    ):
        c.label([1, 2, 3])
