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

from foghill.api_models import DescendResponse, LandscapeResponse, LineFitResponse
from foghill.contract import Key
from foghill.notebook.runs import DescentRun, FitRun, json_state

__all__ = [
    "FiniteFloatTrait",
    "Numbers",
    "descent_trait",
    "fit_trait",
    "float_list",
    "landscape_trait",
    "trait_for",
]


def _dump(value: Any, _widget: Any) -> Any:
    return None if value is None else json_state(value)


def _run_json(value: DescentRun | FitRun | None, _widget: Any) -> Any:
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


def fit_trait() -> Any:
    return traitlets.Instance(FitRun, allow_none=True).tag(
        sync=True, to_json=_run_json, from_json=_fit_from_json
    )
