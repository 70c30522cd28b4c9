"""The engine: numbers only (numpy, sympy). No web, no I/O."""
