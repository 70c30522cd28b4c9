"""The widget contract: per widget kind, every model key with its type, default, bounds, help.

One table (in the spirit of datasette's ``SETTINGS`` and TensorFlow Playground's ``PROPS``)
from which everything else is derived:

- the request models of :mod:`foghill.api_models` take their field types (bounds included),
  defaults and help from the keys here;
- the notebook traits (:mod:`foghill.notebook.traits`) are made from the keys;
- the lesson's widget blocks are checked against the keys (:mod:`foghill.lessons.render`);
- ``web/lib/contract.js`` and the page's entry ``web/components/index.js`` are generated
  from this package (``python -m foghill.remake``) and a test fails when one is stale;
- the notebook's widget classes and the package's exports are made from :data:`WIDGETS`
  when imported (:mod:`foghill.notebook.made`), and the build makes one notebook module per
  widget from ``web/lib/contract.js`` (``scripts/build-web.mjs``).

Adding a widget kind means adding one entry to :data:`WIDGETS` and one component
(``docs/adding-a-widget.md``).

Every limit lives here too, once: the bounds that keep a request's work small.

It is a package of small modules, one idea each, whose names are all read from here
(``from foghill import contract; contract.WIDGETS``):

- :mod:`.limits`: the bounds as the browser needs them (each set in :mod:`foghill.limits`);
- :mod:`.words`: the words every host shares (optimizers, outcomes, statuses, speeds);
- :mod:`.values`: the value types of model keys, their bounds included;
- :mod:`.keys`: a widget kind and its keys, and which keys a shared link carries;
- :mod:`.shared_keys`: the keys several kinds share;
- :mod:`.table`: the table itself, :data:`WIDGETS`;
- :mod:`.js`: ``web/lib/contract.js`` and the page's entry ``web/components/index.js``, made
  from all of the above.
"""

from __future__ import annotations

import foghill.limits as _bounds
from foghill.contract import js, keys, limits, shared_keys, table, values, words
from foghill.contract.js import *  # noqa: F403
from foghill.contract.keys import *  # noqa: F403
from foghill.contract.limits import *  # noqa: F403
from foghill.contract.shared_keys import *  # noqa: F403
from foghill.contract.table import *  # noqa: F403
from foghill.contract.values import *  # noqa: F403
from foghill.contract.words import *  # noqa: F403
from foghill.limits import *  # noqa: F403

# Every name of the modules above, read as contract.X (each module's __all__ says its own).
__all__ = [
    *(name for name in dir(_bounds) if name.isupper()),
    *js.__all__,
    *keys.__all__,
    *limits.__all__,
    *shared_keys.__all__,
    *table.__all__,
    *values.__all__,
    *words.__all__,
]
