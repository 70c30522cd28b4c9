"""The training demos in a notebook (issue 9): Digits, Spam, NextWord, Ratings, Edge (a small
network at the edge of its step size, issue 22), and a Classifier for a teacher's own data.

Each demo is an anywidget whose view is the page's own element (``<fh-digits>``, ...), and
whose kernel is the host: the view sends the protocol's commands (``{"type": "train"}``,
``{"type": "pause"}``, ``{"type": "ask", ...}``, ``{"type": "look"}`` for the untrained
model it shows before Play) and the kernel answers with the very events
the server streams, made by the same generator (:func:`foghill.training.events`), sent with
``self.send(event)`` from a thread of its own so the kernel stays free. A pause stops the
thread's work before its next event. Asks are answered by :func:`foghill.training.ask`
for the step the view shows.

From Python: ``w.go()``, ``w.pause()``, ``w.reset()`` drive the views as their buttons do;
``w.train()`` runs the same events here, without a view, and returns them (the last
progress and the end are ``w.progress`` and ``w.summary``); the questions
(``Digits.guess``, ``Spam.score``, ``NextWord.write``, ``NextWord.next_words``) are answered
for the model at ``w.step_count`` (the step drawn, or the last one trained here).

Bad settings, as for the other widgets: at construction they raise
:class:`~foghill.errors.SettingError` with the API's sentence; later, a refused value sets
``error`` (the view shows it) and is not used.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import traitlets
from numpy.typing import ArrayLike, NDArray
from pydantic import ValidationError

from foghill import contract
from foghill.errors import BadRequest, SettingError, sentence_of
from foghill.notebook.checks import check_settings, numbers, whole
from foghill.notebook.listing import public_names
from foghill.notebook.made import computes, widget_class
from foghill.notebook.tasks import OWN, WithTasks
from foghill.notebook.view import Bundled
from foghill.training import DEMOS, Run, ask, untrained
from foghill.training.classifier import ClassifierDemo
from foghill.training.demo import Demo
from foghill.training.requests import (
    AskRequest,
    ClassifierAsk,
    DigitsAsk,
    EdgeAsk,
    NextWordAsk,
    SpamAsk,
    TrainRequest,
)
from foghill.training.stream import at_step
from foghill.training.table import read_table

__all__ = ["TRAINING_STATUSES", "Classifier", "Digits", "Edge", "NextWord", "Ratings", "Spam"]

#: The statuses a training demo's view reports (its data-status).
TRAINING_STATUSES = ("idle", "running", "paused", "done")
# The name of the thread a widget trains in (one at a time per widget; tests look for it).
TRAINING_THREAD = "foghill-training"


def _checked(demo: Demo, settings: dict[str, Any]) -> TrainRequest:
    """The settings as the demo's request, checked as the API checks them (SettingError)."""
    try:
        request = demo.request_model.model_validate(settings)
        Run(demo, request)  # the demo's own rules: a batch within the set, a known word
    except (ValidationError, BadRequest) as exc:
        raise SettingError(sentence_of(exc)) from None
    return request


@computes("training")
class _Training(WithTasks, Bundled):
    """What the four demos share (see the module)."""

    INPUTS: ClassVar[tuple[str, ...]] = ()

    error = traitlets.Unicode("", help="why the last change was refused ('' when fine)").tag(
        sync=True
    )
    status = traitlets.Enum(TRAINING_STATUSES, "idle", help="where the training is").tag(sync=True)
    step_count = traitlets.Int(0, help="the step drawn").tag(sync=True)

    @property
    def demo(self) -> Demo:
        return DEMOS[self.TAG.removeprefix("fh-")]

    def __init__(self, **traits: Any) -> None:
        check_settings(type(self).__name__, traits, self.INPUTS, OWN)
        self._request = _checked(self.demo, {k: traits[k] for k in self.INPUTS if k in traits})
        super().__init__(**traits)
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        #: The events of the last run made here (a view's run or :meth:`train`).
        self.events: list[dict[str, Any]] = []
        self.observe(self._inputs_changed, names=list(self.INPUTS))
        self.on_msg(self._on_message)

    def __dir__(self) -> list[str]:
        return public_names(self)

    def _inputs_changed(self, _change: Any) -> None:
        try:
            self._request = _checked(self.demo, {k: getattr(self, k) for k in self.INPUTS})
        except SettingError as exc:
            self.error = str(exc)
            return
        self.error = ""

    # -- the host: commands from the view ----------------------------------------------------

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "train":
            self._start(int(content.get("from_step") or 0))
        elif kind == "pause":
            self._halt()
        elif kind == "ask":
            self.send(self._answer(content))
        elif kind == "look":
            self.send(self._untrained())

    def _start(self, from_step: int) -> None:
        self._halt()
        if self.error:
            self.send({"type": "error", "message": self.error})
            return
        try:
            request = self._request.model_copy(update={"from_step": from_step})
            run = Run(self.demo, type(request).model_validate(request.model_dump()))
        except (ValidationError, BadRequest) as exc:
            self.send({"type": "error", "message": sentence_of(exc)})
            return
        stop = threading.Event()
        self._stop = stop
        self._worker = threading.Thread(
            target=self._stream, args=(run, stop), name=TRAINING_THREAD, daemon=True
        )
        self._worker.start()

    def _stream(self, run: Run, stop: threading.Event) -> None:
        events = run.events()
        sent: list[dict[str, Any]] = []
        try:
            for event in events:
                if stop.is_set():
                    break
                sent.append(event)
                self.send(event)
        finally:
            events.close()
            with self._lock:
                self.events = sent

    def _halt(self) -> None:
        """Stop a run going on (its thread ends before its next event)."""
        self._stop.set()
        worker = self._worker
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout=5)
        self._worker = None

    def _untrained(self) -> dict[str, Any]:
        """The view's picture before Play: the untrained model of the settings as they are."""
        if self.error:
            return {"type": "error", "message": self.error}
        try:
            return untrained(self.demo, self._request)
        except BadRequest as exc:
            return {"type": "error", "message": sentence_of(exc)}

    def _answer(self, content: dict[str, Any]) -> dict[str, Any]:
        question = {**{k: getattr(self, k) for k in self.INPUTS}, **content}
        question.pop("type", None)
        model = self.demo.ask_model
        try:
            if model is None:
                raise BadRequest(f"the {self.demo.name} demo takes no questions")
            return ask(self.demo, model.model_validate(question))
        except (ValidationError, BadRequest) as exc:
            return {"type": "error", "message": sentence_of(exc)}

    # -- from Python -------------------------------------------------------------------------

    def go(self) -> None:
        """Play in every view (they ask this kernel to train)."""
        self.send({"type": "go"})

    def step(self) -> None:
        """One step of training in every view (each asks this kernel for it)."""
        self.send({"type": "step"})

    def pause(self) -> None:
        """Pause every view, and the training."""
        self.send({"type": "pause"})
        self._halt()

    def reset(self) -> None:
        """Back to the untrained start in every view."""
        self.send({"type": "reset"})
        self._halt()

    def train(self, **settings: Any) -> list[dict[str, Any]]:
        """Run the widget's settings (changed by ``settings`` first) here, without a view;
        the events, as a view would get them. ``step_count`` becomes the last step."""
        check_settings(type(self).__name__, settings, self.INPUTS)
        for key, value in settings.items():
            setattr(self, key, value)
        if self.error:
            raise SettingError(self.error)
        self._halt()
        found = list(Run(self.demo, self._request).events())
        with self._lock:
            self.events = found
        self.step_count = int(found[-1]["step"])
        return found

    @property
    def progress(self) -> dict[str, Any] | None:
        """The last progress event of the last run made here (None before any)."""
        last = [e for e in self.events if e["type"] == "progress"]
        return last[-1] if last else None

    @property
    def summary(self) -> str:
        """The last run's end, in words ('' before any)."""
        ends = [e for e in self.events if e["type"] == "end"]
        return str(ends[-1]["summary"]) if ends else ""

    def _ask(self, model: type[AskRequest], **question: Any) -> dict[str, Any]:
        settings = {k: getattr(self, k) for k in self.INPUTS}
        step = min(self.step_count, self._request.steps)
        try:
            request = model.model_validate({**settings, **question, "step": step})
            return ask(self.demo, request)
        except (ValidationError, BadRequest) as exc:
            raise SettingError(sentence_of(exc)) from None


def _guess(self: _Training, image: ArrayLike) -> dict[str, Any]:
    """Which digit is ``image`` (8x8 or 64 numbers, 0 blank to 16 ink)? The model at
    ``step_count`` answers: ``guess``, ``p`` and the ten ``probabilities``."""
    cells = image if isinstance(image, str | bytes) else np.asarray(image, dtype=object).ravel()
    pixels = numbers(cells, "image")
    return self._ask(DigitsAsk, what="guess", image=pixels)


def _score(self: _Training, text: str) -> dict[str, Any]:
    """How spammy is ``text``? ``p`` (spam), ``spam`` and the ``words`` that pushed."""
    return self._ask(SpamAsk, what="score", text=text)


def _write(self: _Training, prompt: str = "", count: int = 8) -> str:
    """``count`` words written by the model after ``prompt``."""
    return str(self._ask(NextWordAsk, what="write", prompt=prompt, count=count)["text"])


def _next_words(self: _Training, word: str) -> list[dict[str, Any]]:
    """The eight likeliest words after ``word``, with their probabilities."""
    return list(self._ask(NextWordAsk, what="next", word=word)["next"])


Digits = widget_class(
    _Training,
    "fh-digits",
    """>>> import foghill as fh
>>> digits = fh.Digits(learning_rate=0.5, steps=50)
>>> digits.go()  # every view of it trains, here in the kernel
>>> digits.train()[-1]["reason"]  # or train here, without a view
'done'
>>> digits.guess([0] * 64)["guess"] in range(10)
True

``guess(image)`` reads a digit (8x8 or 64 numbers, 0 blank to 16 ink).""",
    extra={"guess": _guess},
)
Spam = widget_class(
    _Training,
    "fh-spam",
    """>>> import foghill as fh
>>> spam = fh.Spam(steps=50)
>>> spam.train()[-1]["reason"]
'done'
>>> 0 <= spam.score("win a free prize now")["p"] <= 1
True

``score(text)`` says how spammy a message looks, and which words pushed.""",
    extra={"score": _score},
)
NextWord = widget_class(
    _Training,
    "fh-next-word",
    """>>> import foghill as fh
>>> words = fh.NextWord(word="ball", steps=50)
>>> words.train()[-1]["reason"]
'done'
>>> len(words.next_words("the"))
8

``write(prompt)`` writes on after a prompt; ``next_words(word)`` lists the likeliest next.""",
    extra={"write": _write, "next_words": _next_words},
)


def _slice(self: _Training) -> dict[str, Any]:
    """The landscape slice at ``step_count``: the loss over the plane of the path's two
    principal components (``contours``, 41 x 41) and the ``path`` in that plane."""
    return self._ask(EdgeAsk, what="slice")


Edge = widget_class(
    _Training,
    "fh-edge",
    """>>> import foghill as fh
>>> edge = fh.Edge(learning_rate=0.1, steps=300)
>>> end = edge.train()[-1]
>>> end["reason"], end["edge"]
('done', 20.0)
>>> edge.progress["sharpness"] > 0
True

Each progress event carries ``sharpness`` (the valley's top curvature) and ``edge`` (2/η);
the end says what the sharpness did (``outcome``). ``slice()`` gives the landscape slice:
the loss over the plane of the path's two principal components.""",
    extra={"slice": _slice},
)
Ratings = widget_class(
    _Training,
    "fh-ratings",
    """>>> import foghill as fh
>>> ratings = fh.Ratings(optimizer="adam", steps=50)
>>> ratings.train()[-1]["reason"]
'done'""",
)


# ---- a teacher's own data --------------------------------------------------------------------


def _classifier_init(
    self: _Training,
    X: Any,  # noqa: N803 (the usual names)
    y: Any,
    *,
    hidden: int = 0,
    **traits: Any,
) -> None:
    """``X``: the table (a 2-D array, a list of rows or a pandas DataFrame of numbers, one row
    per example); ``y``: one label per row (two or more different ones); ``hidden``: hidden
    units (0: a softmax on the columns, whose weights are named by them)."""
    check_settings("Classifier", traits, (*self.INPUTS, "hidden"), OWN)
    hidden = whole(hidden, "hidden")
    if not 0 <= hidden <= contract.MAX_HIDDEN:
        raise SettingError(f"hidden must be between 0 and {contract.MAX_HIDDEN} (got {hidden})")
    try:
        self._demo = ClassifierDemo(read_table(X, y), hidden)
    except BadRequest as exc:
        raise SettingError(str(exc)) from None
    if "batch_size" not in traits:  # a small table's whole training set at most
        default = contract.WIDGETS["fh-classifier"].defaults()["batch_size"]
        traits["batch_size"] = min(default, len(self._demo.train))
    _Training.__init__(self, **traits)


def _classifier_demo(self: _Training) -> Demo:
    return self._demo  # type: ignore[no-any-return]


def _classes(self: _Training) -> list[Any]:
    """The labels, in the order of ``predict_proba``'s columns."""
    return list(self._demo.table.classes)


def _predict_proba(self: _Training, X: Any) -> NDArray[np.float64]:  # noqa: N803
    """Each row's probability for every label (columns in ``classes`` order), from the model
    at ``step_count`` (the step drawn, or the last one trained here; 0: untrained)."""
    demo: ClassifierDemo = self._demo
    columns = demo.table.columns
    try:
        grid = np.atleast_2d(np.asarray(X.to_numpy() if hasattr(X, "to_numpy") else X, float))
    except (TypeError, ValueError):
        grid = None
    if grid is None or grid.ndim != 2 or grid.shape[1] != len(columns):
        raise SettingError(
            f"X must be rows of {len(columns)} numbers, one per column ({', '.join(columns)})"
        )
    if not np.isfinite(grid).all():
        raise SettingError("X must hold finite numbers (no NaN, no infinity)")
    settings = {k: getattr(self, k) for k in self.INPUTS}
    step = min(self.step_count, self._request.steps)
    # The model at that step, replayed as a question's is (and remembered with them); the
    # row is a placeholder: every row of X is answered below, at once.
    question = ClassifierAsk.model_validate({**settings, "row": [0.0], "step": step})
    _model, theta = at_step(demo, question)
    return demo.softmax.probabilities(theta, demo.scaled(grid))


def _predict(self: _Training, X: Any) -> list[Any]:  # noqa: N803
    """Each row's likeliest label."""
    labels = self._demo.table.classes
    return [labels[int(i)] for i in _predict_proba(self, X).argmax(axis=1)]


def _label(self: _Training, row: Sequence[float]) -> dict[str, Any]:
    """Which label has ``row`` (one number per column)? ``label``, ``p`` and every label's
    ``probabilities``, from the model at ``step_count``."""
    return self._ask(ClassifierAsk, what="label", row=list(row))


Classifier = widget_class(
    _Training,
    "fh-classifier",
    """>>> import foghill as fh
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> X = np.r_[rng.normal(0, 1, (40, 2)), rng.normal(4, 1, (40, 2))]  # made up for teaching
>>> c = fh.Classifier(X, ["a"] * 40 + ["b"] * 40)
>>> c.go()  # in a notebook, c shows the widget: Play, accuracy, confusion table, weights
>>> c.train(steps=100)[-1]["reason"]  # or train here, without a view
'done'
>>> c.predict([[4, 4], [0, 0]])
['b', 'a']

``X``: a 2-D array or a pandas DataFrame (numeric columns, whose names name the weights), one
row per example; ``y``: one label per row (any values: numbers, text). A quarter of the rows
(a fixed shuffle, seed 0) is held out; every column is standardised with the training rows'
mean and spread. ``label(row)``, ``predict(X)`` and ``predict_proba(X)`` answer with the
model at ``step_count``.""",
    init=_classifier_init,
    extra={
        "demo": property(_classifier_demo),
        "classes": property(_classes),
        "label": _label,
        "predict": _predict,
        "predict_proba": _predict_proba,
    },
)
