"""The widget contract: per widget kind, every model key with its type, default, bounds, help.

One table (in the spirit of datasette's ``SETTINGS`` and TensorFlow Playground's ``PROPS``)
from which everything else is derived:

- the request models of :mod:`foghill.api_models` take their field types (bounds included),
  defaults and help from the keys here;
- the notebook traits (:mod:`foghill.notebook.traits`) are made from the keys;
- the lesson's widget blocks are checked against the keys (:mod:`foghill.lessons.render`);
- ``web/lib/contract.js`` is generated from this module (``python -m foghill.remake``) and
  a test fails when it is stale.

Adding a widget kind means adding one entry to :data:`WIDGETS` and one component.

Every limit lives here too, once: the bounds that keep a request's work small.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BeforeValidator, Field, TypeAdapter

from foghill.limits import (
    DEFAULT_MOMENTUM as DEFAULT_MOMENTUM,
)
from foghill.limits import (
    MAX_ASK_TEXT as MAX_ASK_TEXT,
)
from foghill.limits import (
    MAX_BATCH_SIZE as MAX_BATCH_SIZE,
)
from foghill.limits import (
    MAX_COORDINATE as MAX_COORDINATE,
)
from foghill.limits import (
    MAX_DATA_BYTES as MAX_DATA_BYTES,
)
from foghill.limits import (
    MAX_DOTS as MAX_DOTS,
)
from foghill.limits import (
    MAX_FORMULA_LENGTH as MAX_FORMULA_LENGTH,
)
from foghill.limits import (
    MAX_HIDDEN as MAX_HIDDEN,
)
from foghill.limits import (
    MAX_HILL_NAME_LENGTH as MAX_HILL_NAME_LENGTH,
)
from foghill.limits import (
    MAX_LABEL_LENGTH as MAX_LABEL_LENGTH,
)
from foghill.limits import (
    MAX_LEARNING_RATE as MAX_LEARNING_RATE,
)
from foghill.limits import (
    MAX_LESSON_BYTES as MAX_LESSON_BYTES,
)
from foghill.limits import (
    MAX_LESSONS as MAX_LESSONS,
)
from foghill.limits import (
    MAX_SAMPLES as MAX_SAMPLES,
)
from foghill.limits import (
    MAX_SEED as MAX_SEED,
)
from foghill.limits import (
    MAX_STEPS as MAX_STEPS,
)
from foghill.limits import (
    MAX_TABLE_CLASSES as MAX_TABLE_CLASSES,
)
from foghill.limits import (
    MAX_TABLE_COLUMNS as MAX_TABLE_COLUMNS,
)
from foghill.limits import (
    MAX_TABLE_ROWS as MAX_TABLE_ROWS,
)
from foghill.limits import (
    MAX_TRAIN_EXAMPLES as MAX_TRAIN_EXAMPLES,
)
from foghill.limits import (
    MAX_TRAIN_SECONDS as MAX_TRAIN_SECONDS,
)
from foghill.limits import (
    MAX_TRAIN_STEPS as MAX_TRAIN_STEPS,
)
from foghill.limits import (
    MAX_WIDGETS as MAX_WIDGETS,
)
from foghill.limits import (
    MAX_WORD_LENGTH as MAX_WORD_LENGTH,
)
from foghill.limits import (
    MAX_WRITE_COUNT as MAX_WRITE_COUNT,
)
from foghill.limits import (
    MIN_DOTS as MIN_DOTS,
)
from foghill.limits import (
    MIN_SAMPLES as MIN_SAMPLES,
)
from foghill.limits import (
    MIN_TABLE_ROWS as MIN_TABLE_ROWS,
)
from foghill.limits import (
    TABLE_ATTRIBUTE as TABLE_ATTRIBUTE,
)

__all__ = [
    "ATTRIBUTE_NAMES",
    "DEFAULT_MOMENTUM",
    "DISPLAY_DECIMALS",
    "LIMITS",
    "LINK_NAMES",
    "OPTIMIZER_NAMES",
    "OPTIMIZER_WORDS",
    "OUTCOMES",
    "OUTCOME_DOES",
    "OUTCOME_HEADINGS",
    "OUTCOME_NAMES",
    "OUTCOME_WORDS",
    "PACE",
    "SCHEDULES",
    "SPEEDS",
    "STATUSES",
    "WHOLE",
    "WIDGETS",
    "Key",
    "WidgetKind",
    "contract_js",
]

# ---- limits: the one place (foghill.limits) -------------------------------------------------

LIMITS: Mapping[str, float | int] = {
    "max_learning_rate": MAX_LEARNING_RATE,
    "max_steps": MAX_STEPS,
    "min_samples": MIN_SAMPLES,
    "max_samples": MAX_SAMPLES,
    "min_dots": MIN_DOTS,
    "max_dots": MAX_DOTS,
    "max_formula_length": MAX_FORMULA_LENGTH,
    "max_coordinate": MAX_COORDINATE,
    "max_train_steps": MAX_TRAIN_STEPS,
    "max_batch_size": MAX_BATCH_SIZE,
    "max_hidden": MAX_HIDDEN,
    "max_seed": MAX_SEED,
    "max_train_seconds": MAX_TRAIN_SECONDS,
    "max_train_examples": MAX_TRAIN_EXAMPLES,
    "max_word_length": MAX_WORD_LENGTH,
    "max_label_length": MAX_LABEL_LENGTH,
    "max_ask_text": MAX_ASK_TEXT,
    "max_write_count": MAX_WRITE_COUNT,
    "min_table_rows": MIN_TABLE_ROWS,
    "max_table_rows": MAX_TABLE_ROWS,
    "max_table_columns": MAX_TABLE_COLUMNS,
    "max_table_classes": MAX_TABLE_CLASSES,
}

# ---- the words every host shares ---------------------------------------------------------------

#: How the edge demo's step size changes over a run (foghill.engine.schedules).
ScheduleName: TypeAlias = Literal["constant", "warm-up", "decay"]
SCHEDULES: tuple[str, ...] = ("constant", "warm-up", "decay")
#: The points the edge demo's network fits (every step looks at all of them).
EDGE_POINTS = 60

OptimizerName: TypeAlias = Literal["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
OPTIMIZER_NAMES: tuple[str, ...] = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
#: How the page names each optimizer, in sentences and in its menus.
OPTIMIZER_WORDS: Mapping[str, str] = {
    "gd": "Plain descent",
    "momentum": "Momentum",
    "nesterov": "Nesterov",
    "adagrad": "AdaGrad",
    "rmsprop": "RMSProp",
    "adam": "Adam",
}

#: How a finished walk ended (the engine's Trajectory.outcome).
OutcomeName: TypeAlias = Literal["settled", "crawling", "zigzag", "flew-off"]
OUTCOMES: tuple[str, ...] = ("settled", "crawling", "zigzag", "flew-off")
#: Every value of a widget's ``status`` (its ``data-status``): where the animation is.
STATUSES: tuple[str, ...] = ("idle", "running", "paused", *OUTCOMES)
#: How the page says each outcome, after the walker's name ("Adam zig-zagged"): the only
#: words an outcome label turns into; the label itself never reaches a reader.
OUTCOME_WORDS: Mapping[str, str] = {
    "settled": "settled",
    "crawling": "was still crawling",
    "zigzag": "zig-zagged",
    "flew-off": "flew off",
}
#: What a walker with such a step does, after its name ("the ball zig-zags"): a zone of the
#: dial, a band of the sweep, a legend.
OUTCOME_DOES: Mapping[str, str] = {
    "settled": "settles",
    "crawling": "crawls",
    "zigzag": "zig-zags",
    "flew-off": "flies off",
}
#: An outcome named as a kind of walk: a zone, a choice to guess, a count ("3 zig-zag").
OUTCOME_NAMES: Mapping[str, str] = {
    "settled": "settle",
    "crawling": "crawl",
    "zigzag": "zig-zag",
    "flew-off": "fly off",
}
#: How the words about a finished walk open ("Zig-zag: it reached ..."), before the run's facts.
OUTCOME_HEADINGS: Mapping[str, str] = {
    "settled": "Settled",
    "crawling": "Crawling",
    "zigzag": "Zig-zag",
    "flew-off": "Flew off",
}
#: Positions and heights are printed with this many decimals. "On a valley floor" means
#: equal to a floor as printed (foghill.engine.arrival), so a reader can check it.
DISPLAY_DECIMALS = 2

# ---- how fast a run plays (issue 17) ----------------------------------------------------------

#: The speeds every widget that plays offers, the default first: "watch" is a pace a person
#: can follow, "fast" is one click away, "instant" shows the end at once (what readers who
#: prefer reduced motion get, and what tests use unless pacing is what they check).
SpeedName: TypeAlias = Literal["watch", "fast", "instant"]
SPEEDS: tuple[str, ...] = ("watch", "fast", "instant")
#: The measured pace of "watch", and how much quicker "fast" is (milliseconds).
PACE: Mapping[str, float] = {
    # A walk: each step of a short walk is seen for at least step_ms (a hop, then the ball
    # at rest); a walk of many steps shares walk_ms, its hops too small to see passing quicker.
    "step_ms": 260,
    "walk_ms": 6500,
    # A training run: its pictures are spread over at least run_ms (every progress event the
    # host sends is drawn in order: about 100, at least 50).
    "run_ms": 4000,
    # "fast" plays in this share of the time "watch" takes.
    "fast_share": 0.2,
}

# ---- value types (pydantic annotations carry the bounds) ---------------------------------------


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


@dataclass(frozen=True)
class Key:
    """One model key of a widget kind.

    ``annotation`` is the pydantic type (its bounds included); ``default`` is the value a
    widget starts with (``None``: none, e.g. the hill's suggested start); ``shape`` says how
    the value is written in an attribute; ``page_only`` keys are element attributes the page
    reads that are no model input (e.g. the dial's preset step sizes).
    """

    name: str
    annotation: Any
    default: Any
    help: str
    shape: Shape
    nullable: bool = False
    page_only: bool = False

    @property
    def attribute(self) -> str:
        """The element attribute (and lesson block key): the name in kebab-case, or its
        :data:`ATTRIBUTE_NAMES` entry."""
        return ATTRIBUTE_NAMES.get(self.name, self.name.replace("_", "-"))

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        annotation = self.annotation | None if self.nullable else self.annotation
        return TypeAdapter(annotation)

    def validate(self, value: Any) -> Any:
        """The value, checked by the same rules as the API (a pydantic ValidationError)."""
        return self.adapter.validate_python(value)

    def parse_attribute(self, text: str) -> Any:
        """An attribute's text as the value it stands for (checked with :meth:`validate`)."""
        if self.shape == "text":
            return text
        if self.shape == "names":  # a comma-separated list of names
            return [p.strip() for p in text.split(",")]
        if self.shape == "whole":
            return int(text) if text.strip().lstrip("-").isdigit() else text
        parts = [_number(p) for p in text.split(",")]
        if self.shape == "number":
            return parts[0] if len(parts) == 1 else text
        if self.shape == "start" and len(parts) == 1:
            return parts[0]
        return parts


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text.strip()


@dataclass(frozen=True)
class WidgetKind:
    """A widget kind: its element, its notebook class, what its model holds."""

    tag: str
    #: how a sentence names it ("the step-size dial"): never by its tag
    called: str
    python_name: str
    help: str
    endpoint: Literal["descent", "linefit", "surface", "race", "sweep", "training"] | None
    inputs: tuple[Key, ...] = ()
    outputs: tuple[str, ...] = ()
    landscape_inputs: tuple[str, ...] = ()
    attributes_extra: tuple[Key, ...] = field(default=())

    def key(self, name: str) -> Key:
        for key in (*self.inputs, *self.attributes_extra):
            if key.name == name:
                return key
        raise KeyError(name)

    @property
    def model_inputs(self) -> tuple[Key, ...]:
        """The inputs a model holds (page-only attributes left out)."""
        return tuple(k for k in self.inputs if not k.page_only)

    def defaults(self) -> dict[str, Any]:
        return {k.name: k.default for k in self.model_inputs}

    @property
    def linked(self) -> tuple[Key, ...]:
        """The inputs a shared link carries (:data:`LINK_NAMES`): those a reader may set to
        more than one value (the edge demo's one optimizer is never written in a link)."""
        return tuple(
            k for k in self.model_inputs if k.name in LINK_NAMES and _varies(link_schema(k))
        )


# ---- links: the settings a shared address carries (issue 20) -----------------------------------

#: Keys whose kebab-case name is an attribute every HTML element has, which the browser acts
#: on (``hidden=16`` would hide the widget): their element attribute and lesson key instead.
ATTRIBUTE_NAMES: Mapping[str, str] = {"hidden": "hidden-units"}

#: The name a model key takes in a page's address, the same in every widget kind that has it,
#: after the widget's id ("race-valley.rates=0.1,0.2"), and what a sentence calls it. A key
#: not named here (which hill, a line fit's dots and axis names) is never carried by a link.
LINK_NAMES: Mapping[str, tuple[str, str]] = {
    "start": ("drop", "drop point"),
    "formula": ("formula", "formula"),
    "domain": ("range", "range"),
    "learning_rate": ("rate", "step size"),
    "learning_rates": ("rates", "step sizes"),
    "optimizer": ("opt", "optimizer"),
    "optimizers": ("racers", "racers"),
    "momentum": ("mom", "momentum"),
    "max_steps": ("steps", "number of steps"),
    "steps": ("steps", "number of steps"),
    "batch_size": ("batch", "batch size"),
    "seed": ("seed", "seed"),
    "hidden": ("hidden", "number of hidden units"),
    "word": ("word", "word"),
    "schedule": ("sched", "schedule"),
}


def link_schema(key: Key) -> dict[str, Any]:
    """The values a key may take in a link: its JSON Schema, bounds included (never null)."""
    return TypeAdapter(key.annotation).json_schema()


def _varies(schema: Mapping[str, Any]) -> bool:
    """Whether a schema allows more than one value (not a const, nor a range of one)."""
    if "const" in schema:
        return False
    return not ("minimum" in schema and schema.get("minimum") == schema.get("maximum"))


# ---- the table ---------------------------------------------------------------------------------

#: Dots a line fit starts with: twelve made-up points with a clear upward trend.
DEFAULT_X = (-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2)
DEFAULT_Y = (-0.74, -1.11, -0.33, -0.4, 0.48, 0.06, 0.74, 0.52, 1.55, 1.38, 2.01, 1.74)


def _descent_keys(hill: str) -> tuple[Key, ...]:
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


_DESCENT_OUTPUTS = ("landscape", "trajectory", "error")


def _training_keys(
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


_TRAINING_OUTPUTS = ("error",)
_WHICH_HILL = ("hill", "formula", "domain")


def _map_keys(hill: str, start: Key) -> tuple[Key, ...]:
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


_NULL_START = Key(
    "start", Start, None, "where the balls are dropped (none: the hill's own start)", "start",
    nullable=True,
)  # fmt: skip

WIDGETS: Mapping[str, WidgetKind] = {
    kind.tag: kind
    for kind in (
        WidgetKind(
            tag="fh-hill",
            called="the hill",
            python_name="Hill",
            help="The foggy hill: drop a ball and watch it feel its way down.",
            endpoint="descent",
            inputs=_descent_keys("foggy"),
            outputs=_DESCENT_OUTPUTS,
            landscape_inputs=_WHICH_HILL,
        ),
        WidgetKind(
            tag="fh-step-dial",
            called="the step-size dial",
            python_name="StepDial",
            help="The step-size dial: one hill, and how bold each step is (the learning rate).",
            endpoint="descent",
            inputs=_descent_keys("bowl"),
            outputs=_DESCENT_OUTPUTS,
            # Its zones are for the valley the start drains into, within its step budget.
            landscape_inputs=(*_WHICH_HILL, "start", "max_steps"),
            attributes_extra=(
                Key(
                    "learning_rates",
                    LearningRates,
                    None,
                    "the preset step sizes to offer",
                    "numbers",
                    nullable=True,
                    page_only=True,
                ),
            ),
        ),
        WidgetKind(
            tag="fh-line-fit",
            called="the line through the dots",
            python_name="LineFit",
            help="A line that walks downhill on how badly it misses the dots.",
            endpoint="linefit",
            inputs=(
                Key("x", DotList, list(DEFAULT_X), "the dots' x values", "numbers"),
                Key("y", DotList, list(DEFAULT_Y), "the dots' y values", "numbers"),
                Key("w", Coordinate, 0.0, "the starting line's slope", "number"),
                Key(
                    "b",
                    Coordinate,
                    0.0,
                    "the starting line's height where x is counted from",
                    "number",
                ),
                Key("learning_rate", LearningRate, 0.05, "how bold each step is", "number"),
                Key(
                    "optimizer", OptimizerName, "gd", f"one of {', '.join(OPTIMIZER_NAMES)}", "text"
                ),
                Key("max_steps", Steps, 300, "at most this many steps", "whole"),
                Key(
                    "x_from",
                    Coordinate,
                    None,
                    "x is counted from this value, so b is the line's height there (none: from 0)",
                    "number",
                    nullable=True,
                ),
                Key("x_label", Label, "x", "what x stands for, named on its axis", "text"),
                Key("y_label", Label, "y", "what y stands for, named on its axis", "text"),
            ),
            outputs=("fit", "error"),
            attributes_extra=(
                Key(
                    "data",
                    DataFile,
                    None,
                    "a CSV file beside the lesson whose rows are the dots (in a lesson only; "
                    "read when the page is rendered, at most 256 KB; the first two numeric "
                    "columns are x and y unless x-column and y-column name others)",
                    "text",
                    page_only=True,
                ),
                Key(
                    "x_column",
                    ColumnName,
                    None,
                    "the data file's column of x values, by its header or its number from 1",
                    "text",
                    page_only=True,
                ),
                Key(
                    "y_column",
                    ColumnName,
                    None,
                    "the data file's column of y values, by its header or its number from 1",
                    "text",
                    page_only=True,
                ),
            ),
        ),
        WidgetKind(
            tag="fh-digits",
            called="the digit reader",
            python_name="Digits",
            help="A model learns to read handwritten digits, one small batch at a time.",
            endpoint="training",
            inputs=_training_keys(
                0.5,
                "gd",
                32,
                400,
                Key("hidden", Hidden, 0, "hidden units (0: a softmax on the pixels)", "whole"),
            ),
            outputs=_TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-spam",
            called="the spam filter",
            python_name="Spam",
            help="A model learns which words make a message look like spam.",
            endpoint="training",
            inputs=_training_keys(0.5, "gd", 16, 300),
            outputs=_TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-next-word",
            called="the next-word guesser",
            python_name="NextWord",
            help="A model learns which word tends to come next, from the page you are reading.",
            endpoint="training",
            inputs=_training_keys(
                2.0,
                "gd",
                64,
                400,
                Key("word", Word, "the", "the word whose next words you watch", "text"),
            ),
            outputs=_TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-ratings",
            called="the film ratings",
            python_name="Ratings",
            help="A model learns people's tastes in films from the ratings they gave.",
            endpoint="training",
            inputs=_training_keys(0.05, "adam", 32, 400),
            outputs=_TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-classifier",
            called="the classifier",
            python_name="Classifier",
            help="A model learns to label the rows of your own table, column by column.",
            endpoint="training",
            inputs=_training_keys(0.5, "gd", 16, 300),
            outputs=_TRAINING_OUTPUTS,
            attributes_extra=(
                Key(
                    "data",
                    DataFile,
                    None,
                    "a CSV file beside the lesson, one row per example (required; read when the "
                    "page is rendered, at most 256 KB; every column but the label column must "
                    f"hold numbers; {MIN_TABLE_ROWS} to {MAX_TABLE_ROWS:,} rows, at most "
                    f"{MAX_TABLE_COLUMNS} feature columns and {MAX_TABLE_CLASSES} labels)",
                    "text",
                    page_only=True,
                ),
                Key(
                    "label_column",
                    ColumnName,
                    None,
                    "the data file's column of labels, by its header or its number from 1 "
                    "(none: the last column)",
                    "text",
                    page_only=True,
                ),
            ),
        ),
        WidgetKind(
            tag="fh-edge",
            python_name="Edge",
            called="the network at the edge",
            help="A small network learns a wavy curve while its valley sharpens up to the edge "
            "its step size allows (2/η).",
            endpoint="training",
            inputs=(
                Key("learning_rate", LearningRate, 0.1, "how bold each step is", "number"),
                Key(
                    "optimizer",
                    Literal["gd"],
                    "gd",
                    "gd only: plain gradient descent, the walk whose limit is 2/η",
                    "text",
                ),
                Key(
                    "batch_size",
                    Annotated[int, Field(ge=EDGE_POINTS, le=EDGE_POINTS)],
                    EDGE_POINTS,
                    f"{EDGE_POINTS} only: every step looks at all the points",
                    "whole",
                ),
                Key("steps", TrainSteps, 2000, "how many steps a run takes", "whole"),
                Key("seed", Seed, 0, "the seed of the network's starting weights", "whole"),
                Key(
                    "schedule",
                    ScheduleName,
                    "constant",
                    "how the step size changes over the run: constant, warm-up (from a tenth "
                    "of it to all of it over the first quarter) or decay (down to a quarter "
                    "of it by the end)",
                    "text",
                ),
            ),
            outputs=("run", "error"),
        ),
        WidgetKind(
            tag="fh-surface",
            called="the map",
            python_name="Surface",
            help="A surface seen from above: contour lines, and a ball walking down across them.",
            endpoint="surface",
            inputs=(
                *_map_keys(
                    "himmelblau",
                    Key(
                        "start",
                        Point,
                        None,
                        "where the ball is dropped, [x, y] (none: the surface's own start)",
                        "numbers",
                        nullable=True,
                    ),
                ),
                Key("learning_rate", LearningRate, 0.01, "how bold each step is", "number"),
                Key(
                    "optimizer", OptimizerName, "gd", f"one of {', '.join(OPTIMIZER_NAMES)}", "text"
                ),
                Key("max_steps", Steps, 500, "at most this many steps", "whole"),
            ),
            outputs=("contours", "trajectory", "error"),
            landscape_inputs=_WHICH_HILL,
        ),
        WidgetKind(
            tag="fh-race",
            called="the race",
            python_name="Race",
            help="Several optimizers dropped at one spot, racing downhill side by side.",
            endpoint="race",
            inputs=(
                *_map_keys("narrow_valley", _NULL_START),
                Key(
                    "optimizers",
                    OptimizerNames,
                    list(OPTIMIZER_NAMES),
                    "the racing optimizers, by name",
                    "names",
                ),
                Key(
                    "learning_rates",
                    RaceRates,
                    None,
                    "one step size per optimizer, in the same order (none: the surface's own)",
                    "numbers",
                    nullable=True,
                ),
                Key(
                    "momentum",
                    Momentum,
                    DEFAULT_MOMENTUM,
                    "how much of its last step momentum keeps",
                    "number",
                ),
                Key("max_steps", Steps, 1000, "at most this many steps", "whole"),
            ),
            outputs=("contours", "race", "error"),
            landscape_inputs=_WHICH_HILL,
        ),
        WidgetKind(
            tag="fh-step-race",
            called="the step-size race",
            python_name="StepRace",
            help="Three step sizes racing down one hill: too timid, about right, too bold.",
            endpoint="race",
            inputs=(
                *_map_keys("bowl", _NULL_START),
                Key(
                    "learning_rates",
                    ThreeRates,
                    None,
                    "three step sizes (none: a crawl, a "
                    "settle and a zig-zag picked from the hill's regimes)",
                    "numbers",
                    nullable=True,
                ),
                Key("max_steps", Steps, 200, "at most this many steps", "whole"),
            ),
            outputs=("landscape", "race", "error"),
            # The picked step sizes are for the valley the start drains into.
            landscape_inputs=(*_WHICH_HILL, "start", "max_steps"),
        ),
        WidgetKind(
            tag="fh-sweep",
            called="the step-size sweep",
            python_name="Sweep",
            help="Every step size at once: how each one ends, from far too timid to far too bold.",
            endpoint="sweep",
            inputs=(
                *_map_keys(
                    "bowl", Key("start", Start, 2.0, "where every ball is dropped", "start")
                ),
                Key(
                    "optimizer", OptimizerName, "gd", f"one of {', '.join(OPTIMIZER_NAMES)}", "text"
                ),
                Key("max_steps", SweepSteps, 500, "at most this many steps per rate", "whole"),
            ),
            outputs=("sweep", "error"),
            attributes_extra=(
                Key(
                    "for",
                    Annotated[str, Field(pattern=r"^[A-Za-z][\w-]*$")],
                    None,
                    "the id of the widget a clicked step size is sent to",
                    "text",
                    page_only=True,
                ),
            ),
        ),
        WidgetKind(
            tag="fh-rule",
            called="the update rule",
            python_name="Rule",
            help="The update rule in symbols, filled in with a widget's live numbers.",
            endpoint=None,
            attributes_extra=(
                Key(
                    "for",
                    Annotated[str, Field(pattern=r"^[A-Za-z][\w-]*$")],
                    None,
                    "the id of the widget whose steps it shows (none: whichever one steps)",
                    "text",
                    page_only=True,
                ),
            ),
        ),
    )
}

#: Attributes every element accepts besides its model keys.
COMMON_ATTRIBUTES: tuple[Key, ...] = (
    Key(
        "speed",
        SpeedName,
        None,
        "how fast a run plays at first: watch (the default), fast, or instant",
        "text",
        page_only=True,
    ),
    Key("id", Annotated[str, Field(pattern=r"^[A-Za-z][\w-]*$")], None, "the element's id", "text"),
    Key(
        "aria_label", Annotated[str, Field(min_length=1)], None, "a name for screen readers", "text"
    ),
)


# ---- web/lib/contract.js -----------------------------------------------------------------------

CONTRACT_JS = Path(__file__).resolve().parent / "web" / "lib" / "contract.js"


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def contract_js() -> str:
    """The text of ``web/lib/contract.js``: the table as the browser needs it."""
    widgets = []
    for kind in WIDGETS.values():
        inputs = ", ".join(f"{k.name}: {_js(k.default)}" for k in kind.model_inputs)
        links = "".join(
            f"\n      {k.name}: {{ name: {_js(LINK_NAMES[k.name][0])}, "
            f"words: {_js(LINK_NAMES[k.name][1])}, shape: {_js(k.shape)}, "
            f"schema: {_js(link_schema(k))} }},"
            for k in kind.linked
        )
        widgets.append(
            f"  {_js(kind.tag)}: {{\n"
            f"    called: {_js(kind.called)},\n"
            f"    endpoint: {_js(kind.endpoint)},\n"
            f"    inputs: {{{f' {inputs} ' if inputs else ''}}},\n"
            f"    outputs: {_js(list(kind.outputs))},\n"
            f"    landscapeInputs: {_js(list(kind.landscape_inputs))},\n"
            f"    link: {{{links}{chr(10) + '    ' if links else ''}}},\n"
            "  },"
        )
    limits = ",\n".join(f"  {k}: {_js(v)}" for k, v in LIMITS.items())
    return f"""\
// Generated from src/foghill/contract.py by `python -m foghill.remake`: do not edit by hand.
// What every widget's model holds: its inputs with their defaults, its outputs, and the
// statuses a widget can be in. The page model, the components and the notebook's Python
// traits all come from the same table.

/** Every value of a widget's data-status. */
export const STATUSES = {_js(list(STATUSES))};

/** How a finished walk ended. */
export const OUTCOMES = {_js(list(OUTCOMES))};

/** How the page says each outcome, after the walker's name (never the label itself). */
export const OUTCOME_WORDS = {_js(dict(OUTCOME_WORDS))};

/** What a walker with such a step does, after its name ("the ball zig-zags"). */
export const OUTCOME_DOES = {_js(dict(OUTCOME_DOES))};

/** An outcome named as a kind of walk: a zone, a choice, a count ("3 zig-zag"). */
export const OUTCOME_NAMES = {_js(dict(OUTCOME_NAMES))};

/** How the words about a finished walk open ("Zig-zag: ..."), before the run's facts. */
export const OUTCOME_HEADINGS = {_js(dict(OUTCOME_HEADINGS))};

/** Decimals a position or height is printed with; "on a valley floor" means equal as printed. */
export const DISPLAY_DECIMALS = {_js(DISPLAY_DECIMALS)};

/** How fast a run plays, the default first (the element's speed attribute takes one). */
export const SPEEDS = {_js(list(SPEEDS))};

/** The pace of "watch" (milliseconds), and the share of its time "fast" takes. */
export const PACE = {_js(dict(PACE))};

/** Model keys whose element attribute is not their name in kebab-case (an HTML element's own). */
export const ATTRIBUTE_NAMES = {_js(dict(ATTRIBUTE_NAMES))};

/** The attribute a lesson's table travels in, from data=FILE.csv to <fh-classifier>. */
export const TABLE_ATTRIBUTE = {_js(TABLE_ATTRIBUTE)};

/** The optimizers, by name. */
export const OPTIMIZERS = {_js(list(OPTIMIZER_NAMES))};

/** How the page names each optimizer, in sentences and in its menus. */
export const OPTIMIZER_WORDS = {_js(dict(OPTIMIZER_WORDS))};

/** How the edge demo's step size may change over a run, by name. */
export const SCHEDULES = {_js(list(SCHEDULES))};

/**
 * An input a shared link carries: its short name there, what a sentence calls it, how its
 * text reads (an attribute's shape: number, whole, text, numbers, start, names) and the
 * values it may take.
 * @typedef {{object}} LinkedKey
 * @property {{string}} name
 * @property {{string}} words
 * @property {{string}} shape
 * @property {{Record<string, any>}} schema
 */

/** Bounds every host enforces. */
export const LIMITS = {{
{limits},
}};

/**
 * Per widget tag: how a sentence names it (never by its tag), the endpoint family its page
 * model asks, its inputs with their defaults (attribute names are the keys in kebab-case),
 * its outputs, the inputs whose change asks for the landscape again, and the inputs a shared
 * link carries: each under its short name, read as its attribute is (shape), and checked
 * against the values it may take (a JSON Schema, bounds included).
 * @type {{Record<string, {{called: string,
 *   endpoint: "descent" | "linefit" | "surface" | "race" | "sweep" |
 *   "training" | null,
 *   inputs: Record<string, any>, outputs: string[], landscapeInputs: string[],
 *   link: Record<string, LinkedKey>}}>}}
 */
export const WIDGETS = {{
{chr(10).join(widgets)}
}};
"""
