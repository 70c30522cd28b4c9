"""How many examples each training demo learns from, known before any run, so the batch
dial can say "all 1,347 examples (the whole set)" before the first Play; and, for a demo
with a hidden layer, how many weights its model has at each width the dial can set.

A demo's training set never depends on its settings (the hidden layer, the watched word,
the seed change the model, not its data), so each size is its model's ``n_train`` at the
contract's defaults. ``python -m foghill.remake`` writes them to ``web/lib/train-sizes.js``
and a test fails when that file is stale: the next-word demo learns from the built-in
lesson's words, so editing them changes its size. A teacher's own table (the classifier)
is not here: its size is said when its run starts.
"""

from __future__ import annotations

import json
from pathlib import Path

from foghill.limits import MAX_HIDDEN

__all__ = ["TRAIN_SIZES_JS", "train_sizes", "train_sizes_js", "weight_counts"]

TRAIN_SIZES_JS = Path(__file__).resolve().parent / "web" / "lib" / "train-sizes.js"


def train_sizes() -> dict[str, int]:
    """Per demo tag, the examples of its training set."""
    from foghill.training import DEMOS  # the demos' data, loaded only when asked

    return {
        demo.tag: demo.model(demo.request_model.model_validate({})).n_train
        for demo in DEMOS.values()
    }


def weight_counts() -> dict[str, list[int]]:
    """Per demo tag with a ``hidden`` setting, its model's weights (the numbers θ holds) at
    each hidden-layer width from 0 to the contract's largest."""
    from foghill.training import DEMOS

    counts: dict[str, list[int]] = {}
    for demo in DEMOS.values():
        if "hidden" not in demo.request_model.model_fields:
            continue
        counts[demo.tag] = [
            demo.model(demo.request_model.model_validate({"hidden": h})).size
            for h in range(MAX_HIDDEN + 1)
        ]
    return counts


def _filled(numbers: list[int], width: int = 120) -> str:
    """Numbers as the JS formatter lays out a long array: lines filled up to ``width``."""
    lines: list[str] = []
    line = ""
    for text in (f"{n}," for n in numbers):
        if line and len(line) + 1 + len(text) > width:
            lines.append(line)
            line = ""
        line = f"{line} {text}" if line else f"    {text}"
    return "".join(f"{ln}\n" for ln in [*lines, line])


def train_sizes_js() -> str:
    """The text of ``web/lib/train-sizes.js``."""
    sizes = "".join(f"  {json.dumps(tag)}: {size},\n" for tag, size in train_sizes().items())
    weights = "".join(
        f"  {json.dumps(tag)}: [\n{_filled(n)}  ],\n" for tag, n in weight_counts().items()
    )
    return f"""\
// Generated from src/foghill/demo_sizes.py by `python -m foghill.remake`: do not edit by hand.
// Per training demo's tag, the examples its training set holds (the batch dial's top), and
// for a demo with a hidden layer, its model's weights at each width.

/** @type {{Record<string, number>}} */
export const TRAIN_SIZES = {{
{sizes}}};

/**
 * Per demo tag with a hidden layer, its model's weights at each width (the index).
 * @type {{Record<string, number[]>}}
 */
export const WEIGHT_COUNTS = {{
{weights}}};
"""
