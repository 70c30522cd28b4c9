"""Foghill's widgets in a marimo notebook: `marimo edit examples/marimo_tour.py`."""

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo
    import pandas as pd

    import foghill as fh

    return fh, mo, pd


@app.cell
def _(mo):
    mo.md(
        """
        # Foghill in marimo

        The lesson page's widgets, answered by this notebook's Python instead of the Foghill
        server: the foggy hill, the step-size dial and a line walking towards dots. Each one
        is wrapped with `mo.ui.anywidget`, so marimo re-runs the cells that read it whenever
        the widget reports something new, such as the ball coming to rest.
        """
    )
    return


@app.cell
def _(fh, mo):
    hill = mo.ui.anywidget(fh.Hill("foggy", start=2.5, learning_rate=0.1))
    mo.vstack(
        [
            mo.md(
                "## 1. The foggy hill\n\nPress **Play** and the ball feels its way down, "
                "one small step at a time. Click the hill to drop it somewhere else."
            ),
            hill,
        ]
    )
    return (hill,)


@app.cell
def _(hill, mo):
    _w = hill.widget
    mo.md(
        f"The widget says: **{_w.status}** after {_w.step_count} of "
        f"{_w.trajectory.n_steps} steps (Python worked out the whole walk in advance: "
        f"it ends *{_w.trajectory.outcome}* at x = {_w.trajectory.final:.3f})."
    )
    return


@app.cell
def _(fh, mo):
    dial_widget = fh.StepDial(fh.hills.BOWL, start=3.0, learning_rate=0.1)
    dial = mo.ui.anywidget(dial_widget)
    rate = mo.ui.slider(0.01, 1.2, step=0.01, value=0.1, label="step size from marimo")
    mo.vstack(
        [
            mo.md(
                "## 2. The step-size dial\n\nOn a plain bowl. Turn the widget's own dial, or "
                "move marimo's slider: both set the same `learning_rate`."
            ),
            rate,
            dial,
        ]
    )
    return dial_widget, rate


@app.cell
def _(dial_widget, rate):
    dial_widget.learning_rate = rate.value
    return


@app.cell
def _(fh, mo, pd):
    _rows = []
    for _rate in (0.001, 0.1, 0.5, 0.8, 1.0, 1.2):
        _run = fh.StepDial(fh.hills.BOWL, start=3.0, learning_rate=_rate).trajectory
        _rows.append({"learning rate": _rate, "outcome": _run.outcome, "steps": _run.n_steps})
    mo.vstack(
        [
            mo.md("Every outcome, computed in Python without drawing anything:"),
            pd.DataFrame(_rows),
        ]
    )
    return


@app.cell
def _(fh, mo):
    mine_widget = fh.Hill("0.1*x^4 - x^2 + 0.5*x", start=-0.5, learning_rate=0.05)
    mo.vstack(
        [
            mo.md("## 3. Your own hill\n\nA formula in `x`, read by Foghill's own parser."),
            mo.ui.anywidget(mine_widget),
        ]
    )
    return (mine_widget,)


@app.cell
def _(mine_widget, mo, pd):
    _run = mine_widget.trajectory
    mo.vstack(
        [
            mo.md(
                f"## 4. Reading the walk\n\n{_run.outcome.capitalize()} after "
                f"{_run.n_steps} steps, at x = {_run.final:.4f}. The first steps:"
            ),
            pd.DataFrame({"x": _run.positions, "height": _run.losses, "tilt": _run.gradients}).head(
                8
            ),
        ]
    )
    return


@app.cell
def _(fh, mo, pd):
    study = pd.DataFrame(
        {
            "hours": [1.0, 1.5, 2.0, 3.0, 3.5, 4.0, 5.0, 6.0],
            "score": [48.0, 53.0, 55.0, 61.0, 60.0, 66.0, 71.0, 76.0],
        }
    )
    fit_widget = fh.LineFit(x=study["hours"], y=study["score"], learning_rate=0.03, max_steps=2000)
    _w, _b = fit_widget.fit.final
    mo.vstack(
        [
            mo.md(
                "## 5. A line through your own dots\n\nTwo columns of a pandas table. "
                f"The walk ends with score = {_w:.2f} × hours + {_b:.2f}; "
                f"the exact best line is {fit_widget.fit.best.w:.2f} × hours + "
                f"{fit_widget.fit.best.b:.2f}."
            ),
            mo.ui.anywidget(fit_widget),
        ]
    )
    return


@app.cell
def _(fh, mo):
    try:
        fh.Hill("foggy", learning_rate=-1)
        _said = "nothing"
    except ValueError as _problem:
        _said = str(_problem)
    mo.md(f"## 6. A wrong setting\n\n`Hill('foggy', learning_rate=-1)` is refused: *{_said}*.")
    return


if __name__ == "__main__":
    app.run()
