"""How many examples each training demo learns from, known before any run, so the batch
dial can say "all 1,347 examples (the whole set)" before the first Play.

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

__all__ = ["TRAIN_SIZES_JS", "train_sizes", "train_sizes_js"]

TRAIN_SIZES_JS = Path(__file__).resolve().parent / "web" / "lib" / "train-sizes.js"


def train_sizes() -> dict[str, int]:
    """Per demo tag, the examples of its training set."""
    from foghill.training import DEMOS  # the demos' data, loaded only when asked

    return {
        demo.tag: demo.model(demo.request_model.model_validate({})).n_train
        for demo in DEMOS.values()
    }


def train_sizes_js() -> str:
    """The text of ``web/lib/train-sizes.js``."""
    sizes = "".join(f"  {json.dumps(tag)}: {size},\n" for tag, size in train_sizes().items())
    return f"""\
// Generated from src/foghill/demo_sizes.py by `python -m foghill.remake`: do not edit by hand.
// Per training demo's tag, the examples its training set holds (the batch dial's top).

/** @type {{Record<string, number>}} */
export const TRAIN_SIZES = {{
{sizes}}};
"""
