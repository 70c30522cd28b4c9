"""The OpenAPI document at ``/openapi.json``, made from the pydantic models themselves."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from foghill import api_models as m

__all__ = ["ENDPOINTS", "Endpoint", "openapi"]


@dataclass(frozen=True)
class Endpoint:
    path: str
    method: str
    summary: str
    request: type[BaseModel] | None
    response: type[BaseModel]


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/hills", "get", "Every built-in hill", None, m.HillsResponse),
    Endpoint(
        "/api/landscape",
        "post",
        "A 1-D hill drawn as a curve",
        m.LandscapeRequest,
        m.LandscapeResponse,
    ),
    Endpoint("/api/descend", "post", "Roll the ball downhill", m.DescendRequest, m.DescendResponse),
    Endpoint(
        "/api/linefit", "post", "Walk a line to the dots", m.LineFitRequest, m.LineFitResponse
    ),
)

ERRORS = (
    ("400", "the body is not valid JSON"),
    ("413", "the body is over 1 MB"),
    ("422", "a value is out of bounds or names something that does not exist"),
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
    models.append((m.ErrorResponse, "serialization"))
    _, schemas = models_json_schema(models, ref_template="#/components/schemas/{model}")
    paths: dict[str, Any] = {}
    for e in ENDPOINTS:
        operation: dict[str, Any] = {
            "summary": e.summary,
            "responses": {
                "200": _json(e.response, "the answer"),
                **{code: _json(m.ErrorResponse, why) for code, why in ERRORS},
            },
        }
        if e.request is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(e.request)}},
            }
        paths[e.path] = {e.method: operation}
    paths["/healthz"] = {
        "get": {"summary": "Liveness check", "responses": {"200": {"description": "ok"}}}
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Foghill",
            "summary": "Gradient descent, explained with a ball on a foggy hill.",
            "version": "0.1.0",
        },
        "paths": paths,
        "components": {"schemas": schemas.get("$defs", {})},
    }
