"""The bounds every host enforces, as the browser needs them (each from :mod:`foghill.limits`,
the one place a limit is set)."""

from __future__ import annotations

from collections.abc import Mapping

from foghill.limits import (
    MAX_ASK_TEXT,
    MAX_BATCH_SIZE,
    MAX_COORDINATE,
    MAX_DOTS,
    MAX_FORMULA_LENGTH,
    MAX_HIDDEN,
    MAX_LABEL_LENGTH,
    MAX_LEARNING_RATE,
    MAX_SAMPLES,
    MAX_SEED,
    MAX_STEPS,
    MAX_TABLE_CLASSES,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TRAIN_EXAMPLES,
    MAX_TRAIN_SECONDS,
    MAX_TRAIN_STEPS,
    MAX_WORD_LENGTH,
    MAX_WRITE_COUNT,
    MIN_DOTS,
    MIN_SAMPLES,
    MIN_TABLE_ROWS,
)

__all__ = ["LIMITS"]

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
