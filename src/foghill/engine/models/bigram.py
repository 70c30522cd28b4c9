"""The next word from the word before: small word embeddings and a softmax.

In plain words: every word gets a short list of numbers (its embedding, ``dim`` of them);
from the current word's list the model scores every word of the vocabulary as the next one
(one template per word, plus a bias); the softmax turns the scores into probabilities and
the loss is how surprised the model is by the word that really came next (cross-entropy,
in nats; divided by log 2 it is the surprise in bits per word).

In symbols, for a pair (word ``a``, next word ``b``): ``h = E[a]``, ``z = h U + c``,
``p = softmax(z)``, ``loss = -log p_b``. The exact gradient: ``dz = p - onehot(b)``,
``dU = h^T dz``, ``dc = dz``, and row ``a`` of ``dE`` gets ``dz U^T`` (summed over pairs
that share a word), averaged over the pairs. The parameters are one flat vector: ``E``
(vocabulary x dim), ``U`` (dim x vocabulary), ``c``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from foghill.engine.models.minibatch import Split

__all__ = ["Bigram"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


class Bigram:
    """Next-word model over ``vocabulary`` words on fixed (word, next word) pairs (n, 2).

    The starting guess draws ``E`` and ``U`` from a normal distribution with sd 0.1 and
    starts ``c`` at zero.
    """

    metric_name = "bits per word"

    def __init__(
        self, vocabulary: int, train: ArrayLike, heldout: ArrayLike, dim: int = 16
    ) -> None:
        self.vocabulary = vocabulary
        self.dim = dim
        self.train = np.asarray(train, dtype=np.intp)
        self.heldout = np.asarray(heldout, dtype=np.intp)
        self.n_train = len(self.train)
        self.size = 2 * vocabulary * dim + vocabulary

    def parts(self, theta: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Views of ``theta``: ``E`` (vocabulary, dim), ``U`` (dim, vocabulary), ``c``."""
        v, d = self.vocabulary, self.dim
        return (
            theta[: v * d].reshape(v, d),
            theta[v * d : 2 * v * d].reshape(d, v),
            theta[2 * v * d :],
        )

    def init(self, rng: np.random.Generator) -> FloatArray:
        start = rng.standard_normal(self.size) * 0.1
        start[2 * self.vocabulary * self.dim :] = 0.0
        return start

    def scores(self, theta: FloatArray, words: ArrayLike) -> FloatArray:
        """The scores ``z`` of every next word, one row per given word."""
        e, u, c = self.parts(theta)
        out: FloatArray = e[np.asarray(words, dtype=np.intp)] @ u + c
        return out

    def probabilities(self, theta: FloatArray, words: ArrayLike) -> FloatArray:
        """The probability of every next word, one row per given word."""
        z = self.scores(theta, words)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: FloatArray = e / e.sum(axis=1, keepdims=True)
        return out

    @staticmethod
    def _loss(z: FloatArray, b: IntArray) -> float:
        top = z.max(axis=1)
        log_sum = top + np.log(np.exp(z - top[:, None]).sum(axis=1))
        return float(np.mean(log_sum - z[np.arange(len(b)), b]))

    def loss_grad(self, theta: FloatArray, rows: IntArray) -> tuple[float, FloatArray]:
        a, b = self.train[rows, 0], self.train[rows, 1]
        if len(rows) > self.vocabulary:
            return self._loss_grad_by_word(theta, a, b)
        e, u, _ = self.parts(theta)
        h = e[a]
        z = h @ u + theta[2 * self.vocabulary * self.dim :]
        # One exponential serves both the loss and the probabilities.
        z -= z.max(axis=1, keepdims=True)
        dz = np.exp(z)
        total = dz.sum(axis=1)
        pairs = np.arange(len(b))
        loss = float(np.mean(np.log(total) - z[pairs, b]))
        dz /= total[:, None]
        dz[pairs, b] -= 1.0
        dz /= len(b)
        de = np.zeros_like(e)
        np.add.at(de, a, dz @ u.T)
        return loss, np.concatenate([de.ravel(), (h.T @ dz).ravel(), dz.sum(axis=0)])

    def _loss_grad_by_word(
        self, theta: FloatArray, a: IntArray, b: IntArray
    ) -> tuple[float, FloatArray]:
        """The same loss and gradient, summed word by word: a pair's terms depend only on
        its two words, so with ``C[a, b]`` counting the pairs (a, b) and ``n_a`` those that
        start with ``a``, ``dz`` for word ``a`` is ``n_a p(a) - C[a]``: one row per word
        instead of one per pair (cheaper once the batch outnumbers the vocabulary)."""
        v = self.vocabulary
        e, u, _ = self.parts(theta)
        counts = np.bincount(a * v + b, minlength=v * v).reshape(v, v).astype(np.float64)
        starts = counts.sum(axis=1)
        z = e @ u + theta[2 * v * self.dim :]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        total = p.sum(axis=1)
        loss = float(np.sum(counts * (np.log(total)[:, None] - z)) / len(a))
        p /= total[:, None]
        dz = (starts[:, None] * p - counts) / len(a)
        return loss, np.concatenate([(dz @ u.T).ravel(), (e.T @ dz).ravel(), dz.sum(axis=0)])

    def evaluate(self, theta: FloatArray, split: Split) -> tuple[float, float]:
        pairs = self.train if split == "train" else self.heldout
        # Every word's scores once (a vocabulary-square table), not once per pair.
        z = self.scores(theta, np.arange(self.vocabulary))
        top = z.max(axis=1)
        log_sum = top + np.log(np.exp(z - top[:, None]).sum(axis=1))
        a, b = pairs[:, 0], pairs[:, 1]
        loss = float(np.mean(log_sum[a] - z[a, b]))
        return loss, loss / math.log(2)
