"""What a person passes to a notebook widget, checked; each mistake gets one plain sentence.

Every refusal made here is a :class:`~foghill.errors.SettingError` that says what was wrong
and what is allowed, echoing the input through :func:`foghill.errors.show` (long text is cut,
lists are counted), so the same mistake reads the same from every widget and every trait:

>>> try:
...     check_settings("Hill", {"lr": 0.1}, ("hill", "learning_rate"))
... except SettingError as exc:
...     print(exc)
Hill has no setting "lr" (did you mean learning_rate?); its settings are: hill, learning_rate
>>> try:
...     numbers([1, 2, float("nan")], "x")
... except SettingError as exc:
...     print(exc)
x[2] must be a finite number (got nan)
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
import numbers as abstract
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

import numpy as np

from foghill.engine import hills
from foghill.engine.landscape import Landscape
from foghill.errors import SettingError, show

__all__ = [
    "built_in",
    "by_position",
    "check_hill",
    "check_settings",
    "closest",
    "hill_name",
    "looks_like_name",
    "must_be",
    "number",
    "numbers",
    "parameters",
    "whole",
    "wrong_dims",
]

# How the landscapes of each number of dimensions are called, one and many.
_ONE = {1: "1-D hill", 2: "2-D surface"}
_MANY = {1: "1-D hills", 2: "2-D surfaces"}


def closest(word: str, names: Iterable[str]) -> str | None:
    """The name nearest to ``word`` by difflib's ratio (at least 0.6), or None.

    Each name is compared whole, without its underscores, and (for a name of several words)
    word by word and by its initials: ``lr`` finds ``learning_rate``, ``batchsize`` finds
    ``batch_size``, ``valley`` finds ``narrow_valley``.
    """
    forms: dict[str, str] = {}
    for name in names:
        parts = [p for p in name.lower().split("_") if p]
        candidates = [name.lower(), "".join(parts)]
        if len(parts) > 1:
            candidates += [*parts, "".join(p[0] for p in parts)]
        for form in candidates:
            forms.setdefault(form, name)
    found = difflib.get_close_matches(str(word).lower(), list(forms), n=1, cutoff=0.6)
    return forms[found[0]] if found else None


def _hint(word: str, names: Iterable[str]) -> str:
    """`` (did you mean learning_rate?)``, or nothing when no name is near."""
    near = closest(word, names)
    return "" if near is None else f" (did you mean {near}?)"


def parameters(function: Callable[..., Any]) -> tuple[str, ...]:
    """The names ``function`` takes one by one (not ``self``, ``*args`` or ``**kwargs``)."""
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    found = inspect.signature(function).parameters.values()
    return tuple(p.name for p in found if p.kind in kinds and p.name != "self")


def by_position(owner: str, init: Callable[..., Any]) -> Callable[..., Any]:
    """``init`` for the class ``owner``, refusing more values by position than it names in a
    sentence (rather than Python's TypeError, which names the private base class that
    defines it); its signature, for help(), stays ``init``'s."""
    names = [
        p.name
        for p in inspect.signature(init).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name != "self"
    ]
    taken = (
        f"{' and '.join(names)} by position and every other setting" if names else "every setting"
    )

    @functools.wraps(init)
    def checked(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            values = "value" if len(args) == 1 else "values"
            raise SettingError(
                f"{owner} takes {taken} by name (got {len(args)} {values} by position)"
            )
        init(self, *args, **kwargs)

    checked.__qualname__ = f"{owner}.__init__"
    return checked


def check_settings(
    owner: str, given: Iterable[str], settings: Sequence[str], also: Collection[str] = ()
) -> None:
    """Refuse the first of ``given`` that is not one of ``settings`` (nor of ``also``: names
    accepted without being listed, such as ipywidgets' ``layout``), naming the closest."""
    for name in given:
        if name not in settings and name not in also:
            listed = ", ".join(settings)
            raise SettingError(
                f"{owner} has no setting {show(name)}{_hint(name, settings)}; "
                f"its settings are: {listed}"
            )


# ---- built-in landscapes ----------------------------------------------------------------------


def check_hill(hill: Any, formula: Any) -> None:
    """Refuse a hill and a formula both given, or a hill that is neither text nor a Landscape."""
    if hill is not None and formula is not None:
        raise SettingError("give either a hill or a formula, not both")
    if hill is not None and not isinstance(hill, str | Landscape):
        raise must_be("the hill", "a built-in name, a formula or a foghill Landscape", hill)


def looks_like_name(text: str) -> bool:
    """Words of letters (``foggy``, ``round bowl``, ``narrow-valley``) without the variables
    ``x`` or ``y``: meant as a hill's name. Anything else (``x``, ``x-1``, ``x^2``) is a formula.
    """
    text = text.strip()
    if not re.fullmatch(r"[A-Za-z_]+(?:[ -][A-Za-z_]+)*", text):
        return False
    return not {"x", "y"} & set(re.split(r"[ -]", text.lower()))


def built_in(land: Landscape) -> bool:
    """Whether ``land`` is one of the built-in landscapes itself (not a formula's)."""
    return land.name in hills.NAMES and hills.by_name(land.name) is land


def _names(dims: Collection[int]) -> list[str]:
    return [n for n in hills.NAMES if hills.by_name(n).dims in dims]


def _listed(dims: Collection[int]) -> str:
    group = _MANY[next(iter(dims))] if len(dims) == 1 else "built-in hills and surfaces"
    return f"the {group} are: {', '.join(_names(dims))}"


def hill_name(text: str, dims: Collection[int]) -> str:
    """The built-in landscape ``text`` names ("Narrow valley" -> "narrow_valley"); an unknown
    name is refused with the nearest of the ones of ``dims`` dimensions, and their list."""
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    if key in hills.NAMES:
        return key
    what = " or ".join(_ONE[d].split()[1] for d in sorted(dims))
    raise SettingError(
        f"there is no {what} called {show(text)}{_hint(key, _names(dims))}; {_listed(dims)}"
    )


def wrong_dims(owner: str, land: Landscape, dims: Collection[int]) -> SettingError:
    """The refusal of a landscape with the wrong number of dimensions for ``owner``."""
    drawn = " and ".join(_MANY[d] for d in sorted(dims))
    if built_in(land):
        return SettingError(
            f"{owner} draws {drawn}, and {show(land.name)} is a {_ONE[land.dims]}; {_listed(dims)}"
        )
    uses = "x only" if set(dims) == {1} else "both x and y"
    return SettingError(
        f"{owner} draws {drawn}: the formula must use {uses} (got {show(land.formula)})"
    )


# ---- numbers ----------------------------------------------------------------------------------


def must_be(what: str, allowed: str, value: Any) -> SettingError:
    """``what must be <allowed> (got <value>)``: the sentence for a value of the wrong kind."""
    return SettingError(f"{what} must be {allowed} (got {show(value)})")


def number(value: Any, what: str) -> float:
    """A finite number (int, float or a numpy scalar; not a bool)."""
    if _missing(value):
        raise SettingError(f"{what} must be a number (got a missing value)")
    if isinstance(value, bool | np.bool_) or not isinstance(value, abstract.Real):
        raise must_be(what, "a number", value)
    result = float(value)
    if not math.isfinite(result):
        raise must_be(what, "a finite number", result)
    return result


def _missing(value: Any) -> bool:
    """None, or pandas' NA or NaT (a gap in a column; pandas need not be imported to tell)."""
    return value is None or type(value).__name__ in ("NAType", "NaTType")


def whole(value: Any, what: str) -> int:
    """A whole number (int or a numpy integer; not a bool, not 2.0)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, abstract.Integral):
        raise must_be(what, "a whole number", value)
    return int(value)


def numbers(values: Any, what: str) -> list[float]:
    """Finite floats from a list, a tuple, a 1-D numpy array or a pandas Series; the refusal
    names the item at fault (``x[2] must be a finite number (got nan)``)."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise must_be(what, "a list of numbers", values)
    items = np.asarray(
        values.to_numpy() if hasattr(values, "to_numpy") else list(values), dtype=object
    )
    if items.ndim != 1:
        size = " x ".join(str(n) for n in items.shape)
        raise SettingError(f"{what} must be one column of numbers (got a table of {size})")
    out = []
    for i, item in enumerate(items):
        out.append(number(_plain_number(item), f"{what}[{i}]"))
    return out


def _plain_number(item: Any) -> Any:
    """Text that reads as a number ("3", from a CSV read as text) counts as that number."""
    if isinstance(item, str):
        try:
            return float(item)
        except ValueError:
            return item
    return item
