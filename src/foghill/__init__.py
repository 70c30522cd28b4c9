"""Foghill: an explorable explanation of gradient descent.

>>> import foghill as fh
>>> t = fh.descend(fh.hills.FOGGY, start=2.5, learning_rate=0.1, max_steps=500)
>>> t.outcome
'settled'
"""

from foghill.engine import hills, linefit, optimizers, regimes
from foghill.engine.descent import Trajectory, descend
from foghill.engine.formula import FormulaError, landscape
from foghill.engine.landscape import Landscape

__all__ = [
    "FormulaError",
    "Landscape",
    "Trajectory",
    "descend",
    "hills",
    "landscape",
    "linefit",
    "optimizers",
    "regimes",
]
