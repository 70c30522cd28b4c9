"""Bad requests: each gets a 4xx whose one sentence names the problem; none reaches a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from foghill.server import MAX_BODY_BYTES

GOOD_DESCEND = {"hill": "foggy", "start": 2.5, "learning_rate": 0.1, "max_steps": 200}
GOOD_LINEFIT = {"x": [0, 1, 2], "y": [1, 2, 2.5]}


def refused(client: TestClient, path: str, body: Any, status: int = 422) -> str:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    data = response.json()
    assert isinstance(data["error"], str)
    assert data["error"]
    assert "\n" not in data["error"]
    assert set(data) <= {"error", "detail"}
    message: str = data["error"]
    return message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"learning_rate": 1e308}, "learning_rate must be at most 100 (got 1e+308)"),
        ({"learning_rate": 0}, "learning_rate must be greater than 0 (got 0)"),
        ({"learning_rate": -0.5}, "learning_rate must be greater than 0 (got -0.5)"),
        ({"learning_rate": "fast"}, 'learning_rate must be a number (got "fast")'),
        ({"max_steps": 10_000_000}, "max_steps must be at most 5000 (got 10000000)"),
        ({"max_steps": 0}, "max_steps must be at least 1 (got 0)"),
        ({"max_steps": 2.5}, "max_steps must be a whole number (got 2.5)"),
        ({"optimizer": "sgd"}, "optimizer must be one of 'gd', 'momentum'"),
        ({"hill": "everest"}, "unknown hill 'everest'; the built-in hills are: foggy"),
        ({"start": 9}, "start must lie on the hill, between -4 and 4 (got 9)"),
        ({"start": [1, 2]}, "'foggy' is a 1-D hill, so start must be one number"),
        ({"start": [1, 2, 3]}, "start"),
        ({"start": "north"}, 'start must be a number (got "north")'),
        ({"start": 1e300}, "start must be at most 1e+06 (got 1e+300)"),
        ({"start": None}, "start"),
        ({"hill": "rosenbrock", "start": 1}, "'rosenbrock' is a 2-D surface, so start must be"),
        ({"formula": "x" * 201}, "formula must be at most 200 characters long (got 201)"),
        ({"formula": "x^2", "domain": [3, 1]}, "the domain must go from a smaller to a larger"),
        ({"formula": "x^2", "domain": [1]}, "domain"),
        ({"hill": 7}, "hill must be text (got 7)"),
    ],
)
def test_descend_refuses(client: TestClient, change: dict[str, Any], message: str) -> None:
    assert message in refused(client, "/api/descend", {**GOOD_DESCEND, **change})


def test_descend_needs_a_start(client: TestClient) -> None:
    body = {k: v for k, v in GOOD_DESCEND.items() if k != "start"}
    assert refused(client, "/api/descend", body) == "start is required"


def test_descend_start_off_a_2d_surface(client: TestClient) -> None:
    body = {"hill": "rosenbrock", "start": [50, 1], "learning_rate": 0.001}
    message = refused(client, "/api/descend", body)
    assert message.startswith("start must lie on the surface, with x from ")
    assert "(got [50, 1])" in message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"hill": "foggy", "start": NaN}', "start must be a finite number (got nan)"),
        ('{"hill": "foggy", "start": 1, "learning_rate": Infinity}', "learning_rate must be"),
        ('{"hill": "foggy", "start": 1e999}', "start must be"),
    ],
)
def test_non_finite_numbers_are_refused(client: TestClient, raw: str, message: str) -> None:
    response = client.post(
        "/api/descend", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hill": "himmelblau"}, "only 1-D hills can be drawn as a curve"),
        ({"samples": 1}, "samples must be at least 2 (got 1)"),
        ({"samples": 100_000}, "samples must be at most 2001 (got 100000)"),
        ({"start": -9}, "start must lie on the hill, between -4 and 4 (got -9)"),
        ({"max_steps": 5001}, "max_steps must be at most 5000"),
    ],
)
def test_landscape_refuses(client: TestClient, change: dict[str, Any], message: str) -> None:
    assert message in refused(client, "/api/landscape", {"hill": "foggy", **change})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"x": [1.0] * 100_000, "y": [1.0] * 100_000}, "x must have at most 5000 values"),
        ({"x": [1], "y": [2]}, "x must have at least 2 values (got 1)"),
        ({"x": [0, 1, 2], "y": [1, 2]}, "x and y must have the same length (got 3 and 2)"),
        ({"x": [2, 2, 2], "y": [1, 2, 3]}, "the dots' x values must not all be equal"),
        ({"x": [0, 1], "y": [1, "a"]}, 'y[1] must be a number (got "a")'),
        ({"x": [0, 1], "y": [1, 1e300]}, "y[1] must be at most 1e+06"),
        ({"y": [1, 2]}, "x is required"),
        ({**GOOD_LINEFIT, "learning_rate": 500}, "learning_rate must be at most 100"),
        ({**GOOD_LINEFIT, "max_steps": 10_000_000}, "max_steps must be at most 5000"),
        ({**GOOD_LINEFIT, "w": float("1e7")}, "w must be at most 1e+06"),
        ({**GOOD_LINEFIT, "optimizer": "lbfgs"}, "optimizer must be one of"),
    ],
)
def test_linefit_refuses(client: TestClient, body: dict[str, Any], message: str) -> None:
    assert message in refused(client, "/api/linefit", body)


HOSTILE_FORMULAS = [
    "__import__('os').system('true')",
    "x.__class__",
    "9^9^9^9",
    "x^99999999",
    "(" * 100 + "x" + ")" * 100,
    "exp(exp(exp(exp(x))))",
    "lambda: 0",
    "x; import os",
    "open('/etc/passwd')",
    "x +",
    "",
    "y + z",
    "1e999999 * x",
    "factorial(10^10)",
]


@pytest.mark.fuzz
@pytest.mark.parametrize("formula", HOSTILE_FORMULAS)
def test_hostile_formulas_get_a_sentence_not_a_crash(client: TestClient, formula: str) -> None:
    for path in ("/api/descend", "/api/landscape"):
        body = {"formula": formula, "start": 1, "learning_rate": 0.1}
        response = client.post(path, json=body)
        assert response.status_code in (200, 422), (formula, response.text)
        if response.status_code == 422:
            assert response.json()["error"]


def test_refused_formula_passes_the_column_through(client: TestClient) -> None:
    response = client.post("/api/landscape", json={"formula": "x^2 + + * 3"})
    assert response.status_code == 422
    data = response.json()
    assert data["error"].startswith("the formula cannot be used: ")
    detail = data["detail"][0]
    assert detail["loc"] == ["body", "formula"]
    assert detail["column"] == 9
    assert data["error"].endswith("at column 9")


# ---- the body itself ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/descend", "/api/landscape", "/api/linefit"])
def test_malformed_json(client: TestClient, path: str) -> None:
    response = client.post(
        path, content=b'{"start": 1,', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("the request body is not valid JSON: ")


def test_body_must_be_an_object(client: TestClient) -> None:
    assert refused(client, "/api/descend", [1, 2]) == "the request body must be a JSON object"
    assert refused(client, "/api/linefit", "dots") == "the request body must be a JSON object"


def test_body_must_be_sent_as_json(client: TestClient) -> None:
    for headers in ({"content-type": "text/plain"}, {}):
        response = client.post("/api/descend", content=json.dumps(GOOD_DESCEND), headers=headers)
        assert response.status_code == 422
        assert response.json() == {
            "error": "the request body must be JSON, sent as application/json"
        }


def test_empty_body(client: TestClient) -> None:
    response = client.post("/api/descend", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"] == "the request body is required"


def test_a_body_over_the_limit_is_refused_before_parsing(client: TestClient) -> None:
    big = b'{"x": [' + b"1," * (MAX_BODY_BYTES // 2) + b'1], "y": [1, 2]}'
    response = client.post(
        "/api/linefit", content=big, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json() == {
        "error": "the request body is larger than 1,000,000 bytes; send fewer numbers"
    }
    assert "content-security-policy" in response.headers


def test_a_streamed_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"x": ['
        for _ in range(MAX_BODY_BYTES // 60_000 + 2):
            yield b"1," * 30_000
        yield b'1], "y": [1, 2]}'

    response = client.post(
        "/api/linefit", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_bad_content_length_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/descend",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": "lots"},
    )
    assert response.status_code == 400


# ---- no input reaches a 500 -----------------------------------------------------------------

_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
_json = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_numbers = st.floats(allow_nan=False, allow_infinity=False, width=64)
_small = st.floats(min_value=-10, max_value=10, allow_nan=False)


def _fields(**strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={k: v | _json for k, v in strategies.items()})


DESCEND_BODIES = _fields(
    hill=st.sampled_from(["foggy", "bowl", "plateau", "steep", "bumpy", "saddle", "rosenbrock"]),
    start=_small | st.lists(_small, min_size=2, max_size=2) | _numbers,
    learning_rate=st.floats(min_value=1e-9, max_value=100) | _numbers,
    optimizer=st.sampled_from(["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]),
    max_steps=st.integers(min_value=-5, max_value=300),
    formula=st.sampled_from(["", "x^2", "sin(x)", "x*y", "log(x)", "1/x", "sqrt(x)", "abs(x)"]),
    domain=st.lists(_small, min_size=2, max_size=2),
)
LANDSCAPE_BODIES = _fields(
    hill=st.sampled_from(["foggy", "bowl", "bumpy", "himmelblau"]),
    samples=st.integers(min_value=0, max_value=300),
    start=_small,
    max_steps=st.integers(min_value=0, max_value=300),
    formula=st.sampled_from(["", "x^3", "exp(x)", "log(x)", "1/x", "x*y", "cos(3*x)"]),
    domain=st.lists(_small, min_size=2, max_size=2),
)
LINEFIT_BODIES = _fields(
    x=st.lists(_small, min_size=0, max_size=8),
    y=st.lists(_small, min_size=0, max_size=8),
    w=_small,
    b=_small,
    learning_rate=st.floats(min_value=1e-6, max_value=100),
    max_steps=st.integers(min_value=0, max_value=100),
    optimizer=st.sampled_from(["gd", "adam", "momentum"]),
)

_FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _never_a_500(client: TestClient, path: str, body: Any) -> None:
    response = client.post(path, json=body)
    assert response.status_code in (200, 400, 422), (body, response.status_code, response.text)
    if response.status_code != 200:
        assert response.json()["error"]


@pytest.mark.fuzz
@_FUZZ
@given(body=DESCEND_BODIES)
def test_fuzz_descend(lenient_client: TestClient, body: dict[str, Any]) -> None:
    _never_a_500(lenient_client, "/api/descend", body)


@pytest.mark.fuzz
@_FUZZ
@given(body=LANDSCAPE_BODIES)
def test_fuzz_landscape(lenient_client: TestClient, body: dict[str, Any]) -> None:
    _never_a_500(lenient_client, "/api/landscape", body)


@pytest.mark.fuzz
@_FUZZ
@given(body=LINEFIT_BODIES)
def test_fuzz_linefit(lenient_client: TestClient, body: dict[str, Any]) -> None:
    _never_a_500(lenient_client, "/api/linefit", body)


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=200))
def test_fuzz_raw_bytes(lenient_client: TestClient, raw: bytes) -> None:
    response = lenient_client.post(
        "/api/descend", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code in (200, 400, 422), (raw, response.text)


def test_a_real_bug_is_a_plain_500(
    lenient_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foghill.views import runs

    def broken(req: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(runs, "descend_view", broken)
    response = lenient_client.post("/api/descend", json=GOOD_DESCEND)
    assert response.status_code == 500
    assert response.json() == {
        "error": "something went wrong inside Foghill; this is a bug, not your input"
    }
    assert "boom" not in response.text
