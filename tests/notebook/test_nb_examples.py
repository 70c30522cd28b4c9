"""Both example notebooks run top to bottom, headless, with no browser."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from foghill import notebook as fn

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def test_jupyter_tour_runs_top_to_bottom(tmp_path: Path) -> None:
    nb = nbformat.read(EXAMPLES / "tour.ipynb", as_version=4)  # type: ignore[no-untyped-call]
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    errors = [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    text = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    widgets = [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    assert len(widgets) == 4  # the hill, the dial, the teacher's hill, the line fit
    assert "['settled', 'idle']" in text  # the observer saw go() and reset()
    assert "learning_rate must be greater than 0 (got -1)" in text
    for outcome in ("crawling", "settled", "zigzag", "flew-off"):
        assert outcome in text  # the dial's four regimes, from Python


def test_marimo_tour_runs_top_to_bottom(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARIMO")}
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "MARIMO_SKIP_UPDATE_CHECK": "1",
    }
    out = tmp_path / "tour.html"
    notebook = tmp_path / "marimo_tour.py"  # marimo keeps session files beside the notebook
    shutil.copy(EXAMPLES / "marimo_tour.py", notebook)
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "marimo"),
            *("export", "html", str(notebook)),
            *("-o", str(out), "--no-sandbox"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    page = out.read_text(encoding="utf-8")
    # The outputs are embedded as JSON text, with < escaped.
    page = html.unescape(page.encode().decode("unicode_escape", errors="ignore"))
    try:
        fn.Hill("foggy", learning_rate=-1)
    except fn.SettingError as problem:
        refusal = str(problem)
    assert f"is refused: <em>{refusal}</em>" in page
    assert "score = " in page
    for outcome in ("crawling", "settled", "zigzag", "flew-off"):
        assert outcome in page


def test_marimo_tour_runs_as_a_script(tmp_path: Path) -> None:
    notebook = tmp_path / "marimo_tour.py"
    shutil.copy(EXAMPLES / "marimo_tour.py", notebook)
    done = subprocess.run(
        [sys.executable, str(notebook)],
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path), "MARIMO_SKIP_UPDATE_CHECK": "1"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
