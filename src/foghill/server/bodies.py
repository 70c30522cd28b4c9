"""Reading a request body into a pydantic request model, and answering with a response model.

Every route module uses these two, so that every body is read by the same rules: JSON sent
as application/json, strictly typed as the published schema says, and every refusal one
sentence (:mod:`foghill.errors`).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from foghill import errors
from foghill.server.middleware import error_response

__all__ = ["InvalidBody", "answer", "read"]

M = TypeVar("M", bound=BaseModel)


class InvalidBody(Exception):  # noqa: N818  (it is answered, never raised to the caller)
    """A request body that is not a valid request: its answer is already decided."""

    def __init__(self, response: JSONResponse) -> None:
        self.response = response


def _invalid(found: list[dict[str, Any]]) -> JSONResponse:
    """pydantic's errors as one sentence (and the details, located in the body)."""
    if not found:
        return error_response(422, "the request is not valid")
    located = [{**e, "loc": ("body", *e.get("loc", ()))} for e in found]
    return error_response(422, errors.sentence(errors.pick(found)), errors.jsonable(located))


async def read(request: Request, model: type[M]) -> M:
    """The body as a `model`, or InvalidBody with the answer that says what is wrong."""
    raw = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise InvalidBody(
            error_response(422, "the request body must be JSON, sent as application/json")
        )
    if not raw:
        raise InvalidBody(error_response(422, "the request body is required"))
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        if isinstance(error, json.JSONDecodeError):
            reason = f"{error.msg.lower()} at character {error.pos}"
        else:
            reason = "it is not UTF-8 text"
        raise InvalidBody(
            error_response(400, f"the request body is not valid JSON: {reason}")
        ) from None
    except RecursionError:
        raise InvalidBody(error_response(400, "the request body is nested too deeply")) from None
    try:
        # Strictly, as the published schema says: "0.1" or true is no number.
        return model.model_validate(data, strict=True)
    except ValidationError as error:
        raise InvalidBody(_invalid([dict(e) for e in error.errors()])) from None


def answer(model: BaseModel) -> Response:
    """A response model as the JSON answer (strict JSON, as the schema says)."""
    return Response(model.model_dump_json(), media_type="application/json")
