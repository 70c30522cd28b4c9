""" "Show the code" on the four live demos (issue 20): after a run the panel shows its training
step, in numpy (the demo's own model: the same walk) and in PyTorch; run as a script in a
fresh Python, the numpy program prints the numbers the demo showed at its last step (as they
travel), PyTorch's the same within float tolerance; the code follows the reader's settings,
and a new run lets the old code go.
"""

from __future__ import annotations

from typing import Any

import pytest
from fh_page import Guard
from playwright.sync_api import Locator, Page, expect
from test_code_panel import open_panel, run_copied
from test_training_demos import demo, play_to_end

from foghill.training.demo import rounded

pytestmark = pytest.mark.browser

NUMBERS = "\nimport json\nprint(json.dumps([loss, heldout_loss, metric]))\n"


def last_shown(widget: Locator) -> dict[str, Any]:
    """The numbers of the last step the demo drew."""
    shown: dict[str, Any] = widget.evaluate(
        "el => ({loss: el.last.loss, heldout_loss: el.last.heldout_loss, metric: el.last.metric})"
    )
    return shown


def assert_program_makes(widget: Locator, text: str) -> list[float]:
    """The numpy program prints the numbers the demo showed (as they travel); handed back."""
    numbers: list[float] = run_copied(text, NUMBERS)
    shown = last_shown(widget)
    assert [rounded(v) for v in numbers] == [
        shown["loss"],
        shown["heldout_loss"],
        shown["metric"],
    ]
    return numbers


@pytest.mark.parametrize("tag", ["fh-digits", "fh-spam", "fh-next-word", "fh-ratings"])
def test_a_demos_code_makes_the_numbers_it_showed(page: Page, guard: Guard, tag: str) -> None:
    page.goto("/")
    widget = demo(page, tag)
    panel = widget.locator("details.fh-code")
    expect(panel).to_be_hidden()  # nothing has run: no code yet
    widget.get_by_role("radio", name="Instant").click()
    play_to_end(widget)
    open_panel(widget)
    numpy_text = panel.locator("pre[data-program=python]").inner_text()
    assert "model.loss_grad(theta, next_batch())" in numpy_text
    ours = assert_program_makes(widget, numpy_text)
    if tag in ("fh-spam", "fh-ratings"):  # the quick ones; every demo's is run in test_demo_code
        torch_text = panel.locator("pre[data-program=torch]").inner_text()
        assert "loss_on(torch.as_tensor(next_batch())).backward()" in torch_text
        theirs = run_copied(torch_text, NUMBERS)
        assert theirs == pytest.approx(ours, rel=1e-9)  # PyTorch: to rounding


def test_the_demos_code_follows_its_settings(page: Page, guard: Guard) -> None:
    page.goto("/")
    spam = demo(page, "fh-spam")
    spam.get_by_role("radio", name="Instant").click()
    play_to_end(spam)
    panel = open_panel(spam)
    python = panel.locator("pre[data-program=python]")
    expect(python).to_contain_text("fh.optimizers.gd(")
    spam.get_by_label("Optimizer").select_option(label="Momentum")
    expect(spam.locator("details.fh-code")).to_be_hidden()  # that run's code is gone
    play_to_end(spam)
    expect(python).to_contain_text("fh.optimizers.momentum(")
    torch = panel.locator("pre[data-program=torch]")
    expect(torch).to_contain_text("momentum=0.9")
    assert_program_makes(spam, python.inner_text())


def test_the_edges_code_makes_the_loss_it_showed(page: Page, guard: Guard) -> None:
    page.goto("/")
    edge = demo(page, "fh-edge")
    edge.get_by_role("radio", name="Instant").click()
    play_to_end(edge)
    panel = open_panel(edge)
    numpy_text = panel.locator("pre[data-program=python]").inner_text()
    assert "theta = theta + -rate_at('constant', LR, k, STEPS) * gradient" in numpy_text
    # Its loss at the end, as the demo showed it (the sharpness the demo shows is tracked
    # from step to step by a warm-started power iteration, the program's measured afresh).
    loss = run_copied(numpy_text, "\nimport json\nprint(json.dumps(net.loss(theta)))\n")
    assert rounded(loss) == edge.evaluate("el => el.last.loss")
