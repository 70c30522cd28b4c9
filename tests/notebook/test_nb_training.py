"""The training demos in a notebook's kernel (issue 9): the same events as the server's
stream, commands from a view (train, pause, ask), refusals in words, and Classifier on a
teacher's own table (a pandas DataFrame included)."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from nb_client import kernel_run, open_and_run_all, write_notebook
from playwright.sync_api import expect
from starlette.testclient import TestClient

import foghill as fh
from foghill.errors import SettingError
from foghill.notebook.training import TRAINING_THREAD
from foghill.server import create_app


@pytest.fixture(scope="module")
def api() -> Any:
    with TestClient(create_app()) as client:
        yield client


class Sent:
    """What a widget sends its views, caught; ``wait_for`` waits for the kernel's thread."""

    def __init__(self, widget: Any) -> None:
        self.messages: list[dict[str, Any]] = []
        self.arrived = threading.Condition()
        widget.send = self.send

    def send(self, content: dict[str, Any], buffers: Any = None) -> None:
        with self.arrived:
            self.messages.append(content)
            self.arrived.notify_all()

    def wait_for(self, kind: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                found = [m for m in self.messages if m.get("type") == kind]
                if found:
                    return found[-1]
                left = deadline - time.monotonic()
                assert left > 0, f"no {kind} event in {timeout} s: {self.messages[-3:]}"
                self.arrived.wait(left)


def _view_says(widget: Any, content: dict[str, Any]) -> None:
    """A message from a view, as the comm delivers it."""
    widget._on_message(widget, content, [])


def test_a_view_playing_gets_the_servers_events(api: TestClient) -> None:
    w = fh.Digits(steps=60, batch_size=16, seed=3)
    sent = Sent(w)
    _view_says(w, {"type": "train"})
    end = sent.wait_for("end")
    streamed = [json.loads(line) for line in api.post("/api/train/digits", json={
        "steps": 60, "batch_size": 16, "seed": 3}).text.splitlines()]  # fmt: skip
    assert sent.messages == streamed
    assert end["reason"] == "done"
    assert w.progress == streamed[-2]
    assert w.summary == end["summary"]


def test_a_view_looking_before_play_gets_the_untrained_model(api: TestClient) -> None:
    """The view's picture before Play: the kernel answers a look with the server's own
    untrained model (the run's step 0), and trains nothing."""
    w = fh.Spam(steps=40, batch_size=8, seed=2)
    sent = Sent(w)
    _view_says(w, {"type": "look"})
    first = sent.wait_for("untrained")
    body = {"steps": 40, "batch_size": 8, "seed": 2}
    assert first == api.post("/api/train/spam/untrained", json=body).json()
    assert [m["type"] for m in sent.messages] == ["untrained"]
    w.learning_rate = 1e9  # refused: the view is told in a sentence, as a run would be
    _view_says(w, {"type": "look"})
    assert sent.wait_for("error")["message"] == w.error


def test_pause_stops_the_kernels_work_and_play_resumes() -> None:
    w = fh.Digits(steps=3000, batch_size=512, hidden=64)
    sent = Sent(w)
    _view_says(w, {"type": "train"})
    sent.wait_for("progress")
    _view_says(w, {"type": "pause"})
    # The pause returns once the kernel's training thread has ended: nothing can follow it.
    assert not any(t.name == TRAINING_THREAD for t in threading.enumerate())
    assert not any(m["type"] == "end" for m in sent.messages)
    step = max(m["step"] for m in sent.messages if m["type"] == "progress")
    small = fh.Spam(steps=40)
    resumed = Sent(small)
    _view_says(small, {"type": "train", "from_step": 30})
    resumed.wait_for("end")
    assert resumed.messages[0]["step"] == 30
    assert resumed.messages[-1]["step"] == 40
    assert step < 3000


def test_asks_from_a_view_are_answered_for_that_step(api: TestClient) -> None:
    w = fh.Spam()
    sent = Sent(w)
    question = {"type": "ask", "what": "score", "text": "Claim your free prize now", "step": 300}
    _view_says(w, question)
    answer = sent.wait_for("answer")
    body = {k: v for k, v in question.items() if k != "type"}
    assert answer == api.post("/api/train/spam/ask", json=body).json()
    _view_says(w, {**question, "step": 301})
    assert sent.wait_for("error")["message"] == "step (301) cannot be past the run's 300 steps"
    r = fh.Ratings()
    said = Sent(r)
    _view_says(r, {"type": "ask", "what": "predict", "person": 0, "film": 1, "step": 0})
    asked = {"what": "predict", "person": 0, "film": 1, "step": 0}
    assert said.wait_for("answer") == api.post("/api/train/ratings/ask", json=asked).json()
    _view_says(r, {"type": "ask", "what": "predict", "person": 99, "film": 1, "step": 0})
    assert said.wait_for("error")["message"].startswith("person must be at most")


def test_a_demo_without_questions_says_so_to_its_view(monkeypatch: pytest.MonkeyPatch) -> None:
    from foghill.training.ratings import RatingsDemo

    monkeypatch.setattr(RatingsDemo, "ask_model", None)
    r = fh.Ratings()
    said = Sent(r)
    _view_says(r, {"type": "ask", "what": "anything", "step": 0})
    assert said.wait_for("error")["message"] == "the ratings demo takes no questions"


def test_questions_from_python() -> None:
    w = fh.Digits(steps=300)
    assert w.guess(np.zeros((8, 8)))["step"] == 0  # nothing trained yet: the start
    w.train()
    assert w.step_count == 300
    from foghill.engine.data.digits import digits

    data = digits()
    seven = data.heldout_x[int(np.flatnonzero(data.heldout_y == 7)[0])].reshape(8, 8)
    assert w.guess(seven)["guess"] == 7
    spam = fh.Spam()
    spam.train()
    assert spam.score("Are we still on for lunch tomorrow?")["spam"] is False
    words = fh.NextWord(word="ball")
    words.train(steps=200)
    text = words.write("The ball", count=5)
    assert text.startswith("The ball ")
    assert len(text.split()) >= 6
    assert len(words.next_words("step")) == 8
    with pytest.raises(SettingError, match="not one of the words this page uses"):
        words.next_words("zebra")


def test_bad_settings_raise_then_set_error() -> None:
    with pytest.raises(SettingError, match="batch_size must be at most 1347, the whole training"):
        fh.Digits(batch_size=1500)
    with pytest.raises(SettingError, match="learning_rate must be greater than 0"):
        fh.Spam(learning_rate=-1)
    w = fh.NextWord()
    w.word = "zebra"
    assert "'zebra' is not one of the words this page uses" in w.error
    sent = Sent(w)
    _view_says(w, {"type": "train"})
    assert sent.wait_for("error")["message"] == w.error
    w.word = "ball"
    assert w.error == ""


def test_the_widgets_carry_their_view_and_status() -> None:
    w = fh.Ratings()
    assert "fh-ratings" in w._esm
    assert w.status == "idle"
    w.status = "done"  # what the view writes back when a run ends
    with pytest.raises(Exception, match="status"):
        w.status = "settled"


def test_a_classifier_on_a_teachers_data_frame() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "height": np.r_[rng.normal(150, 8, 60), rng.normal(180, 8, 60)],
            "noise": rng.normal(0, 1, 120),
        }
    )
    labels = pd.Series(["short"] * 60 + ["tall"] * 60)
    c = fh.Classifier(frame, labels)
    found = c.train(steps=200, batch_size=16)
    assert found[0]["info"]["features"] == ["height", "noise"]
    assert found[0]["info"]["classes"] == ["short", "tall"]
    assert found[-1]["reason"] == "done"
    assert found[-2]["metric"] >= 0.9
    assert c.predict(pd.DataFrame({"height": [140, 195], "noise": [0, 0]})) == ["short", "tall"]
    assert c.predict_proba([[140, 0]]).sum() == pytest.approx(1)
    with pytest.raises(SettingError, match="one row per label"):
        fh.Classifier(frame, labels[:10])
    with pytest.raises(SettingError, match="finite"):
        fh.Classifier(frame.assign(noise=np.nan), labels)
    untrained = fh.Classifier(frame, labels).predict_proba([[150, 0]])
    assert untrained[0] == pytest.approx([0.5, 0.5], abs=0.05)  # step 0: it cannot tell yet


# ---- real notebook clients (Debian's Chromium, JupyterLab and marimo on 127.0.0.1) ----------

SECOND = 1000  # Playwright counts milliseconds
CELLS = (
    "import foghill as fh",
    "digits = fh.Digits(steps=200)\ndigits",
)
MARIMO_APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo

    import foghill as fh

    digits = mo.ui.anywidget(fh.Digits(steps=200))
    digits
    return (digits,)


@app.cell
def _(digits):
    import marimo as mo2

    mo2.md(f"The digits say: {digits.widget.status} at step {digits.widget.step_count}")
    return


if __name__ == "__main__":
    app.run()
"""


def _plays_to_the_end(page: Any) -> Any:
    """Press Play on the digits and wait for the end; the widget, its accuracy in words."""
    digits = page.locator("fh-digits").first
    digits.wait_for(timeout=60 * SECOND)
    digits.scroll_into_view_if_needed()
    assert digits.get_attribute("data-status") == "idle"
    digits.get_by_role("button", name="Play").click()
    expect(digits).to_have_attribute("data-status", "done", timeout=60 * SECOND)
    expect(digits).to_have_attribute("data-step", "200")
    words = digits.locator(".fh-tr-metric").inner_text()
    shown = [int(n) for n in re.findall(r"(\d+)%", words)]
    assert shown, words
    assert shown[0] >= 90, words
    return digits


@pytest.mark.notebook
def test_jupyterlab_trains_the_digits_in_the_kernel(
    jupyterlab: Any, local_page: Any, screenshots: Path
) -> None:
    page, offsite = local_page
    write_notebook(jupyterlab.root / "digits.ipynb", CELLS)
    open_and_run_all(page, jupyterlab, "digits.ipynb")
    digits = _plays_to_the_end(page)
    page.screenshot(path=str(screenshots / "jupyterlab-digits.png"))
    # The kernel trained it: its own events, its own summary, and the step the view shows.
    check = (
        "assert digits.status == 'done' and digits.step_count == 200, digits.status\n"
        "assert digits.summary.startswith('After 200 steps'), digits.summary\n"
        "assert digits.progress['metric'] >= 0.9"
    )
    assert kernel_run(page, check) == ""
    # Python's commands reach the view: reset, then go.
    assert kernel_run(page, "digits.reset()") == ""
    digits.page.wait_for_function("(el) => el.dataset.step === '0'", arg=digits.element_handle())
    assert kernel_run(page, "digits.go()") == ""
    digits.page.wait_for_function(
        "(el) => el.dataset.status === 'done'", arg=digits.element_handle(), timeout=60 * SECOND
    )
    assert offsite.urls == [], offsite.urls


@pytest.mark.notebook
def test_marimo_trains_the_digits_in_the_kernel(
    marimo_app: Any, local_page: Any, screenshots: Path, tmp_path: Path
) -> None:
    page, offsite = local_page
    source = tmp_path / "digits_app.py"
    source.write_text(MARIMO_APP)
    server = marimo_app(source)
    page.goto(server.url + "/", timeout=60 * SECOND)
    _plays_to_the_end(page)
    # The status reached Python and marimo re-ran the cell that reads it.
    page.get_by_text("The digits say: done at step 200").wait_for(timeout=30 * SECOND)
    page.screenshot(path=str(screenshots / "marimo-digits.png"))
    assert offsite.urls == [], offsite.urls
