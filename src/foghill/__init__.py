"""Foghill: an explorable explanation of gradient descent.

>>> import foghill as fh
>>> t = fh.descend(fh.hills.FOGGY, start=2.5, learning_rate=0.1, max_steps=500)
>>> t.outcome
'settled'
"""

from functools import cache as _cache

# Each name given as itself: what the package offers (its __all__ adds the notebook's).
from foghill.engine import hills as hills
from foghill.engine import linefit as linefit
from foghill.engine import networks as networks
from foghill.engine import optimizers as optimizers
from foghill.engine import regimes as regimes
from foghill.engine.descent import Trajectory as Trajectory
from foghill.engine.descent import descend as descend
from foghill.engine.formula import landscape as landscape
from foghill.engine.formula_rules import FormulaError as FormulaError
from foghill.engine.landscape import Landscape as Landscape
from foghill.engine.sharpness import sharpness as sharpness

#: The engine's public names, defined above. ``__all__`` adds the notebook's: SettingError and
#: every widget of the contract, by its class name (read from the contract when first asked).
_ENGINE = (
    "FormulaError",
    "Landscape",
    "Trajectory",
    "descend",
    "hills",
    "landscape",
    "linefit",
    "networks",
    "optimizers",
    "regimes",
    "sharpness",
)


@_cache
def _notebook_names() -> frozenset[str]:
    """The names :mod:`foghill.notebook` gives: SettingError and every widget's class name
    in the contract (the contract, not the notebook, so anywidget is not imported)."""
    from foghill.contract import WIDGETS

    return frozenset({"SettingError", *(kind.python_name for kind in WIDGETS.values())})


def __getattr__(name: str) -> object:
    """``__all__``, made from the contract, and the notebook widgets, imported on first use
    so the engine never pulls in anywidget."""
    if name.startswith("__") and name != "__all__":  # asked of any module: not ours to make
        raise AttributeError(f"module 'foghill' has no attribute {name!r}")
    if name == "__all__":
        names = sorted({*_ENGINE, *_notebook_names()})
        globals()["__all__"] = names
        return names
    if name in _notebook_names():
        from foghill import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'foghill' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What ``dir(fh)`` and ``fh.<Tab>`` offer: the public names, the widgets among them,
    though they are imported only when first used."""
    return sorted({*_ENGINE, *_notebook_names()} | {n for n in globals() if n[0] != "_"})
