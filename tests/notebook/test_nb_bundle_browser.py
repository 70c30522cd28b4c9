"""The bundled views in Debian's Chromium: they import, define their elements, and draw a run.

No Jupyter here: a blank page imports each widget's ``_esm`` from a blob URL (as anywidget
does), and a small stand-in for anywidget's model passes the element's ``save_changes`` to
the real Python widget (through Playwright) and its answers back, as a kernel would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foghill import notebook as fn
from foghill.notebook.view import widget_esm

TAGS = ("fh-hill", "fh-step-dial", "fh-line-fit")

BLANK = "<!doctype html><html lang='en'><head><meta charset='utf-8'></head><body></body></html>"

IMPORT_TWICE = """
async ({ code, tag }) => {
  const load = async () => {
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    try { return await import(url); } finally { URL.revokeObjectURL(url); }
  };
  const first = await load();
  const second = await load();  // a second widget of the same kind on the page
  return {
    render: typeof first.default.render,
    again: typeof second.default.render,
    defined: customElements.get(tag) !== undefined,
  };
}
"""

# A stand-in for anywidget's model (the AFM contract): get / set / on / off / save_changes /
# send; change callbacks get (model, value) as Backbone gives them; save_changes sends the
# changed keys to the kernel (window.kernel, a Python function) and applies its answer.
KERNEL_MODEL = """
async ({ code, state, tag }) => {
  class KernelModel {
    constructor(state) { this.state = state; this.listeners = new Map(); this.dirty = {}; }
    get(key) { return this.state[key]; }
    set(key, value) {
      this.state[key] = value; this.dirty[key] = value; this.emit("change:" + key, value);
    }
    on(name, cb) {
      if (!this.listeners.has(name)) this.listeners.set(name, new Set());
      this.listeners.get(name).add(cb);
    }
    off(name, cb) {
      if (!name) this.listeners.clear();
      else if (!cb) this.listeners.delete(name);
      else this.listeners.get(name)?.delete(cb);
    }
    emit(name, value) { for (const cb of [...(this.listeners.get(name) || [])]) cb(this, value); }
    send(content) { window.__sent.push(content); }
    async save_changes() {
      const changes = this.dirty; this.dirty = {};
      window.__inflight += 1;
      let answer;
      try { answer = JSON.parse(await window.kernel(JSON.stringify(changes))); }
      finally { window.__inflight -= 1; }
      for (const [key, value] of Object.entries(answer)) {
        if (JSON.stringify(this.state[key]) !== JSON.stringify(value)) {
          this.state[key] = value; this.emit("change:" + key, value);
        }
      }
    }
    command(content) {  // a custom message from the kernel: callbacks get (content, buffers)
      for (const cb of [...(this.listeners.get("msg:custom") || [])]) cb(content, []);
    }
  }
  window.__sent = [];
  window.__inflight = 0;  // kernel() calls not answered yet
  const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  const mod = await import(url);
  const model = new KernelModel(state);
  window.__model = model;
  const el = document.createElement("div");
  el.className = "cell-output";
  document.body.appendChild(el);
  window.__cleanup = mod.default.render({ model, el });
  return el.querySelector(tag) !== null;
}
"""


@pytest.mark.parametrize("tag", TAGS)
def test_bundle_imports_and_defines_the_element(local_page: Any, tag: str) -> None:
    page, offsite = local_page
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.set_content(BLANK)
    result = page.evaluate(IMPORT_TWICE, {"code": widget_esm(tag), "tag": tag})
    assert result == {"render": "function", "again": "function", "defined": True}
    assert problems == []
    assert offsite.urls == []


# The stand-in model has no kernel() call in flight (the view's changes reached Python).
INFLIGHT_DONE = "() => window.__inflight === 0"


def kernel_for(widget: Any) -> Callable[[str], str]:
    """Python's side of the stand-in model: apply the view's changes, answer the new state."""

    def kernel(changes: str) -> str:
        widget.set_state(json.loads(changes))
        state = widget.get_state()
        state.pop("_esm")
        state.pop("_css")
        return json.dumps(state, allow_nan=False)

    return kernel


def mount(page: Any, widget: Any, tag: str) -> None:
    page.set_content(BLANK)
    if widget.get_state()["_css"]:
        page.add_style_tag(content=widget.get_state()["_css"])
    page.expose_function("kernel", kernel_for(widget))
    state = json.loads(json.dumps(widget.get_state(), allow_nan=False))
    code = state.pop("_esm")
    state.pop("_css")
    assert page.evaluate(KERNEL_MODEL, {"code": code, "state": state, "tag": tag})


@pytest.mark.parametrize(
    ("make", "tag", "outcome"),
    [
        (lambda: fn.Hill("foggy", start=2.5, learning_rate=0.1), "fh-hill", "settled"),
        (lambda: fn.StepDial("bowl", start=3.0, learning_rate=0.1), "fh-step-dial", "settled"),
        (lambda: fn.LineFit(learning_rate=0.05, max_steps=400), "fh-line-fit", None),
    ],
)
def test_the_view_plays_the_kernels_run(
    local_page: Any, screenshots: Path, make: Callable[[], Any], tag: str, outcome: str | None
) -> None:
    page, offsite = local_page
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.emulate_media(reduced_motion="reduce")
    widget = make()
    run = widget.trajectory if tag != "fh-line-fit" else widget.fit
    expected = outcome or run.outcome
    mount(page, widget, tag)
    element = page.locator(tag)
    element.locator("button.fh-btn-play").click()
    page.wait_for_function(
        "([tag, want]) => document.querySelector(tag)?.dataset.status === want",
        arg=[tag, expected],
        timeout=30_000,
    )
    assert element.get_attribute("data-step") == str(run.n_steps)
    # The host mirrors the element's status and step into the model: the kernel sees them.
    page.wait_for_function(INFLIGHT_DONE)  # every kernel() call delivered and answered
    assert (widget.status, widget.step_count) == (expected, run.n_steps)
    page.screenshot(path=str(screenshots / f"notebook-host-{tag}.png"), full_page=True)
    assert problems == []
    assert offsite.urls == []


def test_python_commands_reach_the_view(local_page: Any) -> None:
    page, _offsite = local_page
    page.emulate_media(reduced_motion="reduce")
    widget = fn.Hill("foggy", start=2.5, learning_rate=0.1)
    mount(page, widget, "fh-hill")
    # What widget.go() sends reaches the element as anywidget's msg:custom.
    sent: list[Any] = []
    widget.send = lambda content, buffers=None: sent.append(content)
    widget.go()
    page.evaluate("(msg) => window.__model.command(msg)", sent[-1])
    page.wait_for_function(
        "() => document.querySelector('fh-hill').dataset.status === 'settled'", timeout=30_000
    )
    widget.reset()
    page.evaluate("(msg) => window.__model.command(msg)", sent[-1])
    page.wait_for_function(
        "() => document.querySelector('fh-hill').dataset.status === 'idle'", timeout=10_000
    )
    assert [m["type"] for m in sent] == ["go", "reset"]


def test_the_view_changing_a_setting_gets_the_kernels_answer(local_page: Any) -> None:
    page, _offsite = local_page
    widget = fn.StepDial("bowl", start=3.0, learning_rate=0.1)
    mount(page, widget, "fh-step-dial")
    page.evaluate(
        "() => { window.__model.set('learning_rate', 1.2); return window.__model.save_changes(); }"
    )
    page.wait_for_function(INFLIGHT_DONE)
    assert widget.learning_rate == 1.2
    assert widget.trajectory is not None
    assert widget.trajectory.outcome == "flew-off"
    outcome = page.evaluate("() => window.__model.get('trajectory').outcome")
    assert outcome == "flew-off"
