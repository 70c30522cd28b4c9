"""The limits every host enforces and the defaults every host shares: plain numbers and words.

They are the contract's (:mod:`foghill.contract` re-exports each and ships them to the page as
``LIMITS``), kept in a module of their own that imports nothing, so that the engine can read
them (a formula's length, a coordinate's size, the default momentum) without importing the
contract's pydantic types: ``import foghill`` stays light.
"""

from __future__ import annotations

MAX_LEARNING_RATE = 100.0
MAX_STEPS = 5000
MIN_SAMPLES, MAX_SAMPLES = 2, 2001
MIN_DOTS, MAX_DOTS = 2, 5000
MAX_FORMULA_LENGTH = 200
MAX_HILL_NAME_LENGTH = 64
# Domains and starting points stay within this magnitude: beyond it nothing is drawable and
# squares of coordinates stop being exact.
MAX_COORDINATE = 1e6
# What momentum and Nesterov keep of their last step when no one says (torch's own default is
# 0, plain SGD): the engine's rules, the races, the code panels and the JS read it here.
DEFAULT_MOMENTUM = 0.9

# Training demos (issue 9): a run's minibatch steps, its batch size, the hidden layer, the seed,
# and the CPU one run may take (the run ends with reason "budget" when its time is up).
MAX_TRAIN_STEPS = 5000
MAX_BATCH_SIZE = 5000
MAX_HIDDEN = 64
MAX_SEED = 2**31 - 1
MAX_TRAIN_SECONDS = 20.0
# steps x batch_size: the examples one run may look at (the whole set for 400 steps fits).
MAX_TRAIN_EXAMPLES = 2_000_000
MAX_WORD_LENGTH = 40
MAX_LABEL_LENGTH = 40
MAX_ASK_TEXT = 1000
MAX_WRITE_COUNT = 40
# A teacher's own table (issue 24): its rows, feature columns, distinct labels; fewer rows than
# MIN_TABLE_ROWS leave no held-out quarter worth the name.
MIN_TABLE_ROWS = 8
MAX_TABLE_ROWS = 5000
MAX_TABLE_COLUMNS = 50
MAX_TABLE_CLASSES = 20
# The element attribute a lesson's table travels in (from data=FILE.csv to <fh-classifier>,
# which sends it with every run and question).
TABLE_ATTRIBUTE = "data-fh-table"

# An author's lessons (issue 21), read and rendered at start and on every save: a folder's
# lessons, a lesson's length and widgets (each one's first answers travel inside the page,
# about 20 KB a hill: 500 made an 11 MB page taking 1.5 s to render), a data file's length.
MAX_LESSONS = 100
MAX_LESSON_BYTES = 512 * 1024
MAX_WIDGETS = 40
MAX_DATA_BYTES = 256 * 1024
