"""The words every host shares: optimizers, outcomes, statuses, speeds and schedules by name,
how the page says each, and how fast a run plays."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias

__all__ = [
    "DISPLAY_DECIMALS",
    "EDGE_POINTS",
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
    "OptimizerName",
    "OutcomeName",
    "ScheduleName",
    "SpeedName",
]

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
