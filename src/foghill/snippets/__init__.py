"""The code behind a run: Foghill lines and PyTorch lines that give the same numbers.

In plain words: for a widget's settings, write out (a) the few lines of Python that make
exactly the same run with Foghill in a notebook, and (b) lines that make it with PyTorch:
the same function written with ``torch``, the same starting point, ``torch.optim``'s
optimizer with the same hyperparameters, and the same rule for when the walk stops.
Foghill's update rules are ``torch.optim``'s (see :mod:`foghill.engine.optimizers`), so the
two lists of positions agree to rounding (the tests hold them to 1e-12, relative).

This package is the one place the text is made: the server puts it in the descend and line
fit answers (``code``), a notebook widget gets it with its outputs, and the tests run it.

The stopping rule written out in PyTorch is the engine's (:mod:`foghill.engine.descent`):
a position outside the domain or without a finite loss and gradient is not kept and ends
the walk; a step of size at most 1e-6 onto ground whose gradient is at most 1e-6 ends it
too; otherwise the walk stops after ``max_steps`` steps.

- :mod:`.rules`: the two programs' type, a walker's rule, and how numbers and step rules are
  written (Foghill's and ``torch.optim``'s);
- :mod:`.formulas`: a typed formula written for torch tensors;
- :mod:`.walks`: a ball's walk, a race and a sweep on a hill;
- :mod:`.linefit`: a line walked downhill through dots;
- :mod:`.edge`: the network at the edge of stability.
"""
