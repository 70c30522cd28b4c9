"""The answers carry the arrival facts the page's words are made from (issue 17, point 2)."""

from __future__ import annotations

from starlette.testclient import TestClient
from test_endpoints import post


def test_the_race_names_its_winner_and_counts_the_step_that_flew_off(client: TestClient) -> None:
    rates = (("gd", 0.5), ("momentum", 0.05), ("nesterov", 0.05), ("adagrad", 3.0))
    rates += (("rmsprop", 2.0), ("adam", 1.5))
    body = {
        "hill": "narrow_valley",
        "start": [-3.5, 1.5],
        "racers": [{"optimizer": n, "learning_rate": r} for n, r in rates],
    }
    data = post(client, "/api/race", body)
    runs = data["runs"]
    assert data["winners"] == [3]  # AdaGrad, though it zig-zagged
    assert runs[3]["outcome"] == "zigzag"
    assert runs[3]["floor_step"] < runs[2]["floor_step"]
    assert runs[4]["outcome"] == "flew-off"
    assert runs[4]["n_steps"] == 1
    assert runs[4]["floor_step"] is None
    assert runs[4]["nearest_floor"] is None
    assert runs[0]["floor_step"] is None  # plain 0.5 bounces across the valley forever
    assert runs[0]["nearest_floor"]["distance"] == 1.5


def test_a_crawl_that_is_on_the_floor_as_printed_rests_in_its_valley(client: TestClient) -> None:
    body = {"hill": "bowl", "start": 2, "learning_rate": 0.02, "max_steps": 200}
    data = post(client, "/api/descend", body)
    assert data["outcome"] == "crawling"
    assert isinstance(data["floor_step"], int)
    assert data["moving"] is False
    assert data["valley"] == {"x": 0.0, "loss": 0.0, "deepest": True}


def test_a_crawl_short_of_the_floor_says_how_far(client: TestClient) -> None:
    body = {"hill": "bowl", "start": 2, "learning_rate": 0.0095, "max_steps": 200}
    data = post(client, "/api/descend", body)
    assert data["floor_step"] is None
    near = data["nearest_floor"]
    assert near["position"] == 0.0
    assert near["distance"] == abs(data["position"][-1])
