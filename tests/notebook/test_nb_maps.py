"""Surface, Race, StepRace and Sweep from Python: the API's numbers, commands, bad settings."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
import traitlets

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

# The helper that runs code in JupyterLab's kernel (tests/notebook is on sys.path).
from nb_client import kernel_run, open_and_run_all, write_notebook

import foghill as fh
from foghill import contract
from foghill import notebook as fn
from foghill.engine.race import DEFAULT_RACERS, three_rates
from foghill.server import app


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def post(api: TestClient, path: str, body: dict[str, Any]) -> Any:
    response = api.post(path, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def state(widget: Any, name: str) -> Any:
    """What a browser receives for a trait: its serializer's JSON, as text and back."""
    trait = widget.trait_metadata(name, "to_json")
    value = getattr(widget, name)
    return json.loads(json.dumps(trait(value, widget) if trait else value, allow_nan=False))


# ---- the API's numbers ----------------------------------------------------------------------


def test_surface_is_the_apis_contours_and_descent(api: TestClient) -> None:
    w = fn.Surface("rosenbrock", start=[-1.5, 2.0], learning_rate=0.001, max_steps=300)
    assert state(w, "contours") == post(api, "/api/contours", {"hill": "rosenbrock"})
    body = {"hill": "rosenbrock", "start": [-1.5, 2.0], "learning_rate": 0.001, "max_steps": 300}
    assert state(w, "trajectory") == post(api, "/api/descend", body)
    assert w.trajectory.positions.shape == (w.trajectory.n_steps + 1, 2)
    assert isinstance(w.trajectory.final, tuple)


def test_surface_defaults_come_from_the_contract() -> None:
    w = fn.Surface()
    defaults = contract.WIDGETS["fh-surface"].defaults()
    assert (w.hill, w.learning_rate, w.optimizer, w.max_steps) == (
        defaults["hill"],
        defaults["learning_rate"],
        defaults["optimizer"],
        defaults["max_steps"],
    )
    assert w.start == list(fh.hills.by_name("himmelblau").start)
    assert w.trajectory.outcome == "settled"


def test_race_is_the_apis_race_with_the_surfaces_step_sizes(api: TestClient) -> None:
    w = fn.Race("narrow_valley")
    racers = [
        {"optimizer": r.optimizer, "learning_rate": r.learning_rate, "momentum": 0.9}
        for r in DEFAULT_RACERS["narrow_valley"]
    ]
    body = {"hill": "narrow_valley", "start": [-3.5, 1.5], "max_steps": 1000, "racers": racers}
    assert state(w, "race") == post(api, "/api/race", body)
    assert [r.optimizer for r in w.race.runs] == list(contract.OPTIMIZER_NAMES)
    assert w.race.runs[0].outcome == "crawling"
    assert w.race.runs[1].outcome == "settled"


def test_race_with_chosen_optimizers_rates_and_momentum(api: TestClient) -> None:
    w = fn.Race(
        "saddle", start=[2.0, 0.0], optimizers=["gd", "momentum"], learning_rates=[0.1, 0.05]
    )
    w.momentum = 0.5
    racers = [
        {"optimizer": "gd", "learning_rate": 0.1, "momentum": 0.5},
        {"optimizer": "momentum", "learning_rate": 0.05, "momentum": 0.5},
    ]
    body = {"hill": "saddle", "start": [2.0, 0.0], "max_steps": 1000, "racers": racers}
    assert w.error == ""
    assert state(w, "race") == post(api, "/api/race", body)
    # From exactly on the ridge line, plain descent slides into the saddle point and stops.
    assert w.race.runs[0].final == pytest.approx((0.0, 0.0), abs=1e-6)


def test_step_race_picks_a_crawl_a_settle_and_a_zigzag() -> None:
    w = fn.StepRace("bowl", start=3.0)
    rates = three_rates(fh.hills.BOWL, 3.0, 200)
    assert [r.learning_rate for r in w.race.runs] == list(rates)
    assert [r.outcome for r in w.race.runs] == ["crawling", "settled", "zigzag"]
    assert w.landscape.dims == 1
    assert w.landscape.regimes is not None
    w.learning_rates = [0.01, 0.1, 1.2]
    assert [r.outcome for r in w.race.runs] == ["crawling", "settled", "flew-off"]


def test_step_race_on_a_surface_shows_its_map(api: TestClient) -> None:
    w = fn.StepRace("round_bowl")
    assert w.landscape.dims == 2
    assert state(w, "landscape") == post(api, "/api/contours", {"hill": "round_bowl"})
    assert len(w.race.runs) == 3


def test_sweep_is_the_apis_sweep(api: TestClient) -> None:
    w = fn.Sweep("foggy", start=2.0, max_steps=300)
    body = {"hill": "foggy", "start": 2.0, "max_steps": 300}
    assert state(w, "sweep") == post(api, "/api/sweep", body)
    assert len(w.sweep.rates) == 200


def test_a_formula_and_a_landscape_object() -> None:
    w = fn.Surface("x^2 + 3*y^2", domain=[[-2, 2], [-2, 2]], start=[1.5, 1.0], learning_rate=0.1)
    assert w.contours.name == "custom"
    assert w.trajectory.outcome == "settled"
    s = fn.Sweep(fh.landscape("x^4/4 - x", domain=(-3, 3)), start=2.5, max_steps=100)
    assert s.domain == [-3.0, 3.0]
    assert s.sweep.best_rate is not None
    r = fn.Race(fh.hills.by_name("himmelblau"))
    assert r.hill == "himmelblau"
    on_a_surface = fn.Sweep("narrow_valley", max_steps=100)  # 2.0 is no place on a surface
    assert on_a_surface.start == [-3.5, 1.5]
    assert on_a_surface.sweep.fly_off == pytest.approx(0.5)


# ---- commands -------------------------------------------------------------------------------


def test_go_and_step_follow_the_slowest_racer() -> None:
    w = fn.Race("narrow_valley")
    w.step()
    assert (w.status, w.step_count) == ("paused", 1)
    w.go()
    assert (w.status, w.step_count) == ("crawling", 1000)
    w.reset()
    assert (w.status, w.step_count) == ("idle", 0)


def test_surface_go_ends_with_the_walks_outcome() -> None:
    w = fn.Surface("himmelblau", start=[0.0, 0.0])
    w.go()
    assert (w.status, w.step_count) == ("settled", w.trajectory.n_steps)


# ---- bad settings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: fn.Surface("foggy"), "2-D surfaces"),
        (lambda: fn.Race("bowl"), "2-D surfaces"),
        (lambda: fn.Surface("himmelblu"), "did you mean himmelblau"),
        (lambda: fn.Surface("himmelblau", start=[9.0, 9.0]), "start must lie on the surface"),
        (lambda: fn.Race("saddle", learning_rates=[0.1]), "one step size per optimizer"),
        (lambda: fn.Race("saddle", optimizers=["gd", "sgd"]), "optimizers[1] must be one of 'gd'"),
        (lambda: fn.Race("saddle", optimizers=["gd"] * 7), "at most 6"),
        (lambda: fn.Race("saddle", momentum=1.5), "momentum"),
        (lambda: fn.StepRace("bowl", learning_rates=[0.1, -1.0, 0.2]), "greater than 0"),
        (lambda: fn.Sweep("bowl", start=9.0), "start must lie on the hill"),
        (lambda: fn.Sweep("bowl", max_steps=5000), "at most 2000"),
        (lambda: fn.Surface("__import__('os')"), "unknown function '__import__'"),
        (lambda: fn.Surface("himmelblau", colour="red"), 'no setting "colour"'),
    ],
)
def test_bad_settings_at_construction_raise_the_apis_sentence(make: Any, words: str) -> None:
    with pytest.raises(fn.SettingError, match=re.escape(words)):
        make()


def test_a_bad_change_later_sets_error_and_keeps_the_last_good_outputs() -> None:
    w = fn.Race("narrow_valley")
    before = w.race
    w.learning_rates = [0.1, 0.1]
    assert "one step size per optimizer" in w.error
    assert w.race is before
    w.learning_rates = None
    assert w.error == ""
    w.start = [9.0, 9.0]
    assert "start must lie on the surface" in w.error
    w.start = [1.0, 1.0]
    assert w.error == ""
    assert w.race.runs[0].positions[0].tolist() == [1.0, 1.0]


def test_values_that_cannot_travel_are_refused_at_once() -> None:
    w = fn.Surface("saddle")
    with pytest.raises(traitlets.TraitError):
        w.start = [float("nan"), 0.0]
    with pytest.raises(traitlets.TraitError):
        w.domain = [[0, 1], [0, 1], [0, 1]]
    r = fn.Race("saddle")
    with pytest.raises(traitlets.TraitError):
        r.optimizers = [1.5]


def test_the_views_answers_come_back_as_models() -> None:
    """A view writes nothing back but status and step_count; still, the traits' from_json
    turns their JSON into the same models (the sync protocol's other direction)."""
    w = fn.StepRace("round_bowl")
    for name in ("landscape", "race"):
        back = w.trait_metadata(name, "from_json")(state(w, name), w)
        assert json.loads(json.dumps(state(w, name))) == json.loads(
            json.dumps(w.trait_metadata(name, "to_json")(back, w))
        )


# ---- in JupyterLab: the views play the kernel's runs ------------------------------------------

SECOND = 1000  # Playwright counts milliseconds
CELLS = (
    'import foghill as fh\nrace = fh.Race("narrow_valley", max_steps=200)\nrace',
    'surface = fh.Surface("himmelblau", start=[0.0, 0.0], max_steps=100)\nsurface',
    'steps = fh.StepRace("bowl", start=3.0, max_steps=100)\nsteps',
    'sweep = fh.Sweep("bowl", start=2.0)\nsweep',
)


@pytest.mark.notebook
def test_jupyterlab_shows_the_maps_races_and_sweep(
    jupyterlab: Any, local_page: Any, screenshots: Any
) -> None:
    from playwright.sync_api import expect

    page, offsite = local_page
    write_notebook(jupyterlab.root / "maps.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "maps.ipynb")
    for tag in ("fh-race", "fh-surface", "fh-step-race", "fh-sweep"):
        expect(page.locator(tag)).to_have_count(1, timeout=30 * SECOND)

    # The race, by keyboard: Play focused and pressed; it ends with its slowest racer.
    race = page.locator("fh-race")
    race.scroll_into_view_if_needed()
    page.wait_for_function(
        "(el) => el.model?.get('race') != null", arg=race.element_handle(), timeout=30 * SECOND
    )
    expected = fn.Race("narrow_valley", max_steps=200).race
    race.locator("button.fh-btn-play").focus()
    page.keyboard.press("Enter")
    expect(race).to_have_attribute("data-status", expected.outcome, timeout=60 * SECOND)
    expect(race).to_have_attribute("data-step", str(expected.n_steps))
    expect(race.locator(".fh-outcomes li")).to_have_count(6)
    page.screenshot(path=str(screenshots / "jupyterlab-race.png"))
    assert kernel_run(page, f"assert race.status == {expected.outcome!r}") == ""

    # The surface, by mouse: the ball walks down the map and settles where Python says.
    surface = page.locator("fh-surface")
    surface.scroll_into_view_if_needed()
    walk = fn.Surface("himmelblau", start=[0.0, 0.0], max_steps=100).trajectory
    surface.locator("button.fh-btn-play").click()
    expect(surface).to_have_attribute("data-status", walk.outcome, timeout=60 * SECOND)
    expect(surface).to_have_attribute("data-step", str(walk.n_steps))
    page.screenshot(path=str(screenshots / "jupyterlab-surface.png"))

    # Three step sizes: the kernel's picks reach the view and race to the kernel's outcome.
    steps = page.locator("fh-step-race")
    steps.scroll_into_view_if_needed()
    three = fn.StepRace("bowl", start=3.0, max_steps=100).race
    steps.locator("button.fh-btn-play").click()
    expect(steps).to_have_attribute("data-status", three.outcome, timeout=60 * SECOND)
    for run in three.runs:
        expect(steps).to_contain_text(run.outcome.replace("zigzag", "zig"))

    # The sweep: the kernel's answer is drawn; a change in Python reaches the view.
    sweep = page.locator("fh-sweep")
    sweep.scroll_into_view_if_needed()
    page.wait_for_function(
        "(el) => el.model?.get('sweep')?.rates?.length === 200",
        arg=sweep.element_handle(),
        timeout=30 * SECOND,
    )
    assert kernel_run(page, "sweep.start = 3.5") == ""
    again = fn.Sweep("bowl", start=3.5).sweep
    page.wait_for_function(
        "([el, want]) => JSON.stringify(el.model.get('sweep').steps) === want",
        arg=[sweep.element_handle(), json.dumps(again.steps, separators=(",", ":"))],
        timeout=30 * SECOND,
    )
    page.screenshot(path=str(screenshots / "jupyterlab-sweep.png"))
    for tag in ("fh-race", "fh-surface", "fh-step-race", "fh-sweep"):
        expect(page.locator(tag).locator(".fh-error")).to_be_hidden()
    assert offsite.urls == [], offsite.urls


MARIMO_APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo

    import foghill as fh

    return fh, mo


@app.cell
def _(fh, mo):
    race = mo.ui.anywidget(fh.Race("saddle", max_steps=150))
    race
    return (race,)


@app.cell
def _(mo, race):
    mo.md(f"The race says: {race.widget.status} after {race.widget.step_count} steps.")
    return


@app.cell
def _(fh, mo):
    sweep = mo.ui.anywidget(fh.Sweep("foggy", start=2.0, max_steps=200))
    sweep
    return (sweep,)


if __name__ == "__main__":
    app.run()
"""


@pytest.mark.notebook
def test_marimo_plays_a_race_and_reads_its_status(
    marimo_app: Any, local_page: Any, screenshots: Any, tmp_path: Any
) -> None:
    from playwright.sync_api import expect

    page, offsite = local_page
    source = tmp_path / "maps_app.py"
    source.write_text(MARIMO_APP, encoding="utf-8")
    server = marimo_app(source)
    page.goto(server.url + "/", timeout=60 * SECOND)
    race = page.locator("fh-race").first
    race.wait_for(timeout=60 * SECOND)
    page.wait_for_function(
        "(el) => el.model?.get('race') != null", arg=race.element_handle(), timeout=30 * SECOND
    )
    expected = fn.Race("saddle", max_steps=150).race
    race.locator("button.fh-btn-play").click()
    expect(race).to_have_attribute("data-status", expected.outcome, timeout=60 * SECOND)
    expect(race).to_have_attribute("data-step", str(expected.n_steps))
    # The status reaches Python, and marimo re-runs the cell that reads it.
    words = f"The race says: {expected.outcome} after {expected.n_steps} steps."
    expect(page.get_by_text(words)).to_be_visible(timeout=30 * SECOND)
    sweep = page.locator("fh-sweep").first
    sweep.scroll_into_view_if_needed()
    page.wait_for_function(
        "(el) => el.model?.get('sweep')?.rates?.length === 200",
        arg=sweep.element_handle(),
        timeout=30 * SECOND,
    )
    page.screenshot(path=str(screenshots / "marimo-maps.png"))
    assert offsite.urls == [], offsite.urls
