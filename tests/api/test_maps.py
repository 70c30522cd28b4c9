"""The issue 8 routes: /api/contours, /api/race, /api/sweep (and /api/descend in 2-D).

Good requests agree with the engine called directly; every bad one is a 4xx with one sentence.
"""

from __future__ import annotations

import gzip
from typing import Any

import numpy as np
import pytest
from starlette.testclient import TestClient

from foghill import precision
from foghill.api_models.requests import DescendRequest
from foghill.engine import contours, hills, linefit, optimizers, regimes
from foghill.engine.descent import descend
from foghill.engine.race import DEFAULT_RACERS
from foghill.engine.sweep import log_rates
from foghill.views.linefit import LINE_MAP_GRID
from foghill.views.runs import descend_view

SURFACES = ("round_bowl", "narrow_valley", "rosenbrock", "himmelblau", "saddle")


def post(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    data: dict[str, Any] = response.json()
    return data


def refused(client: TestClient, path: str, body: dict[str, Any], status: int = 422) -> str:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    sentence = response.json()["error"]
    assert isinstance(sentence, str)
    assert sentence.count(". ") == 0  # one sentence
    assert not sentence.endswith(".")
    return sentence


# ---- /api/contours --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SURFACES)
def test_contours_of_every_surface(client: TestClient, name: str) -> None:
    data = post(client, "/api/contours", {"hill": name})
    land = hills.by_name(name)
    assert (data["name"], data["dims"], data["title"]) == (name, 2, land.title)
    assert data["domain"] == [list(pair) for pair in land.domain]
    assert data["start"] == list(land.start)
    assert [(m["x"], m["y"]) for m in data["minima"]] == [list(m) for m in land.minima] or [
        (m["x"], m["y"]) for m in data["minima"]
    ] == [tuple(m) for m in land.minima]
    assert sum(m["deepest"] for m in data["minima"]) == 1
    assert [r["optimizer"] for r in data["racers"]] == [r.optimizer for r in DEFAULT_RACERS[name]]
    assert [r["learning_rate"] for r in data["racers"]] == [
        r.learning_rate for r in DEFAULT_RACERS[name]
    ]
    levels = data["levels"]
    assert levels == sorted(levels)
    assert [line["level"] for line in data["lines"]] == levels
    tolerance = contours.on_level_tolerance(levels, tuple(data["loss_range"]), 200)
    for line, tol in zip(data["lines"], tolerance, strict=True):
        for path in line["paths"]:
            xy = np.array(path).reshape(-1, 2)
            assert max(abs(land.loss(p) - line["level"]) for p in xy) <= tol
    assert data["bands"][0]["lower"] == data["loss_range"][0]
    assert data["bands"][-1]["upper"] == data["loss_range"][1]


@pytest.mark.parametrize("name", SURFACES)
def test_a_200_grid_map_is_at_most_80_kb_gzipped(client: TestClient, name: str) -> None:
    response = client.post("/api/contours", json={"hill": name, "grid": 200})
    assert len(gzip.compress(response.content)) <= 80_000


def test_contours_of_a_formula_in_x_and_y(client: TestClient) -> None:
    body = {"formula": "(x - 1)^2 + 2*(y + 1)^2", "domain": [[-3, 3], [-3, 3]], "grid": 80}
    data = post(client, "/api/contours", body)
    assert data["name"] == "custom"
    assert data["domain"] == [[-3.0, 3.0], [-3.0, 3.0]]
    assert data["minima"][0]["x"] == pytest.approx(1)
    assert data["minima"][0]["y"] == pytest.approx(-1)
    assert len(data["racers"]) == 6
    assert 4 <= len(data["levels"]) <= 14


def test_contours_grid_and_levels(client: TestClient) -> None:
    data = post(client, "/api/contours", {"hill": "himmelblau", "grid": 20, "levels": 4})
    assert len(data["levels"]) == 4
    many = post(client, "/api/contours", {"hill": "himmelblau", "grid": 400, "levels": 40})
    assert len(many["levels"]) == 40


# ---- /api/descend in 2-D --------------------------------------------------------------------


@pytest.mark.parametrize("name", SURFACES)
def test_descend_on_every_surface_is_the_engine(client: TestClient, name: str) -> None:
    land = hills.by_name(name)
    body = {"hill": name, "start": list(land.start), "learning_rate": 0.001, "max_steps": 300}
    data = post(client, "/api/descend", body)
    run = precision.walk(descend(land, land.start, learning_rate=0.001, max_steps=300), land.domain)
    assert data["position"] == run.positions.tolist()
    assert data["gradient"] == run.gradients.tolist()
    assert data["loss"] == run.losses.tolist()
    assert data["valley"] is None
    assert data["regime"] is None


def test_descend_on_a_formula_in_x_and_y(client: TestClient) -> None:
    body = {"formula": "x^2 + 3*y^2", "domain": [[-2, 2], [-2, 2]], "start": [1.5, -1.0]}
    data = post(client, "/api/descend", {**body, "learning_rate": 0.1, "max_steps": 200})
    assert data["outcome"] == "settled"
    assert np.allclose(data["position"][-1], [0, 0], atol=1e-5)
    assert len(data["position"][0]) == 2


# ---- /api/race ------------------------------------------------------------------------------


def test_each_race_run_is_what_descend_answers(client: TestClient) -> None:
    racers = [
        {"optimizer": name, "learning_rate": rate}
        for name, rate in zip(optimizers.NAMES, (0.05, 0.05, 0.05, 0.5, 0.02, 0.05), strict=True)
    ]
    body = {"hill": "narrow_valley", "start": [-3.5, 1.5], "max_steps": 1000, "racers": racers}
    data = post(client, "/api/race", body)
    assert len(data["runs"]) == 6
    for racer, run in zip(racers, data["runs"], strict=True):
        alone = post(
            client,
            "/api/descend",
            {"hill": "narrow_valley", "start": [-3.5, 1.5], "max_steps": 1000, **racer},
        )
        assert run == {key: alone[key] for key in run}  # a race's run: no regime, no code
        assert set(alone) - set(run) == {"regime", "code"}


def test_race_momentum_and_a_1d_race(client: TestClient) -> None:
    racers = [{"optimizer": "momentum", "learning_rate": 0.05, "momentum": 0.5}]
    data = post(client, "/api/race", {"hill": "round_bowl", "start": [3, 2], "racers": racers})
    bowl = hills.by_name("round_bowl")
    run = descend(bowl, (3, 2), optimizer=optimizers.momentum(0.05, 0.5))
    assert data["runs"][0]["position"] == precision.walk(run, bowl.domain).positions.tolist()
    three = [{"optimizer": "gd", "learning_rate": r} for r in (0.005, 0.3, 0.9)]
    body = {"hill": "bowl", "start": 3.0, "racers": three, "max_steps": 200}
    data = post(client, "/api/race", body)
    assert [r["outcome"] for r in data["runs"]] == ["crawling", "settled", "zigzag"]
    req = DescendRequest(hill="bowl", start=3.0, learning_rate=0.3, max_steps=200)
    alone = descend_view(req).model_dump(mode="json")
    assert data["runs"][1] == {key: alone[key] for key in data["runs"][1]}


# ---- /api/sweep -----------------------------------------------------------------------------


def test_sweep_equals_descend_per_rate(client: TestClient) -> None:
    data = post(client, "/api/sweep", {"hill": "bowl", "start": 2.0, "count": 40})
    rates = log_rates(1e-3, 2.0, 40)
    assert data["rates"] == rates.tolist()
    bowl = hills.by_name("bowl")
    for k, rate in enumerate(rates):
        run = descend(bowl, 2.0, learning_rate=float(rate), max_steps=500)
        assert data["outcomes"][k] == run.outcome
        assert data["steps"][k] == run.n_steps
        if run.outcome == "flew-off":
            assert data["final_loss"][k] is None
        else:
            assert data["final_loss"][k] == precision.height(float(run.losses[-1]))
    r = regimes.at_valley(bowl, 2.0, max_steps=500)
    assert (data["one_jump"], data["fly_off"]) == (r.one_jump, r.fly_off)
    settled = [(n, rate) for rate, n in zip(data["rates"], data["settled_at"], strict=True) if n]
    assert data["best_rate"] == min(settled)[1]


def test_sweep_of_a_2d_surface_and_another_optimizer(client: TestClient) -> None:
    body = {"hill": "narrow_valley", "start": [-3.5, 1.5], "count": 10, "optimizer": "adam"}
    data = post(client, "/api/sweep", {**body, "low": 0.01, "high": 0.5, "max_steps": 300})
    assert len(data["outcomes"]) == 10
    assert data["fly_off"] == pytest.approx(0.5)


# ---- refusals -------------------------------------------------------------------------------


RACER = {"optimizer": "gd", "learning_rate": 0.1}


@pytest.mark.parametrize(
    ("path", "body", "words"),
    [
        ("/api/contours", {"hill": "volcano"}, "unknown hill 'volcano'"),
        ("/api/contours", {"hill": "foggy"}, "1-D hill"),
        ("/api/contours", {"hill": "saddle", "grid": 10000}, "grid must be at most 400"),
        ("/api/contours", {"hill": "saddle", "levels": 2}, "levels must be at least 4"),
        ("/api/contours", {"formula": "__import__('os')"}, "the formula cannot be used"),
        ("/api/contours", {"hill": "saddle", "domain": [[0, 1], [0, 1]]}, "goes with a formula"),
        ("/api/race", {"hill": "saddle", "start": 1.0, "racers": [RACER]}, "start must be [x, y]"),
        ("/api/race", {"hill": "bowl", "start": [1, 2], "racers": [RACER]}, "one number"),
        ("/api/race", {"hill": "saddle", "start": [9, 9], "racers": [RACER]}, "lie on the surface"),
        ("/api/race", {"hill": "bowl", "start": [1, 2, 3], "racers": [RACER]}, "start"),
        ("/api/race", {"hill": "bowl", "start": 1.0, "racers": [RACER] * 7}, "at most 6"),
        ("/api/race", {"hill": "bowl", "start": 1.0, "racers": []}, "at least 1"),
        ("/api/race", {"hill": "bowl", "start": 1.0}, "racers"),
        (
            "/api/race",
            {"hill": "bowl", "start": 1.0, "racers": [{**RACER, "learning_rate": -1}]},
            "greater than 0",
        ),
        (
            "/api/race",
            {"hill": "bowl", "start": 1.0, "racers": [{**RACER, "optimizer": "sgd"}]},
            "optimizer",
        ),
        (
            "/api/race",
            {"hill": "bowl", "start": 1.0, "racers": [{**RACER, "momentum": 1.0}]},
            "momentum",
        ),
        ("/api/sweep", {"hill": "bowl", "start": 1.0, "low": -0.1}, "greater than 0"),
        ("/api/sweep", {"hill": "bowl", "start": 1.0, "low": 1.0, "high": 0.5}, "smaller to a"),
        ("/api/sweep", {"hill": "bowl", "start": 1.0, "count": 10000}, "count must be at most"),
        ("/api/sweep", {"hill": "bowl", "start": 1.0, "max_steps": 5000}, "at most 2000"),
        ("/api/sweep", {"hill": "bowl"}, "start"),
        (
            "/api/sweep",
            {"hill": "bowl", "start": 1.0, "count": 400, "max_steps": 2000},
            "count x max_steps must be at most 400000",
        ),
        ("/api/sweep", {"formula": "x^^2", "start": 1.0}, "the formula cannot be used"),
    ],
)
def test_bad_requests_are_refused_in_one_sentence(
    client: TestClient, path: str, body: dict[str, Any], words: str
) -> None:
    assert words in refused(client, path, body)


def test_a_body_that_is_not_json_is_refused(client: TestClient) -> None:
    response = client.post("/api/race", content=b"{", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["error"]


# ---- the line fit's own map -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("w", "b", "rate"), [(0.0, 0.0, 0.05), (-3.0, 4.0, 0.05), (0.0, 0.0, 1.2), (5.0, -5.0, 0.3)]
)
def test_the_line_fit_map_holds_the_walk_and_its_lines_are_on_their_levels(
    client: TestClient, w: float, b: float, rate: float
) -> None:
    x = [-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2]
    y = [-0.74, -1.11, -0.33, -0.4, 0.48, 0.06, 0.74, 0.52, 1.55, 1.38, 2.01, 1.74]
    body = {"x": x, "y": y, "w": w, "b": b, "learning_rate": rate, "max_steps": 300}
    data = post(client, "/api/linefit", body)
    (wlo, whi), (blo, bhi) = data["map"]["domain"]
    best = data["best"]
    assert (wlo + whi) / 2 == pytest.approx(best["w"])
    assert (blo + bhi) / 2 == pytest.approx(best["b"])
    for wv, bv in zip(data["w"], data["b"], strict=True):
        assert wlo < wv < whi
        assert blo < bv < bhi
    dots = linefit.Dots(x, y)
    levels = data["map"]["levels"]
    assert len(levels) >= 10
    span = (min(line["level"] for line in data["map"]["lines"]), data["map"]["bands"][-1]["upper"])
    tolerance = contours.on_level_tolerance(levels, span, LINE_MAP_GRID)
    for line, tol in zip(data["map"]["lines"], tolerance, strict=True):
        for path in line["paths"]:
            wb = np.array(path).reshape(-1, 2)
            assert max(abs(dots.loss(p[0], p[1]) - line["level"]) for p in wb) <= tol


def test_a_race_and_a_sweep_on_a_formula_in_x_and_y(client: TestClient) -> None:
    which = {"formula": "(x - 1)^2 + 5*(y + 0.5)^2", "domain": [[-3, 3], [-3, 3]]}
    racers = [
        {"optimizer": "adam", "learning_rate": 0.1},
        {"optimizer": "gd", "learning_rate": 0.05},
    ]
    data = post(client, "/api/race", {**which, "start": [-2.0, 2.0], "racers": racers})
    assert [run["outcome"] for run in data["runs"]] == ["settled", "settled"]
    for run in data["runs"]:
        assert run["position"][-1] == pytest.approx([1.0, -0.5], abs=1e-4)
    sweep = post(client, "/api/sweep", {**which, "start": [-2.0, 2.0], "count": 12})
    assert sweep["fly_off"] == pytest.approx(2 / 10)  # the steeper bend, 10, along y
    assert "flew-off" in sweep["outcomes"]
