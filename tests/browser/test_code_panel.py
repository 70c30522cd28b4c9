"""The "Show the code" panel: open it, copy a program, run it, get the widget's numbers.

As a person would: the panel is opened and Copy pressed by mouse and by keyboard, the words
"Copied" are read from the polite live region, the clipboard's text is what the panel shows,
and that text, run as a script in a fresh Python, prints the walk the widget played: the
widget's numbers are the engine's as the page is sent them (foghill.precision: printed alike,
within 1e-4 of the walk's size), and PyTorch's walk is Foghill's program's to 1e-12 of its
size.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fh_page import (
    VIEWPORTS,
    MakeContext,
    click_hill_at,
    first_widgets_ready,
    model_get,
    sized_page,
    wait_final,
)
from playwright.sync_api import BrowserContext, Locator, Page, expect
from test_page import run_axe

from foghill.contract import DISPLAY_DECIMALS
from foghill.engine.arrival import shown as printed

pytestmark = pytest.mark.browser

# Appended to a copied program: print what it computed, as JSON, on the last line.
PRINT_FOGHILL_WALK = "\nimport json\nprint(json.dumps(run.positions.tolist()))\n"
PRINT_TORCH_WALK = "\nimport json\nprint(json.dumps(positions))\n"


def run_copied(text: str, tail: str) -> Any:
    """Run copied text as a script in a fresh Python; what its last line prints, as JSON."""
    done = subprocess.run(
        [sys.executable, "-"], input=text + tail, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_same_walk(ours: Any, theirs: Any) -> None:
    a, b = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    assert a.shape == b.shape
    a2, b2 = a.reshape(len(a), -1), b.reshape(len(b), -1)
    size = float(np.max(np.linalg.norm(b2, axis=1)))
    assert float(np.max(np.linalg.norm(a2 - b2, axis=1))) <= 1e-12 * size


def assert_as_shown(engine: Any, shown_walk: Any) -> None:
    """The widget's walk is the engine's as sent: each number prints alike with the page's
    decimals and lies within 1e-4 of the walk's size of the engine's."""
    a, b = np.asarray(engine, dtype=float), np.asarray(shown_walk, dtype=float)
    assert a.shape == b.shape
    assert [printed(v, DISPLAY_DECIMALS) for v in a.ravel()] == [
        printed(v, DISPLAY_DECIMALS) for v in b.ravel()
    ]
    size = max(1.0, float(np.max(np.abs(a))))
    assert float(np.max(np.abs(a - b))) <= 1e-4 * size


def clipboard(page: Page) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.fixture
def copying(context: BrowserContext, page: Page, guard: Any) -> Page:
    """The lesson, in a context that may read back what the page copied."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/")
    first_widgets_ready(page)
    return page


def open_panel(widget: Locator) -> Locator:
    panel = widget.locator("details.fh-code")
    panel.locator("summary").click()
    expect(panel).to_have_attribute("open", "")
    return panel


def test_copy_the_hills_run_and_run_it(copying: Page) -> None:
    page = copying
    hill = page.locator("fh-hill").first
    click_hill_at(page, hill, -2.6)
    wait_final(hill)
    walk = model_get(hill, "trajectory")
    assert walk["position"][0] == pytest.approx(-2.6, abs=0.01)
    panel = open_panel(hill)
    shown = panel.locator("pre[data-program=python]").inner_text()
    assert f"fh.descend(hill, {walk['position'][0]!r}" in shown

    panel.get_by_role("button", name="Copy the Foghill code").click()
    expect(panel.locator(".fh-code-status")).to_have_text("Copied the Foghill code.")
    copied = clipboard(page)
    assert copied.strip() == shown.strip()
    ours = run_copied(copied, PRINT_FOGHILL_WALK)
    assert_as_shown(ours, walk["position"])

    panel.get_by_role("button", name="Copy the PyTorch code").click()
    expect(panel.locator(".fh-code-status")).to_have_text("Copied the PyTorch code.")
    copied = clipboard(page)
    assert "torch.optim.SGD([x], lr=" in copied
    assert_same_walk(run_copied(copied, PRINT_TORCH_WALK), ours)


def test_the_code_follows_the_dial_and_copies_by_keyboard(copying: Page) -> None:
    page = copying
    dial = page.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    dial.locator(".fh-btn-preset").last.click()  # a bold step: another run, other code
    wait_final(dial)
    walk = model_get(dial, "trajectory")
    summary = dial.locator("details.fh-code summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(dial.locator("details.fh-code")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(dial.get_by_role("button", name="Copy the Foghill code")).to_be_focused()
    page.keyboard.press("Tab")  # the code itself can be scrolled with the keys
    expect(dial.locator("pre[data-program=python]")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dial.get_by_role("button", name="Copy the PyTorch code")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dial.locator(".fh-code-status")).to_have_text("Copied the PyTorch code.")
    copied = clipboard(page)
    assert f"lr={walk['learning_rate']!r}" in copied
    assert_as_shown(run_copied(copied, PRINT_TORCH_WALK), walk["position"])


def test_the_line_fits_code_makes_its_fit(copying: Page) -> None:
    page = copying
    fit_widget = page.locator("fh-line-fit").first
    fit_widget.scroll_into_view_if_needed()
    panel = open_panel(fit_widget)
    fit = model_get(fit_widget, "fit")
    panel.get_by_role("button", name="Copy the PyTorch code").click()
    expect(panel.locator(".fh-code-status")).to_have_text("Copied the PyTorch code.")
    walk = list(zip(fit["w"], fit["b"], strict=True))
    theirs = run_copied(clipboard(page), PRINT_TORCH_WALK)
    panel.get_by_role("button", name="Copy the Foghill code").click()
    expect(panel.locator(".fh-code-status")).to_have_text("Copied the Foghill code.")
    ours = run_copied(clipboard(page), PRINT_FOGHILL_WALK)
    assert_same_walk(theirs, ours)
    assert_as_shown(ours, walk)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_with_the_panels_open(new_guarded_context: MakeContext, size: str) -> None:
    page = sized_page(new_guarded_context, size, bypass_csp=True)
    viewport = VIEWPORTS[size]
    first_widgets_ready(page)
    for summary in page.locator("details.fh-code:not([hidden]) summary").all():
        summary.scroll_into_view_if_needed()
        summary.click()
    assert page.locator("details.fh-code[open]").count() >= 3
    # Nothing wider than the window: long lines scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_with_the_panel_open(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    hill = page.locator("fh-hill").first
    page.wait_for_selector("fh-hill[data-ready=true]")
    open_panel(hill)
    name = f"code-panel-{size}-{viewport['width']}-{scheme}.png"
    hill.screenshot(path=screenshots / name)
