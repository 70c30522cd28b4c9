"""The page's widgets in a notebook: every widget of the contract, by its class name.

Each class is an anywidget whose view is the page's own custom element (``<fh-hill>``,
``<fh-step-dial>``, ``<fh-line-fit>``, ...), bundled by esbuild. On the page the element's
model asks the server; here it is the widget's model, and the kernel answers with the very
functions the server calls (:mod:`foghill.views`), so a notebook shows exactly the numbers
the API returns for the same settings.

>>> import foghill.notebook as fn
>>> w = fn.Hill("foggy", start=2.5, learning_rate=0.1)
>>> w.go()
>>> w.status, w.trajectory.n_steps > 0
('settled', True)

The classes are made from the widget contract (:data:`foghill.contract.WIDGETS`) when this
package is imported (:mod:`.made`): a widget's module may add to its class, and a widget
without one gets the class its endpoint's base makes.

- :mod:`.traits`: the traits, made from the widget contract (:mod:`foghill.contract`);
- :mod:`.runs`: what a run gives back (:class:`DescentRun`, :class:`FitRun`);
- :mod:`.view`: the bundled view and its stylesheet;
- :mod:`.made`: the one factory of widget classes;
- :mod:`.widgets`: the widget classes, their commands and how they recompute;
- :mod:`.maps`: a surface from above, optimizer races, three step sizes, a sweep;
- :mod:`.training`: the models that learn; :mod:`.rule`: the update rule of another widget.
"""

from typing import Any

from foghill.contract import STATUSES
from foghill.errors import SettingError

# Each module makes the classes of the widgets it adds to (and the bases the others use).
from foghill.notebook import maps, rule, training, widgets
from foghill.notebook.made import widget_classes
from foghill.notebook.runs import DescentRun, FitRun, RaceRun

#: Every widget of the contract's class, by its class name (``Hill``, ``Race``, ...).
WIDGET_CLASSES = widget_classes()
globals().update(WIDGET_CLASSES)

__all__ = [
    "STATUSES",
    "DescentRun",
    "FitRun",
    "RaceRun",
    "SettingError",
    *sorted(WIDGET_CLASSES),
]

del maps, rule, training, widgets  # imported for the classes they make


def __getattr__(name: str) -> Any:
    """Only an unknown name comes here (every widget class is set above); declared so type
    checkers know ``fn.Hill`` and the other classes made from the contract."""
    raise AttributeError(f"module 'foghill.notebook' has no attribute {name!r}")
