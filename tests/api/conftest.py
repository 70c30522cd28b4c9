"""Fixtures for the API tests: one app and one in-process client for the whole session."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    # Starlette nudges towards the httpx2 package, which is not installed here.
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

from foghill.building import formulas, process
from foghill.server import application, create_app


@pytest.fixture(scope="session", autouse=True)
def _patient_builders() -> Iterator[None]:
    """In-process apps wait as long as a formula's build needs, however busy the machine.

    These tests check what a formula is answered; how long a request may wait for a builder
    before "busy" is the subject of test_slow_formula (which sets its own limit) alone. The
    full lane runs at normal priority here: at nice 10 it gets about a tenth of a core's share
    against each busy test worker, so on a loaded machine its builder could take minutes just
    to import sympy (more than START_SECONDS) and the formula was answered "busy". Its
    niceness stays in the served apps (test_server_formulas runs one, alone)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(application, "MAX_WAIT_SECONDS", 300.0)
        patch.setattr(process, "START_SECONDS", 300.0)
        patch.setattr(formulas, "FULL_LANE_NICE", 0)
        yield


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def lenient_client() -> Iterator[TestClient]:
    """A client that reports a server error as a 500 response instead of raising it."""
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client
