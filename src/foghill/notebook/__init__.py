"""The page's widgets in a notebook: the foggy hill, the step-size dial and the line fit.

Each class is an anywidget whose view is the page's own custom element (``<fh-hill>``,
``<fh-step-dial>``, ``<fh-line-fit>``), bundled by esbuild. On the page the element's model
asks the server; here it is the widget's model, and the kernel answers with the very
functions the server calls (:mod:`foghill.compute`), so a notebook shows exactly the numbers
the API returns for the same settings.

>>> import foghill.notebook as fn
>>> w = fn.Hill("foggy", start=2.5, learning_rate=0.1)
>>> w.go()
>>> w.status, w.trajectory.n_steps > 0
('settled', True)

- :mod:`.traits`: the traits, made from the widget contract (:mod:`foghill.contract`);
- :mod:`.runs`: what a run gives back (:class:`DescentRun`, :class:`FitRun`);
- :mod:`.view`: the bundled view and its stylesheet;
- :mod:`.widgets`: the widget classes, their commands and how they recompute;
- :mod:`.maps`: a surface from above, optimizer races, three step sizes, a sweep.
"""

from foghill.contract import STATUSES
from foghill.errors import SettingError
from foghill.notebook.maps import Race, StepRace, Surface, Sweep
from foghill.notebook.rule import Rule
from foghill.notebook.runs import DescentRun, FitRun, RaceRun
from foghill.notebook.training import Classifier, Digits, Edge, NextWord, Ratings, Spam
from foghill.notebook.widgets import Hill, LineFit, StepDial

__all__ = [
    "STATUSES",
    "Classifier",
    "DescentRun",
    "Digits",
    "Edge",
    "FitRun",
    "Hill",
    "LineFit",
    "NextWord",
    "Race",
    "RaceRun",
    "Ratings",
    "Rule",
    "SettingError",
    "Spam",
    "StepDial",
    "StepRace",
    "Surface",
    "Sweep",
]
