"""Every chart is named and described for a screen reader (issue 20): each picture a widget
draws is an image (or a group, where it holds controls) whose accessible name says what it
shows and whose accessible description says what it shows now, and follows the run."""

from __future__ import annotations

import re

import pytest
from fh_page import Guard, all_built, wait_final
from playwright.sync_api import Page, expect

from foghill.contract import WIDGETS

pytestmark = pytest.mark.browser

#: The pictures: images, and the SVG groups a reader can move around in (maps, hills).
CHARTS = ", ".join(f"{tag} [role=img], {tag} svg[role=group]" for tag in WIDGETS)
WORDS = re.compile(r"\w{3}")
NUMBER = r"([\d.,]+)"


def test_every_chart_is_named_and_says_what_it_shows(page: Page, guard: Guard) -> None:
    page.goto("/")
    all_built(page)
    # The step races draw their three panels once their hill has come.
    for race in page.locator("fh-step-race").all():
        race.scroll_into_view_if_needed()
        expect(race.locator("svg[role=group]")).to_have_count(3, timeout=20_000)
    charts = page.locator(CHARTS)
    seen = 0
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.is_visible():
            continue  # a picture not shown yet (the edge demo's slice, before a run)
        chart.scroll_into_view_if_needed()
        expect(chart).to_have_accessible_name(WORDS)
        expect(chart).to_have_accessible_description(WORDS)
        seen += 1
    # The hill, the dial, the line fit's three, the surface, two races (map and chart each),
    # two step races (three panels each), the edge's three shown before a run, the four
    # demos' error charts and noise pictures, the digits' templates and the films' map: a
    # page that lost some would not pass unseen.
    assert seen >= 29, seen


def test_the_line_fits_chart_says_its_numbers_as_it_walks(page: Page, guard: Guard) -> None:
    page.goto("/")
    fit = page.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    chart = fit.get_by_role("img", name="How wrong the line is, step by step")
    expect(chart).to_have_accessible_description(
        re.compile(rf"^How wrong at the start: {NUMBER} at step 0\.$")
    )
    fit.get_by_role("button", name="Play").click()
    wait_final(fit)
    loss = fit.evaluate("el => el.model.get('fit').loss")
    step = int(fit.get_attribute("data-step") or "0")
    assert step > 0
    said = re.compile(
        rf"^How wrong went from {NUMBER} at the start to {NUMBER} at step {step:,} "
        rf"\(lowest so far {NUMBER}\)\.$"
    )
    expect(chart).to_have_accessible_description(said)
    description = chart.evaluate(
        "el => el.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )
    first, now, low = (float(v.replace(",", "")) for v in said.findall(description)[0])
    assert first == pytest.approx(loss[0], rel=5e-3)
    assert now == pytest.approx(loss[step], rel=5e-3)
    assert low == pytest.approx(min(loss[: step + 1]), rel=5e-3)


def test_the_race_chart_says_each_racer_at_the_step_shown(page: Page, guard: Guard) -> None:
    page.goto("/")
    race = page.locator("fh-race").first
    race.scroll_into_view_if_needed()
    chart = race.get_by_role("img", name="How wrong each optimizer is, step by step")
    expect(chart).to_have_accessible_description(re.compile(r"^How wrong at step 0: Plain descent"))
    race.get_by_role("button", name="Play").click()
    wait_final(race, 60_000)
    step = int(race.get_attribute("data-step") or "0")
    expect(chart).to_have_accessible_description(
        re.compile(rf"^How wrong at step {step:,}: Plain descent [\d.]+|off the map, Momentum")
    )


def test_a_training_chart_follows_the_run(page: Page, guard: Guard) -> None:
    page.goto("/")
    spam = page.locator("fh-spam")
    spam.scroll_into_view_if_needed()
    chart = spam.get_by_role("img", name=re.compile("^Spam filter: how wrong"))
    # Before Play: the untrained model's one point.
    untrained = re.compile(rf"^How wrong at the start: {NUMBER} at step 0\.$")
    expect(chart).to_have_accessible_description(untrained)
    spam.get_by_role("button", name="Play").click()
    expect(spam).to_have_attribute("data-status", "done", timeout=30_000)
    steps = int(spam.get_attribute("data-step") or "0")
    expect(chart).to_have_accessible_description(
        re.compile(rf"^How wrong went from {NUMBER} at the start to {NUMBER} at step {steps:,} ")
    )
    spam.get_by_role("button", name="Reset").click()
    expect(chart).to_have_accessible_description(untrained)
