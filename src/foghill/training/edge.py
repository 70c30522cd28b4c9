"""The edge demo (issue 22): a small network learns a wavy curve by plain gradient descent on
all its points, and its valley's sharpness is measured as it learns.

The model is :func:`foghill.engine.networks.tiny` (made-up teaching data); every step looks
at all 60 points (the batch is the whole set) and takes the step size of the run's schedule
(:mod:`foghill.engine.schedules`). Every progress event (every :data:`EVERY` steps at most)
carries, besides the loss, ``sharpness`` (the top eigenvalue of the loss's Hessian, by power
iteration on exact Hessian-vector products, :mod:`foghill.engine.sharpness`), the step size
at that step (``learning_rate``) and its line ``edge`` = 2/eta: a bowl sharper than that
throws plain gradient descent off.

Start info: ``x``, ``y`` (the points), ``grid`` (where the curve is drawn), ``weights``.
View: ``curve``, the network's output at ``grid``. The end adds ``outcome`` (what the
sharpness did: :data:`OUTCOMES`), ``sharpness`` (the last measured), ``peak`` (the highest)
and ``edge`` (the last line), and says it in its summary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, ClassVar

import numpy as np
from pydantic import BaseModel, Field

from foghill.engine.arrival import significant
from foghill.engine.contours import contour_map
from foghill.engine.models.minibatch import Evaluation, FloatArray, IntArray, Model, Split, Walk
from foghill.engine.networks import Network, tiny
from foghill.engine.optimizers import Optimizer
from foghill.engine.schedules import rate_at, scheduled_gd
from foghill.engine.sharpness import Curvature, top_curvature
from foghill.engine.slices import path_plane, slice_heights
from foghill.errors import BadRequest
from foghill.snippets.edge import edge_code
from foghill.training.demo import Demo, rounded
from foghill.training.requests import AskRequest, EdgeAsk, EdgeRequest, TrainRequest

__all__ = ["EVERY", "OUTCOMES", "EdgeDemo", "EdgeRun", "NetworkModel", "judge"]

#: The sharpness is measured at least every this many steps.
EVERY = 10
#: Where the network's curve is drawn: this many evenly spaced x on [-1, 1].
GRID = 81
#: "On its line": within this share of 2/eta (over the last third of the run).
NEAR = 0.15
#: A change of the sharpness smaller than this share of its start is "stayed the same".
SAME = 0.15
#: What the sharpness did over a run: rose to its line and stayed near it ("edge"), flew
#: off, rose but stayed under its line, fell, or stayed about the same.
OUTCOMES = ("edge", "flew-off", "rose", "fell", "same")
#: The landscape slice: points per side, and contour levels.
SLICE_GRID = 41
SLICE_LEVELS = 12
#: The sharpness's stopping rule in a run (foghill.engine.sharpness): Lanczos's residual,
#: relative to the value, from a cold start and then from the last direction.
TRACK_TOLERANCE = 1e-4


class EdgeRun(BaseModel):
    """What ``<fh-edge>`` publishes once a run has ended (its ``run`` output, for a lesson's
    bound numbers): the end's facts and the first sharpness measured."""

    edge: float = Field(description="the line 2/η at the last step")
    sharpness: float | None = Field(description="the last sharpness measured")
    peak: float | None = Field(description="the highest sharpness measured")
    first: float | None = Field(description="the sharpness at the start")


@dataclass
class NetworkModel:
    """The walk's view of :class:`~foghill.engine.networks.Network` (the minibatch Model),
    which keeps the run's own measurements: the sharpness's last direction (each measure
    starts from it), and every measure taken (``steps``, ``sharpness``, ``edge``)."""

    network: Network
    n_train: int
    size: int
    metric_name: str = "loss"
    direction: FloatArray | None = None
    #: The walk's point every EVERY steps (the path the landscape slice draws).
    path: list[FloatArray] = field(default_factory=list)
    calls: int = 0
    steps: list[int] = field(default_factory=list)
    sharpness: list[float] = field(default_factory=list)
    edge: list[float] = field(default_factory=list)
    #: The network's seed (its start is ``tiny(seed).theta0``), and the start handed out.
    seed: int | None = None
    start: FloatArray | None = None

    def init(self, rng: np.random.Generator) -> FloatArray:
        self.start = self.network.theta0.copy()
        return self.start

    def loss_grad(self, theta: FloatArray, rows: IntArray) -> tuple[float, FloatArray]:
        if self.calls % EVERY == 0:  # the walk asks once per step, from its point there
            self.path.append(theta)
        self.calls += 1
        # The whole set, in whatever order the walk drew it: the very numbers of grad(theta).
        return self.network.loss_grad(theta, None if rows.size == self.n_train else rows)

    def evaluate(self, theta: FloatArray, split: Split) -> tuple[float, float]:
        loss = self.network.loss(theta)
        return loss, loss

    def measure(self, theta: FloatArray, step: int, rate: float) -> float:
        """The sharpness at ``theta`` (recorded with its step and its line 2/rate)."""
        if self.direction is None and self.seed is not None and theta is self.start:
            found = _first_curvature(self.seed)  # every run from this seed starts here
        else:
            found = top_curvature(self.network, theta, self.direction, tolerance=TRACK_TOLERANCE)
        if np.isfinite(found.direction).all():
            self.direction = found.direction
        self.steps.append(step)
        self.sharpness.append(found.value)
        self.edge.append(edge_line(rate))
        return found.value


def edge_line(rate: float) -> float:
    """The line 2/rate a sharpness must stay under; infinitely high for a rate that has
    decayed to 0 (a rate as small as 5e-324 does, halved by its schedule)."""
    return 2 / rate if rate > 0 else math.inf


@lru_cache(maxsize=16)
def _first_curvature(seed: int) -> Curvature:
    """The sharpness (and its direction) where every run from ``seed`` starts: measured once,
    not once per learner (twenty pressing Play at once each paid it before their first
    picture)."""
    network = tiny(seed)
    return top_curvature(network, network.theta0, tolerance=TRACK_TOLERANCE)


def judge(sharpness: list[float], edge: list[float], flew_off: bool) -> str:
    """What the sharpness did (one of :data:`OUTCOMES`): ``flew-off`` if the walk did;
    ``edge`` if over the last third of the measures every one lies within :data:`NEAR` of
    its line; else ``rose``, ``fell`` or ``same`` by how the last measure compares with the
    first (:data:`SAME`)."""
    if flew_off:
        return "flew-off"
    pairs = [(s, e) for s, e in zip(sharpness, edge, strict=True) if math.isfinite(s)]
    if len(pairs) < 2:
        return "same"
    last = pairs[len(pairs) * 2 // 3 :]
    if all(abs(s / e - 1) <= NEAR for s, e in last):
        return "edge"
    first, end = pairs[0][0], pairs[-1][0]
    if end > first * (1 + SAME):
        return "rose"
    if end < first * (1 - SAME):
        return "fell"
    return "same"


def _num(value: float, figures: int = 3) -> str:
    return significant(value, figures)  # as the page prints its own numbers


def _apart(a: float, b: float) -> int:
    """The significant figures (at least 3) at which ``a`` and ``b`` print differently."""
    return next((f for f in range(3, 8) if _num(a, f) != _num(b, f)), 3)


def _sharpness_said(outcome: str, sharpness: list[float], edge: list[float]) -> str:
    """What the sharpness of a run that did not fly off did, each claim true of its measures
    (each against its own line): "under its line" only if no measure went over it, "near
    it" as :func:`judge` found it, "about where it began" within :data:`SAME`."""
    pairs = [(s, e) for s, e in zip(sharpness, edge, strict=True) if math.isfinite(s)]
    if not pairs:
        return "was never measured"
    first, (last, line) = pairs[0][0], pairs[-1]
    over = any(s > e for s, e in pairs)
    near = f"within {round(NEAR * 100)}% of"
    if outcome == "edge":
        if first > line * (1 - NEAR):
            f = _apart(first, line)
            where = "over" if first > line else "already near"
            return (
                f"began at {_num(first, f)}, {where} its line 2/η = {_num(line, f)}, and over "
                f"the last third of the run stayed {near} it, ending at {_num(last)}"
            )
        return (
            f"rose from {_num(first)} to its line 2/η = {_num(line)} and over the last third "
            f"of the run stayed {near} it, ending at {_num(last)}"
        )
    if outcome == "rose":
        if over:
            return (
                f"rose from {_num(first)} to {_num(last)}, going over its line 2/η = "
                f"{_num(line)} at times without staying near it"
            )
        f = _apart(last, line)
        return (
            f"rose from {_num(first)} to {_num(last, f)}, staying under its line 2/η = "
            f"{_num(line, f)}"
        )
    if outcome == "fell":
        return f"fell from {_num(first)} to {_num(last)} (its line 2/η = {_num(line)})"
    return (
        f"ended about where it began, at {_num(last)} from {_num(first)} (its line 2/η = "
        f"{_num(line)})"
    )


class EdgeDemo(Demo):
    """The edge demo (see the module)."""

    name = "edge"
    tag = "fh-edge"
    request_model: ClassVar[type[TrainRequest]] = EdgeRequest
    ask_model: ClassVar[type[AskRequest] | None] = EdgeAsk
    noise: ClassVar[bool] = False

    def model(self, request: TrainRequest) -> NetworkModel:
        network = tiny(request.seed)
        return NetworkModel(network, network.x.size, network.size, seed=request.seed)

    def check(self, request: TrainRequest, model: Model) -> None:
        if request.optimizer != "gd" or request.batch_size != model.n_train:
            raise BadRequest(
                f"the edge demo walks by plain gradient descent on all {model.n_train} points "
                f"(optimizer gd, batch_size {model.n_train}), the walk whose limit is 2/η",
                field="optimizer" if request.optimizer != "gd" else "batch_size",
            )

    def stride(self, request: TrainRequest) -> int:
        return max(1, min(EVERY, math.ceil(request.steps / self.progress_events)))

    def rate(self, request: TrainRequest, step: int) -> float:
        assert isinstance(request, EdgeRequest)
        return rate_at(request.schedule, request.learning_rate, step, request.steps)

    def optimizer(self, request: TrainRequest) -> Optimizer:
        return scheduled_gd(partial(self.rate, request), request.learning_rate)

    def info(self, request: TrainRequest, model: Model) -> dict[str, Any]:
        assert isinstance(model, NetworkModel)
        net = model.network
        return {
            "x": [rounded(v, 4) for v in net.x],
            "y": [rounded(v, 4) for v in net.y],
            "grid": [rounded(v, 4) for v in np.linspace(-1, 1, GRID)],
            "weights": net.size,
            "train_size": model.n_train,
        }

    def view(self, request: TrainRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        assert isinstance(model, NetworkModel)
        curve = model.network.predict(theta, np.linspace(-1, 1, GRID))
        return {"curve": [rounded(float(v), 4) for v in curve]}

    def measures(self, request: TrainRequest, model: Model, walk: Walk) -> dict[str, Any]:
        assert isinstance(model, NetworkModel)
        rate = self.rate(request, walk.step)
        value = model.measure(walk.theta, walk.step, rate)
        return {
            "sharpness": rounded(value, 4),
            "learning_rate": rounded(rate, 6),
            "edge": rounded(edge_line(rate), 4),
        }

    def summary(self, request: TrainRequest, step: int, evaluation: Evaluation) -> str:
        return f"After {step:,} steps the network's loss is {_num(evaluation.loss)}."

    def ending(
        self, request: TrainRequest, model: Model, walk: Walk, reason: str
    ) -> dict[str, Any]:
        assert isinstance(model, NetworkModel)
        outcome = judge(model.sharpness, model.edge, reason == "flew-off")
        found = [s for s in model.sharpness if math.isfinite(s)]
        last = found[-1] if found else float("nan")
        peak = max(found) if found else float("nan")
        edge = model.edge[-1] if model.edge else edge_line(request.learning_rate)
        assert isinstance(request, EdgeRequest)
        code = edge_code(request.learning_rate, request.steps, request.seed, request.schedule)
        facts: dict[str, Any] = {
            "code": code._asdict(),
            "outcome": outcome,
            "sharpness": rounded(last, 4),
            "peak": rounded(peak, 4),
            "edge": rounded(edge, 4),
        }
        if outcome == "flew-off":
            facts["summary"] = (
                f"At step {walk.step:,} the network flew off: its numbers grew too large to be "
                f"finite. The sharpness had reached {_num(peak)}, past its line 2/η = "
                f"{_num(edge)}."
                if found and peak > edge
                else f"At step {walk.step:,} the network flew off: its numbers grew too large "
                "to be finite."
            )
            return facts
        loss = model.network.loss(walk.theta)
        said = _sharpness_said(outcome, model.sharpness, model.edge)
        facts["summary"] = (
            f"After {walk.step:,} steps the loss is {_num(loss)}; the valley's sharpness {said}."
        )
        return facts

    def answer(self, ask: AskRequest, model: Model, theta: FloatArray) -> dict[str, Any]:
        """The landscape slice at this step (``what: "slice"``): the loss over the plane of
        the path's two principal components (:mod:`foghill.engine.slices`), 41 x 41, drawn
        by :func:`~foghill.engine.contours.contour_map`, and the path in it."""
        assert isinstance(model, NetworkModel)
        path = np.array([*model.path, theta])
        plane = path_plane(path)
        drawn = contour_map(slice_heights(model.network.loss, plane, SLICE_GRID), SLICE_LEVELS)
        return {
            "what": "slice",
            "weights": model.size,
            "explained": rounded(plane.explained, 3),
            "path": [[rounded(float(a), 5), rounded(float(b), 5)] for a, b in plane.coords],
            "contours": {
                "domain": [list(pair) for pair in drawn.domain],
                "levels": list(drawn.levels),
                "lines": [{"level": ln.level, "paths": list(ln.paths)} for ln in drawn.lines],
                "bands": [
                    {"lower": b.lower, "upper": b.upper, "paths": list(b.paths)}
                    for b in drawn.bands
                ],
            },
        }
