"""Driving a real JupyterLab from a test: a notebook written by the test, run, and its kernel
asked questions (shared by the notebook client tests)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat

SECOND = 1000  # Playwright counts milliseconds


def write_notebook(path: Path, cells: Sequence[str]) -> None:
    """A notebook of these code cells, not yet run."""
    book = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in cells],
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
    )
    nbformat.write(book, str(path))


def open_and_run_all(page: Any, server: Any, name: str) -> None:
    """Open ``name`` in JupyterLab, wait for its kernel, run every cell."""
    page.goto(server.url + f"/lab/tree/{name}", timeout=60 * SECOND)
    page.wait_for_function(
        """() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel
                  ?.status === "idle" """,
        timeout=60 * SECOND,
    )
    ran = page.evaluate(
        "async () => await window.jupyterapp.commands.execute('notebook:run-all-cells')"
    )
    assert ran is True, server.log_text()[-3000:]


def kernel_run(page: Any, code: str) -> str:
    """Run code in the open notebook's kernel; '' when it ran, else the error's text."""
    return str(
        page.evaluate(
            """async (code) => {
              const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
              const future = kernel.requestExecute({ code, store_history: false });
              let problem = "";
              future.onIOPub = (msg) => {
                if (msg.header.msg_type !== "error") return;
                problem = msg.content.ename + ": " + msg.content.evalue;
              };
              const reply = await future.done;
              return reply.content.status === "ok" ? "" : problem || reply.content.status;
            }""",
            code,
        )
    )


def kernel_until(page: Any, check: str, seconds: float = 15.0) -> None:
    """Run ``assert <check>`` in the kernel until it holds (the views' reports come in
    between cells); fail with the last error after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        problem = kernel_run(page, f"assert {check}")
        if not problem:
            return
        if time.monotonic() > deadline:
            raise AssertionError(problem)
