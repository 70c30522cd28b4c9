"""`foghill serve PATH`: an author's lesson at /, or a folder's index at / and each lesson at
/<file stem>; only the lessons (and the data files they name) are ever read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from foghill import cli
from foghill.commands import serve as serving
from foghill.errors import LessonError
from foghill.lessons.shelf import inside, open_shelf
from foghill.server.application import create_app

LESSON = """---
title: {title}
description: {description}
---

Some words of my own.

```widget fh-hill id=hill start=2.5
A hill to try.
```

It takes {{number 0}}`hill trajectory.n_steps` steps.
"""


def write(folder: Path, stem: str, title: str = "T", description: str = "D") -> Path:
    path = folder / f"{stem}.md"
    path.write_text(LESSON.format(title=title, description=description), encoding="utf-8")
    return path


def test_one_lesson_is_served_at_the_root(tmp_path: Path) -> None:
    path = write(tmp_path, "intro", title="My hill lesson")
    client = TestClient(create_app(lessons=path))
    page = client.get("/")
    assert page.status_code == 200
    assert "<title>My hill lesson</title>" in page.text
    assert "Some words of my own." in page.text
    assert '<main id="story" class="fh-article">\n<h1>My hill lesson</h1>' in page.text
    assert "content-security-policy" in page.headers
    assert client.get("/intro").status_code == 404  # one lesson: only at /


def test_a_folder_has_an_index_and_each_lesson_at_its_stem(tmp_path: Path) -> None:
    write(tmp_path, "first", title="First steps", description="Where it starts.")
    write(tmp_path, "second-go", title="Going on", description="And more.")
    client = TestClient(create_app(lessons=tmp_path))
    index = client.get("/").text
    assert '<a href="/first">First steps</a><p>Where it starts.</p>' in index
    assert '<a href="/second-go">Going on</a><p>And more.</p>' in index
    assert "<title>Going on</title>" in client.get("/second-go").text
    assert client.get("/third").status_code == 404
    assert client.get("/healthz").status_code == 200  # the server's own addresses still win


def test_without_a_path_the_built_in_lesson_is_served() -> None:
    page = TestClient(create_app()).get("/").text
    assert "Downhill in the fog" in page


def test_hidden_files_and_symlinks_out_of_the_folder_are_not_lessons(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    write(folder, "shown")
    write(folder, ".hidden")
    outside = write(tmp_path, "outside")
    (folder / "link.md").symlink_to(outside)
    (folder / "notes.txt").write_text("not a lesson")
    assert [lesson.stem for lesson in open_shelf(folder).lessons] == ["shown"]
    client = TestClient(create_app(lessons=folder))
    for address in ("/.hidden", "/link", "/notes", "/notes.txt", "/shown.md", "/%2E%2E/outside"):
        assert client.get(address).status_code == 404, address


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../outside.csv", "leaves the lesson's folder"),
        ("/etc/passwd", "relative to the lesson's folder"),
        (".secret.csv", "hidden file"),
        ("sub/.git/config", "hidden file"),
        ("link.csv", "leads out of the lesson's folder"),
        ("missing.csv", "no file 'missing.csv'"),
    ],
)
def test_a_data_file_must_stay_inside_the_folder(tmp_path: Path, name: str, words: str) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (tmp_path / "outside.csv").write_text("1,2\n")
    (folder / "link.csv").symlink_to(tmp_path / "outside.csv")
    with pytest.raises(LessonError, match=words):
        inside(folder, name)


def test_a_data_file_inside_is_found(tmp_path: Path) -> None:
    (tmp_path / "scores.csv").write_text("1,2\n")
    assert inside(tmp_path.resolve(), "scores.csv") == (tmp_path / "scores.csv").resolve()


def test_an_empty_folder_or_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LessonError, match="holds no lesson"):
        open_shelf(tmp_path)
    with pytest.raises(LessonError, match="no such file or folder"):
        open_shelf(tmp_path / "nope.md")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(LessonError, match="not a Markdown lesson"):
        open_shelf(tmp_path / "notes.txt")


def test_a_lesson_named_like_the_servers_own_addresses_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "healthz")
    with pytest.raises(LessonError, match="file name is its address"):
        open_shelf(tmp_path)


def test_a_huge_lesson_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big")
    path.write_text(path.read_text() + "x" * 600_000)
    with pytest.raises(LessonError, match="a lesson may be at most"):
        create_app(lessons=path)


def test_serve_help_says_what_path_is(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in (
        "PATH",
        "a Markdown lesson (served at /) or a folder of them",
        "each lesson at /<file stem>",
        "Without PATH: the built-in lesson",
        "title and description",
        "file:line:column",
        "saving a lesson (or a data file) updates every open page",
        "foghill new",
    ):
        assert words in text


def test_serve_path_serves_that_lesson_and_tells_the_workers(
    tmp_path: Path, fake_uvicorn: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "intro")
    port = serving.DEFAULT_PORT + 7
    assert cli.main(["serve", str(path), "--no-browser", "--port", str(port)]) == 0
    assert os.environ[serving.LESSONS_VARIABLE] == str(path.resolve())  # for foghill.server:app
    live = fake_uvicorn[0]["app"].state.live  # one worker: the app made for this lesson
    assert live is not None
    assert live.folder == tmp_path.resolve()
    assert "serving your lesson" in capsys.readouterr().out
    assert cli.main(["serve", "--no-browser", "--port", str(port)]) == 0
    assert serving.LESSONS_VARIABLE not in os.environ  # the built-in lesson again


@pytest.fixture
def fake_uvicorn(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setenv(serving.ALLOWED_HOSTS_VARIABLE, "")
    monkeypatch.setenv(serving.LESSONS_VARIABLE, "")
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(serving, "port_problem", lambda host, port: None)
    return calls
