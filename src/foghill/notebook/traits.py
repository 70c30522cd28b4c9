"""The notebook traits, made from the widget contract (:mod:`foghill.contract`).

A trait holds what can travel to a browser (finite numbers, lists of them, text); the
contract's bounds are checked by the request models when the widget recomputes, so a value
out of bounds is kept and reported in ``error`` rather than refused by the trait. A value a
trait cannot hold is refused at once with a :class:`SettingTraitError`, in the words of
:mod:`.checks` (an ``fh.SettingError`` that is also traitlets' ``TraitError``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, cast

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
from foghill.errors import SettingError
from foghill.notebook.checks import must_be, number, numbers, whole
from foghill.notebook.runs import DescentRun, FitRun, RaceRun, json_state

__all__ = [
    "FiniteFloatTrait",
    "Names",
    "Numbers",
    "Place",
    "SettingTraitError",
    "Span",
    "TextTrait",
    "WholeTrait",
    "contours_trait",
    "descent_trait",
    "fit_trait",
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


class SettingTraitError(SettingError, traitlets.TraitError):
    """A value a trait cannot hold, in one sentence (``x[2] must be a finite number (got
    nan)``): an ``fh.SettingError``, and a ``TraitError`` for code that expects traitlets'."""


def _held(check: Callable[[], Any]) -> Any:
    """``check()``, its refusal raised as a SettingTraitError (same words)."""
    try:
        return check()
    except SettingError as exc:
        raise SettingTraitError(str(exc)) from None


def _numbers(values: Any, what: str) -> list[float]:
    return cast(list[float], _held(lambda: numbers(values, what)))


class _Worded:
    """traitlets' own refusal ("The 'x' trait of a LineFit instance expected ...") replaced
    by the sentence ``<name> must be <info_text> (got <value>)``."""

    name: str | None
    info_text: str

    def error(self, obj: Any, value: Any, error: Any = None, info: Any = None) -> NoReturn:
        raise SettingTraitError(str(must_be(self.name or "the value", self.info_text, value)))


class FiniteFloatTrait(_Worded, traitlets.Float):  # type: ignore[type-arg]
    """A float that can travel to the browser: NaN and infinity are refused."""

    info_text = "a finite number"

    def validate(self, obj: Any, value: Any) -> float:
        return cast(float, _held(lambda: number(value, self.name or "the value")))


class WholeTrait(_Worded, traitlets.Int):  # type: ignore[type-arg]
    """A whole number (not 2.5, not True)."""

    info_text = "a whole number"

    def validate(self, obj: Any, value: Any) -> int:
        return cast(int, _held(lambda: whole(value, self.name or "the value")))


class TextTrait(_Worded, traitlets.Unicode):  # type: ignore[type-arg]
    """Text."""

    info_text = "text"


class Numbers(_Worded, traitlets.List):  # type: ignore[type-arg]
    """A list of finite floats; lists, tuples, numpy arrays and pandas Series are accepted.
    With ``pair=True``, exactly two of them (a domain ``[lo, hi]``)."""

    info_text = "a list of numbers"

    def __init__(
        self, default: Sequence[float] | None = (), pair: bool = False, **kwargs: Any
    ) -> None:
        start = None if default is None else list(default)
        super().__init__(traitlets.Float(), default_value=start, **kwargs)
        self.pair = pair

    def set(self, obj: Any, value: Any) -> None:
        # traitlets' List takes text as a list of one ("123" -> ["123"]); numbers are not text.
        traitlets.TraitType.set(self, obj, value)

    def validate(self, obj: Any, value: Any) -> list[float]:
        what = self.name or "the value"
        found = _numbers(value, what)
        if self.pair and len(found) != 2:
            raise SettingTraitError(
                f"{what} must be a pair [lo, hi] of numbers (got a list of {len(found)})"
            )
        return found


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


class Place(_Worded, traitlets.TraitType):  # type: ignore[type-arg]
    """Where a ball is dropped: a number (a hill), ``[x, y]`` (a surface), or None."""

    info_text = "a number or a pair [x, y]"

    def validate(self, obj: Any, value: Any) -> float | list[float] | None:
        if value is None and self.allow_none:
            return None
        what = self.name or "start"
        if _is_number(value):
            return cast(float, _held(lambda: number(value, what)))
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            self.error(obj, value)
        pair = _numbers(value, what)
        if len(pair) != 2:
            raise SettingTraitError(f"{what} must be {self.info_text} (got a list of {len(pair)})")
        return pair


class Span(_Worded, traitlets.TraitType):  # type: ignore[type-arg]
    """A domain: ``[lo, hi]``, one ``[lo, hi]`` per variable (``[[xlo, xhi], [ylo, yhi]]``),
    or None (which way round they go is checked by the request models, in words)."""

    info_text = "[lo, hi], [[x_lo, x_hi], [y_lo, y_hi]] or None"

    def validate(self, obj: Any, value: Any) -> list[float] | list[list[float]] | None:
        if value is None:
            return None
        what = self.name or "domain"
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            self.error(obj, value)
        items = list(value)
        nested = bool(items) and not _is_number(items[0])
        if nested:
            pairs = [_numbers(p, f"{what}[{i}]") for i, p in enumerate(items)]
        else:
            pairs = [_numbers(items, what)]
        if not (1 <= len(pairs) <= 2) or any(len(p) != 2 for p in pairs):
            self.error(obj, value)
        return pairs if nested else pairs[0]


class Names(_Worded, traitlets.List):  # type: ignore[type-arg]
    """A list of names (the racing optimizers)."""

    info_text = "a list of names"

    def validate(self, obj: Any, value: Any) -> list[str]:
        what = self.name or "the value"
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            self.error(obj, value)
        items = list(value)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise SettingTraitError(str(must_be(f"{what}[{i}]", "text", item)))
        return items


def names_trait(key: Key) -> Any:
    """A list of names (the racing optimizers), checked by the request models."""
    return Names(traitlets.Unicode(), default_value=list(key.default), help=key.help).tag(sync=True)


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
        trait = WholeTrait(key.default, help=help_text)
    elif key.shape == "text":
        trait = TextTrait(key.default, help=help_text)
    elif key.nullable:  # a pair of numbers, or none (a domain)
        trait = Numbers(key.default, pair=True, allow_none=True, help=help_text)
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
