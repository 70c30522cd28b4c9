"""``import foghill`` stays light: sympy is imported only when a typed formula needs it."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def modules_after(code: str) -> set[str]:
    """The top-level modules imported by a fresh interpreter after running ``code``."""
    script = textwrap.dedent(code) + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return {name.split(".")[0] for name in out.stdout.split()}


def test_import_foghill_leaves_sympy_out() -> None:
    assert "sympy" not in modules_after("import foghill")


def test_every_built_in_hill_line_fit_and_regime_works_without_sympy() -> None:
    loaded = modules_after(
        """
        import foghill as fh

        fh.descend(fh.hills.FOGGY, 2.5, learning_rate=0.1)
        fh.descend(fh.hills.ROSENBROCK, (-1.5, 2.0), optimizer=fh.optimizers.adam(0.01))
        for name in fh.hills.NAMES:
            hill = fh.hills.by_name(name)
            hill.minima, hill.maxima, hill.deepest, hill.loss(hill.start)
            hill.grad(hill.start), hill.curvature(hill.start), hill.contains(hill.start)
            if hill.dims == 1:
                hill.basin(hill.start), hill.sample(241)
                r = fh.regimes.at_valley(hill, hill.start, max_steps=200)
                fh.regimes.classify_by_bounds(0.1, r)
                fh.regimes.classify(hill, hill.start, 0.1)
        dots = fh.linefit.Dots([0.0, 1.0, 2.0, 3.0], [1.0, 2.9, 5.2, 7.0])
        top = fh.linefit.least_squares(dots)
        fh.linefit.fit(dots, w=0.0, b=0.0, learning_rate=0.05, max_steps=300)
        fh.linefit.fit(dots, optimizer=fh.optimizers.by_name("adam", 0.1))
        land = dots.landscape()
        land.minima, land.grad((top.w, top.b)), land.curvature((0.0, 0.0))
        slope = fh.linefit.slope_hill(dots, b=0.5)
        slope.minima, slope.maxima, fh.regimes.at_valley(slope)
        try:
            fh.landscape("x^2 # a comment")  # refused by the text checks, before sympy
        except fh.FormulaError:
            pass
        """
    )
    assert "sympy" not in loaded


def test_a_typed_formula_brings_sympy_in() -> None:
    assert "sympy" in modules_after("import foghill as fh\nfh.landscape('x^2')")
