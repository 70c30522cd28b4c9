"""<fh-classifier> on a lesson page (issue 24): its table read from a CSV beside the lesson
(data=, label-column=), its mistakes named at the lesson's file:line, and the API that
trains on the table sent with the request, refusing a bad one in the same words as the
notebook. The tables are made up for teaching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from foghill import contract
from foghill.lessons.check import lesson_mistakes
from foghill.lessons.markdown import render_markdown
from foghill.lessons.seeds import values
from foghill.server import create_app

HEAD = "---\ntitle: T\ndescription: D\n---\n\n"  # the body starts on line 6
# Made up for teaching: hours of sun and millimetres of rain a plant got, and how it fared.
PLANTS = "sun_hours,rain_mm,fared\n" + "".join(
    f"{s},{r},{'bloomed' if s > 5 else 'wilted'}\n"
    for s, r in [(2, 20), (3, 25), (1, 18), (4, 22), (8, 21), (9, 19), (7, 26), (10, 23)] * 3
)


def mistakes(body: str, folder: Path) -> list[str]:
    return [str(m) for m in lesson_mistakes("intro.md", HEAD + body, values, folder)]


def test_the_table_travels_in_the_element(tmp_path: Path) -> None:
    (tmp_path / "plants.csv").write_text(PLANTS)
    body = "```widget fh-classifier id=plants data=plants.csv label-column=fared\n```\n"
    assert mistakes(body, tmp_path) == []
    page = render_markdown(HEAD + body, folder=tmp_path)
    start = page.index(contract.TABLE_ATTRIBUTE)
    text = page[page.index('"', start) + 1 : page.index('"></fh-classifier>', start)]
    table = json.loads(text.replace("&quot;", '"'))
    assert table["columns"] == ["sun_hours", "rain_mm"]
    assert table["rows"][0] == [2.0, 20.0]
    assert table["labels"][:2] == ["wilted", "wilted"]
    assert "data=" not in page


def test_a_file_without_a_header_names_its_columns_by_number(tmp_path: Path) -> None:
    (tmp_path / "plants.csv").write_text(PLANTS.split("\n", 1)[1])  # text only in its labels
    body = "```widget fh-classifier data=plants.csv\n```\n"
    assert mistakes(body, tmp_path) == []
    page = render_markdown(HEAD + body, folder=tmp_path).replace("&quot;", '"')
    assert '"columns":["1","2"]' in page
    assert '"rows":[[2.0,20.0],' in page  # the first line is a row


@pytest.mark.parametrize(
    ("csv", "attributes", "expected"),
    [
        (
            PLANTS.replace("4,22", "4,lots", 1),
            "label-column=fared",
            'intro.md:6:25: fh-classifier: column "rain_mm" of plants.csv holds text, '
            'not numbers (line 5 is "lots")',
        ),
        (
            PLANTS.replace("4,22", "4,", 1),
            "label-column=fared",
            'intro.md:6:25: fh-classifier: column "rain_mm" of plants.csv must hold finite '
            "numbers: 1 row is missing one or not finite (line 5 is NaN)",
        ),
        (
            PLANTS.replace("bloomed", "wilted"),
            "",
            'intro.md:6:25: fh-classifier: every row has the label "wilted"',
        ),
        (
            PLANTS,
            "label-column=kind",
            "intro.md:6:25: fh-classifier: plants.csv has no column 'kind' (its columns: "
            "sun_hours, rain_mm, fared)",
        ),
        (
            "\n".join(PLANTS.splitlines()[:5]) + "\n",
            "",
            "intro.md:6:25: fh-classifier: plants.csv has 4 rows; a classifier needs at least 8",
        ),
    ],
)
def test_a_bad_table_is_a_mistake_at_its_place(
    tmp_path: Path, csv: str, attributes: str, expected: str
) -> None:
    (tmp_path / "plants.csv").write_text(csv)
    found = mistakes(f"```widget fh-classifier data=plants.csv {attributes}\n```\n", tmp_path)
    assert any(m.startswith(expected) for m in found), found


def test_a_classifier_without_a_table_is_a_mistake(tmp_path: Path) -> None:
    found = mistakes("```widget fh-classifier\n```\n", tmp_path)
    assert any("fh-classifier: give it a table: data=FILE.csv" in m for m in found), found


def _table() -> dict[str, object]:
    rows = [[float(s), float(r)] for s, r in [(2, 20), (3, 25), (1, 18), (4, 22)] * 3]
    rows += [[float(s), float(r)] for s, r in [(8, 21), (9, 19), (7, 26), (10, 23)] * 3]
    return {"columns": ["sun", "rain"], "rows": rows, "labels": ["w"] * 12 + ["b"] * 12}


def test_the_api_trains_on_the_table_sent_and_answers_a_row() -> None:
    client = TestClient(create_app())
    response = client.post("/api/train/classifier", json={"steps": 100, "table": _table()})
    assert response.status_code == 200, response.text
    events = [json.loads(line) for line in response.text.splitlines()]
    assert events[0]["info"]["features"] == ["sun", "rain"]
    assert events[-1]["reason"] == "done"
    assert events[-2]["metric"] == 1.0
    answer = client.post(
        "/api/train/classifier/ask",
        json={"steps": 100, "step": 100, "what": "label", "row": [9, 20], "table": _table()},
    ).json()
    assert answer["label"] == "b"
    assert answer["p"] > 0.8


def test_the_api_refuses_a_bad_table_in_the_notebooks_words() -> None:
    client = TestClient(create_app())
    table = _table()
    table["labels"] = ["w"] * 24
    response = client.post("/api/train/classifier", json={"table": table})
    assert response.status_code == 422
    assert response.json()["error"] == (
        'every row has the label "w": a classifier needs two or more different labels'
    )
