"""Every notebook widget class, made from its contract entry (:data:`foghill.contract.WIDGETS`).

One factory, :func:`widget_class`: a base that says how a kind of widget computes (a ball on
a 1-D hill, a line through dots, a map, a race, a sweep, a training demo), plus one synced
trait per contract input, the kind's help as the first paragraph of its docstring, and the
kind's ``python_name``. A module that gives a widget more (an example for ``help()``, a
question it answers) makes that widget's class with them; every other widget of the contract
gets its class from the base that computes its endpoint (:func:`computes`) when the package
is imported (:func:`widget_classes`). So a new widget needs no Python of its own unless it
computes something new.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from foghill import contract
from foghill.notebook.checks import by_position

__all__ = ["computes", "own_class", "widget_class", "widget_classes"]

_Class = TypeVar("_Class", bound=type[Any])

#: The base that makes a widget of each endpoint when no module makes the widget's class.
_BASES: dict[str, type[Any]] = {}
#: The classes made (or written) so far, by tag.
_MADE: dict[str, type[Any]] = {}


def computes(endpoint: str) -> Callable[[_Class], _Class]:
    """Mark a base as the one that makes any widget of ``endpoint`` without a class of its
    own (the contract's ``WidgetKind.endpoint``)."""

    def mark(base: _Class) -> _Class:
        _BASES[endpoint] = base
        return base

    return mark


def own_class(tag: str) -> Callable[[_Class], _Class]:
    """Mark a class written by hand as the notebook class of ``tag``."""

    def mark(cls: _Class) -> _Class:
        _MADE[tag] = cls
        return cls

    return mark


def widget_class(
    base: type[Any],
    tag: str,
    doc: str = "",
    *,
    extra: Mapping[str, Any] | None = None,
    init: Callable[..., None] | None = None,
) -> type[Any]:
    """The class of widget ``tag``: ``base`` (whose ``_trait(key)`` makes each input's
    trait), one synced trait per contract input, ``extra`` methods and properties, and
    ``init`` (default: the base's) refusing settings by position past those it names."""
    kind = contract.WIDGETS[tag]
    traits = {key.name: base._trait(key) for key in kind.model_inputs}
    namespace = {
        "__doc__": f"{kind.help}\n\n{doc}" if doc else kind.help,
        "__module__": base.__module__,
        "__qualname__": kind.python_name,
        "TAG": tag,
        "INPUTS": tuple(traits),
        **traits,
        **(extra or {}),
        "__init__": by_position(kind.python_name, init or base.__init__),
    }
    made = type(kind.python_name, (base,), namespace)
    _MADE[tag] = made
    return made


def widget_classes() -> dict[str, type[Any]]:
    """Every widget of the contract's class, by its ``python_name``, in the table's order:
    those its module made, and for every other one a class made now from its endpoint's base
    (a LookupError names a widget whose endpoint no base computes)."""
    classes: dict[str, type[Any]] = {}
    for tag, kind in contract.WIDGETS.items():
        made = _MADE.get(tag)
        if made is None:
            base = _BASES.get(kind.endpoint or "")
            if base is None:
                raise LookupError(
                    f"{tag} has no notebook class, and no base computes its endpoint "
                    f"({kind.endpoint}): make one with foghill.notebook.made.widget_class"
                )
            made = widget_class(base, tag)
        classes[kind.python_name] = made
    return classes
