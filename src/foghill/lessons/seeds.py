"""Each widget's first state, worked out when a lesson is rendered: the JSON its element
starts from (so the page needs no request before it can be used), and the values a lesson's
bound numbers show before any script runs."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from foghill import contract
from foghill.api_models.requests import ContoursRequest, LineFitRequest, descent_requests
from foghill.errors import BadRequest
from foghill.lessons.blocks import Widget
from foghill.lessons.markdown import seed_outputs
from foghill.views import curves, landscapes, maps, runs
from foghill.views import linefit as line_fit

__all__ = ["seed", "values"]


def _inputs(widget: Widget) -> dict[str, Any]:
    """The model inputs the element starts with: the contract's defaults and its attributes."""
    kind = contract.WIDGETS[widget.name]
    values = kind.defaults()
    for attribute, text in widget.attributes:
        key = next((k for k in kind.model_inputs if k.attribute == attribute), None)
        if key is not None:
            values[key.name] = key.validate(key.parse_attribute(text))
    return values


def _dump(model: BaseModel) -> Any:
    return json.loads(model.model_dump_json())  # strict JSON, as the API answers


def seed(widget: Widget) -> str | None:
    """The JSON a widget's page model starts from: ``{"inputs": ..., "outputs": ...}`` with
    exactly the answers the API would give for those inputs (None for a widget with none).
    Remembered by the widget's settings: a lesson is checked, rendered and, while an author
    edits it, rendered again, mostly with widgets already seen."""
    return _seed(widget.name, widget.attributes)


#: Seeds remembered (a few to a few tens of KB each).
SEEDS_KEPT = 256


@lru_cache(maxsize=SEEDS_KEPT)
def _seed(name: str, attributes: tuple[tuple[str, str], ...]) -> str | None:
    widget = Widget(name, attributes, "")
    kind = contract.WIDGETS[widget.name]
    if kind.endpoint is None or kind.endpoint == "training":
        return None  # a training demo asks for nothing until the reader presses Play
    inputs = _inputs(widget)
    outputs: dict[str, Any] = {}
    try:
        if kind.endpoint == "descent":
            land, walk = descent_requests(inputs)
            outputs["landscape"] = _dump(curves.landscape_view(land))
            if walk is not None:
                outputs["trajectory"] = _dump(runs.descend_view(walk))
        elif kind.endpoint == "linefit":
            outputs["fit"] = _dump(line_fit.linefit_view(LineFitRequest(**inputs)))
        else:
            return None  # no seed yet for a map, race or sweep: the element asks the server
    except BadRequest:
        return None  # the element asks the server and shows the refusal itself
    text = json.dumps({"inputs": inputs, "outputs": outputs}, separators=(",", ":"))
    return text.replace("</", "<\\/")  # never ends the script element early


def values(widget: Widget) -> Any:
    """A widget's outputs as the page will first show them, for the numbers bound to it:
    its seed's, or for a map or a race the contours the page will ask for (a built-in
    surface or a formula already built; None otherwise, and the page fills the number in)."""
    state = seed(widget)
    if state is not None:
        return seed_outputs(state)
    kind = contract.WIDGETS[widget.name]
    if kind.endpoint not in ("surface", "race"):
        return None
    inputs = _inputs(widget)
    try:
        req = ContoursRequest.model_validate(
            {k: inputs[k] for k in ("hill", "formula", "domain") if inputs.get(k) is not None}
        )
        if not landscapes.is_prepared(req):
            return None  # a formula is built in a builder process, never while rendering
        return {"contours": _dump(maps.contours_view(req))}
    except (BadRequest, ValueError):
        return None
