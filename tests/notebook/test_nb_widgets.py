"""The notebook widgets from Python: traits, the kernel's numbers (the API's), commands, errors."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import traitlets

with warnings.catch_warnings():
    # Starlette nudges towards the httpx2 package, which is not installed here.
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

import foghill as fh
from foghill import contract, precision
from foghill import notebook as fn
from foghill.server import app


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def post(api: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post(path, json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def roundtrip(value: Any) -> Any:
    """What a browser would receive: the JSON text, parsed."""
    return json.loads(json.dumps(value, allow_nan=False))


# ---- the same numbers as the API --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "body"),
    [
        (
            {"hill": "foggy", "start": 2.5, "learning_rate": 0.1},
            {"hill": "foggy", "start": 2.5, "learning_rate": 0.1},
        ),
        (
            {"hill": "bowl", "start": -3.0, "learning_rate": 0.9, "max_steps": 50},
            {"hill": "bowl", "start": -3.0, "learning_rate": 0.9, "max_steps": 50},
        ),
        (
            {"hill": "plateau", "start": 3.0, "learning_rate": 0.2, "optimizer": "adam"},
            {"hill": "plateau", "start": 3.0, "learning_rate": 0.2, "optimizer": "adam"},
        ),
        (
            {"hill": "0.1*x^4 - x^2 + 0.5*x", "start": 2.5, "learning_rate": 0.1},
            {"formula": "0.1*x^4 - x^2 + 0.5*x", "start": 2.5, "learning_rate": 0.1},
        ),
        (
            {"formula": "x^2 - 2*x", "domain": (-2, 5), "start": 4.0, "learning_rate": 0.3},
            {"formula": "x^2 - 2*x", "domain": [-2, 5], "start": 4.0, "learning_rate": 0.3},
        ),
    ],
)
def test_hill_outputs_are_the_api_answers(
    api: TestClient, args: dict[str, Any], body: dict[str, Any]
) -> None:
    hill = args.pop("hill", None)
    w = fn.Hill(hill, **args)
    state = roundtrip(w.get_state())
    landscape_body = {k: v for k, v in body.items() if k in ("hill", "formula", "domain")}
    landscape_body |= {"start": body["start"], "max_steps": body.get("max_steps", 200)}
    assert state["landscape"] == post(api, "/api/landscape", landscape_body)
    assert state["trajectory"] == post(api, "/api/descend", body)
    assert state["error"] == ""
    assert state["status"] == "idle"
    assert state["step_count"] == 0


def test_line_fit_outputs_are_the_api_answers(api: TestClient) -> None:
    x = [0.0, 1.0, 2.0, 3.0, 4.0]
    y = [1.1, 2.9, 5.2, 7.1, 8.8]
    w = fn.LineFit(x=x, y=y, w=0.5, b=-1.0, learning_rate=0.04, max_steps=120)
    body = {"x": x, "y": y, "w": 0.5, "b": -1.0, "learning_rate": 0.04, "max_steps": 120}
    assert roundtrip(w.get_state())["fit"] == post(api, "/api/linefit", body)
    labels = {"x_from": None, "x_label": "x", "y_label": "y"}
    assert w.request.model_dump() == {**body, "optimizer": "gd", **labels}


def test_the_requests_are_what_the_page_would_post() -> None:
    w = fn.Hill("foggy", start=-1.0, learning_rate=0.05, max_steps=300)
    landscape, descend = w.requests
    assert landscape.hill == "foggy"
    assert landscape.formula == ""
    assert landscape.start == -1.0
    assert landscape.max_steps == 300
    assert descend.learning_rate == 0.05
    assert descend.optimizer == "gd"


# ---- the Python API ---------------------------------------------------------------------------


def test_hill_reads_naturally_and_defaults_to_the_hills_own_start() -> None:
    w = fn.Hill("foggy")
    assert (w.hill, w.formula) == ("foggy", "")
    assert w.domain is None
    assert w.start == fh.hills.FOGGY.start
    assert (w.learning_rate, w.optimizer, w.max_steps) == (0.1, "gd", 200)
    assert w.landscape is not None
    assert w.landscape.name == "foggy"
    assert fn.Hill().hill == "foggy"
    assert fn.StepDial().hill == "bowl"


def test_first_argument_a_landscape_a_name_or_a_formula() -> None:
    assert fn.StepDial(fh.hills.BOWL).hill == "bowl"
    assert fn.Hill("Bowl").hill == "bowl"
    own = fn.Hill("0.1*x^4 - x^2 + 0.5*x", start=2.5, learning_rate=0.1)
    assert own.formula == "0.1*x^4 - x^2 + 0.5*x"
    assert own.landscape is not None
    assert own.landscape.name == "custom"
    assert fn.Hill("x - 1", start=1.0).formula == "x - 1"  # a formula, not a name
    assert fn.Hill("x").formula == "x"
    custom = fh.landscape("x^2 - x", domain=(-3, 3))
    from_landscape = fn.Hill(custom)
    assert from_landscape.formula == custom.formula
    assert from_landscape.domain == [-3.0, 3.0]
    assert from_landscape.start == custom.start


def test_trajectory_is_readable_like_the_engines() -> None:
    w = fn.Hill("foggy", start=2.5, learning_rate=0.1)
    run = w.trajectory
    assert run is not None
    engine = fh.descend(fh.hills.FOGGY, 2.5, learning_rate=0.1, max_steps=200)
    assert run.outcome == engine.outcome == "settled"
    assert run.n_steps == engine.n_steps
    # The run is the engine's walk as every host is sent it (foghill.precision).
    sent = precision.walk(engine, fh.hills.FOGGY.domain)
    np.testing.assert_array_equal(run.positions, sent.positions)
    np.testing.assert_array_equal(run.losses, sent.losses)
    np.testing.assert_array_equal(run.gradients, sent.gradients)
    np.testing.assert_allclose(run.steps, engine.steps, atol=1e-5)
    assert run.final == pytest.approx(engine.final, abs=1e-5)
    assert run.valley is not None
    assert not run.positions.flags.writeable
    assert "settled" in repr(run)


def test_line_fit_accepts_numpy_and_pandas_columns() -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({"hours": [1, 2, 3, 4, 5, 6], "score": [52, 55, 61, 64, 70, 71]})
    from_pandas = fn.LineFit(x=table["hours"], y=table["score"], learning_rate=0.02)
    assert from_pandas.x == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    from_numpy = fn.LineFit(
        np.arange(1, 7), table["score"].to_numpy(dtype=float), learning_rate=0.02
    )
    assert from_numpy.fit is not None
    assert from_pandas.fit is not None
    assert from_numpy.fit.to_json() == from_pandas.fit.to_json()
    assert from_numpy.fit.positions.shape == (from_numpy.fit.n_steps + 1, 2)
    best = from_numpy.fit.best
    slope, intercept = np.polyfit(np.arange(1, 7), table["score"], 1)
    assert best.w == pytest.approx(slope)
    assert best.b == pytest.approx(intercept)


def test_line_fit_without_dots_uses_the_built_in_ones() -> None:
    w = fn.LineFit()
    assert len(w.x) == len(w.y) == len(list(contract.DEFAULT_X))
    assert w.fit is not None
    assert w.fit.outcome in ("settled", "crawling")


# ---- commands from Python ---------------------------------------------------------------------


def test_go_gives_the_outcome_with_no_view_attached() -> None:
    w = fn.Hill("foggy", start=2.5, learning_rate=0.1)
    assert (w.status, w.step_count) == ("idle", 0)
    w.go()
    assert w.trajectory is not None
    assert w.status == w.trajectory.outcome == "settled"
    assert w.step_count == w.trajectory.n_steps


def test_go_on_a_bold_dial_flies_off() -> None:
    w = fn.StepDial("bowl", start=3.0, learning_rate=1.1)
    w.go()
    assert w.status == "flew-off"


def test_step_pause_reset() -> None:
    w = fn.StepDial("bowl", start=3.0, learning_rate=0.1)
    w.step()
    w.step()
    assert (w.status, w.step_count) == ("paused", 2)
    assert callable(w.step)
    assert w.get_state()["step_count"] == 2
    w.pause()
    assert w.status == "paused"
    w.reset()
    assert (w.status, w.step_count) == ("idle", 0)
    w.go()
    w.step()  # after the end, stepping starts over
    assert w.step_count == 1
    run = fn.LineFit(max_steps=3)
    for _ in range(3):
        run.step()
    assert run.fit is not None
    assert (run.step_count, run.status) == (3, run.fit.outcome)
    run.step()  # as in the views: a step at the end starts the walk over
    assert (run.step_count, run.status) == (1, "paused")


def test_commands_are_sent_to_the_views(monkeypatch: pytest.MonkeyPatch) -> None:
    w = fn.Hill("foggy")
    sent: list[Any] = []
    monkeypatch.setattr(w, "send", lambda content, buffers=None: sent.append(content))
    w.go()
    w.pause()
    w.step()
    w.reset()
    # A step says which step it ends on (after the end, the walk starts over): the views end
    # there however many steps come at once.
    step = {"type": "step", "step": 1}
    assert sent == [{"type": "go"}, {"type": "pause"}, step, {"type": "reset"}]


def test_with_a_view_shown_go_says_running_until_the_view_reports() -> None:
    w = fn.Hill("foggy", start=2.5, learning_rate=0.1)
    w.set_state({"_views": 1})  # what a view sends when it is drawn
    w.step()
    w.go()
    assert (w.status, w.step_count) == ("running", 1)
    w.set_state({"status": "settled", "step_count": w.trajectory.n_steps})  # the view's report
    assert w.status == "settled"
    w.set_state({"_views": 0})  # the view is gone: the kernel plays alone, over at once
    w.reset()
    w.go()
    assert (w.status, w.step_count) == ("settled", w.trajectory.n_steps)


def test_status_and_step_set_by_python_stay_in_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """The views report their own animation; the kernel's guess is not pushed at them."""
    w = fn.Hill("foggy")
    pushed: list[Any] = []
    monkeypatch.setattr(w, "send_state", lambda key=None: pushed.append(key))
    w.go()
    w.reset()
    assert pushed == []
    w.learning_rate = 0.2  # an input: it is sent, and the new outputs with it
    assert pushed


def test_observe_status() -> None:
    w = fn.Hill("foggy", start=2.5)
    seen: list[str] = []
    w.observe(lambda change: seen.append(change["new"]), names="status")
    w.go()
    w.reset()
    assert seen == ["settled", "idle"]


def test_a_view_writing_status_back_is_seen_by_python() -> None:
    w = fn.Hill("foggy")
    seen: list[tuple[str, Any]] = []
    w.observe(lambda c: seen.append((c["name"], c["new"])), names=["status", "step_count"])
    w.set_state({"status": "running", "step_count": 3})
    w.set_state({"status": "settled", "step_count": 40})
    assert (w.status, w.step_count) == ("settled", 40)
    assert ("status", "settled") in seen


# ---- inputs change, outputs follow ------------------------------------------------------------


def test_changing_an_input_recomputes() -> None:
    w = fn.StepDial("bowl", start=3.0, learning_rate=0.1)
    first = w.trajectory
    w.go()
    w.learning_rate = 1.5
    assert w.trajectory is not first
    assert w.trajectory is not None
    assert w.trajectory.outcome == "flew-off"
    assert (w.status, w.step_count) == ("idle", 0)
    w.hill = "steep"
    assert w.landscape is not None
    assert w.landscape.name == "steep"


def test_a_view_changing_inputs_recomputes_once() -> None:
    w = fn.Hill("foggy", start=2.5)
    runs: list[Any] = []
    w.observe(lambda c: runs.append(c["new"]), names="trajectory")
    w.set_state({"start": -1.0, "learning_rate": 0.05})  # one save_changes from the view
    assert len(runs) == 1
    assert w.trajectory is not None
    assert w.trajectory.positions[0] == -1.0
    assert w.trajectory.learning_rate == 0.05


def test_set_dots_changes_both_columns_at_once() -> None:
    w = fn.LineFit(x=[1, 2, 3], y=[2, 4, 6])
    errors: list[str] = []
    w.observe(lambda c: errors.append(c["new"]), names="error")
    w.set_dots([1, 2, 3, 4], [1, 3, 5, 7])
    assert errors == []
    assert w.fit is not None
    assert w.fit.best.w == pytest.approx(2.0)


# ---- bad settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: fn.Hill("fogy"), r'no hill called "fogy" \(did you mean foggy\?\)'),
        (lambda: fn.Hill("rosenbrock"), "2-D surface"),
        (lambda: fn.Hill("narrow valley"), "2-D surface"),
        (lambda: fn.Hill(fh.hills.SADDLE), "2-D surface"),
        (lambda: fn.Hill("0.1*x^4 - import os"), "formula|x"),
        (lambda: fn.Hill("x^2 + y^2"), "x only|1-D|2-D"),
        (lambda: fn.Hill("foggy", learning_rate=-1), "learning_rate must be greater than 0"),
        (lambda: fn.Hill("foggy", learning_rate=math.nan), "learning_rate must be a finite"),
        (lambda: fn.Hill("foggy", start=12.0), "start must lie on the hill"),
        (lambda: fn.Hill("foggy", optimizer="sgd"), "optimizer must be one of"),
        (lambda: fn.Hill("foggy", max_steps=0), "max_steps must be at least 1"),
        (
            lambda: fn.Hill("foggy", max_steps=2.5),  # type: ignore[arg-type]
            "max_steps must be a whole number",
        ),
        (lambda: fn.Hill("foggy", formula="x^2"), "not both"),
        (
            lambda: fn.Hill(42),  # type: ignore[arg-type]
            "built-in name, a formula or a foghill Landscape",
        ),
        (lambda: fn.Hill(formula="x^2", domain=(3, -3)), "smaller to a larger"),
        (lambda: fn.Hill(formula="x^2", domain="wide"), "domain"),
        (lambda: fn.Hill("foggy", domain=(-2, 2)), "a domain goes with a formula"),
        (lambda: fn.LineFit(x=[1, 2, 3], y=[1, 2]), "same length"),
        (lambda: fn.LineFit(x=[1, 2, math.nan], y=[1, 2, 3]), r"x\[2\] must be a finite"),
        (lambda: fn.LineFit(x=[2, 2, 2], y=[1, 2, 3]), "not all be equal"),
        (lambda: fn.LineFit(x=[1], y=[1]), r"x must have at least 2 values \(got 1\)"),
        (lambda: fn.Hill(formula="x" * 300), "at most 200 characters"),
        (lambda: fn.LineFit(x=[1, 2]), "both x and y"),
        (lambda: fn.LineFit(x="123", y="123"), "x must be a list of numbers"),
        (lambda: fn.LineFit(learning_rate=-1), "learning_rate must be greater than 0"),
    ],
)
def test_bad_settings_raise_a_clear_setting_error(make: Any, words: str) -> None:
    with pytest.raises(fn.SettingError, match=words):
        make()
    assert issubclass(fn.SettingError, ValueError)


def test_a_bad_value_later_sets_error_and_keeps_the_last_good_outputs() -> None:
    w = fn.Hill("foggy", start=2.5)
    good_landscape, good_run = w.landscape, w.trajectory
    w.learning_rate = -1.0
    assert "learning_rate must be greater than 0" in w.error
    assert w.learning_rate == -1.0  # the setting stays as typed
    assert (w.landscape, w.trajectory) == (good_landscape, good_run)
    w.learning_rate = 0.2
    assert w.error == ""
    assert w.trajectory is not good_run
    w.hill = "nowhere"
    assert "'nowhere'" in w.error
    w.hill = "foggy"
    assert w.error == ""
    assert w.trajectory is not good_run
    assert w.trajectory is not None
    assert w.trajectory.learning_rate == 0.2


def test_a_bad_formula_later_sets_error() -> None:
    w = fn.Hill("x^2", start=1.0)
    w.formula = "x^^2"
    assert w.error
    w.formula = "x^2 + 1"
    assert w.error == ""


def test_values_that_cannot_reach_a_browser_raise_trait_errors() -> None:
    w = fn.LineFit(x=[1, 2, 3], y=[1, 2, 3])
    with pytest.raises(traitlets.TraitError):
        w.x = [1.0, math.nan, 3.0]
    with pytest.raises(traitlets.TraitError):
        w.learning_rate = math.inf
    with pytest.raises(traitlets.TraitError):
        w.w = "steep"
    assert w.x == [1.0, 2.0, 3.0]
    hill = fn.Hill("foggy")
    with pytest.raises(traitlets.TraitError):
        hill.status = "lost"


def test_mismatched_dots_later_set_error() -> None:
    w = fn.LineFit(x=[1, 2, 3], y=[1, 2, 3])
    w.x = [1, 2, 3, 4]
    assert "same length" in w.error
    w.y = [1, 2, 3, 5]
    assert w.error == ""


def test_widgets_carry_the_bundled_view_and_the_components_css() -> None:
    from foghill.notebook.view import component_css, widget_esm

    for cls, tag in (
        (fn.Hill, "fh-hill"),
        (fn.StepDial, "fh-step-dial"),
        (fn.LineFit, "fh-line-fit"),
    ):
        w = cls()
        state = w.get_state()
        assert state["_esm"] == widget_esm(tag)
        assert state["_css"] == component_css()
        assert f'notebookModule("{tag}")' in state["_esm"]  # the render of its own tag
        assert "export" in state["_esm"]
        assert "import " not in state["_esm"]  # one self-contained module


def test_undefined_heights_reach_the_view_as_null_like_the_api() -> None:
    w = fn.Hill("log(x)", start=2.0)
    state = roundtrip(w.get_state())  # strict JSON: NaN would fail here
    ys = state["landscape"]["curve"]["y"]
    assert ys[0] is None
    assert all(isinstance(y, float) for y in ys[-10:])
    with TestClient(app) as client:
        api = client.post("/api/landscape", json={"formula": "log(x)", "start": 2.0}).json()
    assert state["landscape"]["curve"] == api["curve"]


def test_a_domain_set_later_on_a_built_in_hill_sets_error() -> None:
    w = fn.Hill("foggy")
    before = w.trajectory
    w.domain = [0.0, 1.0]
    assert w.error == "a domain goes with a formula; a built-in hill keeps its own domain"
    assert w.trajectory is before
    w.domain = None
    assert w.error == ""
