"""Property (issue 17): every sentence ``<fh-edge>`` says about a run is true of the run.

The engine's edge runs (the stream's own events, as ``/api/train/edge`` sends them) at a
handful of step sizes, from a tiny one through the page's default to ones that fly off, with
each schedule and a run of one step; the page's own ``edge-words.js`` (run by node through
``tell.mjs``) says them; each claim is checked here against the run's numbers: the verdict
(rose to its line and held within the tolerance the page names, stayed under it, went over
it, fell, stayed the same, flew off and at which step), the guess it makes true, every
number printed (first, peak, last sharpness, the line, the losses) as a rounding of the
run's own, the readout and the dial at every progress event, and the slice's caption.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest

from foghill.training.edge import NEAR, SAME
from foghill.training.requests import EdgeAsk, EdgeRequest
from foghill.training.stream import ask, events
from stories.test_words_match_runs import told

#: (step size, steps, schedule, seed): tiny, small, the default (short and full), at its
#: line from the start, falling, two that fly off, each schedule, a single step, other seeds.
RUNS = (
    (0.005, 300, "constant", 0),
    (0.025, 300, "constant", 0),
    (0.1, 300, "constant", 0),
    (0.1, 2000, "constant", 0),
    (0.1, 1000, "constant", 0),  # rose over its line at times, not held: "rose", not "under"
    (0.2, 300, "constant", 0),
    (0.3, 300, "constant", 0),
    (0.5, 300, "constant", 0),
    (2.0, 300, "constant", 0),
    (0.1, 300, "warm-up", 0),
    (0.1, 600, "decay", 0),
    (0.1, 1, "constant", 0),
    (0.15, 800, "constant", 3),
    (0.4, 300, "decay", 5),
)
#: The runs whose landscape slice is asked for too (it replays the run).
SLICED = {(0.1, 2000, "constant", 0), (0.3, 300, "constant", 0)}

N = r"(−?[\d.]+(?:e[+-]\d+)?)"
STEPS = r"([\d,]+) steps?"
LOSSES = rf"(?: while the loss went from {N} to {N})?"
WITHIN = f"within {round(NEAR * 100)}%"
OVERSHOT = (
    ": whenever the valley grew sharper than the line, the steps overshot and carried the "
    "network somewhere flatter."
)
SCHEDULE_SAID = {
    "constant": "",
    "warm-up": " With warm-up the step grows",
    "decay": " With decay the step shrinks",
}


def value(text: str) -> float:
    return float(text.replace("\u2212", "-").replace(",", ""))


def agrees(text: str, v: float, figures: int = 3) -> None:
    """``text`` is ``v`` as printed: rounded at its own decimals, with at least ``figures``
    significant figures (fmtSig)."""
    assert math.isfinite(v), text
    if "e" in text:  # toFixed of 1e21 and more
        assert value(text) == pytest.approx(v, rel=1e-5), (text, v)
        return
    decimals = len(text.split(".")[1]) if "." in text else 0
    wanted = 0 if v == 0 else max(0, min(8, figures - 1 - math.floor(math.log10(abs(v)))))
    assert decimals >= wanted, (text, v)
    assert abs(value(text) - v) <= 0.5 * 10.0**-decimals * (1 + 1e-9) + 1e-12, (text, v)


def whole(text: str) -> int:
    return int(text.replace(",", ""))


def run_case(lr: float, steps: int, schedule: str, seed: int) -> dict[str, Any]:
    request = EdgeRequest(learning_rate=lr, steps=steps, schedule=schedule, seed=seed)
    found = list(events("edge", request))
    end = found[-1]
    slice_ = None
    if (lr, steps, schedule, seed) in SLICED:
        asked = EdgeAsk(learning_rate=lr, steps=steps, schedule=schedule, seed=seed)
        slice_ = ask("edge", asked.model_copy(update={"step": end["step"]}))
    return {
        "kind": "edge",
        "events": [e for e in found if e["type"] == "progress"],
        "end": end,
        "rate": lr,
        "schedule": schedule,
        "slice": slice_,
    }


# ---- the run's own facts, found here from its events ------------------------------------


class Measures:
    """The sharpness measured at each progress event, against its own line."""

    def __init__(self, c: dict[str, Any]) -> None:
        pairs = [
            (p["sharpness"], p["edge"])
            for p in c["events"]
            if p["sharpness"] is not None and p["edge"] is not None
        ]
        self.s = [s for s, _ in pairs]
        self.pairs = pairs
        self.last_third = pairs[len(pairs) * 2 // 3 :]
        losses = [p["loss"] for p in c["events"] if p["loss"] is not None]
        self.loss_first, self.loss_last, self.loss_low = losses[0], losses[-1], min(losses)
        self.end = c["end"]

    def held(self) -> bool:
        return bool(self.last_third) and all(abs(s / e - 1) <= NEAR for s, e in self.last_third)

    def over(self) -> bool:
        return any(s > e for s, e in self.pairs)

    def near(self) -> bool:
        return any(abs(s / e - 1) <= NEAR for s, e in self.pairs)


def check_losses(m: re.Match[str] | None, at: int, runs: Measures) -> None:
    assert m
    if m[at] is not None:
        agrees(m[at], runs.loss_first, 2)
        agrees(m[at + 1], runs.loss_last, 2)


# ---- the claims -------------------------------------------------------------------------


def check_verdict(verdict: dict[str, str], c: dict[str, Any]) -> None:
    """The verdict: the guess it makes true, what happened and why, each against the run."""
    end, runs = c["end"], Measures(c)
    happened, because = verdict["happened"], verdict["because"]
    first, last, edge = runs.s[0], runs.s[-1], end["edge"]
    # The guess it makes true is true of the numbers (found here, not from the outcome's name).
    actual = verdict["actual"]
    if actual == "edge":
        assert runs.held(), verdict
        assert first <= edge, verdict
        assert last > first, verdict
    if actual == "fall":  # fell as judged, or pushed down from over its line to it
        assert last < first * (1 - SAME) or (runs.held() and first > edge and last < first), verdict
    if actual == "same":
        assert abs(last - first) <= SAME * first or (runs.held() and last >= first), verdict
    if actual == "fly":
        assert end["outcome"] == "flew-off", verdict
    if actual == "":
        assert end["outcome"] == "rose", verdict
    if end["outcome"] == "flew-off":
        assert end["reason"] == "flew-off", verdict
        check_flew_off(because, runs)
        assert happened == "the network flew off"
        return
    assert end["reason"] == "done"
    agrees(re.findall(rf"2/η = {N}", happened + because)[0], edge)
    if m := re.fullmatch(
        rf"the sharpness began at {N}, over its line 2/η = {N}, and was held near it", happened
    ):
        agrees(m[1], first)
        assert first > edge, happened
        assert value(m[1]) > value(m[2]), happened
    elif m := re.fullmatch(
        rf"the sharpness began at {N}, already {WITHIN} of its line 2/η = {N}, and was held "
        r"near it",
        happened,
    ):
        agrees(m[1], first)
        assert abs(first / edge - 1) <= NEAR, happened
    elif m := re.fullmatch(
        rf"the sharpness rose from {N} to its line 2/η = {N} and stayed near it", happened
    ):
        agrees(m[1], first)
        assert first < (1 - NEAR) * edge, happened
        assert max(runs.s) > first, happened
    elif m := re.fullmatch(
        rf"the sharpness rose from {N} to {N}, staying under its line 2/η = {N}", happened
    ):
        agrees(m[1], first)
        agrees(m[2], last)
        assert last > first, happened
        assert not runs.over(), happened
        assert value(m[2]) < value(m[3]), happened
    elif m := re.fullmatch(
        rf"the sharpness rose from {N} to {N}, went over its line 2/η = {N} at times, but did "
        r"not stay near it",
        happened,
    ):
        agrees(m[2], last)
        assert last > first, happened
        assert runs.over(), happened
        assert not runs.held(), happened
    elif m := re.fullmatch(rf"the sharpness fell from {N} to {N}", happened):
        agrees(m[1], first)
        agrees(m[2], last)
        assert last < first, happened
    elif m := re.fullmatch(rf"the sharpness stayed about the same, {N}", happened):
        agrees(m[1], last)
        assert all(abs(s - first) <= SAME * abs(first) for s in runs.s), happened
    else:
        m = re.fullmatch(
            rf"the sharpness ended about where it began, at {N} from {N}, after going from {N} "
            rf"to {N} on the way",
            happened,
        )
        assert m, happened
        for text, v in zip(m.groups(), (last, first, min(runs.s), max(runs.s)), strict=True):
            agrees(text, v)
    check_because(because, runs, edge)


def check_because(s: str, runs: Measures, edge: float) -> None:
    """Why, for a run that did not fly off."""
    first, last, peak = runs.s[0], runs.s[-1], max(runs.s)
    if m := re.fullmatch(
        rf"(?:It reached {N} at most and ended at {N}|It ended at {N}){LOSSES}; over the last "
        rf"third of the run it stayed {WITHIN} of the line(.*)",
        s,
    ):
        if m[1]:
            agrees(m[1], peak)
            agrees(m[2], last)
        else:
            agrees(m[3], last)
        check_losses(m, 4, runs)
        assert runs.held(), s
        assert m[6] == (OVERSHOT if runs.over() else ", and never went past it."), s
    elif m := re.fullmatch(
        rf"With a step this small the line is far above: the network sharpened its valley as it "
        rf"learned{LOSSES}, and never got there in {STEPS}\.",
        s,
    ):
        check_losses(m, 1, runs)
        assert 2 * last <= edge, s
        assert not runs.near(), s
        assert whole(m[3]) == runs.end["step"], s
    elif m := re.fullmatch(
        rf"The network sharpened its valley as it learned{LOSSES}, but in {STEPS} it never came "
        rf"{WITHIN} of the line\.",
        s,
    ):
        check_losses(m, 1, runs)
        assert not runs.near(), s
        assert whole(m[3]) == runs.end["step"], s
    elif m := re.fullmatch(
        rf"It reached {N} at most{LOSSES}; it came {WITHIN} of the line, but did not stay there "
        r"over the last third of the run\.",
        s,
    ):
        agrees(m[1], peak)
        check_losses(m, 2, runs)
        assert runs.near(), s
        assert not runs.held(), s
    else:
        m = re.fullmatch(rf"Its line was 2/η = {N}{LOSSES}\.", s)
        check_losses(m, 2, runs)
        assert last != first


def check_flew_off(s: str, runs: Measures) -> None:
    """Why it flew off: the sharpness past its line only if so, the step its numbers left
    the finite, "further and further" only if the loss had grown again from its lowest."""
    step, edge = runs.end["step"], runs.end["edge"]
    if m := re.fullmatch(
        rf"Its sharpness (reached|was already) {N}, past its line 2/η = {N}: (.+)\.", s
    ):
        agrees(m[2], max(runs.s))
        agrees(m[3], edge)
        assert max(runs.s) > edge, s
        assert value(m[2]) > value(m[3]), s
        assert (m[1] == "reached") == (max(runs.s) > runs.s[0]), s
        how = m[4]
    else:
        m = re.fullmatch(rf"(.+) \(its line was 2/η = {N}\)\.", s)
        assert m, s
        agrees(m[2], edge)
        assert max(runs.s) <= edge, s
        how = m[1][0].lower() + m[1][1:]
    if how == "its very first step overshot so far that its numbers were no longer finite":
        assert step == 1, s
        return
    m = re.fullmatch(
        r"(the steps overshot further and further, and|its steps overshot so far that) at step "
        r"([\d,]+) its numbers were no longer finite",
        how,
    )
    assert m, s
    assert whole(m[2]) == step, s
    assert (m[1].startswith("the steps")) == (runs.loss_last > runs.loss_low), s


def check_readout(metric: str, numbers: str, p: dict[str, Any]) -> None:
    """At one progress event: the sharpness against its line, and the step's numbers."""
    if p["sharpness"] is None:
        assert metric == "", metric
    else:
        m = re.fullmatch(rf"Sharpness {N}, (on|under|over) its line 2/η = {N}\.", metric)
        assert m, metric
        agrees(m[1], p["sharpness"])
        agrees(m[3], p["edge"])
        share = p["sharpness"] / p["edge"]
        where = "on" if abs(share - 1) <= NEAR else "under" if share < 1 else "over"
        assert m[2] == where, metric
    m = re.fullmatch(
        rf"Step ([\d,]+): loss (?:{N}|no longer finite)(?:, sharpness {N})?\.", numbers
    )
    assert m, numbers
    assert whole(m[1]) == p["step"], numbers
    assert (m[2] is None) == (p["loss"] is None), numbers
    if m[2]:
        agrees(m[2], p["loss"])
    assert (m[3] is None) == (p["sharpness"] is None), numbers
    if m[3]:
        agrees(m[3], p["sharpness"])


def check_dial(s: str, rate: float, sharpness: float | None, schedule: str) -> None:
    """The words under the dial: the step, its line, and what a bowl as sharp as the valley
    now would do under it, in an order the printed numbers show."""
    m = re.fullmatch(
        rf"Step size η = {N}, so its line is 2/η = {N}: on a bowl that curves more sharply than "
        rf"that, these steps fly off\.(?: On a bowl as sharp as the valley is now \({N}\) they "
        r"would (fly off|zig-zag|crawl|settle)\.| Press Play to see how sharp the network's "
        r"valley is\.)(.*)",
        s,
    )
    assert m, s
    agrees(m[1], rate, 2)
    agrees(m[2], 2 / rate)
    assert m[5].startswith(SCHEDULE_SAID[schedule]), s
    assert bool(m[5]) == (schedule != "constant"), s
    assert (m[3] is None) == (sharpness is None), s
    if sharpness is None:
        return
    agrees(m[3], sharpness)
    bend = rate * sharpness
    word = (
        "fly off" if bend > 2 else "zig-zag" if bend > 1 else "crawl" if bend < 0.05 else "settle"
    )
    assert m[4] == word, s
    assert (value(m[3]) > value(m[2])) == (word == "fly off"), s


def check_slice(s: str, answer: dict[str, Any]) -> None:
    m = re.search(r"\(the principal components of its path, (\d+)% of its movement\)", s)
    assert m, s
    assert int(m[1]) == round(100 * answer["explained"]), s
    assert f"has {answer['weights']:,} directions, one for each weight" in s, s


def check(c: dict[str, Any], said: dict[str, Any]) -> None:
    text = repr(said)
    for bad in ("NaN", "Infinity", "undefined", "—", "null"):
        assert bad not in text, (bad, text)
    assert said["near"] == NEAR
    assert said["guesses"] == ["same", "fall", "edge", "fly"]
    check_verdict(said["verdict"], c)
    for metric, numbers, dial, p in zip(
        said["metric"], said["numbers"], said["dial"], c["events"], strict=True
    ):
        check_readout(metric, numbers, p)
        check_dial(dial, p["learning_rate"], p["sharpness"], c["schedule"])
    check_dial(said["idle"], c["rate"], None, c["schedule"])
    if c["slice"]:
        check_slice(said["slice"], c["slice"])


#: A number as Python's "g" prints it (the host's sentences).
G = r"(-?[\d.]+(?:e[+-]\d+)?)"


def near_(text: str, v: float) -> None:
    """``text`` is ``v`` printed with at least three significant figures."""
    assert abs(float(text) - v) <= 0.005 * abs(v) + 1e-12, (text, v)


def check_summary(c: dict[str, Any]) -> None:
    """The host's own sentence at the end (a notebook's `w.summary`, the page's status line):
    each claim against the run's measures, each number as printed."""
    end, runs = c["end"], Measures(c)
    summary = end["summary"]
    if end["outcome"] == "flew-off":
        assert summary.startswith(f"At step {end['step']:,} the network flew off"), summary
        return
    m = re.fullmatch(
        rf"After ([\d,]+) steps the loss is {G}; the valley's sharpness (.*)\.", summary
    )
    assert m, summary
    assert whole(m[1]) == end["step"]
    near_(m[2], runs.loss_last)
    said, first, last, line = m[3], runs.s[0], runs.s[-1], runs.pairs[-1][1]
    if t := re.fullmatch(
        rf"(?:rose from {G} to its line|began at {G}, (over|already near) its line) 2/η = {G},? "
        rf"and over the last third of the run stayed {WITHIN} of it, ending at {G}",
        said,
    ):
        assert end["outcome"] == "edge", said
        assert runs.held(), said
        near_(t[1] or t[2], first)
        near_(t[4], line)
        near_(t[5], last)
        if t[1]:
            assert first <= (1 - NEAR) * line, said
        else:
            assert (first > line) == (t[3] == "over"), said
            assert first > (1 - NEAR) * line, said
    elif t := re.fullmatch(rf"rose from {G} to {G}, staying under its line 2/η = {G}", said):
        near_(t[1], first)
        near_(t[2], last)
        near_(t[3], line)
        assert last > first, said
        assert not runs.over(), said
        assert value(t[2]) < value(t[3]), said
    elif t := re.fullmatch(
        rf"rose from {G} to {G}, going over its line 2/η = {G} at times without staying near it",
        said,
    ):
        near_(t[1], first)
        near_(t[2], last)
        assert last > first, said
        assert runs.over(), said
        assert not runs.held(), said
    elif t := re.fullmatch(rf"fell from {G} to {G} \(its line 2/η = {G}\)", said):
        near_(t[1], first)
        near_(t[2], last)
        assert last < first * (1 - SAME), said
    elif t := re.fullmatch(
        rf"ended about where it began, at {G} from {G} \(its line 2/η = {G}\)", said
    ):
        near_(t[1], last)
        near_(t[2], first)
        assert abs(last - first) <= SAME * first, said
    else:
        raise AssertionError(f"a summary no check reads: {summary}")


@pytest.fixture(scope="module")
def edge_runs() -> list[dict[str, Any]]:
    return [run_case(*r) for r in RUNS]


def test_every_edge_sentence_is_true_of_its_run(
    edge_runs: list[dict[str, Any]], tmp_path: Path
) -> None:
    for c, said in zip(edge_runs, told(edge_runs, tmp_path), strict=True):
        check(c, said)
        check_summary(c)


def test_the_runs_cover_every_verdict(edge_runs: list[dict[str, Any]]) -> None:
    """The step sizes chosen reach every outcome the verdict tells, and both ways of flying
    off and of rising (so each template above is checked against a real run)."""
    outcomes = {c["end"]["outcome"] for c in edge_runs}
    assert outcomes == {"edge", "rose", "fell", "same", "flew-off"}, outcomes
