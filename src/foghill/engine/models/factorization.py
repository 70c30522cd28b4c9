"""Matrix factorization: a rating as the meeting of a person's tastes and a film's.

In plain words: every person and every film gets a short list of numbers (``k`` tastes), and
a bias (how generous the person, how liked the film); the predicted rating is the average
rating plus both biases plus how well the two taste lists agree (their dot product). The
loss is the squared miss on each known rating, plus a small penalty on the taste lists'
size so that people and films with few ratings are not fitted to noise.

In symbols, for person ``i``, film ``j`` and rating ``r``: ``r_hat = mu + a_i + b_j +
P_i . Q_j``, ``loss = (r_hat - r)^2 + lam (|P_i|^2 + |Q_j|^2)``, averaged over the ratings.
The exact gradient: with ``e = r_hat - r``, ``dP_i = 2 e Q_j + 2 lam P_i``, ``dQ_j = 2 e P_i
+ 2 lam Q_j``, ``da_i = db_j = 2 e`` (summed over the ratings each touches), averaged. ``mu``
is the training ratings' mean, fixed. The parameters are one flat vector: ``P`` (people x
k), ``Q`` (films x k), ``a``, ``b``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from foghill.engine.models.minibatch import Split

__all__ = ["Factorization"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


class Factorization:
    """Ratings (n, 3) rows of (person, film, rating), for ``people`` x ``films``; ``k``
    tastes; ``penalty`` is lam. The starting guess draws the tastes from a normal
    distribution with sd 0.1 and starts the biases at zero."""

    metric_name = "rmse"

    def __init__(
        self,
        people: int,
        films: int,
        train: ArrayLike,
        heldout: ArrayLike,
        k: int = 2,
        penalty: float = 0.05,
    ) -> None:
        self.people, self.films, self.k, self.penalty = people, films, k, penalty
        train_rows = np.asarray(train, dtype=np.float64)
        held_rows = np.asarray(heldout, dtype=np.float64)
        self.train_who = train_rows[:, :2].astype(np.intp)
        self.train_r = train_rows[:, 2]
        self.heldout_who = held_rows[:, :2].astype(np.intp)
        self.heldout_r = held_rows[:, 2]
        self.mean = float(self.train_r.mean())
        self.n_train = len(self.train_r)
        self.size = (people + films) * (k + 1)

    def parts(self, theta: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Views of ``theta``: ``P`` (people, k), ``Q`` (films, k), ``a``, ``b``."""
        p, f, k = self.people, self.films, self.k
        return (
            theta[: p * k].reshape(p, k),
            theta[p * k : (p + f) * k].reshape(f, k),
            theta[(p + f) * k : (p + f) * k + p],
            theta[(p + f) * k + p :],
        )

    def init(self, rng: np.random.Generator) -> FloatArray:
        start = rng.standard_normal(self.size) * 0.1
        start[(self.people + self.films) * self.k :] = 0.0
        return start

    def predict(self, theta: FloatArray, who: IntArray) -> FloatArray:
        """The predicted rating for each (person, film) row of ``who``."""
        p, q, a, b = self.parts(theta)
        i, j = who[:, 0], who[:, 1]
        out: FloatArray = self.mean + a[i] + b[j] + np.einsum("nk,nk->n", p[i], q[j])
        return out

    def grid(self, theta: FloatArray) -> FloatArray:
        """The predicted rating of every person (rows) for every film (columns)."""
        p, q, a, b = self.parts(theta)
        out: FloatArray = self.mean + a[:, None] + b[None, :] + p @ q.T
        return out

    def _objective(self, theta: FloatArray, who: IntArray, r: FloatArray) -> tuple[float, float]:
        """The mean loss (penalty included) and the root mean squared miss."""
        p, q, _, _ = self.parts(theta)
        miss = self.predict(theta, who) - r
        i, j = who[:, 0], who[:, 1]
        size = np.sum(p[i] ** 2, axis=1) + np.sum(q[j] ** 2, axis=1)
        return float(np.mean(miss**2 + self.penalty * size)), float(np.sqrt(np.mean(miss**2)))

    def loss_grad(self, theta: FloatArray, rows: IntArray) -> tuple[float, FloatArray]:
        who, r = self.train_who[rows], self.train_r[rows]
        p, q, _, _ = self.parts(theta)
        i, j = who[:, 0], who[:, 1]
        loss, _ = self._objective(theta, who, r)
        e = 2.0 * (self.predict(theta, who) - r) / len(r)
        lam = 2.0 * self.penalty / len(r)
        dp, dq = np.zeros_like(p), np.zeros_like(q)
        np.add.at(dp, i, e[:, None] * q[j] + lam * p[i])
        np.add.at(dq, j, e[:, None] * p[i] + lam * q[j])
        da = np.bincount(i, weights=e, minlength=self.people)
        db = np.bincount(j, weights=e, minlength=self.films)
        return loss, np.concatenate([dp.ravel(), dq.ravel(), da, db])

    def evaluate(self, theta: FloatArray, split: Split) -> tuple[float, float]:
        if split == "train":
            return self._objective(theta, self.train_who, self.train_r)
        return self._objective(theta, self.heldout_who, self.heldout_r)
