"""The one optimizer table (the contract's names and words, made into the page's contract.js)
agrees with the engine's update rules: the same names in the same order, a word for each, and
every widget's momentum default is the rules' own."""

from __future__ import annotations

import inspect
import json

from foghill import contract
from foghill.engine import optimizers


def test_every_optimizer_of_the_engine_has_its_own_words_in_the_table() -> None:
    assert tuple(contract.OPTIMIZER_WORDS) == optimizers.NAMES
    words = list(contract.OPTIMIZER_WORDS.values())
    assert all(w.strip() for w in words)
    assert len(set(words)) == len(words), words


def test_every_momentum_default_is_the_rules_own() -> None:
    rules = {
        name: inspect.signature(getattr(optimizers, name)).parameters["mu"].default
        for name in ("momentum", "nesterov")
    }
    assert set(rules.values()) == {contract.DEFAULT_MOMENTUM}
    keys = [key for kind in contract.WIDGETS.values() for key in kind.inputs]
    defaults = [key.default for key in keys if key.name == "momentum"]
    assert defaults, "no widget holds a momentum"
    assert set(defaults) == {contract.DEFAULT_MOMENTUM}


def test_the_page_reads_the_same_table() -> None:
    prefix = "export const OPTIMIZER_WORDS = "
    lines = contract.CONTRACT_JS.read_text(encoding="utf-8").splitlines()
    (line,) = [x for x in lines if x.startswith(prefix)]
    assert json.loads(line.removeprefix(prefix).rstrip(";")) == dict(contract.OPTIMIZER_WORDS)
