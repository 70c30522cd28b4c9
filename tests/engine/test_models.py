"""The models that learn (issue 9): exact gradients, the same walk from the same seed, the
optimizers' rules as descend() applies them, and each demo's model learning what it should."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from foghill.engine import hills, optimizers
from foghill.engine.data.digits import digits
from foghill.engine.data.next_word import RARE, corpus, lesson_words
from foghill.engine.data.ratings import ratings
from foghill.engine.data.spam import counts, messages
from foghill.engine.descent import descend
from foghill.engine.models.bigram import Bigram
from foghill.engine.models.factorization import Factorization
from foghill.engine.models.logistic import Logistic
from foghill.engine.models.minibatch import Walk
from foghill.engine.models.softmax import Softmax


def _softmax(hidden: int) -> Softmax:
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(40, 5)), rng.integers(0, 3, 40)
    return Softmax(x[:30], y[:30], x[30:], y[30:], classes=3, hidden=hidden)


def _logistic() -> Logistic:
    rng = np.random.default_rng(2)
    x, y = rng.poisson(1.0, size=(40, 6)).astype(float), rng.integers(0, 2, 40)
    return Logistic(x[:30], y[:30], x[30:], y[30:])


def _bigram(vocabulary: int) -> Bigram:
    rng = np.random.default_rng(3)
    pairs = rng.integers(0, vocabulary, size=(40, 2))
    pairs[:5, 0] = 2  # a word that starts several pairs: its embedding's gradient adds up
    return Bigram(vocabulary, pairs[:30], pairs[30:], dim=3)


def _factorization() -> Factorization:
    rng = np.random.default_rng(4)
    rows = np.column_stack([rng.integers(0, 5, 40), rng.integers(0, 4, 40), rng.integers(1, 6, 40)])
    return Factorization(5, 4, rows[:30], rows[30:], k=2, penalty=0.1)


MODELS = {
    "softmax": lambda: _softmax(0),
    "softmax-hidden": lambda: _softmax(4),
    "logistic": _logistic,
    "bigram-by-pair": lambda: _bigram(20),  # batches of 12 pairs: summed pair by pair
    "bigram-by-word": lambda: _bigram(7),  # more pairs than words: summed word by word
    "factorization": _factorization,
}


@pytest.mark.parametrize("name", MODELS)
def test_each_gradient_is_exact(name: str) -> None:
    """Central differences of the minibatch loss agree with the gradient, every coordinate."""
    model: Any = MODELS[name]()
    rng = np.random.default_rng(5)
    theta = model.init(rng) + rng.normal(scale=0.3, size=model.size)
    rows = rng.choice(model.n_train, size=12, replace=False).astype(np.intp)
    loss, grad = model.loss_grad(theta, rows)
    assert grad.shape == (model.size,)
    h = 1e-6
    numeric = np.empty(model.size)
    for i in range(model.size):
        bump = np.zeros(model.size)
        bump[i] = h
        numeric[i] = (
            model.loss_grad(theta + bump, rows)[0] - model.loss_grad(theta - bump, rows)[0]
        ) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)
    # The whole-set loss is the same function as the minibatch loss over every row.
    every = np.arange(model.n_train, dtype=np.intp)
    assert model.evaluate(theta, "train")[0] == pytest.approx(
        model.loss_grad(theta, every)[0], rel=1e-12
    )
    assert np.isfinite(loss)


@pytest.mark.parametrize("name", MODELS)
def test_same_seed_same_walk_and_another_seed_another(name: str) -> None:
    def walk(seed: int) -> np.ndarray:
        w = Walk(MODELS[name](), optimizers.adam(0.05), batch_size=7, seed=seed)
        w.advance(25)
        return w.theta

    assert np.array_equal(walk(3), walk(3))
    assert not np.array_equal(walk(3), walk(4))


def test_batches_cover_each_epoch_once() -> None:
    """Within an epoch every row is drawn once (a fresh shuffle per epoch)."""
    drawn: list[int] = []

    class Spy:
        n_train, size, metric_name = 10, 1, "none"

        def init(self, rng: np.random.Generator) -> np.ndarray:
            return np.zeros(1)

        def loss_grad(self, theta: np.ndarray, rows: np.ndarray) -> tuple[float, np.ndarray]:
            drawn.extend(int(r) for r in rows)
            return 0.0, np.zeros(1)

        def evaluate(self, theta: np.ndarray, split: str) -> tuple[float, float]:
            return 0.0, 0.0

    walk = Walk(Spy(), optimizers.gd(0.1), batch_size=5, seed=0)
    walk.advance(4)
    assert sorted(drawn[:10]) == list(range(10)) == sorted(drawn[10:])
    assert walk.epoch == 2.0
    with pytest.raises(ValueError, match="between 1 and the 10 training examples"):
        Walk(Spy(), optimizers.gd(0.1), batch_size=11, seed=0)


class OnHill:
    """A one-example 'data set' whose loss is a built-in surface: the walk is then descend()."""

    n_train, size, metric_name = 1, 2, "none"

    def __init__(self, start: tuple[float, float]) -> None:
        self.start = start
        self.surface = hills.NARROW_VALLEY

    def init(self, rng: np.random.Generator) -> np.ndarray:
        return np.array(self.start, dtype=float)

    def loss_grad(self, theta: np.ndarray, rows: np.ndarray) -> tuple[float, np.ndarray]:
        return float(self.surface.loss(theta)), np.asarray(self.surface.grad(theta), dtype=float)

    def evaluate(self, theta: np.ndarray, split: str) -> tuple[float, float]:
        return float(self.surface.loss(theta)), 0.0


@pytest.mark.parametrize("name", optimizers.NAMES)
def test_each_optimizer_walks_as_descend_does(name: str) -> None:
    start = (-3.0, 2.0)
    rate = {"gd": 0.01, "momentum": 0.005, "nesterov": 0.005}.get(name, 0.1)
    path = descend(
        hills.NARROW_VALLEY,
        start,
        optimizer=optimizers.by_name(name, rate),
        max_steps=40,
        step_tol=0.0,
        grad_tol=0.0,
    ).positions
    walk = Walk(OnHill(start), optimizers.by_name(name, rate), batch_size=1, seed=0)
    for k in range(1, len(path)):
        walk.advance(1)
        np.testing.assert_allclose(walk.theta, path[k], rtol=1e-12, atol=1e-15)
    assert len(path) == 41


def test_noise_with_the_whole_set_is_no_noise() -> None:
    """With the whole training set as the batch, every minibatch gradient is the full one:
    all of them sit on it, at its length along the first axis and 0 on the second."""
    model = _logistic()
    walk = Walk(model, optimizers.gd(0.5), batch_size=model.n_train, seed=0)
    walk.advance(3)
    noise = walk.noise(5)
    full = model.loss_grad(walk.theta, np.arange(model.n_train, dtype=np.intp))[1]
    assert noise.full[0] == pytest.approx(float(np.linalg.norm(full)))
    assert noise.full[1] == pytest.approx(0.0, abs=1e-12)
    for gx, gy in noise.batches:
        assert (gx, gy) == pytest.approx(noise.full, abs=1e-12)
    small = Walk(model, optimizers.gd(0.5), batch_size=2, seed=0)
    small.advance(3)
    spread = np.array(small.noise(30).batches)
    assert spread[:, 1].std() > 0.01  # small batches scatter around the full gradient
    before = small.theta.copy()
    small.noise(30)
    assert np.array_equal(small.theta, before)  # looking at the noise leaves the walk alone


def test_digits_come_from_scikit_learn_split_once() -> None:
    d = digits()
    assert d.train_x.shape == (1347, 64)
    assert d.heldout_x.shape == (450, 64)
    assert d.train_x.max() == 16
    assert set(np.unique(d.train_y)) == set(range(10))
    assert digits() is d
    from sklearn.datasets import load_digits

    every = load_digits()
    whole = np.concatenate([d.train_x, d.heldout_x])
    assert sorted(map(tuple, whole)) == sorted(map(tuple, every.data))


def test_a_softmax_reads_held_out_digits() -> None:
    d = digits()
    model = Softmax(d.train_x / 16, d.train_y, d.heldout_x / 16, d.heldout_y, classes=10)
    walk = Walk(model, optimizers.gd(0.5), batch_size=32, seed=0)
    before = walk.evaluate().metric
    walk.advance(400)
    assert before < 0.3
    assert walk.evaluate().metric >= 0.9


def test_spam_words_learned() -> None:
    m = messages()
    assert len(m.train_y) + len(m.heldout_y) >= 300
    assert 0.3 < m.train_y.mean() < 0.7
    model = Logistic(m.train_x, m.train_y, m.heldout_x, m.heldout_y)
    walk = Walk(model, optimizers.gd(0.5), batch_size=16, seed=0)
    walk.advance(300)
    assert walk.evaluate().metric >= 0.85
    x = counts(["Claim your free prize now", "Can you pick up the kids at 5?"], m.vocabulary)
    spam, fine = model.probabilities(walk.theta, x)
    assert spam > 0.8 > 0.2 > fine


def test_the_next_word_corpus_is_the_lesson_without_markup() -> None:
    text = "---\ntitle: T\n---\n<p>A ball, <em>rolls</em>!</p>\n"
    bound = "{number 0}`fh-hill trajectory.n_steps`"
    words = lesson_words(text + f"```widget fh-hill\nx\n```\nSee [the dial](#d), {bound} steps.")
    assert words == ["a", "ball", "rolls", ".", "see", "the", "dial", "steps", "."]
    c = corpus()
    assert {"ball", "hill", "step"} <= set(c.vocabulary)
    assert not {"widget", "fh", "section", "class", "href", "tasks"} & set(c.vocabulary)
    assert c.vocabulary[0] == RARE or RARE not in c.vocabulary[1:]


def test_next_word_surprise_falls() -> None:
    c = corpus()
    model = Bigram(len(c.vocabulary), c.train, c.heldout, dim=16)
    walk = Walk(model, optimizers.gd(2.0), batch_size=64, seed=0)
    before = walk.evaluate().metric
    walk.advance(400)
    assert walk.evaluate().metric < before - 1.0  # bits per word, held out


def test_ratings_beat_guessing_the_average() -> None:
    r = ratings()
    assert r.train.shape[1] == 3
    assert set(np.unique(r.train[:, 2])) <= {1, 2, 3, 4, 5}
    model = Factorization(30, 20, r.train, r.heldout)
    walk = Walk(model, optimizers.adam(0.05), batch_size=32, seed=0)
    walk.advance(400)
    average = float(np.sqrt(np.mean((r.heldout[:, 2] - r.train[:, 2].mean()) ** 2)))
    assert walk.evaluate().metric < 0.75 * average
