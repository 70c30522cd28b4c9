"""A walk whose squared gradients overflow ends quietly (issue 11, point 6).

RMSProp, AdaGrad and Adam square the gradient; on a 2-D formula whose gradient is near
1e200 the square overflows, and numpy used to print "RuntimeWarning: overflow encountered
in multiply" to the server's stderr. The walk's outcome already says what happened.
"""

from __future__ import annotations

import warnings

import pytest
from starlette.testclient import TestClient

from foghill.api_models.requests import DescendRequest
from foghill.views.runs import descend_view

STEEP = {
    "formula": "exp(x) + exp(y)",
    "domain": [[-1000.0, 1000.0], [-1000.0, 1000.0]],
    "start": [400.0, 400.0],
    "learning_rate": 1.0,
    "max_steps": 50,
}


@pytest.mark.parametrize("optimizer", ["rmsprop", "adagrad", "adam"])
def test_an_overflowing_square_prints_no_warning(optimizer: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would be printed on the server's stderr
        answer = descend_view(DescendRequest(**STEEP, optimizer=optimizer))
    assert answer.outcome in ("flew-off", "crawling", "settled", "zigzag")
    assert answer.position[0] == STEEP["start"]


def test_the_server_answers_an_overflowing_walk(client: TestClient) -> None:
    answer = client.post("/api/descend", json={**STEEP, "optimizer": "rmsprop"})
    assert answer.status_code == 200, answer.text
