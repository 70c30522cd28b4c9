"""What every part of the suite shares: Debian's Chromium, launched once per test process.

pytest-playwright keeps one browser for the whole session (with pytest-xdist: one per
worker); each test gets contexts and pages of its own. Playwright cannot download its own
browser here, so the launch uses /usr/bin/chromium with flags that keep it off the network.
"""

from __future__ import annotations

from typing import Any

import pytest

from foghill.testing import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, with Debian's Chromium and quiet flags."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}
