"""The JSON contract between Foghill's engine and its two hosts (the page's server, a notebook).

Every request and response of docs/architecture.md is a pydantic model here. The request
fields take their types (bounds included), defaults and help from the widget contract
(:mod:`foghill.contract`), so a request that passes validation costs a bounded amount of
work. The server reads request bodies strictly (``model_validate(data, strict=True)``), as
their published JSON Schema says: a number must be a JSON number (``"0.1"`` and ``true`` are
refused), while a whole number may be written ``200`` or ``200.0``; a notebook's Python values
are read as usual (a tuple is a list). A hill name must be one the engine knows (the sentence
is the engine's), even when a formula wins, as the schema's enum says.

- :mod:`.requests`: what a widget asks (the formula-or-hill rule, ``Which``, every request);
- :mod:`.responses`: what the engine answers.

The notebook widgets (:mod:`foghill.notebook`) and the lesson renderer import the models they
use from here; the rest of Foghill imports each from its module.
"""

from foghill.api_models.requests import (
    ContoursRequest,
    DescendRequest,
    LandscapeRequest,
    LineFitRequest,
    RaceRequest,
    SweepRequest,
    WhichHill,
    descent_requests,
)
from foghill.api_models.responses import (
    ContoursResponse,
    DescendResponse,
    LandscapeResponse,
    LeastSquaresLine,
    LineFitResponse,
    RaceResponse,
    RacerRun,
    RegimeCheck,
    SweepResponse,
    Valley,
)

__all__ = [
    "ContoursRequest",
    "ContoursResponse",
    "DescendRequest",
    "DescendResponse",
    "LandscapeRequest",
    "LandscapeResponse",
    "LeastSquaresLine",
    "LineFitRequest",
    "LineFitResponse",
    "RaceRequest",
    "RaceResponse",
    "RacerRun",
    "RegimeCheck",
    "SweepRequest",
    "SweepResponse",
    "Valley",
    "WhichHill",
    "descent_requests",
]
