"""The data the training demos learn from (issue 9), each loaded lazily and once.

- :mod:`.digits`: scikit-learn's bundled 8x8 handwritten digits (1,797 images);
- :mod:`.spam`: short messages written for Foghill, made up for teaching, labelled spam or not;
- :mod:`.next_word`: the words of Foghill's own lesson, in order;
- :mod:`.ratings`: made-up people rating made-up films, from hidden tastes (a fixed seed).

Every split between training and held-out examples is fixed (it never depends on a run's
seed), so a held-out number always means the same examples.
"""
