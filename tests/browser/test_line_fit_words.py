"""<fh-line-fit>'s words at the end of a walk that ran out of steps level with the best line
as printed: it is not said to be "not yet at the bottom" with the same number twice; the
digits that tell the two apart are printed, or it is said to be as good as the best."""

from __future__ import annotations

import re

import pytest
from fh_page import Guard, model_get, wait_final
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# Made up for this test: five dots close to the line y = x.
DOTS = "x='-2,-1,0,1,2' y='-1.9,-1.1,0.1,0.9,2.1' w='0' b='0'"


def test_a_walk_out_of_steps_at_the_best_line_as_printed_says_how_close(
    page: Page, guard: Guard
) -> None:
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    page.set_content(
        "<!doctype html><html lang='en'><head><title>Close dots</title></head><body><main>"
        f"<fh-line-fit id='close' {DOTS} learning-rate='0.01' max-steps='200'></fh-line-fit>"
        "</main></body></html>"
    )
    fit = page.locator("#close")
    expect(fit).to_have_attribute("data-ready", "true", timeout=15_000)
    fit.get_by_role("button", name="Play").click()
    assert wait_final(fit) == "crawling"
    walk = model_get(fit, "fit")
    end, best = walk["loss"][-1], walk["best"]["loss"]
    assert f"{end:.3f}" == f"{best:.3f}"  # the case: level with the best at 3 decimals
    said = fit.locator(".fh-message").inner_text()
    assert said.startswith(f"Still walking after {walk['n_steps']} steps"), said
    if m := re.search(
        r"down to (\S+?)(?:, a hair above the best)?, but not yet at the bottom\. "
        r"The best any straight line can do here is (\S+?)\.(?: |$)",
        said,
    ):
        assert m[1] != m[2], said  # the gap is printed, not the same number twice
        digits = len(m[1].rsplit(".", 1)[-1])
        assert (m[1], m[2]) == (f"{end:.{digits}f}", f"{best:.{digits}f}"), said
    else:
        assert "as good as the best any straight line can do here" in said, said
