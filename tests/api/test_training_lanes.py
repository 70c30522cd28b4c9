"""The training threads' two queues (foghill.server.training.Lanes): a run's first picture
goes before every waiting chunk; a reader who leaves while waiting gives up nothing."""

from __future__ import annotations

import anyio

from foghill.server.training import Lanes
from foghill.testing import run_async


async def _order() -> list[str]:
    lanes, order = Lanes(1), []
    running, release = anyio.Event(), anyio.Event()

    async def work(name: str, first: bool, hold: bool = False) -> None:
        async with lanes.turn(first=first):
            order.append(name)
            if hold:
                running.set()
                await release.wait()

    async with anyio.create_task_group() as group:
        group.start_soon(work, "chunk of a running run", False, True)
        await running.wait()
        for name, first in [("chunk 1", False), ("first 1", True), ("chunk 2", False)]:
            group.start_soon(work, name, first)
            await anyio.wait_all_tasks_blocked()
        group.start_soon(work, "first 2", True)
        await anyio.wait_all_tasks_blocked()
        release.set()
    return order


def test_first_pictures_go_before_waiting_chunks_in_arrival_order() -> None:
    assert run_async(_order) == [
        "chunk of a running run",
        "first 1",
        "first 2",
        "chunk 1",
        "chunk 2",
    ]


async def _leaving() -> list[str]:
    lanes, order = Lanes(1), []
    release = anyio.Event()

    async def hold() -> None:
        async with lanes.turn(first=False):
            await release.wait()

    async def work(name: str) -> None:
        async with lanes.turn(first=True):
            order.append(name)

    async with anyio.create_task_group() as group:
        group.start_soon(hold)
        await anyio.wait_all_tasks_blocked()
        with anyio.CancelScope() as leaving:  # a reader who closes the page while queued
            leaving.cancel()
            await work("left")
        group.start_soon(work, "stayed")
        await anyio.wait_all_tasks_blocked()
        release.set()
    async with lanes.turn(first=False):  # the one thread is free again
        order.append("after")
    return order


def test_a_reader_who_leaves_while_waiting_takes_no_turn_and_keeps_none() -> None:
    assert run_async(_leaving) == ["stayed", "after"]
