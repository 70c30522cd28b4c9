"""The OpenAPI document tells the truth: schemathesis, every check, in-process (issue 11).

What JSON Schema can say, the schema says (field types and bounds, hill names, a built-in
hill's start, a domain only with a formula). What it cannot say is in the descriptions, and
is taught to schemathesis here by the hook below, for schema-valid (positive) cases only:
the same rules, applied to what it generated, so that "valid data is accepted" is checked
for everything else. Negative cases are left as generated: every one must be refused.

The same hooks serve a full run against a real server:

    PYTHONPATH=tests/api SCHEMATHESIS_HOOKS=test_server_schema \\
        schemathesis run http://127.0.0.1:PORT/openapi.json --checks all -n 2500
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from hypothesis import HealthCheck, settings

from foghill.building.formulas import FormulaBuilding
from foghill.contract import MAX_COORDINATE
from foghill.engine.formula_rules import DEFAULT_DOMAIN
from foghill.views import landscapes

# Formulas the engine accepts, finite everywhere on any domain the schema allows.
FORMULAS_1D = ("x^2", "0.1*x^4 - x^2", "(x - 1)^2 + x/2", "x^4/20 - x^2/2 + x/5")
FORMULAS_2D = ("x^2 + y^2", "(1 - x)^2 + 10*(y - x^2)^2", "x^2 + 3*y^2 - x*y")


def _pick(options: tuple[str, ...], seed: str) -> str:
    return options[hashlib.sha256(seed.encode("utf-8", "replace")).digest()[0] % len(options)]


def _ordered(pair: list[float]) -> list[float]:
    """[lo, hi] with lo < hi (the rule a domain's pair follows)."""
    lo, hi = sorted(float(v) for v in pair)
    if lo == hi:
        lo, hi = (lo, lo + 1) if lo + 1 <= MAX_COORDINATE else (lo - 1, lo)
    return [lo, hi]


def _within(value: float, pair: list[float]) -> float:
    return min(max(float(value), pair[0]), pair[1])


def follow_formula_rules(body: dict[str, Any], one_d: bool, surface: bool = False) -> None:
    """A formula the engine accepts, a domain from smaller to larger with one pair per
    variable, and the start within it: the rules of a formula request JSON Schema cannot say."""
    text = body.get("formula")
    if not (isinstance(text, str) and text.strip()):
        body["formula"] = ""  # the hill decides (a blank formula is none)
        follow_hill_rules(body)
        return
    start = body.get("start")
    two_d = surface or (not one_d and isinstance(start, list))
    body["formula"] = _pick(FORMULAS_2D if two_d else FORMULAS_1D, text)
    domain = body.get("domain")
    if domain is None:
        pairs = [list(DEFAULT_DOMAIN)] * (2 if two_d else 1)
    else:
        pairs = [_ordered(p) for p in (domain if isinstance(domain[0], list) else [domain])]
        if not two_d:
            pairs = pairs[:1]
        body["domain"] = pairs[0] if len(pairs) == 1 else pairs
    if isinstance(start, list):
        body["start"] = [_within(v, pairs[min(i, len(pairs) - 1)]) for i, v in enumerate(start)]
    elif start is not None:
        body["start"] = _within(start, pairs[0])


def follow_hill_rules(body: dict[str, Any]) -> None:
    """A built-in hill's start has its shape: a number on a 1-D hill, [x, y] on a surface
    (JSON Schema allows either for any hill)."""
    from foghill.engine import hills

    name, start = body.get("hill"), body.get("start")
    if not isinstance(name, str) or name not in hills.NAMES or start is None:
        return
    two_d = hills.by_name(name).dims == 2
    if two_d and not isinstance(start, list):
        body["start"] = [start, start]
    elif not two_d and isinstance(start, list):
        body["start"] = start[0]


def follow_sweep_rules(body: dict[str, Any]) -> None:
    """low below high (each within the schema's bounds already)."""
    low, high = sorted((float(body.get("low", 1e-3)), float(body.get("high", 2.0))))
    if low == high:
        low, high = (low, 100.0) if low < 100.0 else (1.0, high)
    body["low"], body["high"] = low, high
    count, steps = int(body.get("count", 200)), int(body.get("max_steps", 500))
    if count * steps > 400_000:
        body["max_steps"] = 400_000 // count


def follow_linefit_rules(body: dict[str, Any]) -> None:
    """x and y of the same length, x spread apart (not all equal, nor all but equal)."""
    x, y = list(body["x"]), list(body["y"])
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    if max(x) - min(x) < 1e-3:
        x[-1] = x[0] + 1 if x[0] + 1 <= MAX_COORDINATE else x[0] - 1
    body["x"], body["y"] = x, y


def follow_training_rules(body: dict[str, Any]) -> None:
    """A short run (a long one is as valid, and only slower), from_step and step within it."""
    steps = min(int(body.get("steps", 3)), 3)
    body["steps"] = steps
    # A walk that flies off leaves a model that cannot answer (refused in words): keep the
    # step size modest, as the schema cannot say how modest for each optimizer.
    if "learning_rate" in body:
        body["learning_rate"] = min(float(body["learning_rate"]), 0.5)
    for name in ("from_step", "step"):
        if name in body:
            body[name] = min(int(body[name]), steps)


def follow_table_rules(body: dict[str, Any]) -> None:
    """The classifier's table as its description states: a row per label, each with a number
    per column, two labels or more, at least eight rows; a batch within its training rows."""
    columns = list(body["table"]["columns"]) or ["x"]
    rows = [[float(i + j) for j in range(len(columns))] for i in range(8)]
    body["table"] = {"columns": columns, "rows": rows, "labels": ["a", "b"] * 4}
    body["batch_size"] = min(int(body.get("batch_size", 1)), 6)
    if "row" in body:
        body["row"] = [0.0] * len(columns)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    """Positive cases follow the rules the descriptions state; negative ones are untouched."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return case
    body = dict(case.body)
    path = case.operation.path
    try:
        if path == "/api/linefit":
            follow_linefit_rules(body)
        elif path in ("/api/descend", "/api/landscape", "/api/race", "/api/sweep"):
            follow_formula_rules(body, one_d=path == "/api/landscape")
            if path == "/api/sweep":
                follow_sweep_rules(body)
        elif path == "/api/contours":
            follow_formula_rules(body, one_d=False, surface=True)
        elif path.startswith("/api/train/"):
            follow_training_rules(body)
            if path.startswith("/api/train/classifier"):
                follow_table_rules(body)
    except (KeyError, TypeError, ValueError, IndexError):
        return case  # not shaped as the schema says: left for the checks to judge
    case.body = body
    return case


# ---- the bounded in-process run ------------------------------------------------------------

# ---- what the schema says, and that the server holds to it -----------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"learning_rate": "0.1"}, 'learning_rate must be a number (got "0.1")'),
        ({"learning_rate": True}, "learning_rate must be a number (got true)"),
        ({"start": "2.5"}, "start"),
        ({"max_steps": "200"}, 'max_steps must be a whole number (got "200")'),
        ({"max_steps": 2.5}, "max_steps must be a whole number (got 2.5)"),
    ],
)
def test_a_string_is_not_a_number(change: dict[str, Any], words: str) -> None:
    from starlette.testclient import TestClient

    from foghill.server import create_app

    body = {"hill": "foggy", "start": 2.5, "learning_rate": 0.1, "max_steps": 200, **change}
    with TestClient(create_app(building=builders)) as client:
        answer = client.post("/api/descend", json=body)
        assert answer.status_code == 422
        assert words in answer.json()["error"]
        whole = client.post("/api/descend", json={**body, **{"max_steps": 200.0}})
        assert whole.status_code == (422 if "max_steps" not in change else 200)


def test_the_schema_names_the_hills_and_where_each_start_lies() -> None:
    from foghill.api_models.requests import DescendRequest
    from foghill.engine import hills
    from foghill.server.openapi import openapi

    schemas = openapi()["components"]["schemas"]
    descend, landscape = schemas["DescendRequest"], schemas["LandscapeRequest"]
    assert descend["properties"]["hill"]["enum"] == list(hills.NAMES)
    by_hill = {
        b["properties"]["hill"]["const"]: b["properties"]["start"]
        for b in descend["allOf"][0]["else"]["anyOf"]
    }
    assert set(by_hill) == set(hills.NAMES)
    for name, start in by_hill.items():
        land = hills.by_name(name)
        if land.dims == 1:
            assert (start["type"], start["minimum"], start["maximum"]) == (
                "number",
                *land.domain[0],
            )
        else:
            assert start["type"] == "array"
            assert [(p["minimum"], p["maximum"]) for p in start["prefixItems"]] == list(land.domain)
    drawn = [b["properties"]["hill"]["const"] for b in landscape["allOf"][0]["else"]["anyOf"]]
    assert drawn == [n for n in hills.NAMES if hills.by_name(n).dims == 1]
    for rule in ("lo < hi", "start lies within"):
        assert rule in descend["description"]
    assert "same length" in schemas["LineFitRequest"]["description"]
    assert DescendRequest.__name__ in schemas


EXAMPLES = 25  # per operation and mode, besides schemathesis's own boundary cases: ~500 in all
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]

builders = FormulaBuilding(landscapes.remember)


def _schema() -> Any:
    from foghill.server import create_app

    loaded = schemathesis.openapi.from_asgi("/openapi.json", create_app(building=builders))
    loaded.config.generation.update(modes=MODES, max_examples=EXAMPLES, database="none")
    return loaded


schema = _schema()


@pytest.fixture(scope="module", autouse=True)
def _stop_builders() -> Iterator[None]:
    yield
    builders.close()


@pytest.mark.fuzz
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_keeps_the_schemas_promises(case: Any) -> None:
    """Every check schemathesis has: no server error, statuses, content types, headers and
    bodies as documented, schema-invalid requests refused, schema-valid ones accepted."""
    # A formula's first build may wait for its builder to start: the schema is what is
    # checked here, not speed (the speed of builds is measured alone, test_server_formulas).
    case.call_and_validate(timeout=300)  # as patient as the app (conftest._patient_builders)
