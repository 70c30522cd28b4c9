"""Live reload while serving an author's lessons: a good save brings new pages and a new
version; a save with a mistake keeps the last good pages and names the mistake; the fix
clears it. Only an author's pages carry the live mark."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient

from foghill.server.application import create_app
from foghill.testing import run_async

LESSON = "---\ntitle: T\ndescription: D\n---\n\n{words}\n\n```widget fh-hill {attributes}\n```\n"


def write(path: Path, words: str, attributes: str = "start=2.5") -> None:
    path.write_text(LESSON.format(words=words, attributes=attributes), encoding="utf-8")


def test_a_save_renders_anew_and_a_mistake_keeps_the_last_good_page(tmp_path: Path) -> None:
    path = tmp_path / "intro.md"
    write(path, "First words.")
    app = create_app(lessons=path)
    client = TestClient(app)
    first = client.get("/").text
    assert "First words." in first
    assert 'id="fh-live"' in first
    live = app.state.live
    version = live.version
    assert json.loads(live.state()) == {"version": version, "mistakes": []}

    write(path, "Second words.")
    run_async(live.refresh)
    assert "Second words." in client.get("/").text
    assert live.version != version

    write(path, "Third words.", "learning-rate=500")
    run_async(live.refresh)
    state = json.loads(live.state())
    assert state["mistakes"] == [
        "intro.md:8:19: fh-hill: learning-rate='500': learning_rate must be at most 100 (got 500)"
    ]
    page = client.get("/").text
    assert "Second words." in page  # the last good version is still served
    assert "Third words." not in page

    write(path, "Fourth words.")
    run_async(live.refresh)
    assert json.loads(live.state())["mistakes"] == []
    assert "Fourth words." in client.get("/").text


def test_a_new_lesson_in_the_folder_appears_in_the_index(tmp_path: Path) -> None:
    write(tmp_path / "one.md", "One.")
    app = create_app(lessons=tmp_path)
    client = TestClient(app)
    assert client.get("/two").status_code == 404
    write(tmp_path / "two.md", "Two.")
    run_async(app.state.live.refresh)
    assert client.get("/two").status_code == 200
    assert 'href="/two"' in client.get("/").text


def test_the_built_in_lesson_is_not_live() -> None:
    client = TestClient(create_app())
    assert 'id="fh-live"' not in client.get("/").text
    assert client.get("/api/live").status_code == 404


def test_a_changed_data_file_renders_its_lesson_anew(tmp_path: Path) -> None:
    (tmp_path / "dots.csv").write_text("x,y\n1,2\n2,3\n")
    path = tmp_path / "fit.md"
    path.write_text(
        "---\ntitle: T\ndescription: D\n---\n\n```widget fh-line-fit data=dots.csv\n```\n"
    )
    app = create_app(lessons=path)
    client = TestClient(app)
    assert 'x="1,2" y="2,3"' in client.get("/").text
    (tmp_path / "dots.csv").write_text("x,y\n1,2\n2,3\n3,5\n")
    run_async(app.state.live.refresh)
    assert 'x="1,2,3" y="2,3,5"' in client.get("/").text
    (tmp_path / "dots.csv").write_text("x,y\n1,2\n2,three\n")
    run_async(app.state.live.refresh)
    (mistake,) = json.loads(app.state.live.state())["mistakes"]
    assert mistake.startswith("fit.md:6:")
    assert "dots.csv:3: 'three' in column 'y' is not a number" in mistake
    assert 'x="1,2,3" y="2,3,5"' in client.get("/").text
