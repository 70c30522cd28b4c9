"""Central finite differences: the independent check on every exact derivative."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np


def fd_1d(f: Callable[[float], float], x: float) -> float:
    """(f(x + h) - f(x - h)) / 2h with h scaled to x."""
    h = 1e-6 * (1.0 + abs(x))
    return (f(x + h) - f(x - h)) / (2.0 * h)


def fd_2d(f: Callable[[np.ndarray], float], p: np.ndarray) -> np.ndarray:
    """Central differences along x and along y."""
    out = np.zeros(2)
    for i in range(2):
        h = 1e-6 * (1.0 + abs(p[i]))
        e = np.zeros(2)
        e[i] = h
        out[i] = (f(p + e) - f(p - e)) / (2.0 * h)
    return out


def fd_jacobian(g: Callable[[np.ndarray], np.ndarray], p: np.ndarray) -> np.ndarray:
    """Central differences of a gradient: the Hessian, column by column."""
    out = np.zeros((2, 2))
    for i in range(2):
        h = 1e-6 * (1.0 + abs(p[i]))
        e = np.zeros(2)
        e[i] = h
        out[:, i] = (g(p + e) - g(p - e)) / (2.0 * h)
    return out


def close(fd: float, exact: float, scale: float) -> bool:
    """Finite differences agree to ~1e-6 of the size of the numbers involved."""
    return math.isfinite(exact) and abs(fd - exact) <= 1e-6 * (1.0 + abs(exact) + scale)
