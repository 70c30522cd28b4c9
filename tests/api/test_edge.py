"""The edge demo's route (issue 22): progress with the sharpness at least every 10 steps,
both phases at the page's default step size, none at a quarter of it, a schedule in the
request, flying off ended in words with finite numbers, and refusals in one sentence."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest
from starlette.testclient import TestClient

from foghill import contract
from foghill.engine.arrival import significant
from foghill.engine.schedules import SCHEDULES
from foghill.server.training import MEDIA_TYPE
from foghill.training.edge import judge

DEFAULTS = contract.WIDGETS["fh-edge"].defaults()


def _events(client: TestClient, body: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post("/api/train/edge", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == MEDIA_TYPE
    return [json.loads(line) for line in answer.text.splitlines()]


def _progress(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in found if e["type"] == "progress"]


@pytest.fixture(scope="module")
def default_run(client: TestClient) -> list[dict[str, Any]]:
    return _events(client, {})


def test_the_default_run_carries_step_loss_sharpness_and_its_step_size(
    default_run: list[dict[str, Any]],
) -> None:
    start, end = default_run[0], default_run[-1]
    assert start["settings"]["learning_rate"] == DEFAULTS["learning_rate"]
    assert start["settings"]["schedule"] == "constant"
    assert len(start["info"]["x"]) == len(start["info"]["y"]) == start["info"]["train_size"]
    progress = _progress(default_run)
    steps = [p["step"] for p in progress]
    assert steps[0] == 0
    assert steps[-1] == DEFAULTS["steps"]
    assert max(b - a for a, b in itertools.pairwise(steps)) <= 10
    for p in progress:
        assert p["learning_rate"] == DEFAULTS["learning_rate"]
        assert p["edge"] == pytest.approx(2 / DEFAULTS["learning_rate"])
        assert math.isfinite(p["sharpness"])
        assert len(p["view"]["curve"]) == len(start["info"]["grid"])
        assert "noise" not in p
    assert end["reason"] == "done"
    assert end["outcome"] == "edge"


def test_at_the_default_step_the_sharpness_rises_then_holds_at_its_line_as_the_loss_falls(
    default_run: list[dict[str, Any]],
) -> None:
    progress = _progress(default_run)
    line = 2 / DEFAULTS["learning_rate"]
    sharp = [p["sharpness"] for p in progress]
    assert sharp[0] < 0.7 * line
    last_third = sharp[len(sharp) * 2 // 3 :]
    assert all(abs(s / line - 1) <= 0.15 for s in last_third)
    assert progress[-1]["loss"] < 0.05 * progress[0]["loss"]
    end = default_run[-1]
    assert f"2/η = {significant(line)}" in end["summary"]
    assert "over the last third of the run stayed within 15% of it" in end["summary"]


def test_at_a_quarter_of_the_step_the_sharpness_stays_under_its_line(client: TestClient) -> None:
    eta = DEFAULTS["learning_rate"] / 4
    found = _events(client, {"learning_rate": eta})
    assert all(p["sharpness"] < 2 / eta for p in _progress(found))
    assert found[-1]["outcome"] != "edge"
    assert "staying under its line" in found[-1]["summary"]


def test_too_bold_a_step_flies_off_in_words_with_finite_numbers(client: TestClient) -> None:
    answer = client.post("/api/train/edge", json={"learning_rate": 2.0})
    assert answer.status_code == 200
    text = answer.text
    assert "NaN" not in text
    assert "Infinity" not in text
    found = [json.loads(line) for line in text.splitlines()]
    end = found[-1]
    assert end["reason"] == "flew-off"
    assert end["outcome"] == "flew-off"
    assert "flew off" in end["summary"]
    for p in _progress(found):
        assert all(v is None or math.isfinite(v) for v in p["view"]["curve"])


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_the_schedule_shapes_each_steps_size(client: TestClient, schedule: str) -> None:
    found = _events(client, {"schedule": schedule, "steps": 200})
    assert found[0]["settings"]["schedule"] == schedule
    rates = [p["learning_rate"] for p in _progress(found)]
    if schedule == "constant":
        assert set(rates) == {0.1}
    elif schedule == "warm-up":
        assert rates[0] == pytest.approx(0.01)
        assert rates[-1] == pytest.approx(0.1)
    else:
        assert rates[0] == pytest.approx(0.1)
        assert rates[-1] == pytest.approx(0.025)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": 1000}, "learning_rate"),
        ({"steps": 99999}, "steps"),
        ({"schedule": "sideways"}, "schedule"),
        ({"optimizer": "adam"}, "optimizer"),
        ({"batch_size": 8}, "batch_size"),
    ],
)
def test_settings_out_of_bounds_are_refused_in_one_sentence(
    client: TestClient, body: dict[str, Any], words: str
) -> None:
    answer = client.post("/api/train/edge", json=body)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert words in error
    assert "\n" not in error


def test_the_judge_reads_what_the_sharpness_did() -> None:
    assert judge([10, 15, 19, 20, 20, 20], [20] * 6, flew_off=False) == "edge"
    assert judge([10, 12, 14, 16, 18, 19], [80] * 6, flew_off=False) == "rose"
    assert judge([10, 9, 8, 7], [80] * 4, flew_off=False) == "fell"
    assert judge([10, 10.5, 10, 10.2], [80] * 4, flew_off=False) == "same"
    assert judge([10, 30], [5, 5], flew_off=True) == "flew-off"


def test_the_schedules_are_the_contracts() -> None:
    assert contract.SCHEDULES == SCHEDULES


def test_the_landscape_slice_is_the_plane_of_the_paths_two_main_directions(
    client: TestClient,
) -> None:
    answer = client.post("/api/train/edge/ask", json={"what": "slice", "step": 300, "steps": 300})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["what"] == "slice"
    assert found["weights"] == 1153
    assert 0.5 < found["explained"] <= 1
    path = found["path"]
    assert len(path) == 31  # every 10 steps, and the last
    assert path[-1] == [0, 0]  # the plane passes through where the walk ended
    (xlo, xhi), (ylo, yhi) = found["contours"]["domain"]
    assert all(xlo <= x <= xhi and ylo <= y <= yhi for x, y in path)
    assert found["contours"]["lines"]
    assert found["contours"]["bands"]


def test_a_slice_of_a_run_that_flew_off_is_refused_in_a_sentence(client: TestClient) -> None:
    body = {"what": "slice", "step": 400, "steps": 400, "learning_rate": 2.0}
    answer = client.post("/api/train/edge/ask", json=body)
    assert answer.status_code == 422
    assert "no longer finite" in answer.json()["error"]


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_the_runs_code_makes_the_same_numbers_with_foghill_and_with_torch(
    client: TestClient, schedule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _events(client, {"steps": 40, "schedule": schedule})
    last = _progress(found)[-1]
    code = found[-1]["code"]
    for key in ("python", "torch"):
        exec(compile(code[key], key, "exec"), {"__name__": "__main__"})
        printed = capsys.readouterr().out.split()
        loss, sharp = float(printed[0]), float(printed[1])
        assert loss == pytest.approx(last["loss"], rel=1e-5), key
        assert sharp == pytest.approx(last["sharpness"], rel=1e-3), key


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_a_step_too_small_to_draw_its_line_runs_to_its_end(
    client: TestClient, schedule: str
) -> None:
    """The smallest step a double holds (5e-324, found by the schema fuzz), decayed to 0 by its
    schedule: its line 2/η is beyond any number, sent as null, and the run ends in words."""
    found = _events(client, {"learning_rate": 5e-324, "schedule": schedule, "steps": 3})
    assert found[-1]["type"] == "end"
    assert all(p["edge"] is None for p in _progress(found))
    assert found[-1]["edge"] is None
    assert "2/η = —" in found[-1]["summary"]
