"""A built landscape as bytes a server process can load, and back, without sympy.

sympy's lambdified functions are pickled as their code objects and the globals they read
(:func:`dumps`); loading admits only what a landscape is made of (:func:`loads`).
"""

from __future__ import annotations

import builtins
import importlib
import io
import marshal
import pickle
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foghill.engine.landscape import Landscape

__all__ = ["dumps", "loads"]

_LAMBDIFIED = "<lambdifygenerated"
_MODULES = frozenset({"math", "builtins", "cmath"})


@dataclass(frozen=True)
class _ModuleRef:
    name: str


def _global_ref(value: Any) -> Any:
    return _ModuleRef(value.__name__) if isinstance(value, types.ModuleType) else value


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _function(code: bytes, names: dict[str, Any], name: str, defaults: Any) -> Any:
    """A compiled function again, from its code object and the globals it reads."""
    namespace: dict[str, Any] = {"__builtins__": builtins}
    for key, ref in names.items():
        if isinstance(ref, _ModuleRef):
            if ref.name not in _MODULES:
                raise pickle.UnpicklingError(f"a builder's function may not use {ref.name}")
            namespace[key] = importlib.import_module(ref.name)
        else:
            namespace[key] = ref
    return types.FunctionType(marshal.loads(code), namespace, name, defaults)


class _Pickler(pickle.Pickler):
    """Pickles sympy's lambdified functions by their code; everything else as usual."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename.startswith(_LAMBDIFIED):
            g = obj.__globals__
            names = {n: _global_ref(g[n]) for n in _names(obj.__code__) if n in g}
            return _function, (marshal.dumps(obj.__code__), names, obj.__name__, obj.__defaults__)
        return NotImplemented


def dumps(land: Landscape) -> bytes:
    """A built landscape (its minima found) as bytes a server process can load."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(land)
    return out.getvalue()


_ALLOWED = {
    ("foghill.building.pickling", "_function"),
    ("foghill.building.pickling", "_ModuleRef"),
    ("foghill.engine.hill1d", "Hill1D"),
    ("foghill.engine.surface2d", "Surface2D"),
    ("builtins", "float"),
    ("builtins", "int"),
    ("builtins", "complex"),
    ("builtins", "tuple"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
}
_SAFE_MODULES = frozenset({"math"})
_NUMPY = {"_reconstruct", "scalar", "ndarray", "dtype"}


class _Unpickler(pickle.Unpickler):
    """Loads only what a landscape is made of (a builder is trusted; this keeps it honest)."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = (
            (module, name) in _ALLOWED
            or module in _SAFE_MODULES
            or (module.split(".")[0] == "numpy" and name in _NUMPY)
        )
        if not allowed:
            raise pickle.UnpicklingError(f"a landscape holds no {module}.{name}")
        return super().find_class(module, name)


def loads(data: bytes) -> Landscape:
    """The landscape :func:`dumps` made, in this process (no sympy needed)."""
    land: Landscape = _Unpickler(io.BytesIO(data)).load()
    return land
