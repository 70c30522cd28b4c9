"""Typed formulas turned into hills in builder processes, each within a CPU-time budget, fairly.

The server never runs sympy itself. A formula it has not seen is handed to a *builder*: a
child process (``python -m foghill.building.process``) that imports sympy once, when it
starts, and then builds one landscape at a time with the code a notebook uses
(:func:`foghill.views.landscapes.build`). A CPU-time alarm (``setitimer(ITIMER_PROF)``)
stops a build that has used up its budget, and a CPU-time rlimit kills a builder stuck where
the alarm cannot reach (inside one C call). The landscape comes back pickled, its compiled
functions as code objects (:mod:`.pickling`), so the server needs no sympy to use it.

Why CPU time, in a process of its own:

- CPU time is the formula's own cost. Time spent waiting for a builder, or sharing the
  machine, is not counted, so a formula is refused for what it costs and never for the queue
  it stood in, and the same formula gets the same verdict every time and on every worker (up
  to the noise of measuring CPU time, a few per cent, for a formula whose cost is right at the
  budget; builders run with a fixed hash seed so that sympy does the same work each time).
- A process can be stopped in the middle of a build and runs on a core of its own: the
  server's event loop never shares its interpreter lock with sympy, so built-in hills and
  descents are not slowed by anyone's formula.

Fairness, in two lanes:

- the quick lane (``QUICK_CPU_SECONDS``, normal priority) takes the formulas that look simple
  before sympy sees them (:func:`looks_simple`: short, few functions, shallow): nearly every
  formula a learner types;
- the full lane (``FORMULA_CPU_SECONDS``, lower priority: ``nice`` 10) takes the rest, and any
  formula that used up the quick budget; it starts again there, so a wrong guess costs one
  quick budget and never a refusal;
- each lane serves the clients that wait in turn (round robin by client address), so one
  client cannot hold more than its share of the builders however many requests it sends.

A request that waits longer than ``MAX_WAIT_SECONDS`` is told the server is busy (the caller
answers 503 with Retry-After); that is not a verdict and nothing is remembered about it.

In symbols: verdict(f) = hill if cpu(build(f)) <= B else refused, where cpu counts only the
builder's own work on f, and B is the full lane's budget.

- :mod:`.formulas`: :class:`~.formulas.FormulaBuilding`, what the server calls: a formula in,
  a future of its verdict out; which lane a formula starts in;
- :mod:`.lanes`: the lanes, their fair queues, and :class:`~.lanes.Busy`;
- :mod:`.process`: one builder process, both its ends;
- :mod:`.pickling`: a built landscape as bytes and back.

Only the server uses this package; nothing here is imported by ``import foghill``.
"""
