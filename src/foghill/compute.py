"""The views by the names the notebook widgets (:mod:`foghill.notebook`) call them.

The views live in :mod:`foghill.views`, one module per kind of answer; new code imports them
from there.
"""

from foghill.views.curves import landscape_view
from foghill.views.landscapes import landscape as _landscape
from foghill.views.linefit import linefit_view
from foghill.views.maps import contours_view
from foghill.views.races import race_view, sweep_view
from foghill.views.runs import descend_view

__all__ = [
    "_landscape",
    "contours_view",
    "descend_view",
    "landscape_view",
    "linefit_view",
    "race_view",
    "sweep_view",
]
