"""Finding one's way from a notebook: ``fh.<Tab>`` lists the widgets, ``hill.<Tab>`` lists a
widget's settings and commands (not ipywidgets' machinery), ``help(fh.LineFit)`` starts with
an example that runs."""

from __future__ import annotations

import doctest
import pydoc
import subprocess
import sys
from typing import Any

import pytest

import foghill as fh
from foghill import contract

WIDGET_NAMES = [kind.python_name for kind in contract.WIDGETS.values()]
CLASSES = WIDGET_NAMES  # fh.Classifier too: a widget kind of the contract (issue 24)


def test_dir_of_the_package_lists_every_widget_without_importing_them() -> None:
    code = (
        "import sys, foghill as fh; names = dir(fh); "
        "print(' '.join(names)); print('anywidget' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names, loaded = out.stdout.splitlines()
    for name in [*CLASSES, "SettingError"]:
        assert name in names.split(), name
    assert loaded == "False"  # listing them did not load them


def test_the_package_all_names_every_widget_and_each_one_is_there() -> None:
    for name in [*CLASSES, "SettingError"]:
        assert name in fh.__all__, name
    for name in fh.__all__:
        assert getattr(fh, name) is not None, name


def completions(text: str, namespace: dict[str, Any]) -> list[str]:
    """What IPython offers after ``text`` + Tab (its default completer: jedi)."""
    pytest.importorskip("jedi")
    from IPython.core.completer import IPCompleter, provisionalcompleter

    completer = IPCompleter(namespace=namespace, global_namespace=namespace)
    assert completer.use_jedi
    with provisionalcompleter():
        return [c.text for c in completer.completions(text, len(text))]


def test_tab_after_the_package_offers_the_widgets() -> None:
    offered = completions("fh.", {"fh": fh})
    for name in CLASSES:
        assert name in offered, name
    assert completions("fh.Li", {"fh": fh}) == ["LineFit"]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda: fh.Hill(),
            [
                *["hill", "formula", "domain", "start", "learning_rate", "optimizer"],
                *["max_steps", "landscape", "trajectory", "status", "step_count", "error"],
                *["go", "step", "pause", "reset", "requests"],
            ],
        ),
        (
            lambda: fh.LineFit(),
            ["x", "y", "w", "b", "learning_rate", "fit", "set_dots", "request", "go"],
        ),
        (lambda: fh.Surface(), ["hill", "start", "contours", "trajectory", "go"]),
        (
            lambda: fh.Digits(),
            ["learning_rate", "batch_size", "hidden", "train", "guess", "progress", "summary"],
        ),
        (lambda: fh.Rule(of=fh.Hill()), ["of", "run", "status", "step_count"]),
    ],
)
def test_a_widget_lists_its_settings_and_commands_first(make: Any, expected: list[str]) -> None:
    w = make()
    listed = w.__dir__()
    for name in expected:
        assert name in listed, name
    inputs = list(getattr(w, "INPUTS", ()))
    assert listed[: len(inputs)] == inputs
    for internal in ("add_traits", "hold_trait_notifications", "get_manager_state", "comm"):
        assert internal not in dir(w), internal
        assert hasattr(w, internal)  # still reachable
    assert len(dir(w)) < 40
    assert sorted(dir(w)) == dir(w)


def test_tab_after_a_widget_offers_its_settings_not_the_machinery() -> None:
    hill = fh.Hill()
    offered = completions("hill.", {"hill": hill})
    assert "learning_rate" in offered
    assert "go" in offered
    assert "add_traits" not in offered
    assert "trait_metadata" not in offered
    assert completions("hill.lea", {"hill": hill}) == ["learning_rate"]


@pytest.mark.parametrize("name", CLASSES)
def test_help_starts_with_an_example_that_runs(name: str) -> None:
    cls = getattr(fh, name)
    doc = cls.__doc__ or ""
    summary, _, rest = doc.partition("\n\n")
    assert summary
    assert "\n" not in summary.strip()
    assert rest.lstrip().startswith(">>> import foghill as fh"), rest[:200]
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    assert text.index(">>> import foghill as fh") < text.index("Method")
    finder = doctest.DocTestFinder(recurse=False)
    (test,) = finder.find(cls, name, globs={})
    assert test.examples
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


def test_a_jupyter_kernel_completes_the_widgets_and_their_settings() -> None:
    """What JupyterLab asks a kernel on Tab (a complete_request), answered by ipykernel."""
    jupyter_client = pytest.importorskip("jupyter_client")
    manager, client = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive("import foghill as fh\nhill = fh.Hill()", timeout=120)

        def complete(code: str) -> list[str]:
            reply = client.complete(code, len(code), reply=True, timeout=60)
            return [str(m) for m in reply["content"]["matches"]]

        assert "LineFit" in complete("fh.")
        assert complete("fh.Li") == ["LineFit"]
        offered = complete("hill.")
        assert "learning_rate" in offered
        assert "add_traits" not in offered
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
