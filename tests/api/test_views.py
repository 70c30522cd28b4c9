"""foghill.views on its own: the functions the server and the notebook widgets share."""

from __future__ import annotations

import ast
import importlib
import inspect
from typing import Any

import pytest
from pydantic import ValidationError

import foghill as fh
from foghill import errors, precision
from foghill.api_models.requests import DescendRequest, LandscapeRequest, LineFitRequest
from foghill.engine import formula
from foghill.errors import BadRequest
from foghill.views import landscapes
from foghill.views.curves import hills_view, landscape_view
from foghill.views.linefit import linefit_view
from foghill.views.runs import descend_view


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the formulas the engine is asked to build."""
    calls: list[str] = []
    real = formula.landscape

    def landscape(text: str, domain: Any = None) -> Any:
        calls.append(text)
        return real(text, domain=domain)

    monkeypatch.setattr(formula, "landscape", landscape)
    return calls


@pytest.mark.parametrize("module", ["curves", "landscapes", "linefit", "maps", "races", "runs"])
def test_the_views_know_nothing_of_the_web(module: str) -> None:
    tree = ast.parse(inspect.getsource(importlib.import_module(f"foghill.views.{module}")))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {m for m in imported if m.split(".")[0] in ("fastapi", "starlette", "uvicorn")}


def test_a_formula_landscape_is_built_once(counted: list[str]) -> None:
    formula = "0.3*x^4 - x^2 + 0.1*x"  # used by this test only
    req = LandscapeRequest(formula=formula, domain=[-3.0, 3.0], samples=11)
    assert not landscapes.is_prepared(req)
    first = landscape_view(req)
    assert landscapes.is_prepared(req)
    for lr in (0.01, 0.05, 0.1):
        descend_view(
            DescendRequest(formula=formula, domain=[-3.0, 3.0], start=2.0, learning_rate=lr)
        )
    again = landscape_view(req)
    assert counted == [formula]
    assert again.curve is first.curve  # the sampled curve is cached too


def test_a_refused_formula_is_remembered(counted: list[str]) -> None:
    req = LandscapeRequest(formula="x^2 + + 7*q")
    for _ in range(3):
        with pytest.raises(BadRequest) as refused:
            landscape_view(req)
    assert counted == ["x^2 + + 7*q"]
    assert refused.value.field == "formula"
    assert refused.value.column is not None
    assert refused.value.message.startswith("the formula cannot be used: ")


def test_prepare_builds_without_raising() -> None:
    req = DescendRequest(formula="sin(x) + x^2/9 + 0.0123", start=1.0)
    landscapes.prepare(req)
    assert landscapes.is_prepared(req)
    landscapes.prepare(DescendRequest(formula="no good (", start=1.0))  # refusal, no raise
    assert landscapes.is_prepared(DescendRequest(hill="foggy", start=1.0))


def test_the_cache_is_bounded() -> None:
    cache = landscapes.Cache(3)
    for i in range(10):
        assert cache.get(i, lambda i=i: i * i) == i * i  # type: ignore[misc]
    assert [k in cache for k in range(10)] == [False] * 7 + [True] * 3
    assert cache.get(9, lambda: -1) == 81
    cache.clear()
    assert 9 not in cache


def test_bad_requests_name_their_field() -> None:
    with pytest.raises(BadRequest) as refused:
        descend_view(DescendRequest(hill="foggy", start=7.5))
    assert refused.value.field == "start"
    with pytest.raises(ValidationError) as unknown:  # a hill name is checked with the request
        DescendRequest(hill="nope", start=1.0)
    assert errors.sentence_of(unknown.value).startswith("unknown hill 'nope'; the built-in hills")
    assert unknown.value.errors()[0]["loc"] == ("hill",)
    with pytest.raises(BadRequest) as refused:
        landscape_view(LandscapeRequest(hill="saddle"))
    assert "only 1-D hills" in refused.value.message


def test_descend_on_a_2d_formula_with_a_2d_domain() -> None:
    req = DescendRequest(
        formula="(x - 1)^2 + 2*(y + 0.5)^2",
        domain=[[-3.0, 3.0], [-2.0, 2.0]],
        start=[2.0, 1.0],
        learning_rate=0.1,
    )
    out = descend_view(req)
    land = fh.landscape("(x - 1)^2 + 2*(y + 0.5)^2", domain=((-3, 3), (-2, 2)))
    t = precision.walk(fh.descend(land, [2.0, 1.0], learning_rate=0.1, max_steps=200), land.domain)
    assert out.position == t.positions.tolist()
    assert out.outcome == "settled"
    assert out.position[-1] == pytest.approx([1.0, -0.5], abs=1e-5)


def test_a_2d_formula_cannot_be_drawn_as_a_curve() -> None:
    with pytest.raises(BadRequest, match="only 1-D hills"):
        landscape_view(LandscapeRequest(formula="x*y + x^2"))


def test_hills_view_is_cached_and_complete() -> None:
    assert hills_view() is hills_view()
    assert [h.name for h in hills_view().hills] == list(fh.hills.NAMES)


def test_linefit_view_best_line_is_the_closed_form() -> None:
    out = linefit_view(LineFitRequest(x=[0, 1, 2], y=[1, 3, 5], learning_rate=0.1))
    assert out.best.w == pytest.approx(2.0)
    assert out.best.b == pytest.approx(1.0)
    assert out.best.loss == pytest.approx(0.0, abs=1e-12)
    assert out.w[0] == 0.0


def test_linefit_at_the_bounds_flies_off_without_an_error() -> None:
    req = LineFitRequest(
        x=[-1e6, 1e6] * 2500, y=[1e6, -1e6] * 2500, w=1e6, b=-1e6, learning_rate=100
    )
    out = linefit_view(req)
    assert out.outcome == "flew-off"
    assert out.best.w == pytest.approx(-1.0)


def test_the_contract_names_the_engine_optimizers() -> None:
    from foghill.contract import OPTIMIZER_NAMES, OptimizerName

    assert OPTIMIZER_NAMES == fh.optimizers.NAMES
    assert OptimizerName.__args__ == fh.optimizers.NAMES  # type: ignore[attr-defined]
