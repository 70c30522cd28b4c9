"""Every mistake in an author's lesson is named at its place, `file:line:column: sentence`,
and `foghill serve PATH` lists them all (of every lesson) and stops, with no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from foghill import cli
from foghill.contract import MAX_WIDGETS
from foghill.errors import LessonError
from foghill.lessons.check import lesson_mistakes, path_mistakes
from foghill.lessons.markdown import render_markdown
from foghill.lessons.seeds import values

HEAD = "---\ntitle: T\ndescription: D\n---\n\n"  # the body starts on line 6


def mistakes(body: str, folder: Path | None = None) -> list[str]:
    return [str(m) for m in lesson_mistakes("intro.md", HEAD + body, values, folder)]


#: A lesson body with one mistake, and where and how it is named.
MISTAKES = [
    ("```widget fh-mountain\n```\n", "intro.md:6:11: unknown widget 'fh-mountain'"),
    (
        "```widget fh-hill colour=red\n```\n",
        "intro.md:6:19: fh-hill: unknown attribute 'colour'",
    ),
    (
        "Text.\n\n```widget fh-hill learning-rate=500\n```\n",
        "intro.md:8:19: fh-hill: learning-rate='500': learning_rate must be at most 100",
    ),
    (
        "```widget fh-hill id=h\n```\n\nIt took {number 0}`h trajectory.steps` steps.\n",
        "intro.md:9:9: fh-hill publishes no number at 'trajectory.steps'",
    ),
    (
        "```widget fh-hill id=h\n```\n\nSee {number 0}`h fit.best.loss`.\n",
        "intro.md:9:5: fh-hill publishes no 'fit'",
    ),
    (
        "Line one\nand {number 0}`nobody x.y` here.\n",
        "intro.md:7:5: the number is for 'nobody', but no widget has that id",
    ),
    ("See {number two}`h x`.\n", "intro.md:6:5: {number two}`h x`: the format 'two'"),
    (
        "```widget fh-hill id=h\n```\n\n```tasks h\n- a | rate is big | Do it.\n```\n",
        "intro.md:10:7: task 'a': 'rate is big' is not 'fact op value'",
    ),
    (
        "```widget fh-hill id=h\n```\n\n```tasks h\n- a | valley=lowest | Do it.\n```\n",
        "intro.md:10:7: task 'a': 'valley=lowest': valley is never 'lowest'",
    ),
    (
        "```tasks nobody\n- a | step>1 | Do it.\n```\n",
        "intro.md:6:10: the task list is for 'nobody', but no widget has that id",
    ),
    (
        "```tasks fh-hill\n- just words\n```\n",
        "intro.md:7:1: a task is written `- id | condition | what to do`",
    ),
    ("```widget fh-sweep for=dial\n```\n", "intro.md:6:20: for=dial points to no widget"),
    (
        "```widget fh-hill id=a\n```\n\n```widget fh-hill id=a\n```\n",
        "intro.md:9:19: the id 'a' is given twice",
    ),
    (
        '<section id="edge">\n\n```widget fh-hill id=edge\n```\n\n</section>\n',
        "intro.md:8:19: the id 'edge' is given twice (first at line 6)",
    ),
    (
        "```widget fh-line-fit data=dots.csv\n```\n",
        "intro.md:6:23: fh-line-fit: data files are read only for a lesson served from a file",
    ),
]


@pytest.mark.parametrize(("body", "expected"), MISTAKES)
def test_each_mistake_is_named_at_its_place(body: str, expected: str) -> None:
    found = mistakes(body)
    assert any(m.startswith(expected) for m in found), found


@pytest.mark.parametrize(("body", "expected"), MISTAKES)
def test_a_lesson_with_a_mistake_does_not_render(body: str, expected: str) -> None:
    """`foghill serve` renders the lessons and checks them in full only when one does not
    render: so every mistake the check names stops the rendering too."""
    with pytest.raises(LessonError):
        render_markdown(body, 6, None, None, values)


def test_every_mistake_is_listed_not_only_the_first() -> None:
    found = mistakes(
        "```widget fh-hill learning-rate=500 colour=red\n```\n\n"
        "```widget fh-mountain\n```\n\n"
        "See {number 0}`nobody x`.\n"
    )
    assert [m.split(": ")[0] for m in found] == [
        "intro.md:6:19",
        "intro.md:6:37",
        "intro.md:9:11",
        "intro.md:12:5",
    ]


def test_a_setting_named_like_an_html_attribute_is_written_under_another_name() -> None:
    """The digits demo's hidden layer is `hidden-units` (an element's `hidden` attribute would
    hide the widget): the lesson says so, and the element carries it under that name."""
    [said] = mistakes("```widget fh-digits hidden=16\n```\n")
    assert said.startswith("intro.md:6:21: fh-digits: unknown attribute 'hidden' (allowed:")
    assert said.endswith(", hidden-units)")
    html = render_markdown(HEAD + "```widget fh-digits hidden-units=16\n```\n", values=values)
    assert 'hidden-units="16"' in html
    assert " hidden=" not in html


def test_a_good_lesson_has_no_mistakes() -> None:
    body = (
        "```widget fh-hill id=h start=2.5\nA hill.\n```\n\n"
        "It took {number 0}`h trajectory.n_steps` steps.\n\n"
        "```tasks h\nTry:\n- a | outcome=settled; valley=deepest | Settle deep.\n```\n"
    )
    assert mistakes(body) == []


def test_front_matter_mistakes_are_named() -> None:
    assert [str(m) for m in lesson_mistakes("x.md", "Just text.\n")] == [
        "x.md:1:1: the lesson's front matter needs a 'title'",
        "x.md:1:1: the lesson's front matter needs a 'description'",
    ]


def test_serve_prints_every_mistake_of_every_lesson_and_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "one.md").write_text(HEAD + "```widget fh-hill learning-rate=500\n```\n")
    (tmp_path / "two.md").write_text(HEAD + "```widget fh-hil\n```\n\nSee {number 0}`h x`.\n")
    assert cli.main(["serve", str(tmp_path), "--no-browser"]) == 1
    err = capsys.readouterr().err
    name = tmp_path.name
    assert f"{name}/one.md:6:19: fh-hill: learning-rate='500'" in err
    assert f"{name}/two.md:6:11: unknown widget 'fh-hil'" in err
    assert f"{name}/two.md:9:5: the number is for 'h'" in err
    assert "3 mistakes to fix" in err
    assert "Traceback" not in err


def test_a_missing_path_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "/nowhere/lesson.md", "--no-browser"]) == 1
    assert "/nowhere/lesson.md: no such file or folder" in capsys.readouterr().err


def test_a_lesson_that_is_not_text_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00 not text")
    found = path_mistakes(tmp_path / "bad.md")
    assert len(found) == 1
    assert found[0].startswith("bad.md: ")


def test_too_many_widgets_are_refused_at_the_first_one_too_many() -> None:
    found = mistakes("```widget fh-rule\n```\n\n" * (MAX_WIDGETS + 1))
    assert found == [
        f"intro.md:{6 + 3 * MAX_WIDGETS}:1: a lesson may have at most {MAX_WIDGETS} widgets"
    ]
    with pytest.raises(LessonError, match=f"at most {MAX_WIDGETS}"):
        render_markdown("```widget fh-rule\n```\n\n" * (MAX_WIDGETS + 1))
