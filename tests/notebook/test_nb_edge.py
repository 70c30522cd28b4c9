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


def test_the_kernel_trains_the_same_run_as_the_server(api: TestClient) -> None:
    body = {"learning_rate": 0.1, "steps": 300, "schedule": "warm-up"}
    edge = fh.Edge(**body)
    here = edge.train()
    served = [json.loads(line) for line in api.post("/api/train/edge", json=body).text.splitlines()]
    assert json.loads(json.dumps(here)) == served
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
