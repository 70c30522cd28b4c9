"""Any refusal becomes one sentence, in one place, with the same words in every host.

The server answers ``{"error": sentence}``, a notebook widget raises :class:`SettingError`
(or sets its ``error`` trait) with the sentence, and the lesson renderer names it in a
:class:`LessonError`: the same bad input gets the same words.

>>> from foghill.contract import WIDGETS
>>> try:
...     WIDGETS["fh-hill"].key("learning_rate").validate(-1)
... except Exception as exc:
...     print(sentence_of(exc, "learning_rate"))
learning_rate must be greater than 0 (got -1)
"""

from __future__ import annotations

import json
import numbers
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

__all__ = [
    "BadRequest",
    "LessonError",
    "SettingError",
    "jsonable",
    "pick",
    "plain",
    "sentence",
    "sentence_of",
    "show",
    "where",
]


class BadRequest(ValueError):  # noqa: N818  (the name the hosts and tests use)
    """Something in a request the person must fix; the message says what, in one sentence.

    ``field`` names the request field at fault and ``column`` (1-based) the place in a
    formula, when there is one, so that a widget can point at it.
    """

    def __init__(self, message: str, field: str | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.column = column


class SettingError(ValueError):
    """A notebook widget setting that would be refused; the message says what to change.

    ``fh.SettingError`` is a ``ValueError``; ``column`` (1-based) is where a refused formula
    went wrong, when there is one place.
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


def plain(text: str) -> str:
    """One line, no trailing full stop: how every refusal is worded."""
    return " ".join(str(text).split()).rstrip(".")


#: Text longer than this is cut in an echo, to its first ECHO_CUT characters and "…".
ECHO_LIMIT, ECHO_CUT = 40, 30


def show(value: Any) -> str:
    """A value as a person would write it, short: text longer than 40 characters is cut to
    its first 30 and "…", a list is counted, an object named by its type."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, numbers.Integral):
        return str(int(value)) if abs(int(value)) < 10**15 else f"{float(value):g}"
    if isinstance(value, numbers.Real):
        return f"{float(value):g}"
    if isinstance(value, str):
        cut = value if len(value) <= ECHO_LIMIT else value[:ECHO_CUT] + "…"
        return json.dumps(cut, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def where(loc: Sequence[Any], prefix: str = "") -> str:
    """("body", "start", "list[...]", 0) -> "start[0]": the body and union branch tags go."""
    parts: list[str] = []
    for item in loc[1:] if loc and loc[0] == "body" else loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif isinstance(item, str) and item.isidentifier():
            parts.append(("." if parts else "") + item)
    text = "".join(parts)
    if prefix:
        return prefix + (text if text.startswith("[") or not text else f".{text}")
    return text or "the request body"


_BOUNDS = {  # pydantic's bound errors: their words and the key of the bound in ctx
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("greater than", "gt"),
}


def sentence(error: dict[str, Any], prefix: str = "") -> str:
    """One of pydantic's error dicts as one sentence naming the setting at fault.

    ``prefix`` names the setting when the location does not (a single value checked alone).
    """
    kind = str(error.get("type", ""))
    at = where(error.get("loc", ()), prefix)
    ctx = error.get("ctx") or {}
    got = f" (got {show(error['input'])})" if "input" in error else ""
    if kind == "missing":
        return f"{at} is required"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"{at} must be {words} {show(ctx.get(key))}{got}"
    if kind == "finite_number":
        return f"{at} must be a finite number{got}"
    if kind in ("float_type", "float_parsing", "int_from_float", "int_type", "int_parsing"):
        whole = "a whole number" if kind.startswith("int") else "a number"
        return f"{at} must be {whole}{got}"
    if kind in ("too_long", "too_short"):
        bound = ctx.get("max_length") if kind == "too_long" else ctx.get("min_length")
        most = "at most" if kind == "too_long" else "at least"
        values = "value" if bound == 1 else "values"
        return f"{at} must have {most} {bound} {values} (got {ctx.get('actual_length')})"
    if kind in ("string_too_long", "string_too_short"):
        bound = ctx.get("max_length") if kind == "string_too_long" else ctx.get("min_length")
        most = "at most" if kind == "string_too_long" else "at least"
        length = len(error["input"]) if isinstance(error.get("input"), str) else "?"
        return f"{at} must be {most} {bound} characters long (got {length})"
    if kind == "string_pattern_mismatch":
        return f"{at} is not a valid name{got}"
    if kind == "string_type":
        return f"{at} must be text{got}"
    if kind == "list_type":
        return f"{at} must be a list{got}"
    if kind == "literal_error":
        return f"{at} must be one of {ctx.get('expected')}{got}"
    if kind == "value_error":
        message = str(ctx.get("error") or error.get("msg", ""))
        return plain(message.removeprefix("Value error, "))
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "the request body must be a JSON object"
    return f"{at}: {error.get('msg', 'is not valid')}{got}"


def pick(errors: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The error to tell a person about. For a union (start: number or [x, y]) pydantic
    reports each branch; a bound beats a type mismatch, since it says more."""
    informative = ("less_than", "greater_than", "finite", "too_", "missing", "value_error")
    for error in errors:
        if str(error.get("type", "")).startswith(informative):
            return error
    for error in errors:
        if str(error.get("type", "")).startswith("string_too"):
            return error
    return errors[0]


def sentence_of(exc: BaseException, prefix: str = "") -> str:
    """Any refusal as its sentence: a pydantic ValidationError (its most telling error), a
    BadRequest, a FormulaError or any ValueError."""
    if isinstance(exc, ValidationError):
        errors: list[dict[str, Any]] = [dict(e) for e in exc.errors()]
        return sentence(pick(errors), prefix) if errors else "the settings are not valid"
    if isinstance(exc, BadRequest):
        return exc.message
    message = getattr(exc, "message", None)
    return plain(str(message if isinstance(message, str) else exc))


def jsonable(errors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """pydantic's errors as strict JSON (NaN, infinities and objects summarised in words)."""
    out = []
    for error in errors:
        item: dict[str, Any] = {k: error[k] for k in ("type", "loc", "msg") if k in error}
        if "input" in error:
            item["input"] = error["input"] if _plain_json(error["input"]) else show(error["input"])
        if error.get("ctx"):
            item["ctx"] = {k: v if _plain_json(v) else show(v) for k, v in error["ctx"].items()}
        out.append(item)
    return out


def _plain_json(value: Any) -> bool:
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    return isinstance(value, bool | int | str) or value is None


class LessonError(ValueError):
    """A lesson's text is wrong in a way the author must fix (e.g. an unknown widget)."""
