"""The notebook traits, made from the widget contract (:mod:`foghill.contract`).

A trait holds what can travel to a browser (finite numbers, lists of them, text); the
contract's bounds are checked by the request models when the widget recomputes, so a value
out of bounds is kept and reported in ``error`` rather than refused by the trait.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, cast

import numpy as np
import traitlets

from foghill.api_models import (
    ContoursResponse,
    DescendResponse,
    LandscapeResponse,
    LineFitResponse,
    RaceResponse,
    SweepResponse,
)
from foghill.contract import Key
from foghill.notebook.runs import DescentRun, FitRun, RaceRun, json_state

__all__ = [
    "FiniteFloatTrait",
    "Numbers",
    "Place",
    "Span",
    "contours_trait",
    "descent_trait",
    "fit_trait",
    "float_list",
    "hill_or_surface_trait",
    "landscape_trait",
    "names_trait",
    "place_trait",
    "race_trait",
    "rates_trait",
    "span_trait",
    "sweep_trait",
    "trait_for",
]


def _dump(value: Any, _widget: Any) -> Any:
    return None if value is None else json_state(value)


def _run_json(value: DescentRun | FitRun | RaceRun | None, _widget: Any) -> Any:
    return None if value is None else value.to_json()


def _landscape_from_json(value: Any, _widget: Any) -> LandscapeResponse | None:
    return None if value is None else LandscapeResponse.model_validate(value)


def _descent_from_json(value: Any, _widget: Any) -> DescentRun | None:
    return None if value is None else DescentRun(DescendResponse.model_validate(value))


def _fit_from_json(value: Any, _widget: Any) -> FitRun | None:
    return None if value is None else FitRun(LineFitResponse.model_validate(value))


class FiniteFloatTrait(traitlets.Float):  # type: ignore[type-arg]
    """A float that can travel to the browser: NaN and infinity are refused."""

    info_text = "a finite number"

    def validate(self, obj: Any, value: Any) -> float:
        value = super().validate(obj, value)
        if not math.isfinite(value):
            self.error(obj, value)
        return cast(float, value)


class Numbers(traitlets.List):  # type: ignore[type-arg]
    """A list of finite floats; lists, tuples, numpy arrays and pandas Series are accepted."""

    info_text = "a sequence of finite numbers"

    def __init__(self, default: Sequence[float] = (), **kwargs: Any) -> None:
        super().__init__(traitlets.Float(), default_value=list(default), **kwargs)

    def validate(self, obj: Any, value: Any) -> list[float]:
        try:
            numbers = float_list(value)
        except (TypeError, ValueError):
            self.error(obj, value)
        if not all(math.isfinite(v) for v in numbers):
            self.error(obj, value)
        return numbers


def float_list(values: Any) -> list[float]:
    """Floats from a list, a tuple, a 1-D numpy array or a pandas Series."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"expected a sequence of numbers, got {type(values).__name__}")
    arr = np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else list(values))
    if arr.ndim != 1:
        raise ValueError(f"expected one column of numbers, got an array of shape {arr.shape}")
    return [float(v) for v in arr.astype(float)]


class Place(traitlets.TraitType):  # type: ignore[type-arg]
    """Where a ball is dropped: a number (a hill), ``[x, y]`` (a surface), or None."""

    info_text = "a finite number, a pair [x, y] of them, or None"

    def validate(self, obj: Any, value: Any) -> float | list[float] | None:
        if value is None and self.allow_none:
            return None
        if isinstance(value, int | float | np.integer | np.floating) and not isinstance(
            value, bool
        ):
            if math.isfinite(float(value)):
                return float(value)
            self.error(obj, value)
        try:
            pair = float_list(value)
        except (TypeError, ValueError):
            self.error(obj, value)
        if len(pair) != 2 or not all(math.isfinite(v) for v in pair):
            self.error(obj, value)
        return pair


class Span(traitlets.TraitType):  # type: ignore[type-arg]
    """A domain: ``[lo, hi]``, one ``[lo, hi]`` per variable (``[[xlo, xhi], [ylo, yhi]]``),
    or None (which way round they go is checked by the request models, in words)."""

    info_text = "[lo, hi], [[x_lo, x_hi], [y_lo, y_hi]] or None"

    def validate(self, obj: Any, value: Any) -> list[float] | list[list[float]] | None:
        if value is None:
            return None
        try:
            if isinstance(value, str | bytes):
                raise TypeError
            items = list(value)
            nested = bool(items) and not isinstance(
                items[0], int | float | np.integer | np.floating
            )
            pairs = [float_list(p) for p in items] if nested else [float_list(items)]
        except (TypeError, ValueError):
            self.error(obj, value)
        if not (1 <= len(pairs) <= 2) or any(
            len(p) != 2 or not all(math.isfinite(v) for v in p) for p in pairs
        ):
            self.error(obj, value)
        return pairs if nested else pairs[0]


def names_trait(key: Key) -> Any:
    """A list of names (the racing optimizers), checked by the request models."""
    return traitlets.List(traitlets.Unicode(), default_value=list(key.default), help=key.help).tag(
        sync=True
    )


def place_trait(key: Key) -> Any:
    return Place(key.default, allow_none=key.nullable, help=key.help).tag(sync=True)


def span_trait(key: Key) -> Any:
    return Span(key.default, allow_none=True, help=key.help).tag(sync=True)


def rates_trait(key: Key) -> Any:
    """A list of step sizes of any length, or None (the engine's picks)."""
    return Numbers(key.default or (), allow_none=True, help=key.help).tag(sync=True)


def trait_for(key: Key) -> traitlets.TraitType[Any, Any]:
    """The synced trait that holds a contract key, with its default and help."""
    help_text = key.help
    if key.shape == "number" or key.shape == "start":
        trait: traitlets.TraitType[Any, Any] = FiniteFloatTrait(
            key.default, allow_none=cast(Any, key.nullable), help=help_text
        )
    elif key.shape == "whole":
        trait = traitlets.Int(key.default, help=help_text)
    elif key.shape == "text":
        trait = traitlets.Unicode(key.default, help=help_text)
    elif key.nullable:  # a pair of numbers, or none (a domain)
        trait = traitlets.List(
            FiniteFloatTrait(), default_value=key.default, allow_none=True, minlen=2, maxlen=2,
            help=help_text,
        )  # fmt: skip
    else:
        trait = Numbers(key.default, help=help_text)
    return trait.tag(sync=True)


def landscape_trait() -> Any:
    return traitlets.Instance(LandscapeResponse, allow_none=True).tag(
        sync=True, to_json=_dump, from_json=_landscape_from_json
    )


def descent_trait() -> Any:
    return traitlets.Instance(DescentRun, allow_none=True).tag(
        sync=True, to_json=_run_json, from_json=_descent_from_json
    )


def _contours_from_json(value: Any, _widget: Any) -> ContoursResponse | None:
    return None if value is None else ContoursResponse.model_validate(value)


def _either_from_json(value: Any, _widget: Any) -> LandscapeResponse | ContoursResponse | None:
    if value is None:
        return None
    if value.get("dims") == 2:
        return ContoursResponse.model_validate(value)
    return LandscapeResponse.model_validate(value)


def _race_from_json(value: Any, _widget: Any) -> RaceRun | None:
    return None if value is None else RaceRun(RaceResponse.model_validate(value))


def _sweep_from_json(value: Any, _widget: Any) -> SweepResponse | None:
    return None if value is None else SweepResponse.model_validate(value)


def contours_trait() -> Any:
    return traitlets.Instance(ContoursResponse, allow_none=True).tag(
        sync=True, to_json=_dump, from_json=_contours_from_json
    )


def hill_or_surface_trait() -> Any:
    """A 1-D hill's curve (``/api/landscape``) or a surface from above (``/api/contours``)."""
    return traitlets.Union(
        [traitlets.Instance(LandscapeResponse), traitlets.Instance(ContoursResponse)],
        allow_none=True,
    ).tag(sync=True, to_json=_dump, from_json=_either_from_json)


def race_trait() -> Any:
    return traitlets.Instance(RaceRun, allow_none=True).tag(
        sync=True, to_json=_run_json, from_json=_race_from_json
    )


def sweep_trait() -> Any:
    return traitlets.Instance(SweepResponse, allow_none=True).tag(
        sync=True, to_json=_dump, from_json=_sweep_from_json
    )


def fit_trait() -> Any:
    return traitlets.Instance(FitRun, allow_none=True).tag(
        sync=True, to_json=_run_json, from_json=_fit_from_json
    )
