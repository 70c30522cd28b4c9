"""A new widget is one contract entry and one component module (docs/adding-a-widget.md).

In a copy of the package's sources the test adds a throwaway widget, ``<fh-step-count>``
(the steps a ball takes down a hill, in words), with exactly the two files the guide names:
an entry in the contract's table and ``web/components/step-count.js``. It then runs the two
build steps the guide names (``python -m foghill.remake`` and ``node scripts/build-web.mjs``)
and shows that nothing else was needed: the widget works on an author's lesson page in
Chromium, and ``fh.StepCount`` is a notebook widget with its own bundled view.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fh_page import Guard
from playwright.sync_api import Browser, expect

from foghill.testing import FoghillServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

#: The contract entry: a new view of a run the engine already computes (the descent).
ENTRY = """\
        WidgetKind(
            tag="fh-step-count",
            called="the step counter",
            python_name="StepCount",
            help="How many steps a ball takes down a hill, in words.",
            endpoint="descent",
            inputs=descent_keys("bowl"),
            outputs=DESCENT_OUTPUTS,
            landscape_inputs=WHICH_HILL,
        ),
"""

#: The component: it reads the run from its model and says it.
COMPONENT = """\
// <fh-step-count>: how many steps the ball takes down the hill, in words.

import { PageModel } from "../lib/page-model.js";
import { pageState } from "../lib/page-state.js";
import { htmlEl } from "../lib/svg.js";
import { FhWidget } from "../lib/widget.js";

export class FhStepCount extends FhWidget {
  build() {
    this.words = htmlEl("p", { class: "fh-step-count" }, "The ball is on its way.", this);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    return new PageModel(this.localName, state, { seed });
  }

  attach() {
    this.listen("change:trajectory", () => this.show());
    this.show();
  }

  show() {
    const run = this.model.get("trajectory");
    if (!run || !Array.isArray(run.position)) return;
    this.words.textContent = `The ball took ${run.position.length - 1} steps.`;
    this.dataset.ready = "true";
  }
}

if (!customElements.get("fh-step-count")) customElements.define("fh-step-count", FhStepCount);
"""

LESSON = """---
title: Counting steps
description: A widget added to the contract a moment ago.
---

## How many steps?

```widget fh-step-count id=count hill=bowl start=2 learning-rate=0.1 max-steps=300
The steps a ball takes to settle.
```
"""

#: The files the new widget needs, and no other (relative to the copy's root).
TOUCHED = (
    "src/foghill/contract/table.py",
    "src/foghill/web/components/step-count.js",
)


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sources with the throwaway widget added, generated and built."""
    root = tmp_path_factory.mktemp("new-widget")
    shutil.copytree(
        ROOT / "src", root / "src", ignore=shutil.ignore_patterns("dist", "__pycache__")
    )
    (root / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "build-web.mjs", root / "scripts")
    shutil.copy2(ROOT / "package.json", root)
    (root / "node_modules").symlink_to((ROOT / "node_modules").resolve())
    (root / "docs").mkdir()  # docs/authoring.md is made from the contract too

    table = root / TOUCHED[0]
    text = table.read_text(encoding="utf-8")
    anchor = '        WidgetKind(\n            tag="fh-rule",'
    assert anchor in text
    table.write_text(text.replace(anchor, ENTRY + anchor), encoding="utf-8")
    (root / TOUCHED[1]).write_text(COMPONENT, encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    _run([sys.executable, "-m", "foghill.remake"], root, env)
    _run(["node", "scripts/build-web.mjs"], root, env)
    return root


@pytest.fixture(scope="module")
def served(copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`foghill serve LESSON` from the copy."""
    folder = tmp_path_factory.mktemp("lessons")
    (folder / "count.md").write_text(LESSON, encoding="utf-8")
    log = tmp_path_factory.mktemp("server") / "server.log"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", str(copy / "src"))
        server = FoghillServer(log_path=log, lessons=folder)
    with server:
        yield server.url


def test_the_copy_changed_only_the_entry_and_the_component(copy: Path) -> None:
    """Every other source file is the repository's own: the rest was made from the contract."""
    changed = []
    for path in (copy / "src").rglob("*"):
        rel = path.relative_to(copy).as_posix()
        if not path.is_file() or "/dist/" in rel or "__pycache__" in rel:
            continue
        original = ROOT / rel
        if not original.exists() or original.read_bytes() != path.read_bytes():
            changed.append(rel)
    made = {  # written by python -m foghill.remake from the contract
        "src/foghill/web/lib/contract.js",
        "src/foghill/web/components/index.js",
    }
    assert sorted(set(changed) - made) == sorted(TOUCHED)


def test_the_new_widget_works_on_a_lesson_page(browser: Browser, served: str) -> None:
    context = browser.new_context(base_url=served, viewport={"width": 1440, "height": 900})
    guard = Guard()
    guard.watch(context)
    page = context.new_page()
    try:
        page.goto("/count")
        widget = page.locator("fh-step-count#count")
        expect(widget).to_have_attribute("data-ready", "true", timeout=20_000)
        expect(widget.locator("p.fh-step-count")).to_have_text(
            "The ball took 69 steps.", timeout=20_000
        )
        assert page.evaluate("() => customElements.get('fh-step-count') !== undefined")
    finally:
        context.close()
    guard.check()


def test_the_new_widget_is_a_notebook_widget(copy: Path) -> None:
    code = (
        "import foghill as fh, foghill.notebook as fn\n"
        "w = fh.StepCount('bowl', start=2, learning_rate=0.1, max_steps=300)\n"
        "print(type(w).__name__, w.TAG, w.trajectory.n_steps, 'StepCount' in fh.__all__,\n"
        "      fn.StepCount is fh.StepCount, 'notebookModule(\"fh-step-count\")' in w._esm,\n"
        "      'customElements.define(\"fh-step-count\"' in w._esm)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "StepCount",
        "fh-step-count",
        "69",
        "True",
        "True",
        "True",
        "True",
    ]
