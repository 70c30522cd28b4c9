"""fh.Edge in a notebook's kernel (issue 22): the same events as the server's stream, the
sharpness in them, a refusal in words, and the landscape slice."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

import foghill as fh
from foghill.errors import SettingError
from foghill.server import create_app


@pytest.fixture(scope="module")
def api() -> Any:
    with TestClient(create_app()) as client:
        yield client


#: Numbers measured by power iteration warm-started from the last measure's direction: equal
#: to its tolerance whichever steps were measured before.
MEASURED = ("sharpness", "peak", "summary")


def same_run(here: list[dict[str, Any]], served: list[dict[str, Any]]) -> None:
    """The same run: a progress event also comes when a chunk of steps has taken long (a
    busy machine), so the two may hold different steps; at every step both hold, the events
    are equal (the measured sharpness to its tolerance), and both end alike."""
    mine = {(e["type"], e["step"]): e for e in here}
    theirs = {(e["type"], e["step"]): e for e in served}
    assert here[-1]["type"] == served[-1]["type"] == "end"
    assert (here[0]["type"], here[-1]["step"]) == (served[0]["type"], served[-1]["step"])
    for key in mine.keys() & theirs.keys():
        a, b = mine[key], theirs[key]
        assert {k: v for k, v in a.items() if k not in MEASURED} == {
            k: v for k, v in b.items() if k not in MEASURED
        }, key
        for k in ("sharpness", "peak"):
            if k in a:
                assert a[k] == pytest.approx(b[k], rel=1e-3), (key, k)


def test_the_kernel_trains_the_same_run_as_the_server(api: TestClient) -> None:
    body = {"learning_rate": 0.1, "steps": 300, "schedule": "warm-up"}
    edge = fh.Edge(**body)
    here = edge.train()
    served = [json.loads(line) for line in api.post("/api/train/edge", json=body).text.splitlines()]
    same_run(json.loads(json.dumps(here)), served)
    assert edge.progress is not None
    assert edge.progress["sharpness"] > 0
    assert edge.progress["edge"] == pytest.approx(20.0)
    assert "sharpness" in edge.summary
    found = edge.slice()
    assert found["what"] == "slice"
    assert len(found["path"]) == 31


def test_bad_settings_are_refused_in_the_apis_words() -> None:
    with pytest.raises(SettingError, match="optimizer must be one of 'gd'"):
        fh.Edge(optimizer="adam")
    with pytest.raises(SettingError, match="schedule must be one of"):
        fh.Edge(schedule="sideways")
