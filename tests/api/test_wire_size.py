"""Answers carry what is drawn (issue 23, point 3): numbers at the precision a screen shows,
said in the API's own descriptions, and a six-racer race of 1,000 steps in at most 40 KB on
the wire."""

from __future__ import annotations

import gzip
import math
from typing import Any

from starlette.testclient import TestClient

from foghill import precision
from foghill.contract import DISPLAY_DECIMALS
from foghill.engine.arrival import shown
from foghill.server.openapi import openapi

RACE_KB = 40


def six_racers(client: TestClient) -> dict[str, Any]:
    """The lesson's first race: the narrow valley, the engine's six racers, 1,000 steps."""
    which = {"hill": "narrow_valley"}
    racers = client.post("/api/contours", json=which).json()["racers"]
    assert len(racers) == 6
    return {**which, "start": [-3.5, 1.5], "max_steps": 1000, "racers": racers}


def test_a_six_racer_race_of_1000_steps_fits_in_40_kb_on_the_wire(client: TestClient) -> None:
    response = client.post(
        "/api/race", json=six_racers(client), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200
    runs = response.json()["runs"]
    assert max(len(run["position"]) for run in runs) == 1001  # the slowest walks them all
    # What travels: the answer gzipped as the server sends it.
    assert len(gzip.compress(response.content, compresslevel=6)) <= RACE_KB * 1024
    # No field a race does not show.
    assert all("code" not in run and "regime" not in run for run in runs)


def figures(value: float, n: int) -> float:
    """`value` to n significant figures, with at least one decimal more than the page prints."""
    if value == 0:
        return value
    return round(value, max(n - 1 - math.floor(math.log10(abs(value))), DISPLAY_DECIMALS + 1))


def at_precision(value: float, rounded: float) -> bool:
    """Sent rounded, or whole because rounding it would print otherwise on the page."""
    return value == rounded or shown(value, DISPLAY_DECIMALS) != shown(rounded, DISPLAY_DECIMALS)


def test_every_number_of_a_walk_is_sent_at_its_precision(client: TestClient) -> None:
    body = {"hill": "himmelblau", "start": [-0.123456789, 4.5], "learning_rate": 0.001}
    run = client.post("/api/descend", json={**body, "max_steps": 300}).json()
    assert run["position"][0] == [-0.123456789, 4.5]  # the start as given
    decimals = precision.place_decimals(10.0)  # himmelblau is 10 wide
    places = [v for p in run["position"][1:] for v in p]
    heights = run["loss"]
    tilts = [v for p in run["gradient"] for v in p]
    assert all(at_precision(v, round(v, decimals)) for v in places)
    assert all(at_precision(v, figures(v, precision.HEIGHT_FIGURES)) for v in heights)
    assert all(at_precision(v, figures(v, precision.TILT_FIGURES)) for v in tilts)
    # Short: most numbers take no more characters than their precision needs.
    assert sum(len(repr(v)) for v in places) <= (decimals + 4) * len(places)


def test_the_api_says_its_precision() -> None:
    schemas = openapi()["components"]["schemas"]
    said = schemas["RacerRun"]["description"]
    assert "6 significant" in said
    assert "tilts" in said
    assert "DISPLAY_DECIMALS" in said
    assert "RacerRun" in str(schemas["RaceResponse"]["properties"]["runs"])
    assert "significant figures" in schemas["LineFitResponse"]["description"]
