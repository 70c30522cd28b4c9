"""The four training demos (issue 9), used as a reader would: Play, the dials, the drawing pad,
the message box, Pause and Step, by mouse and by keyboard; what is checked is what a reader
sees (words, drawn marks, data-status and data-step)."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
from fh_page import (
    AXE,
    PHONE,
    VIEWPORTS,
    Guard,
    MakeContext,
    all_built,
    frames,
    sized_page,
)
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

DEMOS = ("fh-digits", "fh-spam", "fh-next-word", "fh-ratings")
RUN_TIMEOUT = 30_000  # ms: a default run takes about 2 s of server time
ENDED = "done"
PERCENT = re.compile(r"(\d+)%")


@pytest.fixture
def page_at(page: Page, guard: Guard) -> Page:
    page.goto("/")
    page.wait_for_selector("fh-digits .fh-btn-play")
    return page


def demo(page: Page, tag: str) -> Locator:
    """Scroll to the demo and wait for its untrained model (test_before_play.py), drawn once
    the reader comes near: what is under it moves down as it arrives."""
    widget = page.locator(tag)
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".fh-btn-play")).to_be_visible()
    expect(widget.locator(".fh-message")).to_contain_text("Untrained, step 0", timeout=RUN_TIMEOUT)
    return widget


# Records every status the widget leaves, so a run that starts and ends between two looks is
# still seen (after a first run the status already reads "done" before Play starts another).
WATCH_STATUS = """el => {
    el.__left = [];
    el.__watch?.disconnect();
    el.__watch = new MutationObserver(rs => { for (const r of rs) el.__left.push(r.oldValue); });
    el.__watch.observe(
        el, {attributes: true, attributeFilter: ['data-status'], attributeOldValue: true}
    );
}"""


def play_to_end(widget: Locator) -> None:
    """Play, and wait until this run (not an earlier one) has run and ended."""
    widget.evaluate(WATCH_STATUS)
    widget.get_by_role("button", name="Play").click()
    widget.page.wait_for_function(
        "([el, end]) => el.__left.includes('running') && el.dataset.status === end",
        arg=[widget.element_handle(), ENDED],
        timeout=RUN_TIMEOUT,
    )


def percent_in(text: str) -> int:
    found = PERCENT.search(text)
    assert found, text
    return int(found.group(1))


def roughness(widget: Locator) -> float:
    """How jagged the drawn how-wrong curve is: the path's total up-and-down travel over its
    net fall (1 for a curve that only goes down, far more for a jagged one)."""
    d = widget.locator(".fh-error-line").get_attribute("d") or ""
    ys = [float(y) for y in re.findall(r"[ML][\d.]+,([\d.]+)", d)]
    assert len(ys) > 20, d
    travel = sum(abs(b - a) for a, b in itertools.pairwise(ys))
    return travel / max(abs(ys[-1] - ys[0]), 1e-9)


def draw_one_with_the_mouse(page: Page, widget: Locator) -> None:
    pad = widget.locator(".fh-tr-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    x = box["x"] + box["width"] * 4.5 / 8
    page.mouse.move(x, box["y"] + box["height"] * 0.5 / 8)
    page.mouse.down()
    for row in range(1, 15):
        page.mouse.move(x, box["y"] + box["height"] * (0.5 + row / 2) / 8)
    page.mouse.up()


def test_nothing_is_trained_before_play_and_play_makes_the_accuracy_rise(
    page_at: Page, guard: Guard
) -> None:
    page = page_at
    digits = demo(page, "fh-digits")
    # Only the untrained model is asked for before Play.
    assert [r for r in guard.requests if "/api/train" in r and "/untrained" not in r] == []
    expect(digits).to_have_attribute("data-status", "idle")
    # What the metric says from now on, beginning with the untrained model's, already shown.
    digits.evaluate(
        """el => {
            const box = el.querySelector('.fh-tr-metric');
            el.__metrics = [box.textContent];
            new MutationObserver(() => el.__metrics.push(box.textContent))
                .observe(box, {childList: true, characterData: true, subtree: true});
        }"""
    )
    # At Fast the pictures are drawn in order, from the untrained model on (at Instant only
    # the end's is).
    digits.get_by_role("radio", name="Fast").click()
    play_to_end(digits)
    assert digits.get_attribute("data-status") == "done"
    metrics: list[str] = digits.evaluate("el => el.__metrics")
    shown = [percent_in(m) for m in metrics if m]
    assert len(shown) >= 3, metrics
    assert shown[0] < 50 <= 90 <= shown[-1], shown
    assert "held-out" in digits.locator(".fh-message").inner_text()
    assert int(digits.get_attribute("data-step") or 0) == 400
    # The digits it never trains on are shown with their guesses, right or wrong, in words.
    words = digits.locator(".fh-tr-watched-words").all_inner_texts()
    assert len(words) == 8
    assert all("read as" in w for w in words)
    right = sum("✓" in w for w in words)
    assert f"It reads {right} of these 8 right." in digits.inner_text()
    # The ten templates and the noise picture are drawn.
    assert digits.locator("canvas.fh-tr-template-img").count() == 10
    assert digits.locator(".fh-tr-noise-dot").count() == 30
    assert "lean the same way as the arrow" in digits.locator(".fh-tr-noise-words").inner_text()


def test_a_one_drawn_with_the_mouse_is_read_as_one(page_at: Page) -> None:
    digits = demo(page_at, "fh-digits")
    play_to_end(digits)
    draw_one_with_the_mouse(page_at, digits)
    guess = digits.locator(".fh-tr-guess")
    expect(guess).to_contain_text("It reads a 1", timeout=10_000)
    assert percent_in(guess.inner_text()) > 30
    assert digits.locator(".fh-tr-cell[data-ink=full]").count() >= 7
    digits.get_by_role("button", name="Clear the pad").click()
    expect(guess).to_have_text("Nothing drawn yet.")
    assert digits.locator(".fh-tr-cell[data-ink=full]").count() == 0


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_train_then_draw_a_one(page_at: Page) -> None:
    page = page_at
    digits = demo(page, "fh-digits")
    # From the paragraph before the demo, everything by keyboard.
    digits.evaluate(
        "el => { const h = el.closest('figure').previousElementSibling;"
        " h.tabIndex = -1; h.focus(); }"
    )
    tab_to(page, "fh-digits .fh-btn-play")
    page.keyboard.press("Enter")
    expect(digits).to_have_attribute("data-status", ENDED, timeout=RUN_TIMEOUT)
    tab_to(page, "fh-digits .fh-tr-pad")
    # The cursor starts at row 4, column 4; column 5 from the top down is a one.
    live: list[str] = []
    page.keyboard.press("ArrowRight")
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    live.append(digits.locator(".fh-live").text_content() or "")
    for row in range(8):
        page.keyboard.press("Space")
        if row < 7:
            page.keyboard.press("ArrowDown")
    assert "Row 1, column 5" in live[0]
    assert digits.locator(".fh-tr-cell[data-ink=full]").count() == 8
    expect(digits.locator(".fh-tr-guess")).to_contain_text("It reads a 1", timeout=10_000)
    # The cursor is visible while the pad has focus.
    expect(digits.locator(".fh-tr-cursor")).to_be_visible()


def test_a_spammy_message_scores_high_and_a_plain_one_low(page_at: Page) -> None:
    spam = demo(page_at, "fh-spam")
    play_to_end(spam)
    assert "wrong side of the border" in spam.inner_text()
    assert spam.locator(".fh-tr-msg").count() == 12
    box = spam.get_by_label("Type a message for it to score")
    score = spam.locator(".fh-tr-guess")
    box.fill("Congratulations, you have won a free prize! Claim it now")
    expect(score).to_contain_text("Spam score", timeout=10_000)
    assert percent_in(score.inner_text()) >= 80, score.inner_text()
    assert "spam" in score.inner_text()
    box.fill("Can we move our meeting to Friday? I will bring the notes")
    expect(score).to_contain_text("real mail", timeout=10_000)
    assert percent_in(score.inner_text()) < 50


def test_a_batch_of_one_makes_the_curve_jaggier_than_the_whole_set(page_at: Page) -> None:
    digits = demo(page_at, "fh-digits")
    dial = digits.get_by_label("Examples per step")
    words = digits.locator(".fh-tr-value").nth(1)
    # The whole set, chosen before Play: the dial already says its size, and the run trains
    # on all of it.
    dial.focus()
    dial.press("End")
    expect(words).to_have_text(re.compile(r"^all [\d,]+ examples \(the whole set\)$"))
    play_to_end(digits)
    expect(words).to_have_text(re.compile(r"^all [\d,]+ examples \(the whole set\)$"))
    size = int(words.inner_text().split()[1].replace(",", ""))
    assert digits.evaluate("el => el.model.get('batch_size')") == size
    whole = roughness(digits)
    # With the whole set every batch agrees with it: the noise picture says so.
    assert "mostly agree" in digits.locator(".fh-tr-noise-words").inner_text()
    dial.focus()
    dial.press("Home")
    expect(words).to_have_text("1 example at a time")
    expect(digits).to_have_attribute("data-status", "idle")
    play_to_end(digits)
    one = roughness(digits)
    assert one > 3 * whole, (one, whole)
    assert whole < 1.5, whole


def test_pause_stops_the_step_counter_and_play_goes_on(page_at: Page) -> None:
    page = page_at
    digits = demo(page, "fh-digits")
    digits.get_by_role("radio", name="Watch").click()
    digits.get_by_role("button", name="Play").click()
    expect(digits).not_to_have_attribute("data-step", "0", timeout=10_000)
    digits.get_by_role("button", name="Pause").click()
    expect(digits).to_have_attribute("data-status", "paused")
    step = digits.get_attribute("data-step")
    frames(page, 60)  # a second of frames goes by, and the counter stays
    assert digits.get_attribute("data-step") == step
    assert f"Paused after {step} steps" in digits.locator(".fh-message").inner_text()
    # Play goes on from there, at the fastest speed, to the end.
    digits.get_by_role("radio", name="Instant").click()
    play_to_end(digits)
    assert int(digits.get_attribute("data-step") or 0) == 400
    # Step trains a little and stops.
    digits.get_by_role("button", name="Reset").click()
    expect(digits).to_have_attribute("data-step", "0")
    digits.get_by_role("button", name="Step: train a little, then stop").click()
    expect(digits).to_have_attribute("data-status", "paused", timeout=10_000)
    assert 0 < int(digits.get_attribute("data-step") or 0) < 400


def run_axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const context = {include: tags.map(t => [t])};
            const result = await axe.run(context, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }""",
        list(DEMOS),
    )
    return violations


def train_all(page: Page) -> None:
    for tag in DEMOS:
        play_to_end(demo(page, tag))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_violations_in_the_demos(new_guarded_context: MakeContext, size: str) -> None:
    page = sized_page(new_guarded_context, size, bypass_csp=True)
    viewport = VIEWPORTS[size]
    all_built(page)
    page.wait_for_selector("fh-ratings .fh-btn-play")
    assert run_axe(page) == []
    train_all(page)
    draw_one_with_the_mouse(page, page.locator("fh-digits"))
    page.locator("fh-spam textarea").fill("free prize now")
    expect(page.locator("fh-spam .fh-tr-guess")).to_contain_text("Spam score", timeout=10_000)
    assert run_axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_the_demos(
    new_guarded_context: MakeContext, screenshots: Path, size: str, scheme: str
) -> None:
    page = sized_page(new_guarded_context, size, color_scheme=scheme)
    viewport = VIEWPORTS[size]
    all_built(page)
    page.wait_for_selector("fh-ratings .fh-btn-play")
    train_all(page)
    draw_one_with_the_mouse(page, page.locator("fh-digits"))
    expect(page.locator("fh-digits .fh-tr-guess")).to_contain_text("It reads", timeout=10_000)
    page.locator("fh-spam textarea").fill("Claim your free prize now, reply YES")
    expect(page.locator("fh-spam .fh-tr-guess")).to_contain_text("Spam score", timeout=10_000)
    page.locator("fh-next-word").get_by_role("button", name="Write a few words").click()
    expect(page.locator("fh-next-word .fh-tr-try .fh-tr-guess")).to_contain_text("It writes")
    name = f"{size}-{viewport['width']}" + ("" if scheme == "light" else "-dark")
    for tag in DEMOS:
        page.locator(tag).screenshot(path=screenshots / f"{name}-{tag}.png")


def test_next_words_follow_the_picked_word_and_it_writes(page_at: Page) -> None:
    nw = demo(page_at, "fh-next-word")
    assert "learns from the page you are reading" in nw.inner_text()
    play_to_end(nw)
    metric = nw.locator(".fh-tr-metric").inner_text()
    assert "bits per word" in metric
    # Bits and "how wrong" are one number in two units, and the words say how.
    bits = float(re.search(r"Surprise ([\d.]+) bits", metric).group(1))  # type: ignore[union-attr]
    nats = float(re.search(r"how wrong” below, ([\d.]+),", metric).group(1))  # type: ignore[union-attr]
    assert bits == pytest.approx(nats / math.log(2), abs=0.01)
    assert f"held-out ones {nats:.3f}" in nw.locator(".fh-numbers").inner_text()
    bars = nw.locator(".fh-tr-bar")
    expect(bars.first).to_be_visible()
    box = nw.get_by_label("After the word")
    box.fill("ball")
    box.press("Enter")
    said = nw.locator(".fh-tr-bars + .fh-sr-only")
    expect(said).to_contain_text("After “ball” it expects", timeout=10_000)
    shown = [float(p.rstrip("%")) for p in nw.locator(".fh-tr-bar-p").all_inner_texts()]
    assert shown == sorted(shown, reverse=True)
    assert 0 < shown[0] <= 100
    nw.get_by_role("button", name="Write a few words").click()
    written = nw.locator(".fh-tr-try .fh-tr-guess")
    expect(written).to_contain_text("It writes:", timeout=10_000)
    assert len(written.inner_text().split()) >= 8
    # A word the page does not use is refused in words; the last picture stays.
    box.fill("zyzzyva")
    box.press("Enter")
    expect(nw.locator(".fh-error")).to_contain_text("zyzzyva", timeout=10_000)
    assert bars.count() > 0


def test_the_ratings_grid_fills_in_and_the_held_out_miss_falls(page_at: Page) -> None:
    ratings = demo(page_at, "fh-ratings")
    assert "made up for teaching" in ratings.inner_text()
    # At Fast the pictures are drawn in order, from the untrained model on (at Instant only
    # the end's is).
    ratings.get_by_role("radio", name="Fast").click()
    ratings.evaluate(
        """el => {
            const box = el.querySelector('.fh-tr-metric');
            el.__misses = [box.textContent];  // the untrained model's, drawn before Play
            new MutationObserver(() => el.__misses.push(box.textContent))
                .observe(box, {childList: true, characterData: true, subtree: true});
        }"""
    )
    play_to_end(ratings)
    misses = [
        float(m.group(1))
        for text in ratings.evaluate("el => el.__misses")
        if (m := re.search(r"miss by ([\d.]+) stars", text))
    ]
    assert len(misses) >= 3
    assert misses[-1] < 0.7 * misses[0], misses
    assert "held-out ratings miss by" in ratings.locator(".fh-message").inner_text()
    # Every film is on the map, spread over it (not all at the centre).
    places = ratings.locator(".fh-tr-film").evaluate_all(
        "gs => gs.map(g => g.getAttribute('transform'))"
    )
    assert len(places) == 20
    assert len(set(places)) == 20
    # The grid is drawn: the canvas holds more than one colour.
    colours = ratings.locator("canvas.fh-tr-grid").evaluate(
        """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  const seen = new Set();
                  for (let i = 0; i < d.length; i += 4 * 7) seen.add(d[i] + ',' + d[i+1]);
                  return seen.size; }"""
    )
    assert colours > 5


def test_the_dials_reach_the_host_and_a_change_starts_the_run_again(page_at: Page) -> None:
    page = page_at
    digits = demo(page, "fh-digits")
    bodies: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: bodies.append(r.post_data_json) if r.url.endswith("/api/train/digits") else None,
    )
    digits.get_by_label("Optimizer").select_option(label="Adam")
    rate = digits.get_by_label("Step size η")
    rate.focus()
    for _ in range(20):
        rate.press("ArrowLeft")
    shown = float(digits.locator(".fh-tr-value").first.inner_text())
    assert rate.get_attribute("aria-valuetext") == digits.locator(".fh-tr-value").first.inner_text()
    assert bodies == []  # nothing is asked before Play
    play_to_end(digits)
    assert bodies[-1]["optimizer"] == "adam"
    assert bodies[-1]["learning_rate"] == shown
    assert "from_step" not in bodies[-1]
    # A dial turned while it trains: the run starts again from step 0 with the new setting.
    digits.get_by_role("radio", name="Watch").click()
    digits.get_by_role("button", name="Play").click()
    expect(digits).not_to_have_attribute("data-step", "0", timeout=10_000)
    with page.expect_request(
        lambda r: (
            r.url.endswith("/api/train/digits")
            and (r.post_data_json or {}).get("optimizer") == "momentum"
        )
    ):
        digits.get_by_label("Optimizer").select_option(label="Momentum")
    expect(digits).to_have_attribute("data-status", "running")
    assert bodies[-1]["optimizer"] == "momentum"
    assert "from_step" not in bodies[-1]
    digits.get_by_role("button", name="Pause").click()
    expect(digits).to_have_attribute("data-status", "paused")


def test_a_finger_inks_the_pad(new_guarded_context: MakeContext) -> None:
    context, _ = new_guarded_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto("/")
    digits = demo(page, "fh-digits")
    pad = digits.locator(".fh-tr-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    page.touchscreen.tap(box["x"] + box["width"] * 4.5 / 8, box["y"] + box["height"] * 2.5 / 8)
    assert digits.locator(".fh-tr-cell[data-ink=full]").count() == 1
    # Untrained, the model can only guess: its answer says how unsure it is, in words.
    expect(digits.locator(".fh-tr-guess")).to_contain_text("It reads a", timeout=10_000)
    assert "guessing" in digits.locator(".fh-tr-guess").inner_text()


def test_play_after_the_end_trains_from_scratch(page_at: Page) -> None:
    spam = demo(page_at, "fh-spam")

    def drawn() -> tuple[int, list[list[float]]]:
        """The curve's points, and the (step, loss) pairs of the run it was drawn from."""
        d = spam.locator(".fh-error-line").get_attribute("d") or ""
        got = spam.evaluate("el => el.lossSteps.map((step, i) => [step, el.losses[i]])")
        return len(re.findall(r"[ML]", d)), got

    play_to_end(spam)
    points, first = drawn()
    play_to_end(spam)
    again_points, again = drawn()
    # Drawn once: the curve holds this run's points only, in order (not added to the last
    # run's). A busy machine may send a progress event more or less (one comes early when a
    # chunk of steps takes long), so the two runs are compared at the steps both hold.
    assert again_points - len(again) == points - len(first)
    steps = [step for step, _ in again]
    assert steps == sorted(set(steps))
    # The same seed and settings: the same walk.
    mine, theirs = dict(first), dict(again)
    common = mine.keys() & theirs.keys()
    assert len(common) >= 0.9 * len(mine)
    assert all(mine[s] == theirs[s] for s in common)


def test_the_ratings_answer_a_question_and_read_as_a_table(page_at: Page) -> None:
    from foghill.engine.data.ratings import FILMS, PEOPLE, ratings

    widget = demo(page_at, "fh-ratings")
    person = widget.get_by_label("Person")
    film = widget.get_by_label("Film", exact=True)
    # The untrained model brings the people and films: they can be picked before Play.
    expect(person).to_be_enabled()
    expect(film).to_be_enabled()
    play_to_end(widget)
    who, what, stars = (int(v) for v in ratings().heldout[0])
    person.select_option(label=PEOPLE[who])
    film.select_option(label=FILMS[what])
    answer = widget.locator(".fh-tr-guess")
    expect(answer).to_contain_text(f"The model predicts {PEOPLE[who]} would give “{FILMS[what]}”")
    said = answer.inner_text()
    assert f"gave it {stars} stars, a rating kept aside" in said, said
    # The predicted stars are the sum of the four parts the sentence names.
    m = re.search(r"give “.*” ([\d.]+) stars: ([\d.]+) for the average", said)
    assert m, said
    parts = [float(v.replace("−", "-")) for v in re.findall(r"([+−][\d.]+) for", said)]
    assert len(parts) == 3, said
    assert float(m.group(1)) == pytest.approx(float(m.group(2)) + sum(parts), abs=0.08)
    # The grid as a table a screen reader can walk: a row per person, a column per film.
    widget.get_by_text("Read the predicted ratings as a table").click()
    table = widget.get_by_role("table", name="Predicted stars")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == len(PEOPLE)
    assert table.locator("thead th").count() == len(FILMS) + 1
    row = table.get_by_role("row", name=re.compile(rf"^{PEOPLE[who]}\b"))
    cell = row.locator("td").nth(what)
    expect(cell).to_contain_text("(kept aside)")
    shown = float(cell.inner_text().split()[0])
    assert shown == pytest.approx(float(m.group(1)), abs=0.11)
