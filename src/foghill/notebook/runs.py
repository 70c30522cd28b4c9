"""What a run gives back in a notebook: the API's answer, with the engine's field names.

:class:`DescentRun` is one roll of the ball (``/api/descend``), :class:`FitRun` one walk
of the line (``/api/linefit``), :class:`RaceRun` several balls at once (``/api/race``); each
holds the response itself and reads it as numpy arrays.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from foghill.api_models import (
    DescendResponse,
    LeastSquaresLine,
    LineFitResponse,
    RaceResponse,
    RacerRun,
    RegimeCheck,
    Valley,
)

__all__ = ["DescentRun", "FitRun", "RaceRun", "json_state"]

FloatArray = NDArray[np.float64]


def json_state(model: Any) -> dict[str, Any]:
    """A response as the server sends it: NaN and infinities become null (strict JSON), so a
    view gets exactly what the page gets, never the text "nan"."""
    return cast(dict[str, Any], json.loads(model.model_dump_json()))


def _frozen(values: Any) -> FloatArray:
    arr = np.array(values, dtype=float)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class DescentRun:
    """One roll of the ball: the engine's Trajectory fields, plus what the API adds.

    ``positions`` (n+1,), ``losses`` (n+1,), ``gradients`` (n+1,), ``steps`` (n,) as
    read-only arrays, start first; ``outcome``, ``settled``, ``learning_rate``,
    ``optimizer``, ``n_steps`` as in :class:`foghill.Trajectory`. ``valley`` and ``regime``
    are the API's extras, and ``response`` is the ``/api/descend`` answer itself (or one of
    a race's runs, which has no ``regime``). Its numbers are the answer's, at the precision a
    screen shows (foghill.precision); ``foghill.descend`` gives the engine's in full.
    """

    response: DescendResponse | RacerRun

    @property
    def positions(self) -> FloatArray:
        return _frozen(self.response.position)

    @property
    def losses(self) -> FloatArray:
        return _frozen(self.response.loss)

    @property
    def gradients(self) -> FloatArray:
        return _frozen(self.response.gradient)

    @property
    def steps(self) -> FloatArray:
        return _frozen(np.diff(self.positions, axis=0))

    @property
    def outcome(self) -> str:
        return self.response.outcome

    @property
    def settled(self) -> bool:
        return self.response.settled

    @property
    def n_steps(self) -> int:
        return self.response.n_steps

    @property
    def learning_rate(self) -> float:
        return self.response.learning_rate

    @property
    def optimizer(self) -> str:
        return self.response.optimizer

    @property
    def final(self) -> float | tuple[float, float]:
        """Where the ball stopped: a number on a hill, (x, y) on a surface."""
        last = self.positions[-1]
        if last.ndim == 0:
            return float(last)
        return float(last[0]), float(last[1])

    @property
    def valley(self) -> Valley | None:
        return self.response.valley

    @property
    def regime(self) -> RegimeCheck | None:
        return self.response.regime if isinstance(self.response, DescendResponse) else None

    def to_json(self) -> dict[str, Any]:
        """The ``/api/descend`` JSON (what the view is sent)."""
        return json_state(self.response)

    def __repr__(self) -> str:
        final = self.final
        where = f"{final:.6g}" if isinstance(final, float) else f"({final[0]:.6g}, {final[1]:.6g})"
        return (
            f"DescentRun(outcome={self.outcome!r}, n_steps={self.n_steps}, "
            f"final={where}, learning_rate={self.learning_rate:g}, "
            f"optimizer={self.optimizer!r})"
        )


@dataclass(frozen=True, eq=False)
class RaceRun:
    """A race (``/api/race``): one :class:`DescentRun` per racer, in the racers' order.

    The race is over when its slowest racer is: ``n_steps`` and ``outcome`` are that one's.
    """

    response: RaceResponse

    @property
    def runs(self) -> list[DescentRun]:
        return [DescentRun(r) for r in self.response.runs]

    @property
    def n_steps(self) -> int:
        return max(r.n_steps for r in self.response.runs)

    @property
    def outcome(self) -> str:
        return max(self.response.runs, key=lambda r: r.n_steps).outcome

    def to_json(self) -> dict[str, Any]:
        """The ``/api/race`` JSON (what the view is sent)."""
        return json_state(self.response)

    def __repr__(self) -> str:
        racers = ", ".join(f"{r.optimizer} {r.outcome} in {r.n_steps}" for r in self.response.runs)
        return f"RaceRun({racers})"


@dataclass(frozen=True, eq=False)
class FitRun:
    """One walk of the line: ``w`` and ``b`` after each step, the loss, its gradient.

    ``positions`` is (n+1, 2) of (w, b), as an engine Trajectory over the line's two knobs;
    ``best`` is the line the closed form gives; ``response`` is the ``/api/linefit`` answer.
    """

    response: LineFitResponse

    @property
    def w(self) -> FloatArray:
        return _frozen(self.response.w)

    @property
    def b(self) -> FloatArray:
        return _frozen(self.response.b)

    @property
    def positions(self) -> FloatArray:
        return _frozen(np.column_stack([self.response.w, self.response.b]))

    @property
    def losses(self) -> FloatArray:
        return _frozen(self.response.loss)

    @property
    def gradients(self) -> FloatArray:
        return _frozen(np.column_stack([self.response.grad_w, self.response.grad_b]))

    @property
    def outcome(self) -> str:
        return self.response.outcome

    @property
    def n_steps(self) -> int:
        return self.response.n_steps

    @property
    def final(self) -> tuple[float, float]:
        """The last line, as (w, b)."""
        return float(self.response.w[-1]), float(self.response.b[-1])

    @property
    def best(self) -> LeastSquaresLine:
        return self.response.best

    def to_json(self) -> dict[str, Any]:
        """The ``/api/linefit`` JSON (what the view is sent)."""
        return json_state(self.response)

    def __repr__(self) -> str:
        w, b = self.final
        return (
            f"FitRun(outcome={self.outcome!r}, n_steps={self.n_steps}, w={w:.6g}, b={b:.6g}, "
            f"loss={self.response.loss[-1]:.6g})"
        )
