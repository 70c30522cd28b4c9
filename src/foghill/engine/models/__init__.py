"""Models that learn (issue 9): numpy only, exact gradients, walked by minibatches.

- :mod:`.minibatch`: the walk (batches from a seeded generator, an optimizer of
  :mod:`foghill.engine.optimizers` on a flat parameter vector, whole-set numbers, the noise);
- :mod:`.softmax`: multinomial logistic regression, optionally one small hidden layer;
- :mod:`.logistic`: binary logistic regression on word counts;
- :mod:`.bigram`: the next word from the word before (small embeddings and a softmax);
- :mod:`.factorization`: ratings as the meeting of a person's and a film's tastes.
"""
