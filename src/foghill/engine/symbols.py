"""The two coordinates every landscape is written in: ``x`` and, on a surface, ``y``.

Both are real symbols, so that sympy differentiates ``abs(x)`` to ``sign(x)``.
"""

from __future__ import annotations

import sympy as sp

X = sp.Symbol("x", real=True)
Y = sp.Symbol("y", real=True)
