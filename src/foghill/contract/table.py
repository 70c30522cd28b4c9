"""The table: every widget kind, by tag, with its model keys (and the attributes every element
accepts). A new widget is one entry here and one component (``web/components/<name>.js``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field

from foghill.contract.keys import Key, WidgetKind
from foghill.contract.shared_keys import (
    DEFAULT_X,
    DEFAULT_Y,
    DESCENT_OUTPUTS,
    NULL_START,
    TRAINING_OUTPUTS,
    WHICH_HILL,
    descent_keys,
    map_keys,
    training_keys,
)
from foghill.contract.values import (
    ColumnName,
    Coordinate,
    DataFile,
    DotList,
    Hidden,
    Label,
    LearningRate,
    LearningRates,
    Momentum,
    OptimizerNames,
    Point,
    RaceRates,
    Seed,
    Start,
    Steps,
    SweepSteps,
    ThreeRates,
    TrainSteps,
    Word,
)
from foghill.contract.words import (
    EDGE_POINTS,
    OPTIMIZER_NAMES,
    OptimizerName,
    ScheduleName,
    SpeedName,
)
from foghill.limits import (
    DEFAULT_MOMENTUM,
    MAX_TABLE_CLASSES,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MIN_TABLE_ROWS,
)

__all__ = ["COMMON_ATTRIBUTES", "WIDGETS"]

WIDGETS: Mapping[str, WidgetKind] = {
    kind.tag: kind
    for kind in (
        WidgetKind(
            tag="fh-hill",
            called="the hill",
            python_name="Hill",
            help="The foggy hill: drop a ball and watch it feel its way down.",
            endpoint="descent",
            inputs=descent_keys("foggy"),
            outputs=DESCENT_OUTPUTS,
            landscape_inputs=WHICH_HILL,
        ),
        WidgetKind(
            tag="fh-step-dial",
            called="the step-size dial",
            python_name="StepDial",
            help="The step-size dial: one hill, and how bold each step is (the learning rate).",
            endpoint="descent",
            inputs=descent_keys("bowl"),
            outputs=DESCENT_OUTPUTS,
            # Its zones are for the valley the start drains into, within its step budget.
            landscape_inputs=(*WHICH_HILL, "start", "max_steps"),
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
            inputs=training_keys(
                0.5,
                "gd",
                32,
                400,
                Key("hidden", Hidden, 0, "hidden units (0: a softmax on the pixels)", "whole"),
            ),
            outputs=TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-spam",
            called="the spam filter",
            python_name="Spam",
            help="A model learns which words make a message look like spam.",
            endpoint="training",
            inputs=training_keys(0.5, "gd", 16, 300),
            outputs=TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-next-word",
            called="the next-word guesser",
            python_name="NextWord",
            help="A model learns which word tends to come next, from the page you are reading.",
            endpoint="training",
            inputs=training_keys(
                2.0,
                "gd",
                64,
                400,
                Key("word", Word, "the", "the word whose next words you watch", "text"),
            ),
            outputs=TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-ratings",
            called="the film ratings",
            python_name="Ratings",
            help="A model learns people's tastes in films from the ratings they gave.",
            endpoint="training",
            inputs=training_keys(0.05, "adam", 32, 400),
            outputs=TRAINING_OUTPUTS,
        ),
        WidgetKind(
            tag="fh-classifier",
            called="the classifier",
            python_name="Classifier",
            help="A model learns to label the rows of your own table, column by column.",
            endpoint="training",
            inputs=training_keys(0.5, "gd", 16, 300),
            outputs=TRAINING_OUTPUTS,
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
                *map_keys(
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
            landscape_inputs=WHICH_HILL,
        ),
        WidgetKind(
            tag="fh-race",
            called="the race",
            python_name="Race",
            help="Several optimizers dropped at one spot, racing downhill side by side.",
            endpoint="race",
            inputs=(
                *map_keys("narrow_valley", NULL_START),
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
            landscape_inputs=WHICH_HILL,
        ),
        WidgetKind(
            tag="fh-step-race",
            called="the step-size race",
            python_name="StepRace",
            help="Three step sizes racing down one hill: too timid, about right, too bold.",
            endpoint="race",
            inputs=(
                *map_keys("bowl", NULL_START),
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
            landscape_inputs=(*WHICH_HILL, "start", "max_steps"),
        ),
        WidgetKind(
            tag="fh-sweep",
            called="the step-size sweep",
            python_name="Sweep",
            help="Every step size at once: how each one ends, from far too timid to far too bold.",
            endpoint="sweep",
            inputs=(
                *map_keys("bowl", Key("start", Start, 2.0, "where every ball is dropped", "start")),
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
