"""Foghill: an explorable explanation of gradient descent.

>>> import foghill as fh
>>> t = fh.descend(fh.hills.FOGGY, start=2.5, learning_rate=0.1, max_steps=500)
>>> t.outcome
'settled'
"""

from foghill.engine import hills, linefit, networks, optimizers, regimes
from foghill.engine.descent import Trajectory, descend
from foghill.engine.formula import landscape
from foghill.engine.formula_rules import FormulaError
from foghill.engine.landscape import Landscape
from foghill.engine.sharpness import sharpness

__all__ = [
    "Classifier",
    "Digits",
    "Edge",
    "FormulaError",
    "Hill",
    "Landscape",
    "LineFit",
    "NextWord",
    "Race",
    "Ratings",
    "Rule",
    "SettingError",
    "Spam",
    "StepDial",
    "StepRace",
    "Surface",
    "Sweep",
    "Trajectory",
    "descend",
    "hills",
    "landscape",
    "linefit",
    "networks",
    "optimizers",
    "regimes",
    "sharpness",
]


# The public names not defined above: the notebook widgets (and SettingError), from
# foghill.notebook on first use.
_NOTEBOOK_WIDGETS = frozenset(__all__) - frozenset(globals())


def __getattr__(name: str) -> object:
    """The notebook widgets, imported on first use so the engine never pulls in anywidget."""
    if name in _NOTEBOOK_WIDGETS:
        from foghill import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'foghill' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What ``dir(fh)`` and ``fh.<Tab>`` offer: the public names, the widgets among them,
    though they are imported only when first used."""
    return sorted(set(__all__) | {n for n in globals() if not n.startswith("_")})
