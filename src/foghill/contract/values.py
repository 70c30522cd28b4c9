"""The value types of model keys: pydantic annotations that carry their bounds (from
:mod:`foghill.limits`), and the shapes a key's value is written in as an attribute."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from foghill.contract.words import OptimizerName
from foghill.limits import (
    MAX_BATCH_SIZE,
    MAX_COORDINATE,
    MAX_DOTS,
    MAX_FORMULA_LENGTH,
    MAX_HIDDEN,
    MAX_HILL_NAME_LENGTH,
    MAX_LABEL_LENGTH,
    MAX_LEARNING_RATE,
    MAX_SAMPLES,
    MAX_SEED,
    MAX_STEPS,
    MAX_TRAIN_STEPS,
    MAX_WORD_LENGTH,
    MIN_DOTS,
    MIN_SAMPLES,
)

__all__ = [
    "MAX_RACERS",
    "MAX_SWEEP_STEPS",
    "MAX_SWEEP_WORK",
    "WHOLE",
    "BatchSize",
    "ColumnName",
    "Coordinate",
    "DataFile",
    "Domain",
    "DotList",
    "Formula",
    "Hidden",
    "HillName",
    "Interval",
    "Label",
    "LearningRate",
    "LearningRates",
    "Momentum",
    "OptimizerNames",
    "Point",
    "RaceRates",
    "Samples",
    "Seed",
    "Shape",
    "Start",
    "Steps",
    "SweepSteps",
    "ThreeRates",
    "TrainSteps",
    "Word",
]


def _whole(value: Any) -> Any:
    """200.0 is a whole number as JSON Schema's "integer" counts: read it as 200."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Reads a whole number written either way (a strict int refuses 200.0, which JSON may send).
WHOLE = BeforeValidator(_whole)

Coordinate = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_COORDINATE, le=MAX_COORDINATE)]
LearningRate = Annotated[float, Field(gt=0, le=MAX_LEARNING_RATE, allow_inf_nan=False)]
Steps = Annotated[int, Field(ge=1, le=MAX_STEPS)]
Samples = Annotated[int, Field(ge=MIN_SAMPLES, le=MAX_SAMPLES)]
HillName = Annotated[str, Field(max_length=MAX_HILL_NAME_LENGTH)]
Formula = Annotated[str, Field(max_length=MAX_FORMULA_LENGTH)]
DotList = Annotated[list[Coordinate], Field(min_length=MIN_DOTS, max_length=MAX_DOTS)]
Interval = Annotated[list[Coordinate], Field(min_length=2, max_length=2)]
Domain = Interval | Annotated[list[Interval], Field(min_length=2, max_length=2)]
Point = Annotated[list[Coordinate], Field(min_length=2, max_length=2)]
Start = Coordinate | Point
LearningRates = Annotated[list[LearningRate], Field(min_length=1, max_length=12)]
TrainSteps = Annotated[int, Field(ge=1, le=MAX_TRAIN_STEPS)]
BatchSize = Annotated[int, Field(ge=1, le=MAX_BATCH_SIZE)]
Hidden = Annotated[int, Field(ge=0, le=MAX_HIDDEN)]
Seed = Annotated[int, Field(ge=0, le=MAX_SEED)]
Word = Annotated[str, Field(min_length=1, max_length=MAX_WORD_LENGTH)]
#: An axis name ("hours", "score").
Label = Annotated[str, Field(max_length=MAX_LABEL_LENGTH)]
MAX_RACERS = 6
#: A momentum coefficient (momentum and nesterov): how much of the last step is kept.
Momentum = Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)]
OptimizerNames = Annotated[list[OptimizerName], Field(min_length=1, max_length=MAX_RACERS)]
RaceRates = Annotated[list[LearningRate], Field(min_length=1, max_length=MAX_RACERS)]
ThreeRates = Annotated[list[LearningRate], Field(min_length=3, max_length=3)]
MAX_SWEEP_STEPS = 2000
SweepSteps = Annotated[int, Field(ge=1, le=MAX_SWEEP_STEPS)]
#: A sweep walks at most this many steps in all (rates x max_steps: 200 rates of 2000 steps).
MAX_SWEEP_WORK = 400_000

#: A data file beside a lesson (lessons.data reads it, inside the lesson's folder only).
DataFile = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[\w./-]+\.csv$")]
ColumnName = Annotated[str, Field(min_length=1, max_length=100)]

# How a key's value is written as a lesson attribute (and which trait holds it in a notebook).
Shape = Literal["number", "whole", "text", "numbers", "start", "names"]
