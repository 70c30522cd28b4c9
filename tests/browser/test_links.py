"""A link carries every widget's settings: set them as a person would, take the address, open it
in a fresh page, and the same view comes back (issue 20, point 2).

Each widget keeps its settings under its id (or its kind, without one), so two widgets of one
kind on the page keep their own; a value typed into the address by hand that a widget cannot
take gives its usual setting and a sentence saying so.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fh_page import Guard, MakeContext, all_built, model_get
from playwright.sync_api import Locator, Page, expect
from test_page import run_axe

from foghill.contract import DEFAULT_X, DEFAULT_Y, LINK_NAMES, WIDGETS

pytestmark = pytest.mark.browser

#: A link a person can paste anywhere (mail, chat, an address bar) stays under this length.
PASTABLE = 2000


def fresh(new_guarded_context: MakeContext, url: str) -> Page:
    """The address opened in a page of its own (a new context: nothing shared but the link)."""
    context, _ = new_guarded_context()
    page = context.new_page()
    page.goto(url)
    all_built(page)
    return page


def settle_address(page: Page, *keys: str) -> dict[str, list[str]]:
    """Wait until the address holds every one of `keys`; its query then."""
    for key in keys:
        page.wait_for_function("k => new URL(location.href).searchParams.has(k)", arg=key)
    return parse_qs(urlsplit(page.url).query)


def racer(race: Locator, name: str) -> Locator:
    return race.locator(".fh-legend").get_by_role("checkbox", name=name)


def test_a_race_link_brings_back_its_racers_and_steps_and_the_other_race_keeps_its_own(
    lesson: Page, new_guarded_context: MakeContext
) -> None:
    race = lesson.locator("#race-valley")
    race.scroll_into_view_if_needed()
    expect(race).to_have_attribute("data-ready", "true")  # the map and its racers are drawn
    expect(racer(race, "AdaGrad")).to_be_checked()
    racer(race, "AdaGrad").uncheck()
    racer(race, "RMSProp").uncheck()
    rate = race.get_by_label("Plain descent: step size")
    rate.fill("0.0042")
    rate.press("Tab")
    kept = race.get_by_label("Momentum kept (momentum and Nesterov)")
    kept.fill("0.6")
    kept.press("Tab")
    query = settle_address(lesson, "race-valley.racers", "race-valley.rates", "race-valley.mom")
    assert query["race-valley.racers"] == ["gd,momentum,nesterov,adam"]
    assert query["race-valley.rates"][0].startswith("0.0042,")
    assert not any(key.startswith("race-saddle.") for key in query)  # untouched: no setting

    again = fresh(new_guarded_context, lesson.url)
    race = again.locator("#race-valley")
    race.scroll_into_view_if_needed()
    for name, on in [
        ("Plain descent", True),
        ("Momentum", True),
        ("Nesterov", True),
        ("AdaGrad", False),
        ("RMSProp", False),
        ("Adam", True),
    ]:
        expect(racer(race, name)).to_be_checked(checked=on)
    expect(race.get_by_label("Plain descent: step size")).to_have_value("0.0042")
    expect(race.get_by_label("Momentum kept (momentum and Nesterov)")).to_have_value("0.6")
    race.get_by_role("button", name="Play").click()
    expect(race.locator(".fh-outcomes li")).to_have_count(4, timeout=30_000)
    # The other race on the page is as its lesson set it: three racers, its own step sizes.
    other = again.locator("#race-saddle")
    other.scroll_into_view_if_needed()
    for name in ("Plain descent", "Momentum", "Adam"):
        expect(racer(other, name)).to_be_checked()
    expect(racer(other, "Nesterov")).not_to_be_checked()
    expect(other.get_by_label("Plain descent: step size")).to_have_value("0.05")
    expect(other.get_by_label("Momentum kept (momentum and Nesterov)")).to_have_value("0.9")


def test_two_step_races_keep_their_own_rates_in_one_link(
    lesson: Page, new_guarded_context: MakeContext
) -> None:
    first = lesson.locator("fh-step-race").first  # no id: kept under its kind
    second = lesson.locator("#step-race-valley")
    first.scroll_into_view_if_needed()
    expect(first).to_have_attribute("data-ready", "true")
    box = first.get_by_role("spinbutton", name="Step size 2")
    box.fill("0.3")
    box.press("Tab")
    second.scroll_into_view_if_needed()
    expect(second).to_have_attribute("data-ready", "true")
    box = second.get_by_role("spinbutton", name="Step size 3")
    box.fill("0.5")
    box.press("Tab")
    query = settle_address(lesson, "step-race.rates", "step-race-valley.rates")
    assert query["step-race-valley.rates"] == ["0.05,0.45,0.5"]
    first_rates = query["step-race.rates"][0].split(",")
    assert first_rates[1] == "0.3"

    again = fresh(new_guarded_context, lesson.url)
    first = again.locator("fh-step-race").first
    second = again.locator("#step-race-valley")
    for i, value in enumerate(first_rates):
        expect(first.get_by_role("spinbutton", name=f"Step size {i + 1}")).to_have_value(value)
    for i, value in enumerate(["0.05", "0.45", "0.5"]):
        expect(second.get_by_role("spinbutton", name=f"Step size {i + 1}")).to_have_value(value)


def test_where_the_ball_was_dropped_on_the_map_comes_back(
    lesson: Page, new_guarded_context: MakeContext
) -> None:
    surface = lesson.locator("#surface")
    surface.scroll_into_view_if_needed()
    expect(surface).to_have_attribute("data-ready", "true")
    plot = surface.locator(".fh-canvas svg").first
    box = plot.bounding_box()
    assert box is not None
    lesson.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.35)
    lesson.wait_for_function(
        "el => Array.isArray(el.model.get('start'))", arg=surface.element_handle()
    )
    start = model_get(surface, "start")
    query = settle_address(lesson, "surface.drop")
    assert query["surface.drop"] == [f"{start[0]},{start[1]}"]
    where = surface.locator(".fh-map-cursor").get_attribute("aria-label")

    again = fresh(new_guarded_context, lesson.url)
    surface = again.locator("#surface")
    surface.scroll_into_view_if_needed()
    expect(surface.locator(".fh-map-cursor")).to_have_attribute("aria-label", where or "")
    assert model_get(surface, "start") == start


def test_a_rate_tried_from_the_sweep_comes_back_on_the_sweep_and_the_dial(
    lesson: Page, new_guarded_context: MakeContext
) -> None:
    sweep = lesson.locator("fh-sweep")
    sweep.scroll_into_view_if_needed()
    expect(sweep).to_have_attribute("data-ready", "true")
    chart = sweep.locator("svg[aria-valuenow]")
    chart.focus()
    for _ in range(12):
        lesson.keyboard.press("ArrowLeft")
    lesson.keyboard.press("Enter")
    rate = chart.get_attribute("aria-valuenow")
    dial = lesson.locator("#step-dial")
    lesson.wait_for_function(
        "([el, rate]) => el.model.get('learning_rate') === Number(rate)",
        arg=[dial.element_handle(), rate],
    )
    query = settle_address(lesson, "sweep.at", "step-dial.rate")
    assert query["sweep.at"] == [rate]
    assert query["step-dial.rate"] == [rate]
    said = dial.locator("output").inner_text()

    again = fresh(new_guarded_context, lesson.url)
    sweep = again.locator("fh-sweep")
    sweep.scroll_into_view_if_needed()
    expect(sweep.locator("svg[aria-valuenow]")).to_have_attribute("aria-valuenow", rate or "")
    dial = again.locator("#step-dial")
    dial.scroll_into_view_if_needed()
    expect(dial.locator("output")).to_have_text(said)


def test_a_demo_link_brings_back_its_dials(lesson: Page, new_guarded_context: MakeContext) -> None:
    spam = lesson.locator("fh-spam")
    spam.scroll_into_view_if_needed()
    slider = spam.get_by_label("Step size η")
    slider.focus()
    for _ in range(10):
        lesson.keyboard.press("ArrowLeft")
    spam.get_by_label("Optimizer").select_option("adam")
    batch = spam.get_by_label("Examples per step")
    batch.focus()
    lesson.keyboard.press("ArrowRight")
    rate_shown = spam.locator(".fh-tr-value").first.inner_text()
    batch_shown = spam.locator(".fh-tr-value").nth(1).inner_text()
    assert rate_shown != "0.5"
    edge = lesson.locator("#edge-net")
    edge.scroll_into_view_if_needed()
    edge.get_by_label("Step size over the run").select_option("warm-up")
    query = settle_address(lesson, "spam.rate", "spam.opt", "spam.batch", "edge-net.sched")
    assert query["spam.opt"] == ["adam"]
    assert query["edge-net.sched"] == ["warm-up"]
    assert not any(key.startswith("digits.") for key in query)  # another demo: untouched

    again = fresh(new_guarded_context, lesson.url)
    spam = again.locator("fh-spam")
    spam.scroll_into_view_if_needed()
    expect(spam.locator(".fh-tr-value").first).to_have_text(rate_shown)
    expect(spam.get_by_label("Optimizer")).to_have_value("adam")
    expect(spam.locator(".fh-tr-value").nth(1)).to_have_text(batch_shown)
    expect(again.locator("#edge-net").get_by_label("Step size over the run")).to_have_value(
        "warm-up"
    )
    digits = again.locator("fh-digits")
    expect(digits.get_by_label("Optimizer")).to_have_value("gd")


def test_a_bad_value_typed_into_the_link_gives_the_usual_setting_and_a_sentence(
    new_guarded_context: MakeContext,
) -> None:
    context, _ = new_guarded_context(bypass_csp=True)  # axe's script is added to the page
    page = context.new_page()
    page.goto("/?spam.rate=fast&race-saddle.mom=1.5&race-saddle.racers=gd,bogus&hill.opt=adam")
    all_built(page)
    spam = page.locator("fh-spam")
    spam.scroll_into_view_if_needed()
    note = spam.locator(".fh-link-note")
    expect(note).to_have_text(
        "The spam filter cannot take the link's step size “fast”, so it starts with its usual "
        "step size (0.5)."
    )
    expect(spam.locator(".fh-tr-value").first).to_have_text("0.50")
    race = page.locator("#race-saddle")
    race.scroll_into_view_if_needed()
    expect(race.locator(".fh-link-note")).to_contain_text("momentum “1.5”")
    expect(race.locator(".fh-link-note")).to_contain_text("racers “gd,bogus”")
    expect(race.get_by_label("Momentum kept (momentum and Nesterov)")).to_have_value("0.9")
    expect(racer(race, "Adam")).to_be_checked()
    expect(race.locator(".fh-error")).to_be_hidden()
    # A good value beside them is taken, and the refused ones leave the address.
    assert model_get(page.locator("fh-hill").first, "optimizer") == "adam"
    page.wait_for_function("() => !new URL(location.href).searchParams.has('spam.rate')")
    query = parse_qs(urlsplit(page.url).query)
    assert "race-saddle.mom" not in query
    assert query["hill.opt"] == ["adam"]
    expect(page.locator(".fh-link-note")).to_have_count(2)
    assert run_axe(page) == []


#: A reader's own value for each linked key, of the length a reader's would have (never the
#: widget's own), by the key's name; a start and a racers' step sizes follow the widget.
OWN = {
    "formula": "x^2 + cos(3*x)",
    "learning_rate": "0.0123",
    "optimizer": "rmsprop",
    "optimizers": "gd,momentum,nesterov,adagrad,rmsprop",
    "momentum": "0.85",
    "max_steps": "321",
    "steps": "321",
    "batch_size": "8",
    "seed": "7",
    "hidden": "16",
    "word": "gradient",
    "schedule": "warm-up",
}

#: Where each widget of the built-in page is named in a link (its id, or its kind).
WIDGETS_NAMED = """() => {
  const seen = {};
  return [...document.querySelectorAll('*')]
    .filter(el => el.localName.startsWith('fh-') && 'built' in el)
    .map(el => {
      const kind = el.localName.replace(/^fh-/, '');
      if (!el.id) seen[kind] = (seen[kind] || 0) + 1;
      const name = el.id || (seen[kind] > 1 ? `${kind}-${seen[kind]}` : kind);
      return [el.localName, name, (el.getAttribute('start') || '').includes(',')];
    });
}"""


def reader_value(tag: str, key: str, on_map: bool) -> str | None:
    """A reader's own value for a key of a widget (None: a formula where none is typed)."""
    if key == "start":
        return "-1.23,1.34" if on_map or tag in ("fh-surface", "fh-race") else "-1.23"
    if key == "learning_rates":
        return "0.0123,0.0234,0.0345" + ("" if tag == "fh-step-race" else ",0.0456,0.0567")
    if key in ("formula", "domain") and tag not in ("fh-hill", "fh-step-dial"):
        return None  # a map's formula and range are typed on no page yet
    if key == "domain":
        return "-2.5,3.5"
    return OWN[key]


def test_the_longest_link_stays_short_enough_to_paste(page: Page, guard: Guard) -> None:
    """Every setting of every widget on the built-in page changed at once (the dots moved
    too): every widget takes the whole link (none refuses any of it), and it stays short."""
    page.goto("/")
    all_built(page)
    settings = []
    for tag, name, on_map in page.evaluate(WIDGETS_NAMED):
        for key in WIDGETS[tag].linked:
            value = reader_value(tag, key.name, on_map)
            if value is not None:
                settings.append(f"{name}.{LINK_NAMES[key.name][0]}={quote(value, safe=',')}")
    moved = zip(DEFAULT_X, DEFAULT_Y, strict=True)
    dots = ",".join(f"{x + 0.03:.2f}:{y - 0.07:.2f}" for x, y in moved)
    settings.append(f"line-fit.dots={dots}")
    # The view a widget keeps besides its model: the fog lifted, the rate the sweep points at.
    settings += ["hill.fog=lifted", "surface.fog=lifted", "sweep.at=0.0123"]
    page.goto("/?" + "&".join(settings))
    all_built(page)
    for widget in page.locator(".fh-widget").all():
        widget.scroll_into_view_if_needed()
    expect(page.locator(".fh-link-note")).to_have_count(0)
    for widget, key, value in [
        ("#race-valley", "momentum", 0.85),
        ("fh-spam", "batch_size", 8),
        ("fh-next-word", "word", "gradient"),
        ("fh-hill", "formula", "x^2 + cos(3*x)"),
    ]:
        assert model_get(page.locator(widget).first, key) == value
    link = page.evaluate("location.href")
    assert parse_qs(urlsplit(link).query) == parse_qs("&".join(settings))  # kept as it came
    print(f"\nthe longest link: {len(link)} characters, {len(settings)} settings")
    assert len(link) < PASTABLE


def test_no_two_settings_of_a_kind_share_a_name_in_the_link() -> None:
    for kind in WIDGETS.values():
        names = [LINK_NAMES[k.name][0] for k in kind.linked]
        assert len(names) == len(set(names)), kind.tag
