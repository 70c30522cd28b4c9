"""The deploy tests: nginx (Debian's) in front of `foghill serve` backends, on loopback."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Also meant for pyproject's markers list; registered here so --strict-markers passes.
    config.addinivalue_line(
        "markers", "proxy: starts nginx in front of Foghill backends (needs Debian's nginx)"
    )
