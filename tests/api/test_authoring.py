"""The author's side: `foghill new`, the number role and the tasks block, and `data=` files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from foghill import cli
from foghill.errors import LessonError
from foghill.lessons.check import lesson_mistakes, path_mistakes
from foghill.lessons.data import MAX_DATA_BYTES
from foghill.lessons.markdown import render_markdown
from foghill.lessons.render import LESSONS_DIR, lesson_text, render_page
from foghill.lessons.seeds import seed, values
from foghill.server.application import create_app

HEAD = "---\ntitle: T\ndescription: D\n---\n\n"
HILL = "```widget fh-hill id=h hill=foggy start=2.5\nA hill.\n```\n\n"

# ---- foghill new -------------------------------------------------------------------------------


def test_new_writes_a_lesson_that_serves_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "intro.md"
    assert cli.main(["new", str(path)]) == 0
    assert f"foghill serve {path}" in capsys.readouterr().out
    text = path.read_text().split("-->", 1)[1]  # after the comment that explains the syntax
    assert (tmp_path / "intro-scores.csv").is_file()
    assert "data=intro-scores.csv" in text
    assert "made up for teaching" in text
    assert text.count("```widget ") == 3
    assert text.count("```tasks ") == 1
    assert text.count("{number") == 1
    assert "data-fh-" not in text
    assert path_mistakes(path) == []
    page = TestClient(create_app(lessons=path)).get("/").text
    assert re.search(r'<main id="story" class="fh-article">.*<h1>Finding the bottom', page, re.S)
    assert page.count('<figure class="fh-figure">') == 3
    assert 'data-fh-bind="hill trajectory.n_steps"' in page
    assert page.count("<li data-task=") == 2
    # No step size written: one chosen from the dots' own bowl, with which they settle.
    assert '<fh-line-fit id="fit" x="0.5,1,1.5' in page
    assert 'x-from="2" learning-rate="0.23" max-steps="300"' in page


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "intro.md"
    path.write_text("my own words")
    assert cli.main(["new", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"foghill: {path} exists already; nothing was written"
    assert path.read_text() == "my own words"
    assert not (tmp_path / "intro-scores.csv").exists()
    (tmp_path / "other-scores.csv").write_text("mine")
    assert cli.main(["new", str(tmp_path / "other.md")]) == 1
    assert (tmp_path / "other-scores.csv").read_text() == "mine"
    assert not (tmp_path / "other.md").exists()


def test_new_wants_a_markdown_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", str(tmp_path / "intro.txt")]) == 1
    assert "must end in .md" in capsys.readouterr().err


# ---- the number role and the tasks block ------------------------------------------------------


def test_a_bound_number_is_computed_when_rendered() -> None:
    html = render_markdown(HILL + "It took {number 0}`h trajectory.n_steps` steps.\n", seed=seed)
    assert re.search(
        r'<span class="fh-bound" data-fh-bind="h trajectory.n_steps" data-fh-format="0">'
        r"(\d+)</span> steps",
        html,
    )
    html = render_markdown(HILL + "At {number}`h landscape.minima.0.x`.\n", seed=seed)
    assert 'data-fh-format="2">\u22121.50</span>' in html


def test_a_tasks_block_becomes_the_task_list_the_page_reads() -> None:
    html = render_markdown(
        HILL + "```tasks h\n**Try**:\n- deep | outcome=settled; start<2 | Go *deep*.\n```\n"
    )
    assert html.endswith(
        '<p class="fh-tasks-head"><strong>Try</strong>:</p>\n'
        '<ul class="fh-tasks" data-for="h">\n'
        '<li data-task="deep" data-when="outcome=settled; start&lt;2">Go <em>deep</em>.</li>\n'
        "</ul>\n"
    )


def test_the_role_inside_code_stays_code() -> None:
    html = render_markdown("Write `` {number 0}`h x` `` like this.\n")
    assert "<code>{number 0}`h x`</code>" in html


def test_the_built_in_lesson_uses_only_the_author_syntax() -> None:
    text = lesson_text()
    assert "data-fh-" not in text
    assert "data-task" not in text
    assert "{number" in text
    assert "```tasks " in text
    assert lesson_mistakes("gradient-descent.md", text, values, LESSONS_DIR) == []


def test_a_bad_role_or_task_stops_the_render() -> None:
    with pytest.raises(LessonError, match="the format 'x'"):
        render_markdown("See {number x}`h a.b`.\n")
    with pytest.raises(LessonError, match="a task is written"):
        render_markdown(HILL + "```tasks h\n- nothing here\n```\n")


# ---- data= ---------------------------------------------------------------------------------


def fit_lesson(folder: Path, attributes: str, csv: str | bytes, name: str = "dots.csv") -> Path:
    data = folder / name
    data.write_bytes(csv if isinstance(csv, bytes) else csv.encode())
    path = folder / "fit.md"
    path.write_text(HEAD + f"Text.\n\n```widget fh-line-fit id=f {attributes}\nDots.\n```\n")
    return path


def rendered_dots(path: Path) -> tuple[str, str]:
    page = render_page(path.read_text(), folder=path.parent)
    m = re.search(r'<fh-line-fit id="f" x="([^"]*)" y="([^"]*)"', page)
    assert m, page
    return m.group(1), m.group(2)


def test_data_reads_the_first_two_numeric_columns(tmp_path: Path) -> None:
    path = fit_lesson(tmp_path, "data=dots.csv", "name,hours,score\nann,1,2.5\nbo,2,3\nci,3,4\n")
    assert rendered_dots(path) == ("1,2,3", "2.5,3,4")


def test_data_columns_may_be_named(tmp_path: Path) -> None:
    csv = "a,b,c\n1,10,100\n2,20,200\n3,30,300\n"
    path = fit_lesson(tmp_path, "data=dots.csv x-column=c y-column=1", csv)
    assert rendered_dots(path) == ("100,200,300", "1,2,3")


def test_data_without_a_header(tmp_path: Path) -> None:
    path = fit_lesson(tmp_path, "data=dots.csv", "1,2\n2,4\n3,5\n")
    assert rendered_dots(path) == ("1,2,3", "2,4,5")


@pytest.mark.parametrize(
    ("attributes", "csv", "words"),
    [
        ("data=dots.csv", "x,y\n1,2\n2,oops\n", "dots.csv:3: 'oops' in column 'y' is not a number"),
        ("data=dots.csv", "x,y\n1,2\n2,nan\n", "dots.csv:3: 'nan' in column 'y' is not a number"),
        ("data=dots.csv", "x,y\n1,2\n", "x must have at least 2"),
        ("data=dots.csv", "x,y\n" + "1,2\n" * 5001, "x must have at most 5000"),
        ("data=dots.csv", "x,y\n", "has a header but no rows"),
        ("data=dots.csv", "", "dots.csv is empty"),
        ("data=dots.csv x-column=z", "x,y\n1,2\n3,4\n", "no column 'z'"),
        ("data=dots.csv", b"\xff\xfe,\x00\n", "is not UTF-8 text"),
        ("data=other.csv", "x,y\n1,2\n3,4\n", "there is no file 'other.csv'"),
        ("data=../dots.csv", "x,y\n1,2\n3,4\n", "leaves the lesson's folder"),
        ("data=dots.csv x=1,2 y=3,4", "x,y\n1,2\n3,4\n", "as data= or as x= and y=, not both"),
        ("data=dots.txt", "x,y\n1,2\n3,4\n", "data='dots.txt'"),
    ],
)
def test_bad_data_is_refused_at_its_line(
    tmp_path: Path, attributes: str, csv: str | bytes, words: str
) -> None:
    path = fit_lesson(tmp_path, attributes, csv)
    found = path_mistakes(path)
    assert len(found) == 1, found
    assert found[0].startswith("fit.md:8:"), found
    assert words in found[0]


def test_a_data_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = fit_lesson(tmp_path, "data=dots.csv", "x,y\n" + "1,2\n" * (MAX_DATA_BYTES // 4 + 1))
    (found,) = path_mistakes(path)
    assert "a data file may be at most" in found


def test_a_symlinked_data_file_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lesson"
    folder.mkdir()
    (tmp_path / "secret.csv").write_text("1,2\n3,4\n")
    (folder / "dots.csv").symlink_to(tmp_path / "secret.csv")
    path = folder / "fit.md"
    path.write_text(HEAD + "```widget fh-line-fit id=f data=dots.csv\n```\n")
    (found,) = path_mistakes(path)
    assert "leads out of the lesson's folder" in found


def test_the_data_files_headers_name_the_axes(tmp_path: Path) -> None:
    path = fit_lesson(tmp_path, "data=dots.csv", "name,hours,score\nann,1,2.5\nbo,2,3\n")
    page = render_page(path.read_text(), folder=tmp_path)
    for attribute in ('x="1,2"', 'y="2.5,3"', 'x-label="hours"', 'y-label="score"'):
        assert attribute in page
    path = fit_lesson(tmp_path, "data=dots.csv y-label=points", "hours,score\n1,2.5\n2,3\n")
    page = render_page(path.read_text(), folder=tmp_path)
    for attribute in ('y-label="points"', 'x="1,2"', 'y="2.5,3"', 'x-label="hours"'):
        assert attribute in page


def test_own_dots_from_a_data_file_get_settings_with_which_they_settle(tmp_path: Path) -> None:
    """As fh.LineFit in a notebook: with no step size written, years as x are counted from
    their middle and walked with a step and a budget that settle; an author's own choice
    is kept as written."""
    years = "".join(f"{2000 + i},{370 + 2 * i + 0.3 * (i % 3)}\n" for i in range(21))
    path = fit_lesson(tmp_path, "data=dots.csv", "year,level\n" + years)
    page = render_page(path.read_text(), folder=tmp_path)
    assert 'x-from="2010" learning-rate="0.013" max-steps="1000"' in page
    path = fit_lesson(tmp_path, "data=dots.csv learning-rate=0.01", "year,level\n" + years)
    page = render_page(path.read_text(), folder=tmp_path)
    assert 'learning-rate="0.01"' in page
    assert "x-from=" not in page
    assert "max-steps=" not in page
