"""building.lanes: the fair queue a lane's builders take formulas from, and its limits."""

from __future__ import annotations

import pytest

from foghill.api_models.requests import Which
from foghill.building import lanes
from foghill.building.lanes import Busy, FairQueue, Job


def test_clients_take_turns_at_the_builders() -> None:
    """One client's many formulas do not keep another's waiting behind all of them."""
    queue = FairQueue()
    jobs = [Job(Which(None, f"x + {i}", None), "many") for i in range(5)]
    jobs.append(Job(Which(None, "x + 9", None), "one"))
    for job in jobs:
        queue.put(job)
    order = [queue.take() for _ in jobs]
    assert [job.client for job in order if job] == ["many", "one", "many", "many", "many", "many"]


def test_a_job_no_builder_has_started_can_be_taken_out() -> None:
    queue = FairQueue()
    first, second = Job(Which(None, "x", None), "a"), Job(Which(None, "x + 1", None), "a")
    queue.put(first)
    queue.put(second)
    assert queue.take() is first
    assert not queue.remove(first)  # started: it runs on
    assert queue.remove(second)
    assert queue.close() == []


def test_one_client_cannot_fill_the_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lanes, "MAX_QUEUED_PER_CLIENT", 2)
    queue = FairQueue()
    for i in range(2):
        queue.put(Job(Which(None, f"x + {i}", None), "greedy"))
    with pytest.raises(Busy):
        queue.put(Job(Which(None, "x + 9", None), "greedy"))
    queue.put(Job(Which(None, "x + 9", None), "another"))  # others still get in
    assert len(queue.close()) == 3
