"""A formula is refused for what it costs to build, in CPU time, and never for waiting.

Issue 11: time spent in the builders' queue used to count against a formula's 2 s, so a
trivial formula was refused while others were slow, and the refusal was remembered.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from foghill.api_models.requests import DescendRequest, Which
from foghill.building.formulas import TOO_COSTLY, FormulaBuilding, looks_simple
from foghill.server import application, create_app
from foghill.views import landscapes

pytestmark = pytest.mark.alone  # CPU budgets: measured with the machine to themselves

# About 0.4 s of CPU to build on a small machine (a 2-D product of nested functions).
SLOW = (
    "tanh(tanh(cos(exp({k}*x+x*y))))*sqrt(1+(exp(tanh(log(2+(x+y)^2))))^2)"
    "*log(2+(exp(tan(exp(x+y))+cos(exp(x+y)+tan(x*y))))^2)*cos(tan(2*x))"
)
_numbers = itertools.count(1)


def slow_formula() -> str:
    """A slow formula no test has sent before."""
    return SLOW.format(k=f"2.{next(_numbers):05d}{time.time_ns() % 10**6:06d}")


def simple_formula() -> str:
    """A simple formula no test has sent before."""
    return f"x^2 + 0.{next(_numbers):04d}{time.time_ns() % 10**6:06d}*x"


@pytest.fixture(scope="module")
def builders() -> Iterator[FormulaBuilding]:
    """Builders that allow 0.1 s of CPU (the slow formula needs several times that)."""
    found = FormulaBuilding(landscapes.remember, budget=0.1, quick_budget=0.05)
    yield found
    found.close()


@pytest.fixture(scope="module")
def tight(builders: FormulaBuilding) -> Iterator[TestClient]:
    with TestClient(create_app(building=builders)) as client:
        yield client


@pytest.fixture
def budgets(builders: FormulaBuilding) -> Iterator[FormulaBuilding]:
    """The module's builders, their budgets put back after the test."""
    yield builders
    builders.budget, builders.quick_budget = 0.1, 0.05


def test_a_build_past_the_cpu_budget_is_refused_and_remembered(
    tight: TestClient, builders: FormulaBuilding, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"formula": slow_formula(), "start": [1.0, 1.0], "learning_rate": 0.01}
    first = tight.post("/api/descend", json=body)
    assert first.status_code == 422
    assert first.json()["error"] == TOO_COSTLY
    submitted: list[object] = []
    submit = builders.submit
    monkeypatch.setattr(builders, "submit", lambda *a: submitted.append(a) or submit(*a))
    again = tight.post("/api/descend", json=body)
    assert again.status_code == 422
    assert again.json()["error"] == TOO_COSTLY
    assert submitted == []  # remembered: not given to a builder again
    monkeypatch.undo()
    # Other requests are served meanwhile, and a simple formula is built.
    assert tight.post("/api/descend", json={"hill": "bowl", "start": 1}).status_code == 200
    simple = {"formula": simple_formula(), "start": 1.0}
    assert tight.post("/api/descend", json=simple).status_code == 200


def test_the_verdict_is_the_same_on_every_worker_and_every_time(
    builders: FormulaBuilding,
) -> None:
    """Two sets of builders (as two worker processes have) reach the same verdicts."""
    texts = (slow_formula(), simple_formula())
    other = FormulaBuilding(budget=0.1, quick_budget=0.05)
    try:
        verdicts = [
            [b.submit(Which(None, text, None), "a").result(60) for text in texts]
            for b in (builders, other)
        ]
    finally:
        other.close()
    words = [[getattr(v, "message", type(v).__name__) for v in found] for found in verdicts]
    assert words[0] == words[1] == [TOO_COSTLY, "Hill1D"]


def test_a_simple_looking_formula_that_is_slow_moves_to_the_full_lane(
    budgets: FormulaBuilding,
) -> None:
    """The quick lane's budget is not a verdict: past it, a formula starts again in the full
    lane with the full budget."""
    budgets.budget, budgets.quick_budget = 30.0, 0.000_1
    text = simple_formula()
    assert looks_simple(text)
    verdict = budgets.submit(Which(None, text, None), "a").result(60)
    assert type(verdict).__name__ == "Hill1D"


def test_waiting_too_long_is_busy_not_a_refusal(
    tight: TestClient, budgets: FormulaBuilding, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request that cannot get a builder in time is answered 503 with Retry-After, and
    nothing is remembered about its formula: it is built when asked again."""
    monkeypatch.setattr(application, "MAX_WAIT_SECONDS", 0.3)
    budgets.budget = 20.0
    # Three slow formulas from the same client are ahead of it in the full lane.
    ahead = [budgets.submit(Which(None, slow_formula(), None), "testclient") for _ in range(3)]
    body = {"formula": slow_formula(), "start": [1.0, 1.0]}
    answer = tight.post("/api/descend", json=body)
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"].isdigit()
    assert answer.json() == {"error": application.BUSY}
    assert not landscapes.is_prepared(DescendRequest.model_validate(body))
    for future in ahead:
        future.result(60)
    monkeypatch.setattr(application, "MAX_WAIT_SECONDS", 60.0)
    assert tight.post("/api/descend", json=body).status_code == 200
