"""What ``dir(widget)`` lists, and so what Tab offers after ``widget.``: a widget's own names.

A widget is an ipywidgets object with some seventy names of machinery (``add_traits``,
``hold_trait_notifications``, ``get_manager_state``, ...). Its ``__dir__`` lists only what a
person uses: its settings first (in the contract's order), then what it computes and reports,
its commands and questions, and ``observe``/``unobserve``/``close``. Everything else is still
there (``widget.layout`` works); it is just not offered. IPython's completer (jedi, its
default) and marimo's take their list from ``__dir__``.
"""

from __future__ import annotations

from typing import Any

import anywidget

__all__ = ["ALSO_LISTED", "WIDGET_OWN", "public_names"]

#: ipywidgets' own names a notebook user may want: to react to a change, to close a view.
ALSO_LISTED = ("observe", "unobserve", "close")

#: What ipywidgets itself takes at construction (``layout``, ``tooltip``, ...): accepted by
#: every widget, but neither listed nor suggested among its settings.
WIDGET_OWN = frozenset(n for n in anywidget.AnyWidget.class_trait_names() if n[0] != "_")


def public_names(widget: Any) -> list[str]:
    """The names to list for ``widget``: ``INPUTS`` first, then every public name that a
    foghill class in its MRO defines (not the ALL-CAPS class constants), then the instance's
    own public attributes, then :data:`ALSO_LISTED`."""
    cls = type(widget)
    names = dict.fromkeys(getattr(cls, "INPUTS", ()))
    for klass in cls.__mro__:
        if klass.__module__.startswith("foghill."):
            names.update(dict.fromkeys(n for n in vars(klass) if _public(n)))
    names.update(dict.fromkeys(n for n in vars(widget) if _public(n)))
    names.update(dict.fromkeys(ALSO_LISTED))
    return list(names)


def _public(name: str) -> bool:
    return not name.startswith("_") and not name.isupper()
