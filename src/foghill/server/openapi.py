"""The OpenAPI document at ``/openapi.json``, made from the pydantic models themselves.

The models give each field's type and bounds; this module adds what else JSON Schema can say
about a request (:func:`_what_else_holds`): which hill names exist, that a built-in hill's
start is a number on a 1-D hill and ``[x, y]`` on a 2-D one and lies within that hill's
domain, that a domain goes only with a formula, and that without a domain a formula's start
lies within the default one. What JSON Schema cannot say (a domain's low end is below its
high end, x and y of a line fit have the same length and x not all equal, a start lies
within a formula's own domain, a formula is arithmetic the engine accepts) is written in the
descriptions, and refused with 422 and a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from foghill.api_models import requests, responses
from foghill.contract import MAX_BATCH_SIZE, MAX_TRAIN_EXAMPLES
from foghill.engine import hills
from foghill.engine.formula_rules import DEFAULT_DOMAIN
from foghill.server.training import MEDIA_TYPE
from foghill.training import DEMOS
from foghill.training.classifier import ClassifierDemo
from foghill.training.demo import Demo
from foghill.training.next_word import words as next_words
from foghill.training.requests import TableAsk, TableRequest

__all__ = ["ENDPOINTS", "Endpoint", "openapi"]


@dataclass(frozen=True)
class Endpoint:
    path: str
    method: str
    summary: str
    request: type[BaseModel] | None
    response: type[BaseModel]


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/hills", "get", "Every built-in hill", None, responses.HillsResponse),
    Endpoint(
        "/api/landscape",
        "post",
        "A 1-D hill drawn as a curve",
        requests.LandscapeRequest,
        responses.LandscapeResponse,
    ),
    Endpoint(
        "/api/descend",
        "post",
        "Roll the ball downhill",
        requests.DescendRequest,
        responses.DescendResponse,
    ),
    Endpoint(
        "/api/linefit",
        "post",
        "Walk a line to the dots",
        requests.LineFitRequest,
        responses.LineFitResponse,
    ),
    Endpoint(
        "/api/contours",
        "post",
        "A 2-D surface seen from above: contour lines and bands",
        requests.ContoursRequest,
        responses.ContoursResponse,
    ),
    Endpoint(
        "/api/race",
        "post",
        "Optimizers racing downhill",
        requests.RaceRequest,
        responses.RaceResponse,
    ),
    Endpoint(
        "/api/sweep",
        "post",
        "Every step size at once",
        requests.SweepRequest,
        responses.SweepResponse,
    ),
)

HEALTH = Endpoint("/healthz", "get", "Liveness check", None, responses.HealthResponse)

ERRORS = (
    ("400", "the body is not valid JSON, or the Host header names no host this server answers for"),
    ("413", "the body is over 1 MB"),
    (
        "422",
        "a value is out of bounds, names something that does not exist, or breaks a rule "
        "the request's description states",
    ),
    ("431", "the request's headers are over 16 KB"),
)
BUSY = (
    "503",
    "the server is busy (too many connections, or no formula builder free in time); "
    "try again after Retry-After seconds",
)
RETRY_AFTER = {
    "Retry-After": {
        "description": "seconds to wait before trying again",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}

FORMULA_RULES = (
    " Also checked, though JSON Schema cannot say it: a formula is arithmetic in x (a 1-D "
    "hill) or in x and y (a 2-D surface) that the engine accepts and can turn into a hill "
    "within its CPU-time budget; a domain goes from a smaller to a larger number ([lo, hi], "
    "lo < hi, for each axis: one pair, or one per variable of the formula); start lies within "
    "the formula's domain and is a number for a formula in x, [x, y] for one in x and y."
)
SWEEP_RULES = (
    " Also checked, though JSON Schema cannot say it: low is below high, and count x "
    "max_steps is at most 400000."
)
LINEFIT_RULES = (
    " Also checked, though JSON Schema cannot say it: x and y have the same length, and the "
    "x values are spread apart: not all equal (else no line is best), nor so close together "
    "that the squares of their spread vanish (e.g. 1e-200 and 0)."
)


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(model: type[BaseModel], why: str) -> dict[str, Any]:
    return {"description": why, "content": {"application/json": {"schema": _ref(model)}}}


@lru_cache(maxsize=1)
def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the JSON API (requests as validated, responses as sent)."""
    models: list[tuple[type[BaseModel], Any]] = []
    for e in ENDPOINTS:
        if e.request is not None:
            models.append((e.request, "validation"))
        models.append((e.response, "serialization"))
    models.append((responses.ErrorResponse, "serialization"))
    models.append((responses.HealthResponse, "serialization"))
    models.extend((model, "validation") for model in SCHEMA_MODELS)
    _, found = models_json_schema(models, ref_template="#/components/schemas/{model}")
    schemas: dict[str, Any] = found.get("$defs", {})
    _what_else_holds(schemas)
    paths: dict[str, Any] = {}
    for e in (*ENDPOINTS, HEALTH):
        busy = _json(responses.ErrorResponse, BUSY[1])
        busy["headers"] = RETRY_AFTER
        operation: dict[str, Any] = {
            "summary": e.summary,
            "responses": {
                "200": _json(e.response, "the answer"),
                **{code: _json(responses.ErrorResponse, why) for code, why in ERRORS},
                BUSY[0]: busy,
            },
        }
        if e.request is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(e.request)}},
            }
        paths[e.path] = {e.method: operation}
    busy = {**_json(responses.ErrorResponse, BUSY[1]), "headers": RETRY_AFTER}
    refusals = {code: _json(responses.ErrorResponse, why) for code, why in ERRORS}
    publish_training(schemas, paths, {**refusals, BUSY[0]: busy})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Foghill",
            "summary": "Gradient descent, explained with a ball on a foggy hill.",
            "version": "0.1.0",
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }


# ---- what else JSON Schema can say about a request -------------------------------------------

_FORMULA_GIVEN = {  # a formula that wins: text with something in it
    "properties": {"formula": {"type": "string", "pattern": "\\S"}},
    "required": ["formula"],
}
_DOMAIN_GIVEN = {"properties": {"domain": {"type": "array"}}, "required": ["domain"]}


def _number(lo: float, hi: float) -> dict[str, Any]:
    return {"type": "number", "minimum": lo, "maximum": hi}


def _maybe(schema: dict[str, Any], optional: bool) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]} if optional else schema


def _start_on(name: str, optional: bool) -> dict[str, Any]:
    """The starts a built-in hill takes: a number on its domain, or [x, y] on a surface's."""
    land = hills.by_name(name)
    if land.dims == 1:
        return _maybe(_number(*land.domain[0]), optional)
    (xlo, xhi), (ylo, yhi) = land.domain
    pair = {
        "type": "array",
        "prefixItems": [_number(xlo, xhi), _number(ylo, yhi)],
        "minItems": 2,
        "maxItems": 2,
    }
    return _maybe(pair, optional)


def _hill_rules(
    names: list[str], default: str, optional: bool, start: bool = True
) -> dict[str, Any]:
    """No formula: the hill decides (absent, it is the default one); no domain goes with it."""
    branches = []
    for name in names:
        branch: dict[str, Any] = {"properties": {"hill": {"const": name}}}
        if start:
            branch["properties"]["start"] = _start_on(name, optional)
        if name != default:
            branch["required"] = ["hill"]
        branches.append(branch)
    return {"properties": {"domain": {"type": "null"}}, "anyOf": branches}


def _default_domain_rules(one_d: bool, optional: bool) -> dict[str, Any]:
    """A formula without a domain: start lies within the default one, on each axis."""
    lo, hi = DEFAULT_DOMAIN
    starts = [_number(lo, hi)]
    if not one_d:
        starts.append({"type": "array", "items": _number(lo, hi)})
    start: dict[str, Any] = {"anyOf": starts} if len(starts) > 1 else starts[0]
    return {"if": _DOMAIN_GIVEN, "else": {"properties": {"start": _maybe(start, optional)}}}


def _what_else_holds(schemas: dict[str, Any]) -> None:
    """Add to the request schemas what JSON Schema can say beyond each field's own type."""
    one_d = [n for n in hills.NAMES if hills.by_name(n).dims == 1]
    two_d = [n for n in hills.NAMES if hills.by_name(n).dims == 2]
    for model, names, optional in (
        (requests.DescendRequest, list(hills.NAMES), False),
        (requests.LandscapeRequest, one_d, True),
        (requests.RaceRequest, list(hills.NAMES), False),
        (requests.SweepRequest, list(hills.NAMES), False),
    ):
        schema = schemas[model.__name__]
        hill = schema["properties"]["hill"]
        hill["enum"] = list(hills.NAMES)
        default = hill["default"]
        if model is requests.LandscapeRequest:
            hill["description"] += " (without a formula: a 1-D hill, as only those are curves)"
        schema["allOf"] = [
            {
                "if": _FORMULA_GIVEN,
                "then": _default_domain_rules(model is requests.LandscapeRequest, optional),
                "else": _hill_rules(names, default, optional),
            }
        ]
        schema["description"] += FORMULA_RULES
    schemas[requests.LineFitRequest.__name__]["description"] += LINEFIT_RULES
    schemas[requests.SweepRequest.__name__]["description"] += SWEEP_RULES
    contours = schemas[requests.ContoursRequest.__name__]
    contours["properties"]["hill"]["enum"] = list(hills.NAMES)
    contours["properties"]["hill"]["description"] += (
        " (without a formula: a 2-D surface, as only those have a map from above)"
    )
    contours["allOf"] = [
        {
            "if": _FORMULA_GIVEN,
            "else": _hill_rules(two_d, contours["properties"]["hill"]["default"], True, False),
        }
    ]
    contours["description"] += FORMULA_RULES.replace(
        "start lies within the formula's domain and is a number for a formula in x, [x, y] for "
        "one in x and y",
        "the formula is in x and y",
    )


# ---- the training routes (foghill.server.training) ------------------------------------------

#: Each route family: the path's name, its run and question models, and its demo (None for
#: the classifier, whose table comes with each request).
_PUBLISHED: tuple[tuple[str, type[BaseModel], type[BaseModel] | None, Demo | None], ...] = (
    *((name, demo.request_model, demo.ask_model, demo) for name, demo in DEMOS.items()),
    (ClassifierDemo.name, TableRequest, TableAsk, None),
)

#: The request models the document's components hold for these routes.
SCHEMA_MODELS: tuple[type[BaseModel], ...] = tuple(
    model for _, run, question, _ in _PUBLISHED for model in (run, question) if model is not None
)

_STREAM = (
    "the run as newline-delimited JSON, one event per line: a start ({type, step, steps, "
    "settings, info}), progress events ({type, step, epoch, loss, batch_loss, heldout_loss, "
    "metric, metric_name, view, and now and then noise}), and an end ({type, step, reason: "
    "done, budget or flew-off, summary})"
)
_ANSWER = {
    "type": "object",
    "required": ["type", "what", "step"],
    "properties": {
        "type": {"const": "answer"},
        "what": {"type": "string"},
        "step": {"type": "integer", "minimum": 0},
    },
}

_UNTRAINED = (
    "the picture before Play: the run's start facts (info) and its first progress event "
    "(the model at step 0, from the run's seed)"
)
_FIRST = {
    "type": "object",
    "required": ["type", "step", "steps", "settings", "info", "progress"],
    "properties": {
        "type": {"const": "untrained"},
        "step": {"const": 0},
        "steps": {"type": "integer", "minimum": 1},
        "settings": {"type": "object"},
        "info": {"type": "object"},
        "progress": {"type": "object"},
    },
}


def _rules(schema: dict[str, Any], demo: Demo) -> None:
    """What else JSON Schema can say about a demo's request: the batch's top is the
    demo's whole training set; the next word's words are the page's own."""
    properties = schema["properties"]
    model = demo.model(demo.request_model.model_validate({}))
    properties["batch_size"]["maximum"] = min(model.n_train, MAX_BATCH_SIZE)
    if "word" in properties:
        properties["word"]["enum"] = next_words()
    limits = [f"{name} is at most steps" for name in ("from_step", "step") if name in properties]
    limits.append(f"steps x batch_size is at most {MAX_TRAIN_EXAMPLES}")
    said = f"Also checked, though JSON Schema cannot say it: {', '.join(limits)}."
    schema["description"] = f"{schema.get('description', '')}\n\n{said}".strip()


def publish_training(
    schemas: dict[str, Any], paths: dict[str, Any], refusals: dict[str, Any]
) -> None:
    """Add the training routes to an OpenAPI document: each demo's run and question, with
    its request schema (from :data:`SCHEMA_MODELS`) and ``refusals``, the error responses
    every route shares."""
    for name, run_model, ask_model, demo in _PUBLISHED:
        for model in (run_model, ask_model):
            if model is not None and demo is not None:
                _rules(schemas[model.__name__], demo)
        run = {
            "summary": f"Train the {name} demo, streamed as it learns",
            "requestBody": _body(run_model),
            "responses": {
                "200": {
                    "description": _STREAM,
                    "content": {MEDIA_TYPE: {"schema": {"type": "string"}}},
                },
                **refusals,
            },
        }
        paths[f"/api/train/{name}"] = {"post": run}
        first = {"description": _UNTRAINED, "content": {"application/json": {
            "schema": _FIRST}}}  # fmt: skip
        paths[f"/api/train/{name}/untrained"] = _post(
            f"The {name} model before any step (what Play will train)", run_model, first, refusals
        )
        if ask_model is not None:
            answer = {"description": "the model's answer", "content": {"application/json": {
                "schema": _ANSWER}}}  # fmt: skip
            paths[f"/api/train/{name}/ask"] = _post(
                f"Ask the {name} model at a step of a run", ask_model, answer, refusals
            )


def _post(
    summary: str, model: type[BaseModel], answer: dict[str, Any], refusals: dict[str, Any]
) -> dict[str, Any]:
    """A POST path item: its request body from ``model``, its answer, its refusals."""
    return {
        "post": {
            "summary": summary,
            "requestBody": _body(model),
            "responses": {"200": answer, **refusals},
        }
    }


def _body(model: type[BaseModel]) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"required": True, "content": {"application/json": {"schema": ref}}}
