"""The keys several widget kinds share: which hill and how to walk it, a training demo's
settings, a line fit's made-up dots."""

from __future__ import annotations

from foghill.contract.keys import Key
from foghill.contract.values import (
    BatchSize,
    Domain,
    Formula,
    HillName,
    LearningRate,
    Seed,
    Start,
    Steps,
    TrainSteps,
)
from foghill.contract.words import OPTIMIZER_NAMES, OptimizerName

__all__ = [
    "DEFAULT_X",
    "DEFAULT_Y",
    "DESCENT_OUTPUTS",
    "NULL_START",
    "TRAINING_OUTPUTS",
    "WHICH_HILL",
    "descent_keys",
    "map_keys",
    "training_keys",
]

#: Dots a line fit starts with: twelve made-up points with a clear upward trend.
DEFAULT_X = (-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2)
DEFAULT_Y = (-0.74, -1.11, -0.33, -0.4, 0.48, 0.06, 0.74, 0.52, 1.55, 1.38, 2.01, 1.74)


def descent_keys(hill: str) -> tuple[Key, ...]:
    return (
        Key("hill", HillName, hill, "a built-in hill's name", "text"),
        Key("formula", Formula, "", "a formula in x; wins over hill when not empty", "text"),
        Key(
            "domain",
            Domain,
            None,
            "[lo, hi] for a formula (none: the engine's default)",
            "numbers",
            nullable=True,
        ),
        Key(
            "start",
            Start,
            None,
            "where the ball is dropped (none: the hill's own start)",
            "start",
            nullable=True,
        ),
        Key("learning_rate", LearningRate, 0.1, "how bold each step is", "number"),
        Key("optimizer", OptimizerName, "gd", f"one of {', '.join(OPTIMIZER_NAMES)}", "text"),
        Key("max_steps", Steps, 200, "at most this many steps", "whole"),
    )


DESCENT_OUTPUTS = ("landscape", "trajectory", "error")


def training_keys(
    learning_rate: float, optimizer: str, batch_size: int, steps: int, *extra: Key
) -> tuple[Key, ...]:
    """The inputs every training demo shares (issue 9), then its own. The batch size's top is
    the demo's whole training set (a larger one is refused in words when a run starts)."""
    return (
        Key("learning_rate", LearningRate, learning_rate, "how bold each step is", "number"),
        Key("optimizer", OptimizerName, optimizer, f"one of {', '.join(OPTIMIZER_NAMES)}", "text"),
        Key("batch_size", BatchSize, batch_size, "examples in each step's minibatch", "whole"),
        Key("steps", TrainSteps, steps, "how many minibatch steps a run takes", "whole"),
        Key("seed", Seed, 0, "the seed of the starting guess and the batches", "whole"),
        *extra,
    )


TRAINING_OUTPUTS = ("error",)
WHICH_HILL = ("hill", "formula", "domain")


def map_keys(hill: str, start: Key) -> tuple[Key, ...]:
    """Which hill (a 2-D surface's name, or a formula in x and y) and where to drop the ball."""
    return (
        Key("hill", HillName, hill, "a built-in hill's or surface's name", "text"),
        Key(
            "formula", Formula, "", "a formula in x (and y); wins over hill when not empty", "text"
        ),
        Key(
            "domain",
            Domain,
            None,
            "[lo, hi] or [[xlo, xhi], [ylo, yhi]] for a formula (none: the engine's default)",
            "numbers",
            nullable=True,
        ),
        start,
    )


NULL_START = Key(
    "start", Start, None, "where the balls are dropped (none: the hill's own start)", "start",
    nullable=True,
)  # fmt: skip
