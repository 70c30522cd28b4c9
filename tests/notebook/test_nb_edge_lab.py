"""fh.Edge in a real JupyterLab (issue 22): the widget draws, Play trains the network in the
kernel, the sharpness chart and its line 2/η appear with words naming the line, and the run
ends with its verdict in words; the kernel holds the run the view showed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from nb_client import SECOND, kernel_run, kernel_until, open_and_run_all, write_notebook
from playwright.sync_api import expect

CELLS = (
    "import foghill as fh",
    "edge = fh.Edge(learning_rate=0.1, steps=1500)\nedge",
)

# Records every data-status the element leaves (a run at the fastest speed may pass through
# "running" between two looks).
WATCH_STATUS = """el => {
    el.__left = [];
    new MutationObserver(rs => { for (const r of rs) el.__left.push(r.oldValue); }).observe(
        el, {attributes: true, attributeFilter: ['data-status'], attributeOldValue: true});
}"""


def _points(d: str | None) -> list[tuple[float, float]]:
    """The points of an SVG path's "M x,y L x,y ..." data."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d or "")]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


@pytest.mark.notebook
def test_jupyterlab_shows_the_network_sharpen_to_its_line(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    write_notebook(jupyterlab.root / "edge.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "edge.ipynb")
    widget = page.locator("fh-edge").first
    widget.wait_for(timeout=60 * SECOND)
    widget.scroll_into_view_if_needed()
    # It draws: its controls, the step size in the dial's words, no run yet.
    expect(widget.get_by_role("button", name="Play")).to_be_visible()
    expect(widget).to_have_attribute("data-status", "idle")
    expect(widget.locator(".fh-edge-dial")).to_contain_text("its line is 2/η = 20")
    widget.get_by_label("rise until it meets the line, and stay there").check()
    widget.evaluate(WATCH_STATUS)
    widget.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "el => el.__left.includes('running') && el.dataset.status === 'done'",
        arg=widget.element_handle(),
        timeout=60 * SECOND,
    )
    expect(widget).to_have_attribute("data-step", "1500")
    # The network's curve over its 60 points, and the sharpness by step against its line,
    # the line named in words.
    expect(widget.locator(".fh-edge-points circle")).to_have_count(60)
    assert len(widget.locator(".fh-edge-fit").get_attribute("d") or "") > 100
    chart = widget.get_by_role(
        "img", name="Network at the edge: the valley's sharpness by step, and its line 2/η"
    )
    expect(chart).to_be_visible()
    expect(chart.get_by_text("line 2/η = 20.0", exact=True)).to_be_visible()
    line = _points(chart.locator(".fh-edge-line").get_attribute("d"))
    curve = _points(chart.locator(".fh-error-line").get_attribute("d"))
    assert len(curve) > 100, curve  # a sharpness every 10 steps at least
    # On screen (y grows downwards): it starts well below its line and ends on it.
    line_y = line[-1][1]
    assert curve[0][1] > line_y + 10, (curve[0], line_y)
    assert abs(curve[-1][1] - line_y) < 10, (curve[-1], line_y)
    # The verdict, in words: the guess judged and what the sharpness did.
    expect(widget).to_have_attribute("data-outcome", "edge")
    verdict = widget.locator(".fh-predict-note")
    expect(verdict).to_contain_text("Right: you guessed rise until it meets the line")
    expect(widget).to_contain_text(
        re.compile(r"rose from [\d.]+ to its line 2/η = 20\.0 and over the last third")
    )
    text = widget.inner_text()
    assert "NaN" not in text
    assert "undefined" not in text
    page.screenshot(path=str(screenshots / "jupyterlab-edge.png"))
    # The kernel trained the run the view showed.
    kernel_until(page, "edge.status == 'done', edge.status")  # the view's report comes in
    check = (
        "assert edge.step_count == 1500, edge.step_count\n"
        "assert edge.progress['edge'] == 20, edge.progress\n"
        "assert 'to its line 2/η = 20.0 and over the last third' in edge.summary, edge.summary"
    )
    assert kernel_run(page, check) == ""
    assert offsite.urls == [], offsite.urls
