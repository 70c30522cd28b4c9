"""<fh-rule for="..."> follows the widget it names, whatever else walks on the page."""

from __future__ import annotations

import pytest
from fh_page import Guard, frames, model_get, shown
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def two_hills_and_a_rule(page: Page) -> None:
    """A page from the test server: two hills, and a rule that names the second one."""
    page.goto("/")  # the server's origin, its elements defined
    page.wait_for_selector("fh-hill[data-ready=true]")
    page.set_content(
        "<!doctype html><html lang='en'><head><title>Two hills</title></head><body><main>"
        '<fh-hill id="left" hill="bowl" start="3" learning-rate="0.1"></fh-hill>'
        '<fh-hill id="right" hill="foggy" start="2.5" learning-rate="0.1"></fh-hill>'
        '<fh-rule for="right"></fh-rule>'
        "</main></body></html>"
    )
    for name in ("left", "right"):
        expect(page.locator(f"#{name}")).to_have_attribute("data-ready", "true", timeout=15_000)


def test_the_rule_shows_only_the_widget_it_is_for(page: Page, guard: Guard) -> None:
    two_hills_and_a_rule(page)
    left, right, rule = page.locator("#left"), page.locator("#right"), page.locator("fh-rule")
    expect(rule.locator(".fh-rule-target")).to_have_text("Buttons drive the foggy hill.")
    # The first hill on the page steps: the rule is not for it, and shows nothing.
    page.wait_for_function("el => el.model.get('trajectory') != null", arg=left.element_handle())
    left.get_by_role("button", name="Step").click()
    expect(left).to_have_attribute("data-step", "1")
    frames(page)
    assert rule.get_attribute("data-shown") is None
    # The one it names steps twice: its numbers fill the rule.
    page.wait_for_function("el => el.model.get('trajectory') != null", arg=right.element_handle())
    for k, words in (("1", "Paused after 1 step."), ("2", "Paused after 2 steps.")):
        right.get_by_role("button", name="Step").click()
        expect(right).to_have_attribute("data-step", k)
        expect(right.locator(".fh-message")).to_contain_text(words)  # the hop has landed
    expect(rule).to_have_attribute("data-shown", "2")
    walk = model_get(right, "trajectory")
    slots = rule.locator("math.fh-rule-numbers .fh-slot")
    assert [t.strip("()") for t in slots.all_text_contents()][:2] == [
        shown(walk["position"][2]),
        shown(walk["position"][1]),
    ]
    # The rule's buttons drive the one it names (by keyboard), never the other.
    rule.get_by_role("button", name="Reset").focus()
    page.keyboard.press("Enter")
    expect(right).to_have_attribute("data-status", "idle")
    expect(left).to_have_attribute("data-status", "paused")
    expect(left).to_have_attribute("data-step", "1")


def test_the_rule_names_what_it_follows_in_words_never_by_tag(page: Page, guard: Guard) -> None:
    """A typed formula is "your hill …", a map by its title; a new formula renames it."""
    page.goto("/")
    page.wait_for_selector("fh-hill[data-ready=true]")
    page.set_content(
        "<!doctype html><html lang='en'><head><title>A map and a hill</title></head><body>"
        '<main><fh-surface id="map" hill="himmelblau" start="-4,-1" learning-rate="0.01">'
        '</fh-surface><fh-hill id="mine" formula="x^2 - x" start="2" learning-rate="0.1">'
        '</fh-hill><fh-rule for="map"></fh-rule><fh-rule for="mine"></fh-rule></main></body></html>'
    )
    on_map, on_hill = page.locator("fh-rule").nth(0), page.locator("fh-rule").nth(1)
    expect(on_map.locator(".fh-rule-target")).to_have_text(
        "Buttons drive Himmelblau's four valleys.", timeout=15_000
    )
    expect(on_hill.locator(".fh-rule-target")).to_have_text(
        "Buttons drive your hill x^2 - x.", timeout=15_000
    )
    for rule in (on_map, on_hill):
        rule.get_by_role("button", name="Step").click()
        expect(rule).to_have_attribute("data-shown", "1")
    expect(on_map.locator(".fh-rule-live-head")).to_contain_text(
        "Step 1 of Himmelblau's four valleys"
    )
    expect(on_hill.locator(".fh-rule-live-head")).to_contain_text("Step 1 of your hill x^2 - x")
    # Another formula on the hill: the rule's words follow it.
    page.locator("#mine").evaluate(
        "el => { el.model.set('formula', 'x^4 - 3*x^2 + x'); el.model.save_changes(); }"
    )
    expect(on_hill.locator(".fh-rule-target")).to_have_text(
        "Buttons drive your hill x^4 - 3*x^2 + x.", timeout=15_000
    )
    assert "fh-" not in on_map.inner_text() + on_hill.inner_text()
