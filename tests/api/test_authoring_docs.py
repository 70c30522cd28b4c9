"""docs/authoring.md is made from the contract and kept fresh; the example lesson under
examples/lessons/ uses only the public syntax and serves without a mistake."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from foghill import contract, remake
from foghill.lessons import reference
from foghill.lessons.blocks import WIDGETS
from foghill.lessons.check import path_mistakes
from foghill.lessons.render import lesson_text
from foghill.server.application import create_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "lessons"


def test_the_authoring_reference_is_fresh() -> None:
    written = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert written == reference.authoring_md(), "run python -m foghill.remake"
    assert reference.AUTHORING_MD not in remake.stale()


def test_the_reference_names_every_widget_and_attribute_with_its_bounds() -> None:
    text = reference.authoring_md()
    for tag, attributes in WIDGETS.items():
        section = text.split(f"### `{tag}`", 1)[1].split("\n### ", 1)[0]
        assert contract.WIDGETS[tag].help in section
        for attribute, key in attributes.items():
            assert f"| `{attribute}` |" in section, (tag, attribute)
            assert key.help in section
    assert "| `learning-rate` | number | > 0, ≤ 100 | `0.1` | how bold each step is |" in text
    assert "| `max-steps` | whole number | ≥ 1, ≤ 5000 | `200` |" in text


def test_every_number_the_lessons_bind_is_in_the_reference() -> None:
    text = reference.authoring_md()
    lessons = lesson_text() + (EXAMPLES / "memory.md").read_text(encoding="utf-8")
    paths = re.findall(r"\{number[^}]*\}`\S+ ([^`]+)`", lessons)
    assert len(paths) >= 12
    for path in paths:
        general = re.sub(r"[.]\d+", ".N", path)
        assert f"`{general}`" in text, path


def test_the_example_lessons_serve_without_a_mistake() -> None:
    for lesson in EXAMPLES.glob("*.md"):
        text = lesson.read_text(encoding="utf-8")
        assert "data-fh-" not in text
        assert "data-task" not in text
    assert path_mistakes(EXAMPLES) == []
    client = TestClient(create_app(lessons=EXAMPLES))
    index = client.get("/").text
    assert '<a href="/memory">Walking with memory — momentum and Adam</a>' in index
    page = client.get("/memory").text
    numbers = re.findall(r'data-fh-format="[^"]+">([^<]*)<', page)
    assert len(numbers) == 6
    assert all(numbers), numbers
    assert page.count("<li data-task=") == 2
    assert '<fh-line-fit id="fit" optimizer="momentum" learning-rate="0.02" x="-2,-1.5' in page
    # A table of made-up plants, learned by <fh-classifier> from plants.csv beside it.
    assert '<a href="/plants">A table of your own</a>' in index
    plants = client.get("/plants").text
    assert '<fh-classifier id="plants"' in plants


def test_the_readme_tells_an_author_where_to_start() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Write your own lesson", 1)[1].split("\n## ", 1)[0]
    for words in ("foghill new my-lesson.md", "foghill serve my-lesson.md", "docs/authoring.md"):
        assert words in section
