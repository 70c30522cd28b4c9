"""The package's top level: the engine is light, the notebook widgets come on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import foghill as fh


def test_engine_import_does_not_pull_in_the_notebook_stack() -> None:
    code = "import sys, foghill; print('anywidget' in sys.modules, 'starlette' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_widgets_are_reachable_from_the_top_level() -> None:
    from foghill import notebook

    assert fh.Hill is notebook.Hill
    assert fh.StepDial is notebook.StepDial
    assert fh.LineFit is notebook.LineFit


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Hil'"):
        _ = fh.Hil  # type: ignore[attr-defined]
