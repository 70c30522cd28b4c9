"""Predict, then go (issue 10, item 1): commit a guess, run, and read the verdict in words
with the run's own numbers; a tally per page; Go without a guess still works."""

from __future__ import annotations

import re

import pytest
from fh_page import (
    DESKTOP,
    PHONE,
    MakeContext,
    click_hill_at,
    model_get,
    shown,
    significant,
    wait_final,
)
from playwright.sync_api import Locator, Page, expect
from test_page import run_axe

pytestmark = pytest.mark.browser


def test_dial_guess_by_keyboard_is_judged_with_the_runs_numbers(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    box = dial.locator(".fh-predict")
    # Keyboard only: the first radio takes the focus, the arrow keys move the choice.
    dial.get_by_role("radio", name="crawl").focus()
    lesson.keyboard.press("ArrowRight")  # settle
    lesson.keyboard.press("ArrowRight")  # zig-zag
    expect(dial.get_by_role("radio", name="zig-zag")).to_be_checked()
    expect(box.locator(".fh-predict-note")).to_have_text("Your guess: zig-zag. Now run it and see.")
    # The "Bold" example step lies in the zig-zag zone; pressing it plays the walk.
    bold = dial.locator(".fh-btn-preset").nth(2)
    bold.focus()
    lesson.keyboard.press("Enter")
    assert wait_final(dial) == "zigzag"
    regimes = model_get(dial, "landscape")["regimes"]
    rate = model_get(dial, "trajectory")["learning_rate"]
    note = box.locator(".fh-predict-note")
    expect(note).to_contain_text("Right: you guessed zig-zag, and it zig-zagged.")
    expect(note).to_contain_text(
        f"{significant(rate)} is past 1/L = {significant(regimes['one_jump'])}, "
        "so every step overshoots the bottom"
    )
    expect(note).to_contain_text(f"under 2/L = {significant(regimes['fly_off'])}")
    expect(box).to_have_attribute("data-verdict", "right")
    # The guess is spent: the next run is judged only after a new one.
    expect(dial.get_by_role("radio", name="zig-zag")).not_to_be_checked()
    expect(box.locator(".fh-predict-tally")).to_have_text(
        "Your guesses on this page so far: 1 right out of 1."
    )
    # The note is a status region: screen readers hear the verdict.
    assert note.get_attribute("role") == "status"


def test_a_wrong_guess_says_what_happened_and_the_tally_counts_it(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    dial.get_by_role("radio", name="fly off").check()
    dial.get_by_role("button", name="Go", exact=True).click()
    assert wait_final(dial) == "settled"
    traj = model_get(dial, "trajectory")
    regimes = model_get(dial, "landscape")["regimes"]
    note = dial.locator(".fh-predict-note")
    expect(note).to_contain_text(
        f"Not this time: you guessed fly off, but it settled in {traj['n_steps']} steps."
    )
    expect(note).to_contain_text(
        f"{significant(traj['learning_rate'])} is under 1/L = {significant(regimes['one_jump'])}"
    )
    expect(dial.locator(".fh-predict")).to_have_attribute("data-verdict", "wrong")
    expect(dial.locator(".fh-predict-tally")).to_have_text(
        "Your guesses on this page so far: 0 right out of 1."
    )


def test_go_without_a_guess_still_works_and_judges_nothing(lesson: Page) -> None:
    dial = lesson.locator("fh-step-dial").first
    dial.scroll_into_view_if_needed()
    dial.get_by_role("button", name="Go", exact=True).click()
    assert wait_final(dial) == "settled"
    expect(dial.locator(".fh-predict-note")).to_have_text("")
    expect(dial.locator(".fh-predict")).not_to_have_attribute("data-verdict", "right")
    expect(dial.locator(".fh-predict-tally")).to_have_text("")


def test_hill_guess_by_clicking_where_it_stops(lesson: Page) -> None:
    hill = lesson.locator("fh-hill").first
    hill.get_by_role("button", name="Mark it on the hill").click()
    expect(hill.get_by_role("button", name="Mark it on the hill")).to_have_attribute(
        "aria-pressed", "true"
    )
    deep = next(m for m in model_get(hill, "landscape")["minima"] if m["deepest"])
    click_hill_at(lesson, hill, deep["x"] + 0.2)  # near the deep valley: a guess, no drop
    expect(hill.get_by_role("radio", name="the deep valley")).to_be_checked()
    expect(hill.locator(".fh-guess-flag")).to_be_visible()
    assert hill.get_attribute("data-status") == "idle"  # nothing was dropped
    # Now drop the ball on the far left; it ends in the deep valley, as guessed.
    click_hill_at(lesson, hill, -3.4)
    assert wait_final(hill) == "settled"
    note = hill.locator(".fh-predict-note")
    expect(note).to_contain_text("Right: you guessed the deep valley")
    expect(note).to_contain_text("From x = −3.40 the ground fell to the right")
    expect(hill.locator(".fh-guess-flag")).to_be_hidden()


def test_hill_guess_by_keyboard_then_play(lesson: Page) -> None:
    hill = lesson.locator("fh-hill").first
    hill.get_by_role("radio", name="the deep valley").focus()
    lesson.keyboard.press("ArrowRight")
    expect(hill.get_by_role("radio", name="the side valley")).to_be_checked()
    hill.get_by_role("button", name="Play").focus()
    lesson.keyboard.press("Enter")
    assert wait_final(hill) == "settled"
    traj = model_get(hill, "trajectory")
    expect(hill.locator(".fh-predict-note")).to_contain_text(
        f"Right: you guessed the side valley, at x = {traj['valley']['x']:.2f}, "
        "and it came to rest in the side valley"
    )


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_clean_with_a_verdict_shown(new_guarded_context: MakeContext, size: str) -> None:
    context, _ = new_guarded_context(
        viewport=DESKTOP if size == "desktop" else PHONE, bypass_csp=True
    )
    page = context.new_page()
    page.goto("/")
    dial = page.locator("fh-step-dial").first
    page.wait_for_selector("fh-step-dial[data-ready=true]")
    dial.scroll_into_view_if_needed()
    dial.get_by_role("radio", name="settle").check()
    dial.get_by_role("button", name="Go", exact=True).click()
    wait_final(dial)
    hill = page.locator("fh-hill").first
    hill.get_by_role("button", name="Mark it on the hill").click()
    expect(dial.locator(".fh-predict")).to_have_attribute("data-verdict", "right")
    assert run_axe(page) == []


def test_race_guess_names_the_winner_the_race_announces(lesson: Page) -> None:
    race = lesson.locator("fh-race").first
    race.scroll_into_view_if_needed()
    race.wait_for(state="visible")
    choices = race.locator(".fh-predict").get_by_role("radio")
    expect(choices.first).to_be_visible()
    runs = model_get(race, "race")["runs"]
    assert choices.count() == len(runs)
    # Keyboard: pick the first racer, then start the race with Play.
    choices.first.focus()
    lesson.keyboard.press("Space")
    expect(choices.first).to_be_checked()
    race.get_by_role("button", name="Play").focus()
    lesson.keyboard.press("Enter")
    wait_final(race)
    said = race.locator(".fh-message").inner_text()
    note = race.locator(".fh-predict-note").inner_text()
    winner = re.search(r"First to a valley floor: (.+?), in (\d+) steps?\.", said)
    if winner:
        assert f"{winner.group(1)} got there first, in {winner.group(2)} step" in note
    else:
        assert "no racer reached a valley floor" in note
    assert note.startswith(("Right:", "Not this time:"))
    for run in runs:
        # a racer on a floor is counted by when it got there, any other by its steps
        if run["floor_step"] is not None:
            assert f"in {run['floor_step']} step" in note
        else:
            assert f"after {run['n_steps']} step" in note


def type_formula(hill: Locator, formula: str) -> None:
    """Type a formula into the hill's field and wait until the hill drawn is that one."""
    field = hill.locator("details.fh-formula-field")
    if field.get_attribute("open") is None:
        field.locator("summary").click()
    box = field.get_by_label("Height of the hill at x:")
    box.fill(formula)
    box.press("Enter")
    hill.page.wait_for_function(
        "([el, f]) => el.model.get('landscape')?.formula === f",
        arg=[hill.element_handle(), formula],
    )


def test_a_new_hill_clears_the_guess_and_the_verdict_and_offers_its_own_valleys(
    lesson: Page,
) -> None:
    hill = lesson.locator("fh-hill").first
    note = hill.locator(".fh-predict-note")
    guesses = hill.locator(".fh-predict")  # (the speed control has radio buttons too)
    hill.get_by_role("radio", name="the side valley").check()
    hill.get_by_role("button", name="Play").click()
    wait_final(hill)
    expect(note).to_contain_text("you guessed the side valley")
    # Another hill: the verdict was about the old one, and the choices are the new valleys.
    type_formula(hill, "x^4 - 3*x^2 + x")
    expect(note).to_have_text("")
    expect(hill.locator(".fh-predict")).not_to_have_attribute("data-verdict", re.compile("."))
    minima = model_get(hill, "landscape")["minima"]
    labels = [r.inner_text() for r in hill.locator(".fh-predict-choice").all()]
    assert len(labels) == len(minima) == 2
    for label, m in zip(labels, sorted(minima, key=lambda m: m["x"]), strict=True):
        assert f"x = {shown(m['x'], 2)}" in label, (labels, minima)
    # A guess held when the hill changes is withdrawn, and the reader is told.
    guesses.get_by_role("radio").first.check()
    type_formula(hill, "x^4 - 2*x^2")
    expect(note).to_have_text("The choices changed, so your guess was cleared: guess again.")
    for radio in guesses.get_by_role("radio").all():
        expect(radio).not_to_be_checked()
    # A hill with no valley asks nothing.
    type_formula(hill, "exp(exp(x))")
    expect(guesses.get_by_role("radio")).to_have_count(0)
    expect(note).to_have_text(
        "This hill has no valley for the ball to rest in, so there is nothing to guess."
    )
    expect(hill.get_by_role("button", name="Mark it on the hill")).to_be_hidden()
