"""A formula whose build runs long is refused in bounded time, whatever the parser missed."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from starlette.testclient import TestClient

from foghill import compute
from foghill.server import application


def test_a_build_past_the_time_budget_is_refused_and_remembered(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_prepare = compute.prepare

    def stuck(req: Any) -> None:  # stands in for a build that runs away
        release.wait(10)
        real_prepare(req)

    monkeypatch.setattr(application, "FORMULA_SECONDS", 0.2)
    monkeypatch.setattr(compute, "prepare", stuck)
    body = {"formula": "x^2 + 0.123456*x", "start": 1.0, "learning_rate": 0.1}
    try:
        started = time.perf_counter()
        first = client.post("/api/descend", json=body)
        took = time.perf_counter() - started
        assert first.status_code == 422
        assert first.json()["error"] == (
            "the formula takes too long to turn into a hill; try a simpler one"
        )
        assert took < 2.0
        again = client.post("/api/landscape", json={"formula": body["formula"]})
        assert again.status_code == 422
        # Other requests are served meanwhile.
        assert client.post("/api/descend", json={"hill": "bowl", "start": 1}).status_code == 200
    finally:
        release.set()
