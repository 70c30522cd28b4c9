"""The widget contract: per widget kind, every model key with its type, default, bounds, help.

One table (in the spirit of datasette's ``SETTINGS`` and TensorFlow Playground's ``PROPS``)
from which everything else is derived:

- the request models of :mod:`foghill.api_models` take their field types (bounds included),
  defaults and help from the keys here;
- the notebook traits (:mod:`foghill.notebook.traits`) are made from the keys;
- the lesson's widget blocks are checked against the keys (:mod:`foghill.lessons.render`);
- ``web/lib/contract.js`` and the page's entry ``web/components/index.js`` are generated
  from this package (``python -m foghill.remake``) and a test fails when one is stale;
- the notebook's widget classes and the package's exports are made from :data:`WIDGETS`
  when imported (:mod:`foghill.notebook.made`), and the build makes one notebook module per
  widget from ``web/lib/contract.js`` (``scripts/build-web.mjs``).

Adding a widget kind means adding one entry to :data:`WIDGETS` and one component
(``docs/adding-a-widget.md``).

Every limit lives here too, once: the bounds that keep a request's work small.

It is a package of small modules, one idea each, whose names are all read from here
(``from foghill import contract; contract.WIDGETS``):

- :mod:`.limits`: the bounds as the browser needs them (each set in :mod:`foghill.limits`);
- :mod:`.words`: the words every host shares (optimizers, outcomes, statuses, speeds);
- :mod:`.values`: the value types of model keys, their bounds included;
- :mod:`.keys`: a widget kind and its keys, and which keys a shared link carries;
- :mod:`.shared_keys`: the keys several kinds share;
- :mod:`.table`: the table itself, :data:`WIDGETS`;
- :mod:`.js`: ``web/lib/contract.js`` and the page's entry ``web/components/index.js``, made
  from all of the above.
"""

from __future__ import annotations

from foghill.contract.js import (
    COMPONENTS_INDEX_JS,
    CONTRACT_JS,
    components_index_js,
    contract_js,
)
from foghill.contract.keys import ATTRIBUTE_NAMES, LINK_NAMES, Key, WidgetKind, link_schema
from foghill.contract.limits import LIMITS
from foghill.contract.shared_keys import DEFAULT_X, DEFAULT_Y
from foghill.contract.table import COMMON_ATTRIBUTES, WIDGETS
from foghill.contract.values import (
    MAX_RACERS,
    MAX_SWEEP_STEPS,
    MAX_SWEEP_WORK,
    WHOLE,
    BatchSize,
    ColumnName,
    Coordinate,
    DataFile,
    Domain,
    DotList,
    Formula,
    Hidden,
    HillName,
    Interval,
    Label,
    LearningRate,
    LearningRates,
    Momentum,
    OptimizerNames,
    Point,
    RaceRates,
    Samples,
    Seed,
    Shape,
    Start,
    Steps,
    SweepSteps,
    ThreeRates,
    TrainSteps,
    Word,
)
from foghill.contract.words import (
    DISPLAY_DECIMALS,
    EDGE_POINTS,
    OPTIMIZER_NAMES,
    OPTIMIZER_WORDS,
    OUTCOME_DOES,
    OUTCOME_HEADINGS,
    OUTCOME_NAMES,
    OUTCOME_WORDS,
    OUTCOMES,
    PACE,
    SCHEDULES,
    SPEEDS,
    STATUSES,
    OptimizerName,
    OutcomeName,
    ScheduleName,
    SpeedName,
)
from foghill.limits import (
    DEFAULT_MOMENTUM,
    MAX_ASK_TEXT,
    MAX_BATCH_SIZE,
    MAX_COORDINATE,
    MAX_DATA_BYTES,
    MAX_DOTS,
    MAX_FORMULA_LENGTH,
    MAX_HIDDEN,
    MAX_HILL_NAME_LENGTH,
    MAX_LABEL_LENGTH,
    MAX_LEARNING_RATE,
    MAX_LESSON_BYTES,
    MAX_LESSONS,
    MAX_SAMPLES,
    MAX_SEED,
    MAX_STEPS,
    MAX_TABLE_CLASSES,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TRAIN_EXAMPLES,
    MAX_TRAIN_SECONDS,
    MAX_TRAIN_STEPS,
    MAX_WIDGETS,
    MAX_WORD_LENGTH,
    MAX_WRITE_COUNT,
    MIN_DOTS,
    MIN_SAMPLES,
    MIN_TABLE_ROWS,
    TABLE_ATTRIBUTE,
)

__all__ = [
    "ATTRIBUTE_NAMES",
    "COMMON_ATTRIBUTES",
    "COMPONENTS_INDEX_JS",
    "CONTRACT_JS",
    "DEFAULT_MOMENTUM",
    "DEFAULT_X",
    "DEFAULT_Y",
    "DISPLAY_DECIMALS",
    "EDGE_POINTS",
    "LIMITS",
    "LINK_NAMES",
    "MAX_ASK_TEXT",
    "MAX_BATCH_SIZE",
    "MAX_COORDINATE",
    "MAX_DATA_BYTES",
    "MAX_DOTS",
    "MAX_FORMULA_LENGTH",
    "MAX_HIDDEN",
    "MAX_HILL_NAME_LENGTH",
    "MAX_LABEL_LENGTH",
    "MAX_LEARNING_RATE",
    "MAX_LESSONS",
    "MAX_LESSON_BYTES",
    "MAX_RACERS",
    "MAX_SAMPLES",
    "MAX_SEED",
    "MAX_STEPS",
    "MAX_SWEEP_STEPS",
    "MAX_SWEEP_WORK",
    "MAX_TABLE_CLASSES",
    "MAX_TABLE_COLUMNS",
    "MAX_TABLE_ROWS",
    "MAX_TRAIN_EXAMPLES",
    "MAX_TRAIN_SECONDS",
    "MAX_TRAIN_STEPS",
    "MAX_WIDGETS",
    "MAX_WORD_LENGTH",
    "MAX_WRITE_COUNT",
    "MIN_DOTS",
    "MIN_SAMPLES",
    "MIN_TABLE_ROWS",
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
    "TABLE_ATTRIBUTE",
    "WHOLE",
    "WIDGETS",
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
    "Key",
    "Label",
    "LearningRate",
    "LearningRates",
    "Momentum",
    "OptimizerName",
    "OptimizerNames",
    "OutcomeName",
    "Point",
    "RaceRates",
    "Samples",
    "ScheduleName",
    "Seed",
    "Shape",
    "SpeedName",
    "Start",
    "Steps",
    "SweepSteps",
    "ThreeRates",
    "TrainSteps",
    "WidgetKind",
    "Word",
    "components_index_js",
    "contract_js",
    "link_schema",
]
