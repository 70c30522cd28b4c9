"""<fh-line-fit>: the line walks downhill through the dots; the "how wrong" bar shrinks."""

from __future__ import annotations

import itertools

import pytest
from fh_page import MakeContext, dot_center, first_widgets_ready, model_get, shown, wait_final
from playwright.sync_api import Locator, Page, expect

import foghill as fh

pytestmark = pytest.mark.browser


def best_line(widget: Locator) -> fh.linefit.BestLine:
    dots = fh.linefit.Dots(model_get(widget, "x"), model_get(widget, "y"))
    return fh.linefit.least_squares(dots)


def watch_bar(page: Page, widget: Locator) -> None:
    widget.evaluate(
        """el => {
            el.__widths = [];
            const bar = el.querySelector('.fh-bar');
            new MutationObserver(() => el.__widths.push(parseFloat(bar.style.width)))
                .observe(bar, {attributes: true, attributeFilter: ['style']});
        }"""
    )


def test_the_bar_shrinks_and_the_line_ends_at_least_squares(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    best = best_line(fit)
    expect(fit.locator(".fh-best-line")).to_be_hidden()
    watch_bar(lesson, fit)
    # At Fast the bar is still seen on its way (at Instant, the suite's speed, it jumps).
    fit.get_by_role("radio", name="Fast").click()
    fit.get_by_role("button", name="Play").click()
    assert wait_final(fit) == "settled"
    widths = fit.evaluate("el => el.__widths")
    # Seen shrinking, not one jump from the first width to the last: at least one drawn width
    # lies between them (how many depends on the frames a busy machine draws).
    assert any(widths[-1] < w < widths[0] for w in widths), widths
    assert all(b <= a + 1e-6 for a, b in itertools.pairwise(widths)), widths
    assert widths[-1] < widths[0] / 5
    result = model_get(fit, "fit")
    assert result["w"][-1] == pytest.approx(best.w, abs=1e-3)
    assert result["b"][-1] == pytest.approx(best.b, abs=1e-3)
    assert result["best"]["loss"] == pytest.approx(best.loss, rel=1e-9)
    # Once the walk ends the least-squares line is drawn faintly, and the number is in words.
    expect(fit.locator(".fh-best-line")).to_be_visible()
    assert fit.locator(".fh-wrong-value").inner_text() == f"{result['loss'][-1]:.3f}"
    assert f"{best.loss:.3f}" in fit.locator(".fh-message").inner_text()
    # Every miss is drawn, from its dot to the line.
    assert fit.locator(".fh-miss").count() == len(model_get(fit, "x"))


def test_dragging_a_dot_changes_the_fit(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    before = best_line(fit)
    x_before = model_get(fit, "x")
    c = dot_center(fit, 11)
    lesson.mouse.move(c["x"], c["y"])
    lesson.mouse.down()
    for i in range(1, 9):
        lesson.mouse.move(c["x"], c["y"] - 12 * i)
    lesson.mouse.up()
    assert wait_final(fit) == "settled"
    after = best_line(fit)
    assert after.w > before.w + 0.05  # the last dot went up: the best line tilts more
    assert model_get(fit, "x")[:11] == x_before[:11]
    result = model_get(fit, "fit")
    assert result["w"][-1] == pytest.approx(after.w, abs=1e-3)
    assert "dots=" in lesson.url


def test_keyboard_moves_and_removes_dots(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    dots = fit.locator(".fh-dot")
    count = dots.count()
    # Tab from the line fit's own toolbar back into the dots (past the step-size dial),
    # keyboard only.
    fit.get_by_role("button", name="Add a dot").focus()
    role = "document.activeElement.getAttribute('aria-roledescription')"
    for _ in range(15):
        lesson.keyboard.press("Shift+Tab")
        if lesson.evaluate(role) == "movable dot":
            break
    assert lesson.evaluate(role) == "movable dot"
    index = int(lesson.evaluate("document.activeElement.dataset.index"))
    y0 = model_get(fit, "y")[index]
    for _ in range(5):
        lesson.keyboard.press("ArrowUp")
    assert model_get(fit, "y")[index] > y0 + 0.3
    wait_final(fit)
    lesson.keyboard.press("Delete")
    expect(dots).to_have_count(count - 1)
    assert lesson.evaluate("document.activeElement.getAttribute('aria-roledescription')") == (
        "movable dot"
    )
    assert wait_final(fit) in ("settled", "crawling")
    assert len(model_get(fit, "fit")["loss"]) > 1


def test_add_by_click_and_button_remove_by_double_click(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    dots = fit.locator(".fh-dot")
    count = dots.count()
    fit.locator(".fh-lf-plot").scroll_into_view_if_needed()
    box = fit.locator(".fh-lf-plot").bounding_box()
    assert box is not None
    lesson.mouse.click(box["x"] + box["width"] * 0.15, box["y"] + box["height"] * 0.15)
    expect(dots).to_have_count(count + 1)
    wait_final(fit)
    fit.get_by_role("button", name="Add a dot").click()
    expect(dots).to_have_count(count + 2)
    assert lesson.evaluate("document.activeElement.dataset.index") == str(count + 1)
    wait_final(fit)
    # A double-click right after adding is not a removal: wait until the editor takes one.
    lesson.wait_for_function(
        "el => performance.now() - el.editor.lastAdded > 600", arg=fit.element_handle()
    )
    c = dot_center(fit, 0)
    lesson.mouse.dblclick(c["x"], c["y"])
    expect(dots).to_have_count(count + 1)
    assert wait_final(fit) in ("settled", "crawling")


def test_a_finger_can_drag_a_dot(new_guarded_context: MakeContext) -> None:
    context, _ = new_guarded_context(
        viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto("/")
    first_widgets_ready(page)  # the line fit asks for its fit when reached
    fit = page.locator("fh-line-fit[data-ready=true]")
    # On a phone the widget is taller than the screen: bring the dots themselves into view.
    fit.locator(".fh-lf-plot").scroll_into_view_if_needed()
    y_before = model_get(fit, "y")[0]
    c = dot_center(fit, 0)
    cdp = context.new_cdp_session(page)

    def touch(kind: str, x: float, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", c["x"], c["y"])
    for i in range(1, 8):
        touch("touchMove", c["x"], c["y"] - 8 * i)
    touch("touchEnd", c["x"], c["y"] - 56)
    assert wait_final(fit) in ("settled", "crawling")
    assert model_get(fit, "y")[0] > y_before + 0.3


# ---- the line's own landscape: the (slope, height) map beside the line -------------------------


def map_ball(fit: Locator) -> dict[str, float]:
    """The centre of the ball on the line's map, in the map's own units (pixels of its view)."""
    ball = fit.locator(".fh-lf-map .fh-map-ball")
    return {
        "x": float(ball.get_attribute("cx") or "nan"),
        "y": float(ball.get_attribute("cy") or "nan"),
    }


def test_the_maps_path_ends_at_the_least_squares_floor(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    fit.scroll_into_view_if_needed()
    best = best_line(fit)
    the_map = fit.locator(".fh-lf-map svg.fh-map")
    expect(the_map).to_be_visible()
    # The floor is marked where the least-squares line is, before the walk and after it.
    expect(the_map).to_have_attribute("data-floor", f"({shown(best.w)}, {shown(best.b)})")
    floor = fit.locator(".fh-lf-map .fh-minimum circle")
    expect(floor).to_have_count(1)
    fit.get_by_role("button", name="Play").click()
    assert wait_final(fit) == "settled"
    result = model_get(fit, "fit")
    # The ball walked the line's own (w, b) steps: one point of the path per step.
    d = fit.locator(".fh-lf-map .fh-walk").get_attribute("d") or ""
    assert d.count("L") == result["n_steps"]
    # It ends on the floor's mark, on screen.
    end = map_ball(fit)
    assert end["x"] == pytest.approx(float(floor.get_attribute("cx") or "nan"), abs=1.5)
    assert end["y"] == pytest.approx(float(floor.get_attribute("cy") or "nan"), abs=1.5)
    at = fit.locator(".fh-lf-map .fh-map-ball").get_attribute("data-at")
    assert at == f"({shown(result['w'][-1])}, {shown(result['b'][-1])})"


def test_dragging_a_dot_reshapes_the_map(lesson: Page) -> None:
    fit = lesson.locator("fh-line-fit")
    fit.locator(".fh-lf-plot").scroll_into_view_if_needed()
    the_map = fit.locator(".fh-lf-map svg.fh-map")
    floor_before = the_map.get_attribute("data-floor")
    bands_before = fit.locator(".fh-lf-map .fh-band").first.get_attribute("d")
    c = dot_center(fit, 11)
    lesson.mouse.move(c["x"], c["y"])
    lesson.mouse.down()
    lesson.mouse.move(c["x"], c["y"] + 60, steps=6)
    lesson.mouse.up()
    expect(the_map).not_to_have_attribute("data-floor", floor_before or "")
    best = best_line(fit)
    expect(the_map).to_have_attribute("data-floor", f"({shown(best.w)}, {shown(best.b)})")
    assert fit.locator(".fh-lf-map .fh-band").first.get_attribute("d") != bands_before
