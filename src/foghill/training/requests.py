"""What a training run and a question to a trained model are asked with (issue 9).

The fields, their defaults, bounds and help come from the widget contract
(:mod:`foghill.contract`): every demo shares ``learning_rate``, ``optimizer``,
``batch_size``, ``steps`` and ``seed``; the digits add ``hidden`` and the next word
``word``. ``from_step`` resumes a paused run: the host replays the walk from the seed to
that step (deterministic, so nothing about a run is kept between requests) and goes on.

A question (an *ask*) carries the run's settings, the ``step`` whose model should answer
(the last progress the reader saw) and the question itself. Bodies are read strictly by the
server (``"0.5"`` is no number; ``32.0`` is a whole number).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from foghill.contract import (
    EDGE_POINTS,
    MAX_ASK_TEXT,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TRAIN_STEPS,
    MAX_WRITE_COUNT,
    WHOLE,
    WIDGETS,
    BatchSize,
    Hidden,
    LearningRate,
    OptimizerName,
    ScheduleName,
    Seed,
    TrainSteps,
    Word,
)
from foghill.engine.data.ratings import FILMS, PEOPLE

__all__ = [
    "AskRequest",
    "ClassifierAsk",
    "ClassifierRequest",
    "DigitsAsk",
    "DigitsRequest",
    "EdgeAsk",
    "EdgeRequest",
    "NextWordAsk",
    "NextWordRequest",
    "RatingsAsk",
    "RatingsRequest",
    "SpamAsk",
    "SpamRequest",
    "TableAsk",
    "TableBody",
    "TableRequest",
    "TrainRequest",
]


WholeBatch = Annotated[BatchSize, WHOLE]
WholeSteps = Annotated[TrainSteps, WHOLE]
WholeSeed = Annotated[Seed, WHOLE]
EdgeBatch = Annotated[int, Field(ge=EDGE_POINTS, le=EDGE_POINTS), WHOLE]
WholeHidden = Annotated[Hidden, WHOLE]
StepNumber = Annotated[int, Field(ge=0, le=MAX_TRAIN_STEPS), WHOLE]
Pixel = Annotated[float, Field(ge=0, le=16, allow_inf_nan=False)]
Image = Annotated[list[Pixel], Field(min_length=64, max_length=64)]
AskText = Annotated[str, Field(max_length=MAX_ASK_TEXT)]
Cell = Annotated[float, Field(allow_inf_nan=False)]
TableRow = Annotated[list[Cell], Field(min_length=1, max_length=MAX_TABLE_COLUMNS)]
WriteCount = Annotated[int, Field(ge=1, le=MAX_WRITE_COUNT), WHOLE]


def _default(tag: str, name: str) -> Any:
    key = WIDGETS[tag].key(name)
    return Field(default=key.default, description=key.help)


class TrainRequest(BaseModel):
    """The settings every training run shares (defaults: each demo's contract entry)."""

    # Unknown keys are ignored: a page model may post all of its inputs.
    model_config = ConfigDict(extra="ignore")

    learning_rate: LearningRate
    optimizer: OptimizerName
    batch_size: WholeBatch
    steps: WholeSteps
    seed: WholeSeed = 0
    from_step: StepNumber = Field(
        default=0, description="resume a paused run: replay to this step, then go on"
    )

    @model_validator(mode="after")
    def _from_within(self) -> TrainRequest:
        if self.from_step > self.steps:
            raise ValueError(
                f"from_step ({self.from_step}) cannot be past the run's {self.steps} steps"
            )
        return self

    def settings(self) -> dict[str, Any]:
        """The run's settings as the host understood them (no resume point, no question)."""
        names = [n for n in type(self).run_fields() if n != "from_step"]
        return {name: getattr(self, name) for name in names}

    @classmethod
    def run_fields(cls) -> list[str]:
        """The fields of the run itself: those of the demo's run request (an ask's
        question fields left out)."""
        run = next(c for c in cls.__mro__ if c.__bases__[0] is TrainRequest or c is TrainRequest)
        assert issubclass(run, TrainRequest)
        return list(run.model_fields)


class DigitsRequest(TrainRequest):
    """A digits run: the shared settings and the hidden layer's width (0: none)."""

    learning_rate: LearningRate = _default("fh-digits", "learning_rate")
    optimizer: OptimizerName = _default("fh-digits", "optimizer")
    batch_size: WholeBatch = _default("fh-digits", "batch_size")
    steps: WholeSteps = _default("fh-digits", "steps")
    seed: WholeSeed = _default("fh-digits", "seed")
    hidden: WholeHidden = _default("fh-digits", "hidden")


class SpamRequest(TrainRequest):
    """A spam run: the shared settings."""

    learning_rate: LearningRate = _default("fh-spam", "learning_rate")
    optimizer: OptimizerName = _default("fh-spam", "optimizer")
    batch_size: WholeBatch = _default("fh-spam", "batch_size")
    steps: WholeSteps = _default("fh-spam", "steps")
    seed: WholeSeed = _default("fh-spam", "seed")


class NextWordRequest(TrainRequest):
    """A next-word run: the shared settings and the word whose next words are watched."""

    learning_rate: LearningRate = _default("fh-next-word", "learning_rate")
    optimizer: OptimizerName = _default("fh-next-word", "optimizer")
    batch_size: WholeBatch = _default("fh-next-word", "batch_size")
    steps: WholeSteps = _default("fh-next-word", "steps")
    seed: WholeSeed = _default("fh-next-word", "seed")
    word: Word = _default("fh-next-word", "word")


class RatingsRequest(TrainRequest):
    """A ratings run: the shared settings."""

    learning_rate: LearningRate = _default("fh-ratings", "learning_rate")
    optimizer: OptimizerName = _default("fh-ratings", "optimizer")
    batch_size: WholeBatch = _default("fh-ratings", "batch_size")
    steps: WholeSteps = _default("fh-ratings", "steps")
    seed: WholeSeed = _default("fh-ratings", "seed")


class ClassifierRequest(TrainRequest):
    """A run on a teacher's own table: the shared settings (the table is the demo's)."""

    learning_rate: LearningRate = _default("fh-classifier", "learning_rate")
    optimizer: OptimizerName = _default("fh-classifier", "optimizer")
    batch_size: WholeBatch = _default("fh-classifier", "batch_size")
    steps: WholeSteps = _default("fh-classifier", "steps")
    seed: WholeSeed = _default("fh-classifier", "seed")


class EdgeRequest(TrainRequest):
    """An edge run: the shared settings (plain gradient descent on all the points; other
    optimizers and batches are refused in a sentence) and the step size's schedule."""

    learning_rate: LearningRate = _default("fh-edge", "learning_rate")
    optimizer: Literal["gd"] = _default("fh-edge", "optimizer")
    batch_size: EdgeBatch = _default("fh-edge", "batch_size")
    steps: WholeSteps = _default("fh-edge", "steps")
    seed: WholeSeed = _default("fh-edge", "seed")
    schedule: ScheduleName = _default("fh-edge", "schedule")


class AskRequest(BaseModel):
    """The part every question shares: the step whose model answers (the last progress
    shown; 0 is the untrained starting guess)."""

    step: StepNumber = Field(default=0, description="the step whose model answers")

    @model_validator(mode="after")
    def _step_within(self) -> AskRequest:
        steps = getattr(self, "steps", MAX_TRAIN_STEPS)
        if self.step > steps:
            raise ValueError(f"step ({self.step}) cannot be past the run's {steps} steps")
        return self


class DigitsAsk(DigitsRequest, AskRequest):
    """Which digit is this? ``image``: 64 pixels, row by row, each 0 (blank) to 16 (ink)."""

    what: Literal["guess"] = "guess"
    image: Image


class RatingsAsk(RatingsRequest, AskRequest):
    """What would this person give this film? ``person`` and ``film``: their places in the
    start event's ``people`` and ``films``."""

    what: Literal["predict"] = "predict"
    person: Annotated[int, Field(ge=0, le=len(PEOPLE) - 1), WHOLE]
    film: Annotated[int, Field(ge=0, le=len(FILMS) - 1), WHOLE]


class SpamAsk(SpamRequest, AskRequest):
    """How spammy is this message? ``text``: the message."""

    what: Literal["score"] = "score"
    text: AskText


class NextWordAsk(NextWordRequest, AskRequest):
    """``write``: ``count`` words after ``prompt``; ``next``: the likeliest words after
    ``word``."""

    what: Literal["write", "next"]
    prompt: AskText = ""
    count: WriteCount = 8


class EdgeAsk(EdgeRequest, AskRequest):
    """The landscape slice at ``step``: the loss over the plane of the run's two main
    directions so far, with the path drawn in it."""

    what: Literal["slice"] = "slice"


class ClassifierAsk(ClassifierRequest, AskRequest):
    """Which label has this row? ``row``: one number per feature column, in their order."""

    what: Literal["label"] = "label"
    row: TableRow


# ---- a table sent with the request (a page's <fh-classifier>) --------------------------------

Name = Annotated[str, Field(max_length=100)]
AnyCell = Annotated[float | str | None, Field(union_mode="left_to_right")]


class TableBody(BaseModel):
    """A teacher's table as it travels: column names, rows (one cell per column) and one
    label per row; checked as every host checks a table
    (:func:`foghill.training.table.read_table`)."""

    model_config = ConfigDict(extra="forbid")

    columns: Annotated[list[Name], Field(min_length=1, max_length=MAX_TABLE_COLUMNS)]
    rows: Annotated[
        list[Annotated[list[AnyCell], Field(max_length=MAX_TABLE_COLUMNS)]],
        Field(max_length=MAX_TABLE_ROWS),
    ]
    labels: Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=MAX_TABLE_ROWS)]


class TableRequest(ClassifierRequest):
    """A classifier run on the table sent with it.

    Also checked, though JSON Schema cannot say it: the table has a label per row and a cell
    per column in each row, every cell a finite number, at least 8 rows and two different
    labels; batch_size is at most the training rows (all but a quarter of the table)."""

    table: TableBody = Field(description="the table: columns, rows and a label per row")


class TableAsk(ClassifierAsk):
    """A question to the classifier of the table sent with it."""

    table: TableBody = Field(description="the table: columns, rows and a label per row")
