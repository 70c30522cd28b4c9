"""The lesson's task lists and bound numbers are checked when the page is rendered: a task
naming a fact its widget never reports, or a number bound to no widget, is a LessonError;
the numbers the lesson's author wrote agree with what the server fills in."""

from __future__ import annotations

import re

import pytest

from foghill.errors import LessonError
from foghill.lessons.bound import format_number
from foghill.lessons.markdown import render_markdown
from foghill.lessons.render import LESSONS_DIR, lesson_text
from foghill.lessons.seeds import values
from foghill.lessons.tasks import check_condition
from foghill.server.page import seed

BOUND = re.compile(r'<span class="fh-bound" data-fh-bind="([^"]+)" data-fh-format="[^"]+">([^<]*)<')

HILL = "```widget fh-hill id=h hill=foggy start=2.5\nA hill.\n```\n\n"
FIT = "```widget fh-line-fit id=f\nDots.\n```\n\n"


def tasks(target: str, *items: tuple[str, str]) -> str:
    body = "".join(f'<li data-task="{t}" data-when="{w}">Do it.</li>\n' for t, w in items)
    return f'<ul class="fh-tasks" data-for="{target}">\n{body}</ul>\n\n'


def test_tasks_and_numbers_may_name_a_widget_by_its_tag_in_their_section() -> None:
    page = render_markdown(
        '<section id="one">\n\n'
        + "```widget fh-hill hill=foggy start=2.5\nA hill.\n```\n\n"
        + tasks("fh-hill", ("a", "valley=deepest"))
        + f"It took {span('fh-hill trajectory.n_steps', '0', '999')} steps.\n\n</section>\n",
        seed=seed,
    )
    assert page.count("data-task=") == 1
    assert dict(BOUND.findall(page))["fh-hill trajectory.n_steps"] != "999"


def test_good_tasks_render() -> None:
    page = render_markdown(
        HILL
        + tasks("h", ("a", "outcome=settled; valley=deepest"), ("b", "rate>=0.9*one_jump"))
        + FIT
        + tasks("f", ("c", "best_slope<0"), ("d", "status=paused; ratio<=1.1"))
    )
    assert page.count("data-task=") == 4


@pytest.mark.parametrize(
    ("lesson", "words"),
    [
        (HILL + tasks("nobody", ("a", "outcome=settled")), "no such widget here"),
        # By tag: only a widget of the list's own section.
        (
            '<section id="one">\n\n'
            + HILL
            + '</section>\n<section id="two">\n\n'
            + tasks("fh-hill", ("a", "outcome=settled"))
            + "</section>\n",
            "no such widget here",
        ),
        (HILL + tasks("h", ("a", "ratio<=1.1")), "names 'ratio'"),  # a line fit's fact
        (HILL + tasks("h", ("a", "valley=lowest")), "never 'lowest'"),
        (HILL + tasks("h", ("a", "outcome=zig-zag")), "never 'zig-zag'"),
        (HILL + tasks("h", ("a", "outcome<settled")), "compares a word"),
        (HILL + tasks("h", ("a", "rate is big")), "not 'fact op value'"),
        (HILL + tasks("h", ("a", "")), "empty"),
        (HILL + tasks("h", ("a", "step>1"), ("a", "step>2")), "listed twice"),
        (HILL + '<ul class="fh-tasks" data-for="h">\n<li>No condition.</li>\n</ul>\n', "data-when"),
    ],
)
def test_bad_tasks_are_refused(lesson: str, words: str) -> None:
    with pytest.raises(LessonError, match=re.escape(words)):
        render_markdown(lesson)


def span(binding: str, how: str = "2", text: str = "1.00") -> str:
    return f'<span class="fh-bound" data-fh-bind="{binding}" data-fh-format="{how}">{text}</span>'


@pytest.mark.parametrize(
    ("binding", "how", "words"),
    [
        ("nobody trajectory.n_steps", "0", "no such widget here"),
        ("fh-line-fit fit.best.loss", "3", "no such widget here"),
        ("h fit.best.loss", "3", "no output of fh-hill"),
        ("h trajectory.n_steps", "two", "has the format"),
    ],
)
def test_bad_bindings_are_refused(binding: str, how: str, words: str) -> None:
    with pytest.raises(LessonError, match=re.escape(words)):
        render_markdown(HILL + f"It took {span(binding, how)} steps.\n")


def test_a_path_to_no_number_is_refused_once_seeded() -> None:
    with pytest.raises(LessonError, match="no number"):
        render_markdown(HILL + f"See {span('h landscape.minima.7.x')}.\n", seed=seed)


def test_bound_numbers_are_filled_from_the_seed() -> None:
    page = render_markdown(
        HILL + f"It took {span('h trajectory.n_steps', '0', '999')} steps.\n", seed=seed
    )
    assert dict(BOUND.findall(page))["h trajectory.n_steps"] != "999"


def test_the_lessons_numbers_are_worked_out_when_rendered() -> None:
    """No number is typed in the Markdown: each is its widget's value, filled in when the
    page is rendered (a race's from the contours the page asks for)."""
    body = lesson_text().split("\n---\n", 1)[1]
    unfilled = dict(BOUND.findall(render_markdown(body, folder=LESSONS_DIR)))
    served = dict(
        BOUND.findall(render_markdown(body, seed=seed, values=values, folder=LESSONS_DIR))
    )
    assert len(served) >= 8
    assert set(unfilled.values()) == {""}
    assert served["fh-hill landscape.minima.0.x"] == "\u22121.50"
    assert served["fh-step-dial landscape.regimes.one_jump"] == "0.500"
    assert served["race-valley contours.racers.1.learning_rate"] == "0.05"
    # The line fit carries no seed on the page (it asks when reached); its number is filled.
    assert served["fh-line-fit fit.best.loss"] == "0.081"
    # A training demo's numbers are its run's: they fill in when the reader's run ends.
    ran = {k: v for k, v in served.items() if not k.startswith("edge-net run.")}
    assert all(ran.values()), served
    assert {k for k in served if k.startswith("edge-net run.")} == {
        "edge-net run.edge",
        "edge-net run.sharpness",
        "edge-net run.peak",
    }


@pytest.mark.parametrize(
    ("value", "how", "text"),
    [
        (-1.499999999998987, "2", "\u22121.50"),
        (2.293430789976858, "2", "2.29"),
        (-0.0001, "2", "0.00"),
        (8, "0", "8"),
        (0.5, "sig3", "0.500"),
        (1.0, "sig3", "1.00"),
        (0.03819933454406905, "sig3", "0.0382"),
        (123.4, "sig3", "123"),
        (0.08089209401709402, "3", "0.081"),
        (0.0, "sig3", "0"),
    ],
)
def test_numbers_are_written_as_the_widgets_write_them(value: float, how: str, text: str) -> None:
    assert format_number(value, how) == text


def test_a_condition_names_only_known_facts() -> None:
    assert check_condition("step>=2; outcome=settled", ("step", "outcome")) is None
    assert check_condition("x>0", ("step",)) is not None
