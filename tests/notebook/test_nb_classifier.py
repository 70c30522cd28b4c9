"""fh.Classifier(X, y) (issue 24): a teacher's table as a live widget, built like the four
demos; its events name the columns, count the held-out rows in a confusion table, answer a
row; bad tables are refused in one sentence naming the column or row. The tables here are
made up for teaching."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from nb_client import kernel_run, open_and_run_all, write_notebook
from playwright.sync_api import expect

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


# ---- in a real JupyterLab (Debian's Chromium, on 127.0.0.1) ------------------------------------

SECOND = 1000  # Playwright counts milliseconds
CELLS = (
    "import foghill as fh\nimport pandas as pd",
    # Made up for teaching: a plant's hours of sun and millimetres of rain, and how it fared.
    "plants = pd.DataFrame({'sun_hours': [2, 3, 1, 4, 3, 2, 8, 9, 7, 10, 9, 8] * 4,\n"
    "                       'rain_mm': [20, 25, 18, 22, 30, 24, 21, 19, 26, 23, 28, 20] * 4})\n"
    "fared = ['wilted'] * 6 + ['bloomed'] * 6\n"
    "plants_model = fh.Classifier(plants, fared * 4)\n"
    "plants_model",
)


def _percents(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+)%", text)]


@pytest.mark.notebook
def test_jupyterlab_shows_a_table_learning_live(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    write_notebook(jupyterlab.root / "plants.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "plants.ipynb")
    widget = page.locator("fh-classifier").first
    widget.wait_for(timeout=60 * SECOND)
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-status", "idle")
    widget.get_by_role("button", name="Play").click()
    # Accuracy climbs while it plays: a first reading, then a later, higher one.
    metric = widget.locator(".fh-tr-metric")
    expect(metric).to_contain_text("Held-out accuracy", timeout=30 * SECOND)
    first = _percents(metric.inner_text())[0]
    expect(widget).to_have_attribute("data-status", "done", timeout=90 * SECOND)
    last = _percents(metric.inner_text())[0]
    assert last >= 90, metric.inner_text()
    assert last > first or first >= 90, (first, last)
    # The confusion table, in numbers and in words; the weights named by the columns.
    confusion = widget.locator(".fh-tr-confusion")
    expect(confusion).to_contain_text("bloomed")
    expect(widget.locator(".fh-tr-confusion-words")).to_contain_text("Labelled right:")
    weights = widget.locator(".fh-tr-weights")
    expect(weights.locator("th", has_text="sun_hours")).to_be_visible()
    expect(weights.locator("th", has_text="rain_mm")).to_be_visible()
    expect(widget.locator(".fh-tr-push-words")).to_contain_text(
        "sun_hours pushes towards “bloomed”"
    )
    # A question: a row typed, answered with its label and probability.
    widget.get_by_label("sun_hours").fill("9")
    widget.get_by_label("rain_mm").fill("22")
    expect(widget.locator(".fh-tr-guess")).to_contain_text(
        re.compile(r"Label: “bloomed”, with probability \d+%"), timeout=30 * SECOND
    )
    page.screenshot(path=str(screenshots / "jupyterlab-classifier.png"))
    # The kernel saw the view's run; Python answers for the step drawn.
    check = (
        "assert plants_model.status == 'done', plants_model.status\n"
        "assert plants_model.step_count == 300, plants_model.step_count\n"
        "assert plants_model.predict([[9, 22]]) == ['bloomed']"
    )
    assert kernel_run(page, check) == ""
    # A bad table is refused in the kernel in one sentence naming the column.
    refused = kernel_run(page, "fh.Classifier(plants.assign(colour='red'), fared * 4)")
    assert refused == (
        'SettingError: column "colour" of X holds text, not numbers (row 0 is "red")'
    ), refused
    assert offsite.urls == [], offsite.urls


MARIMO_APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import pandas as pd

    import foghill as fh

    # Made up for teaching: a plant's hours of sun and millimetres of rain, and how it fared.
    plants = pd.DataFrame({"sun_hours": [2, 3, 1, 4, 8, 9, 7, 10] * 5,
                           "rain_mm": [20, 25, 18, 22, 21, 19, 26, 23] * 5})
    fared = (["wilted"] * 4 + ["bloomed"] * 4) * 5
    garden = mo.ui.anywidget(fh.Classifier(plants, fared))
    garden
    return (garden,)


@app.cell
def _(garden):
    import marimo as mo2

    mo2.md(f"The garden says: {garden.widget.status} at step {garden.widget.step_count}")
    return


if __name__ == "__main__":
    app.run()
"""


@pytest.mark.notebook
def test_marimo_shows_a_table_learning_live(
    marimo_app: Any, local_page: Any, screenshots: Path, tmp_path: Path
) -> None:
    page, offsite = local_page
    source = tmp_path / "garden_app.py"
    source.write_text(MARIMO_APP)
    server = marimo_app(source)
    page.goto(server.url + "/", timeout=60 * SECOND)
    widget = page.locator("fh-classifier").first
    widget.wait_for(timeout=60 * SECOND)
    widget.scroll_into_view_if_needed()
    widget.get_by_role("button", name="Play").click()
    expect(widget).to_have_attribute("data-status", "done", timeout=90 * SECOND)
    assert _percents(widget.locator(".fh-tr-metric").inner_text())[0] >= 90
    expect(widget.locator(".fh-tr-weights th", has_text="sun_hours")).to_be_visible()
    page.get_by_text("The garden says: done at step 300").wait_for(timeout=30 * SECOND)
    page.screenshot(path=str(screenshots / "marimo-classifier.png"))
    assert offsite.urls == [], offsite.urls
