"""The training routes (issue 9): the stream's events, a disconnect stopping the work,
refusals in one sentence, and questions answered for the model at a given step."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import numpy as np
import pytest
from starlette.testclient import TestClient

from foghill.server.training import MEDIA_TYPE, active_runs
from foghill.testing import run_async
from foghill.training import ask, events
from foghill.training.requests import DigitsRequest, NextWordAsk, NextWordRequest, SpamRequest

DEMOS = ("digits", "spam", "next-word", "ratings")


def _events(client: TestClient, demo: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post(f"/api/train/{demo}", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == MEDIA_TYPE
    assert answer.text.endswith("\n")
    return [json.loads(line) for line in answer.text.splitlines()]


@pytest.mark.parametrize("demo", DEMOS)
def test_a_run_streams_start_progress_end(client: TestClient, demo: str) -> None:
    found = _events(client, demo, {"steps": 60, "batch_size": 8, "seed": 2})
    kinds = [e["type"] for e in found]
    assert kinds[0] == "start"
    assert kinds[-1] == "end"
    assert set(kinds[1:-1]) == {"progress"}
    start, end = found[0], found[-1]
    assert start["step"] == 0
    assert start["steps"] == 60
    assert start["settings"]["batch_size"] == 8
    assert start["settings"]["seed"] == 2
    assert start["info"]["train_size"] > 8
    steps = [e["step"] for e in found[1:-1]]
    assert steps[0] == 0
    assert steps[-1] == 60
    assert steps == sorted(set(steps))
    assert set(end["code"]) == {"python", "torch"}  # the run as code (tests/test_demo_code.py)
    assert end == {
        "type": "end",
        "step": 60,
        "reason": "done",
        "summary": end["summary"],
        "code": end["code"],
    }
    assert "60 steps" in end["summary"]
    for event in found[1:-1]:
        assert {"epoch", "loss", "batch_loss", "heldout_loss", "metric", "metric_name"} <= set(
            event
        )
        assert isinstance(event["view"], dict)
    noisy = [e for e in found if "noise" in e]
    assert noisy[0] is found[2]  # the second progress event, then every tenth
    assert noisy[1] is found[12]
    assert len(noisy[0]["noise"]["batches"]) == 30
    assert noisy[0]["noise"]["full"][1] == pytest.approx(0, abs=1e-3)


@pytest.mark.parametrize("demo", [*DEMOS, "edge"])
def test_the_untrained_picture_is_the_runs_own_first_frame(client: TestClient, demo: str) -> None:
    """Before Play a demo shows the model at step 0: the very start facts and first progress
    the run then streams (same seed), with a noise picture where the demo draws one, and no
    training done."""
    body = {"steps": 20, "seed": 3} | ({} if demo == "edge" else {"batch_size": 8})
    answer = client.post(f"/api/train/{demo}/untrained", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    first = answer.json()
    assert set(first) == {"type", "step", "steps", "settings", "info", "progress"}
    assert (first["type"], first["step"], first["steps"]) == ("untrained", 0, 20)
    run = _events(client, demo, body)
    start, progress = run[0], run[1]
    assert first["info"] == start["info"]
    assert first["settings"] == start["settings"]
    shown = first["progress"]
    assert shown["step"] == 0
    assert {k: v for k, v in shown.items() if k != "noise"} == progress
    if demo == "edge":
        assert "noise" not in shown
    else:
        assert len(shown["noise"]["batches"]) == 30
    # Another seed starts elsewhere: the picture is this seed's.
    other = client.post(f"/api/train/{demo}/untrained", json={**body, "seed": 4}).json()
    assert other["progress"]["view"] != shown["view"]


def test_the_untrained_picture_is_refused_as_a_run_is(client: TestClient) -> None:
    answer = client.post("/api/train/spam/untrained", json={"batch_size": 5000})
    assert answer.status_code == 422
    assert "batch_size must be at most" in answer.json()["error"]
    assert client.post("/api/train/poetry/untrained", json={}).status_code == 404
    resumed = client.post("/api/train/spam/untrained", json={"steps": 20, "from_step": 10})
    assert resumed.json()["progress"]["step"] == 0


def test_the_stream_is_the_event_generator_and_the_same_seed_gives_the_same_run(
    client: TestClient,
) -> None:
    body = {"steps": 40, "batch_size": 16, "seed": 5, "hidden": 4}
    found = _events(client, "digits", body)
    assert found == _events(client, "digits", body)
    direct = json.loads(json.dumps(list(events("digits", DigitsRequest(**body)))))
    assert found == direct
    other = _events(client, "digits", {**body, "seed": 6})
    assert other[-2]["loss"] != found[-2]["loss"]


def test_a_resumed_run_goes_on_where_it_paused(client: TestClient) -> None:
    body = {"steps": 50, "batch_size": 4, "optimizer": "adam", "learning_rate": 0.01}
    whole = _events(client, "spam", body)
    resumed = _events(client, "spam", {**body, "from_step": 20})
    assert resumed[0]["step"] == 20
    assert resumed[1]["step"] == 20
    at = {e["step"]: e for e in whole if e["type"] == "progress"}
    for event in resumed[1:-1]:
        if event["step"] in at:
            assert event["loss"] == at[event["step"]]["loss"]
            assert event["view"] == at[event["step"]]["view"]
    assert resumed[-1]["step"] == 50


def test_views_hold_what_the_pictures_need(client: TestClient) -> None:
    digits = _events(client, "digits", {"steps": 20})
    templates = digits[-2]["view"]["templates"]
    assert len(templates) == 10
    assert all(len(t) == 64 and all(0 <= v <= 255 for v in t) for t in templates)
    watched = digits[0]["info"]["watched"]
    assert [w["label"] for w in watched] == list(range(8))
    assert len(digits[-2]["view"]["guesses"]) == 8
    spam = _events(client, "spam", {"steps": 20})[-2]["view"]
    assert len(spam["scores"]) == 12
    assert len(spam["spammy"]) == 6
    assert len(spam["hammy"]) == 6
    assert spam["spammy"][0]["weight"] > 0 > spam["hammy"][0]["weight"]
    words = _events(client, "next-word", {"steps": 20, "word": "ball"})
    assert words[0]["info"]["word"] == "ball"
    assert len(words[-2]["view"]["next"]) == 8
    assert words[-2]["metric_name"] == "bits per word"
    ratings = _events(client, "ratings", {"steps": 20})
    grid = ratings[-2]["view"]["grid"]
    assert len(grid) == len(ratings[0]["info"]["people"]) == 30
    assert {len(row) for row in grid} == {len(ratings[0]["info"]["films"])} == {20}
    assert len(ratings[-2]["view"]["map"]) == 20


def test_a_learning_rate_far_too_bold_ends_the_run_in_words(client: TestClient) -> None:
    found = _events(
        client, "ratings", {"learning_rate": 100, "optimizer": "momentum", "steps": 300}
    )
    end = found[-1]
    assert end["reason"] == "flew-off"
    assert "too large" in end["summary"]
    assert end["step"] < 300


def test_the_time_budget_ends_a_run() -> None:
    ticks = iter(range(10**6))
    run = events("digits", DigitsRequest(steps=5000), budget=40, clock=lambda: next(ticks))
    found = list(run)
    assert found[-1]["reason"] == "budget"
    assert 0 < found[-1]["step"] < 5000
    assert "40 s of work" in found[-1]["summary"]


@pytest.mark.parametrize(
    ("demo", "body", "words"),
    [
        ("digits", {"batch_size": 1348}, "batch_size must be at most 1347, the whole training set"),
        ("digits", {"batch_size": 0}, "batch_size must be at least 1 (got 0)"),
        ("digits", {"learning_rate": "0.5"}, 'learning_rate must be a number (got "0.5")'),
        ("digits", {"learning_rate": -1}, "learning_rate must be greater than 0"),
        ("digits", {"hidden": 65}, "hidden must be at most 64 (got 65)"),
        ("digits", {"steps": 5001}, "steps must be at most 5000 (got 5001)"),
        ("digits", {"optimizer": "sgd"}, "optimizer"),
        (
            "digits",
            {"steps": 2000, "batch_size": 1001},
            "steps x batch_size is 2,002,000 examples, more than the 2,000,000 one run may",
        ),
        (
            "spam",
            {"steps": 10, "from_step": 11},
            "from_step (11) cannot be past the run's 10 steps",
        ),
        ("next-word", {"word": "zebra"}, "'zebra' is not one of the words this page uses"),
        ("next-word", {"word": ""}, "word"),
        ("next-word", {"word": "Ball"}, "'Ball' is not one of the words this page uses"),
    ],
)
def test_bad_settings_are_refused_in_a_sentence(
    client: TestClient, demo: str, body: dict[str, Any], words: str
) -> None:
    answer = client.post(f"/api/train/{demo}", json=body)
    assert answer.status_code == 422
    assert words in answer.json()["error"]
    assert answer.headers["content-type"] == "application/json"


def test_unknown_demos_and_questions_are_404_in_words(client: TestClient) -> None:
    answer = client.post("/api/train/poetry", json={})
    assert answer.status_code == 404
    assert answer.json()["error"].startswith("there is no training demo called 'poetry'")
    answer = client.post("/api/train/poetry/ask", json={})
    assert answer.status_code == 404
    assert answer.json()["error"].startswith("there is no training demo called 'poetry'")
    assert client.get("/api/train/digits").status_code == 405


def test_a_demo_without_questions_says_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foghill.training.ratings import RatingsDemo

    monkeypatch.setattr(RatingsDemo, "ask_model", None)
    answer = client.post("/api/train/ratings/ask", json={})
    assert answer.status_code == 404
    assert answer.json()["error"] == "the ratings demo takes no questions"


def test_a_rating_is_predicted_from_its_four_parts(client: TestClient) -> None:
    from foghill.engine.data.ratings import FILMS, PEOPLE, ratings

    known = ratings()
    person, film, stars = (int(v) for v in known.heldout[0])
    body = {"steps": 300, "what": "predict", "person": person, "film": film}
    untrained = client.post("/api/train/ratings/ask", json={**body, "step": 0}).json()
    trained = client.post("/api/train/ratings/ask", json={**body, "step": 300}).json()
    for answer in (untrained, trained):
        assert answer["type"] == "answer"
        assert (answer["person"], answer["film"]) == (person, film)
        assert answer["stars"] == pytest.approx(sum(answer["parts"].values()), abs=1e-3)
        assert answer["parts"]["mean"] == pytest.approx(float(known.train[:, 2].mean()), abs=1e-3)
        assert answer["kept"] == stars
        assert answer["given"] is None
    assert abs(untrained["stars"] - untrained["parts"]["mean"]) < 0.1  # small random tastes
    assert abs(trained["stars"] - stars) < abs(untrained["stars"] - stars)  # learnt from the rest
    p, f, given = (int(v) for v in known.train[0])
    seen = client.post("/api/train/ratings/ask", json={**body, "person": p, "film": f}).json()
    assert (seen["given"], seen["kept"]) == (given, None)
    past = client.post("/api/train/ratings/ask", json={**body, "person": len(PEOPLE)})
    assert past.status_code == 422
    assert f"person must be at most {len(PEOPLE) - 1}" in past.json()["error"]
    film_past = client.post("/api/train/ratings/ask", json={**body, "film": len(FILMS)})
    assert f"film must be at most {len(FILMS) - 1}" in film_past.json()["error"]


def test_a_drawn_digit_is_read_by_the_model_at_that_step(client: TestClient) -> None:
    from foghill.engine.data.digits import digits

    data = digits()
    one = [float(v) for v in data.heldout_x[int(np.flatnonzero(data.heldout_y == 1)[3])]]
    body = {"steps": 300, "what": "guess", "image": one}
    trained = client.post("/api/train/digits/ask", json={**body, "step": 300}).json()
    assert trained["type"] == "answer"
    assert trained["step"] == 300
    assert trained["guess"] == 1
    assert sum(trained["probabilities"]) == pytest.approx(1, abs=1e-3)
    untrained = client.post("/api/train/digits/ask", json={**body, "step": 0}).json()
    assert untrained["p"] < 0.2 < trained["p"]
    again = client.post("/api/train/digits/ask", json={**body, "step": 300}).json()
    assert again == trained
    refused = client.post("/api/train/digits/ask", json={**body, "image": [17] * 64})
    assert refused.status_code == 422
    assert "image[0] must be at most 16 (got 17)" in refused.json()["error"]
    past = client.post("/api/train/digits/ask", json={**body, "step": 301})
    assert past.json()["error"] == "step (301) cannot be past the run's 300 steps"


def test_spam_and_next_word_questions(client: TestClient) -> None:
    scored = client.post(
        "/api/train/spam/ask",
        json={"step": 300, "what": "score", "text": "Claim your FREE prize now!!! Zorblax"},
    ).json()
    assert scored["p"] > 0.8
    assert scored["spam"] is True
    assert scored["words"][0]["push"] > 0
    assert scored["unknown"] == ["zorblax"]
    nxt = client.post(
        "/api/train/next-word/ask", json={"step": 400, "what": "next", "word": "step"}
    ).json()
    assert nxt["word"] == "step"
    chances = [n["p"] for n in nxt["next"]]
    assert len(chances) == 8
    assert chances == sorted(chances, reverse=True)
    assert sum(chances) <= 1
    # Exactly the model of step 400 of that run: replayed in this process, the same answer.
    assert nxt == ask("next-word", NextWordAsk(step=400, what="next", word="step"))
    body = {"step": 400, "what": "write", "prompt": "The ball", "count": 6}
    written = client.post("/api/train/next-word/ask", json=body).json()
    assert len(written["words"]) == 6
    assert written["text"].startswith("The ball ")
    assert written == client.post("/api/train/next-word/ask", json=body).json()
    too_many = client.post("/api/train/next-word/ask", json={**body, "count": 41})
    assert too_many.status_code == 422


async def _disconnect_after_first_line(app: Any, body: dict[str, Any]) -> list[bytes]:
    """POST the body, read the first streamed line, then hang up (as a paused page does)."""
    raw = json.dumps(body).encode()
    asked = False
    hung_up = asyncio.Event()
    lines: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await hung_up.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            lines.append(message["body"])
            hung_up.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/train/digits",
        "raw_path": b"/api/train/digits",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }
    await asyncio.wait_for(app(scope, receive, send), timeout=60)
    return lines


def test_hanging_up_stops_the_work(client: TestClient) -> None:
    """A long run (thousands of steps of a hidden layer on big batches) is stopped by the
    disconnect: the stream ends without an end event and no run is left working."""
    body = {"steps": 2000, "batch_size": 1000, "hidden": 64}
    lines = run_async(lambda: _disconnect_after_first_line(client.app, body))
    assert len(lines) < 5
    assert all(json.loads(line)["type"] != "end" for line in lines)
    assert active_runs() == 0


def test_request_models_read_whole_numbers_and_ignore_unknown_keys() -> None:
    assert DigitsRequest.model_validate({"steps": 40.0, "speed": 3}, strict=True).steps == 40
    assert SpamRequest().settings() == {
        "learning_rate": 0.5,
        "optimizer": "gd",
        "batch_size": 16,
        "steps": 300,
        "seed": 0,
    }
    assert NextWordRequest().settings()["word"] == "the"


def test_runs_and_questions_agree_across_worker_processes() -> None:
    """Nothing is kept per reader: under ``foghill serve --workers 2`` any worker streams the
    same run and answers the same question, whichever one takes the connection."""
    import httpx

    from foghill.testing import FoghillServer

    body = {"steps": 30, "batch_size": 8, "seed": 4}
    question = {**body, "step": 30, "what": "score", "text": "Claim your free prize now"}
    with FoghillServer(workers=2) as server:
        runs, answers = [], []
        for _ in range(4):  # a new connection each time: the workers take turns
            with httpx.Client(base_url=server.url, timeout=60) as client:
                runs.append(client.post("/api/train/spam", json=body).text)
                answers.append(client.post("/api/train/spam/ask", json=question).json())
    assert len(set(runs)) == 1
    assert json.loads(runs[0].splitlines()[-1])["reason"] == "done"
    assert all(a == answers[0] for a in answers)
