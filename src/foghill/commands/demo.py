"""`foghill demo`: a descent on the foggy hill, printed in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

__all__ = ["demo"]


def demo(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    import foghill as fh
    from foghill.contract import WIDGETS
    from foghill.errors import sentence_of

    hill = fh.hills.FOGGY
    lo, hi = hill.domain[0]
    if not lo <= args.start <= hi:
        print(f"foghill: --start must lie on the hill, between {lo:g} and {hi:g}", file=sys.stderr)
        return 2
    hill_keys = WIDGETS["fh-hill"]
    for name, value in (("learning_rate", args.learning_rate), ("max_steps", args.max_steps)):
        try:
            hill_keys.key(name).validate(value)  # the bounds every host checks, in its words
        except ValueError as error:
            print(f"foghill: {sentence_of(error, name)}", file=sys.stderr)
            return 2
    traj = fh.descend(hill, args.start, learning_rate=args.learning_rate, max_steps=args.max_steps)
    print(f"{hill.title}: height = {hill.formula}", file=out)
    print(
        f"The ball starts at {args.start:g}; each step moves it {args.learning_rate:g} times the "
        "tilt, downhill.",
        file=out,
    )
    print(f"{'step':>5}  {'position':>10}  {'height':>10}  {'tilt':>10}", file=out)
    n = len(traj.positions)
    shown = list(range(min(n, 8)))
    if n > 10:
        shown += [n - 2, n - 1]
    else:
        shown = list(range(n))
    previous = -1
    for i in shown:
        if i != previous + 1:
            print(f"{'...':>5}", file=out)
        row = (traj.positions[i], traj.losses[i], traj.gradients[i])
        print(f"{i:>5}  " + "  ".join(f"{_fixed(v):>10}" for v in row), file=out)
        previous = i
    print(_outcome_sentence(hill, traj), file=out)
    return 0


_DECIMALS = 4
"""The decimals the demo's table prints."""


def _fixed(value: float) -> str:
    text = f"{float(value):.{_DECIMALS}f}"
    return text[1:] if float(text) == 0 and text.startswith("-") else text


def _outcome_sentence(hill: Any, traj: Any) -> str:
    outcome, steps = traj.outcome, traj.n_steps
    last = float(traj.positions[-1])
    if outcome in ("settled", "zigzag"):
        nearest = min((float(m) for m in hill.minima), key=lambda m: abs(m - last))
        if nearest == float(hill.deepest):
            where = "the deepest valley"
        else:
            where = "a side valley (not the deepest one: it only ever felt the local tilt)"
        from foghill.contract import OUTCOME_WORDS  # a label never reaches a reader

        how = OUTCOME_WORDS[outcome]
        return f"Outcome: {how}. After {steps} steps the ball {how} into {where}, at {nearest:.3f}."
    if outcome == "crawling":
        # What the table above shows (its decimals), by the page's rule (engine.arrival).
        from foghill.engine import arrival

        came = arrival.arrival(traj, hill, _DECIMALS)
        if came.floor_step is not None:
            return (
                f"Outcome: crawling. From step {came.floor_step} the ball is on the valley "
                f"floor as printed, but after {steps} steps its steps have not quite died away."
            )
        if came.moving:
            return (
                f"Outcome: crawling. After {steps} steps the ball is still creeping downhill; "
                "take bigger steps."
            )
        gap = "" if came.distance is None else f", {came.distance:.3g} short of the valley floor"
        return (
            f"Outcome: crawling. After {steps} steps the ball's steps are too small to see{gap}; "
            "take bigger steps."
        )
    if steps == 1:
        return "Outcome: flew off. The very first step was so bold it threw the ball off the hill."
    return (
        f"Outcome: flew off. The steps were too bold; the ball left the hill after {steps} steps."
    )
