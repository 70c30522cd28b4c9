"""What every part of the suite shares: Debian's Chromium, launched once per test process.

pytest-playwright keeps one browser for the whole session (with pytest-xdist: one per
worker); each test gets contexts and pages of its own. Playwright cannot download its own
browser here, so the launch uses /usr/bin/chromium with flags that keep it off the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from foghill.testing import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, with Debian's Chromium and quiet flags."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}


@pytest.fixture(autouse=True)
def foghill_environment_kept() -> Iterator[None]:
    """Each test leaves Foghill's environment variables as it found them: `foghill serve` run
    in-process (tests of the CLI) sets FOGHILL_LESSONS for the app it makes, and a test that
    left it set made the next one in its worker serve a lesson from nowhere."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("FOGHILL_")}
    yield
    for k in [k for k in os.environ if k.startswith("FOGHILL_") and k not in saved]:
        del os.environ[k]
    os.environ.update(saved)
