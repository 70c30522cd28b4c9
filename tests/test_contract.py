"""The widget contract is the one source: everything derived from it agrees with it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from foghill import contract, remake
from foghill.api_models.requests import DescendRequest, LineFitRequest

REQUESTS: dict[str, type[BaseModel]] = {
    "fh-hill": DescendRequest,
    "fh-step-dial": DescendRequest,
    "fh-line-fit": LineFitRequest,
}


def test_the_generated_contract_js_is_fresh() -> None:
    assert contract.CONTRACT_JS.read_text(encoding="utf-8") == contract.contract_js(), (
        "web/lib/contract.js is stale: run python -m foghill.remake"
    )
    assert remake.main(["--check"]) == 0


def test_a_stale_contract_js_is_caught_and_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "contract.js"
    stale.write_text(contract.contract_js().replace("0.05", "0.5"), encoding="utf-8")
    monkeypatch.setattr(contract, "CONTRACT_JS", stale)
    assert remake.stale() == [stale]
    assert remake.main(["--check"]) == 1
    assert f"{stale} is stale: run python -m foghill.remake" in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") != contract.contract_js()  # a check writes nothing
    assert remake.main([]) == 0
    assert remake.stale() == []


def test_remaking_runs_fresh_from_the_command_line() -> None:
    """No module of the package imports foghill.remake, so ``python -m`` runs it without
    runpy's warning that the module was imported before it ran."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "foghill.remake", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("tag", sorted(REQUESTS))
def test_each_request_model_has_the_contract_keys_and_defaults(tag: str) -> None:
    kind = contract.WIDGETS[tag]
    fields = REQUESTS[tag].model_fields
    for key in kind.model_inputs:
        assert key.name in fields, f"{tag}: {key.name} is not a request field"
        if key.name in ("start", "x", "y"):
            continue  # required by the request: the widget fills them in
        if tag == "fh-step-dial" and key.name == "hill":
            continue  # one request model serves both ball widgets; the dial starts elsewhere
        assert fields[key.name].get_default() == key.default, (tag, key.name)


@pytest.mark.parametrize("tag", sorted(REQUESTS))
def test_each_notebook_widget_has_a_trait_per_contract_input(tag: str) -> None:
    from foghill import notebook

    kind = contract.WIDGETS[tag]
    cls = getattr(notebook, kind.python_name)
    assert tag == cls.TAG
    traits = cls.class_traits(sync=True)
    for key in kind.model_inputs:
        assert key.name in traits, f"{kind.python_name} has no trait {key.name}"
        assert traits[key.name].help == key.help
    widget = cls()
    for key in kind.model_inputs:
        if key.default is not None:
            assert getattr(widget, key.name) == key.default, (tag, key.name)


def test_a_bad_value_gets_the_same_words_from_every_host() -> None:
    from starlette.testclient import TestClient

    from foghill import notebook
    from foghill.errors import LessonError
    from foghill.lessons.markdown import render_markdown
    from foghill.server import app

    words = "learning_rate must be greater than 0 (got -1)"
    with TestClient(app) as client:
        answer = client.post("/api/descend", json={"start": 1, "learning_rate": -1}).json()
    assert answer["error"] == words
    with pytest.raises(notebook.SettingError) as refused:
        notebook.Hill("foggy", learning_rate=-1)
    assert str(refused.value) == words
    with pytest.raises(LessonError) as lesson:
        render_markdown("```widget fh-hill learning-rate=-1\n```\n")
    assert str(lesson.value).endswith(words)


def test_every_outcome_is_said_in_words_never_by_its_label() -> None:
    """Each outcome has its words in every form the page says it, and none is a label."""
    tables = (
        contract.OUTCOME_WORDS,
        contract.OUTCOME_DOES,
        contract.OUTCOME_NAMES,
        contract.OUTCOME_HEADINGS,
    )
    for table in tables:
        assert set(table) == set(contract.OUTCOMES)
        for outcome, words in table.items():
            assert words
            assert words != outcome or outcome == "settled", (outcome, words)
            assert not any(label in words for label in ("zigzag", "flew-off")), words


def test_every_widget_is_called_by_words_never_by_its_tag() -> None:
    """How a sentence names each widget ("the step-size dial"), one per kind, none a tag."""
    called = [kind.called for kind in contract.WIDGETS.values()]
    assert len(set(called)) == len(called)
    for kind in contract.WIDGETS.values():
        assert kind.called.startswith("the "), kind.called
        assert "fh-" not in kind.called
        assert f'called: "{kind.called}"' in contract.contract_js()
