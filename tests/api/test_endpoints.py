"""Good requests: every endpoint's numbers agree with the engine called directly."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from starlette.testclient import TestClient

import foghill as fh
from foghill import precision


def post(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    data: dict[str, Any] = response.json()
    return data


# ---- /api/hills -----------------------------------------------------------------------------


def test_hills_lists_every_built_in_hill(client: TestClient) -> None:
    hills = client.get("/api/hills").json()["hills"]
    assert [h["name"] for h in hills] == list(fh.hills.NAMES)
    for h in hills:
        land = fh.hills.by_name(h["name"])
        assert h == {
            "name": land.name,
            "title": land.title,
            "formula": land.formula,
            "dims": land.dims,
            "domain": [list(pair) for pair in land.domain],
        }
    dims = [h["dims"] for h in hills]
    assert dims == sorted(dims)  # 1-D first


# ---- /api/landscape -------------------------------------------------------------------------


def test_landscape_of_the_foggy_hill(client: TestClient) -> None:
    data = post(client, "/api/landscape", {"hill": "foggy", "samples": 101})
    land = fh.hills.FOGGY
    xs, ys = land.sample(101)
    assert data["name"] == "foggy"
    assert data["title"] == land.title
    assert data["formula"] == land.formula
    assert data["dims"] == 1
    assert data["domain"] == list(land.domain[0])
    # The engine's samples at a screen's precision (the curve is drawn, never read as a number).
    width = precision.width_of(land.domain)
    assert data["curve"] == {
        "x": precision.places(xs, width).tolist(),
        "y": precision.heights(ys).tolist(),
    }
    assert np.allclose(data["curve"]["y"], ys, rtol=1e-5, atol=0)
    assert [m["x"] for m in data["minima"]] == list(land.minima)
    for m in data["minima"]:
        assert m["loss"] == land.loss(m["x"])
        assert m["curvature"] == land.curvature(m["x"])
        assert m["deepest"] == (m["x"] == land.deepest)
    assert sum(m["deepest"] for m in data["minima"]) == 1


def test_landscape_defaults(client: TestClient) -> None:
    data = post(client, "/api/landscape", {})
    assert data["name"] == "foggy"
    assert len(data["curve"]["x"]) == 241


def test_landscape_regimes_at_the_valley_a_start_drains_into(client: TestClient) -> None:
    land = fh.hills.FOGGY
    deepest = post(client, "/api/landscape", {"hill": "foggy"})["regimes"]
    assert deepest["valley"] == land.deepest
    side = post(client, "/api/landscape", {"hill": "foggy", "start": 2.5, "max_steps": 300})
    regimes = side["regimes"]
    expected = fh.regimes.at_valley(land, land.basin(2.5), max_steps=300)
    assert regimes == {
        "valley": expected.valley,
        "curvature": expected.curvature,
        "crawl_below": expected.crawl_below,
        "one_jump": expected.one_jump,
        "fly_off": expected.fly_off,
    }
    assert regimes["valley"] != deepest["valley"]
    assert 0 < regimes["crawl_below"] < regimes["one_jump"] < regimes["fly_off"]


@pytest.mark.parametrize("name", [n for n in fh.hills.NAMES if fh.hills.by_name(n).dims == 1])
def test_every_1d_hill_draws(client: TestClient, name: str) -> None:
    data = post(client, "/api/landscape", {"hill": name, "samples": 11})
    assert data["name"] == name
    assert len(data["curve"]["y"]) == 11


def test_landscape_from_a_formula(client: TestClient) -> None:
    body = {"formula": "0.1*x^4 - x^2", "domain": [-3, 3], "hill": "bowl", "samples": 7}
    data = post(client, "/api/landscape", body)
    land = fh.landscape("0.1*x^4 - x^2", domain=(-3, 3))
    assert data["name"] == "custom"
    assert data["domain"] == [-3.0, 3.0]
    assert data["curve"]["y"] == precision.heights(land.sample(7)[1]).tolist()
    assert [m["x"] for m in data["minima"]] == list(land.minima)


def test_an_empty_formula_means_the_hill(client: TestClient) -> None:
    data = post(client, "/api/landscape", {"hill": "bowl", "formula": "  ", "samples": 5})
    assert data["name"] == "bowl"


# ---- /api/descend ---------------------------------------------------------------------------


def test_descend_matches_the_engine_exactly(client: TestClient) -> None:
    body = {"hill": "foggy", "start": 2.5, "learning_rate": 0.1, "max_steps": 200}
    data = post(client, "/api/descend", body)
    t = fh.descend(fh.hills.FOGGY, 2.5, learning_rate=0.1, max_steps=200)
    sent = precision.walk(t, fh.hills.FOGGY.domain)
    assert data["position"] == sent.positions.tolist()
    assert data["loss"] == sent.losses.tolist()
    assert data["gradient"] == sent.gradients.tolist()
    assert data["outcome"] == t.outcome == "settled"
    assert data["settled"] is True
    assert data["n_steps"] == t.n_steps == len(data["position"]) - 1
    assert data["learning_rate"] == 0.1
    assert data["optimizer"] == "gd"


def test_descend_names_the_valley_it_settled_in(client: TestClient) -> None:
    land = fh.hills.FOGGY
    side = post(client, "/api/descend", {"hill": "foggy", "start": 2.5, "learning_rate": 0.15})
    assert side["valley"] == {
        "x": land.basin(2.5),
        "loss": land.loss(land.basin(2.5)),
        "deepest": False,
    }
    deep = post(client, "/api/descend", {"hill": "foggy", "start": -3, "learning_rate": 1})
    assert deep["valley"]["x"] == land.deepest
    assert deep["valley"]["deepest"] is True


def test_descend_regime_is_the_engine_classification(client: TestClient) -> None:
    land = fh.hills.FOGGY
    for lr in (0.001, 0.15, 0.3, 0.6):
        data = post(client, "/api/descend", {"hill": "foggy", "start": 2.5, "learning_rate": lr})
        c = fh.regimes.classify(land, 2.5, lr, 200)
        assert data["regime"] == {
            "by_bounds": c.by_bounds,
            "by_run": c.by_run,
            "agree": c.agree,
        }


def test_descend_four_outcomes_on_the_bowl(client: TestClient) -> None:
    outcomes = {}
    for lr in (0.0001, 0.1, 0.9, 1.5):
        body = {"hill": "bowl", "start": 3, "learning_rate": lr, "max_steps": 200}
        outcomes[lr] = post(client, "/api/descend", body)["outcome"]
    assert outcomes == {0.0001: "crawling", 0.1: "settled", 0.9: "zigzag", 1.5: "flew-off"}
    flew = post(client, "/api/descend", {"hill": "bowl", "start": 3, "learning_rate": 1.5})
    assert flew["valley"] is None
    assert all(-4 <= x <= 4 for x in flew["position"])


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_descend_with_each_optimizer(client: TestClient, optimizer: str) -> None:
    body = {"hill": "foggy", "start": 2.5, "learning_rate": 0.05, "optimizer": optimizer}
    data = post(client, "/api/descend", body)
    t = fh.descend(
        fh.hills.FOGGY,
        2.5,
        optimizer=fh.optimizers.by_name(optimizer, 0.05),
        max_steps=200,
    )
    assert data["optimizer"] == optimizer
    assert data["position"] == precision.walk(t, fh.hills.FOGGY.domain).positions.tolist()
    if optimizer != "gd":
        assert data["regime"] is None


def test_descend_on_a_2d_surface(client: TestClient) -> None:
    land = fh.hills.by_name("round_bowl")
    start = [float(v) for v in np.asarray(land.start)]
    body = {"hill": "round_bowl", "start": start, "learning_rate": 0.1}
    data = post(client, "/api/descend", body)
    t = precision.walk(fh.descend(land, start, learning_rate=0.1, max_steps=200), land.domain)
    assert data["position"] == t.positions.tolist()
    assert data["gradient"] == t.gradients.tolist()
    assert len(data["position"][0]) == 2
    assert data["valley"] is None
    assert data["regime"] is None


def test_descend_on_a_formula(client: TestClient) -> None:
    body = {"formula": "(x - 1)^2", "domain": [-2, 4], "start": 3, "learning_rate": 0.25}
    data = post(client, "/api/descend", body)
    land = fh.landscape("(x - 1)^2", domain=(-2, 4))
    t = precision.walk(fh.descend(land, 3.0, learning_rate=0.25), land.domain)
    assert data["position"] == t.positions[: data["n_steps"] + 1].tolist()
    assert data["valley"]["x"] == pytest.approx(1.0)


def test_descend_ignores_keys_it_does_not_use(client: TestClient) -> None:
    body = {"hill": "bowl", "start": 1, "learning_rate": 0.1, "samples": 9, "widget": "fh-hill"}
    assert post(client, "/api/descend", body)["outcome"] == "settled"


# ---- /api/linefit ---------------------------------------------------------------------------

DOTS = {"x": [0.0, 1.0, 2.0, 3.0, 4.0], "y": [0.9, 3.1, 4.8, 7.2, 9.0]}


def test_linefit_matches_the_engine(client: TestClient) -> None:
    body = {**DOTS, "w": 0, "b": 0, "learning_rate": 0.05, "max_steps": 300}
    data = post(client, "/api/linefit", body)
    dots = fh.linefit.Dots(DOTS["x"], DOTS["y"])
    t = fh.linefit.fit(dots, w=0.0, b=0.0, learning_rate=0.05, max_steps=300)
    # Each coordinate as sent: to its own side of the map the answer draws.
    (w_lo, w_hi), (b_lo, b_hi) = data["map"]["domain"]
    assert data["w"] == precision.places(t.positions[:, 0], w_hi - w_lo).tolist()
    assert data["b"] == precision.places(t.positions[:, 1], b_hi - b_lo).tolist()
    assert data["loss"] == precision.heights(t.losses).tolist()
    assert data["grad_w"] == precision.tilts(t.gradients[:, 0]).tolist()
    assert data["grad_b"] == precision.tilts(t.gradients[:, 1]).tolist()
    assert data["outcome"] == t.outcome
    assert data["n_steps"] == t.n_steps == len(data["w"]) - 1
    best = data["best"]
    assert best["w"] == pytest.approx(np.polyfit(DOTS["x"], DOTS["y"], 1)[0])
    assert best["b"] == pytest.approx(np.polyfit(DOTS["x"], DOTS["y"], 1)[1])
    assert data["loss"][-1] >= best["loss"] - 1e-12
    assert data["loss"][-1] < data["loss"][0]


def test_linefit_defaults(client: TestClient) -> None:
    data = post(client, "/api/linefit", DOTS)
    assert data["w"][0] == 0
    assert data["b"][0] == 0
    assert data["n_steps"] <= 300


def test_undefined_heights_are_null(client: TestClient) -> None:
    data = post(client, "/api/landscape", {"formula": "log(x)", "samples": 5})
    assert data["curve"]["y"][:3] == [None, None, None]
    assert data["curve"]["y"][3] == pytest.approx(np.log(2))
    assert data["minima"] == []
    assert data["regimes"] is None


def test_a_kinked_valley_has_no_regimes(client: TestClient) -> None:
    data = post(client, "/api/landscape", {"formula": "abs(x)", "samples": 5})
    assert data["minima"][0]["x"] == 0
    assert data["regimes"] is None
    run = post(client, "/api/descend", {"formula": "abs(x)", "start": 2, "learning_rate": 0.3})
    assert run["outcome"] == "zigzag"
    assert run["regime"] is None


def test_a_start_where_the_formula_is_undefined(client: TestClient) -> None:
    response = client.post("/api/descend", json={"formula": "log(x)", "start": -1})
    assert response.status_code == 422
    assert response.json()["error"] == "the loss has no finite value at the start x = -1"


def test_a_long_walk_gives_the_same_answer(client: TestClient) -> None:
    body = {"hill": "foggy", "start": -3.9, "learning_rate": 0.0001, "max_steps": 5000}
    data = post(client, "/api/descend", body)
    t = fh.descend(fh.hills.FOGGY, -3.9, learning_rate=0.0001, max_steps=5000)
    assert data["n_steps"] == 5000
    assert data["position"] == precision.walk(t, fh.hills.FOGGY.domain).positions.tolist()
