"""The engine: numbers only (numpy; sympy only for typed formulas, imported on first use).

No web, no I/O.
"""
