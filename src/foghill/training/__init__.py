"""Training demos (issue 9): models that learn, streamed as events to either host.

- :mod:`.requests`: the run and question request models (fields from the contract);
- :mod:`.demo`: what a demo is (its model, start facts, view, summary, answers);
- :mod:`.digits`, :mod:`.spam`, :mod:`.next_word`, :mod:`.ratings`: the four demos;
- :mod:`.table`: a teacher's own table, checked once for every host; :mod:`.classifier`: its
  demo (one per table);
- :mod:`.stream`: ``events(demo, request)``, the one event generator both hosts run, and
  ``ask(demo, request)`` and ``untrained(demo, request)`` (the picture before Play).

The page's server streams the events as newline-delimited JSON
(:mod:`foghill.server.training`); a notebook's kernel sends them to its widget
(:mod:`foghill.notebook.training`).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foghill.training.stream import DEMOS, Run, ask, demo_for, events, untrained

__all__ = ["DEMOS", "Run", "ask", "demo_for", "events", "untrained"]


def __getattr__(name: str) -> object:
    """The event generator and the demos, imported on first use: a teacher's table
    (:mod:`.table`) is read and checked without loading the four demos and their data."""
    if name in __all__:
        from foghill.training import stream

        return getattr(stream, name)
    raise AttributeError(f"module 'foghill.training' has no attribute {name!r}")
