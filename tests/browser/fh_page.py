"""Helpers for driving the lesson page as a person would (and reading what they would see)."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, Route, expect

from foghill.testing import INSTANT_BY_DEFAULT, is_local

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
#: Hunting races, as on a busy CI machine: FOGHILL_TEST_CPU_SLOWDOWN=4 runs every page's
#: scripts four times slower, and FOGHILL_TEST_LATE_IDLE=3000 holds each idle callback back
#: 3 s (the page builds its far widgets when idle), which shows a test that reads the page
#: before it is drawn.
SLOWDOWN = float(os.environ.get("FOGHILL_TEST_CPU_SLOWDOWN") or 1)
LATE_IDLE = int(os.environ.get("FOGHILL_TEST_LATE_IDLE") or 0)
LATE_IDLE_SCRIPT = """(() => {
  const idle = window.requestIdleCallback?.bind(window);
  if (!idle) return;
  window.requestIdleCallback = (job, options) =>
    setTimeout(() => idle(job, options), %d);
})();"""


def slow_down(page: Page) -> None:
    """Throttle a page's CPU by SLOWDOWN (Chromium's own throttling, as its DevTools do)."""
    if SLOWDOWN > 1:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})


class Guard:
    """Refuses every request that would leave the machine, and remembers it."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

    def route(self, route: Route) -> None:
        url = route.request.url
        self.requests.append(url)
        if is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort("blockedbyclient")

    def watch(self, context: BrowserContext) -> None:
        context.route("**/*", self.route)
        if LATE_IDLE:
            context.add_init_script(LATE_IDLE_SCRIPT % LATE_IDLE)
        for page in context.pages:
            slow_down(page)
        context.on("page", slow_down)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))

    def check(self) -> None:
        assert not self.outside, f"requests tried to leave the machine: {self.outside}"
        assert not self.errors, f"uncaught errors in the page: {self.errors}"


# Every page of the suite plays its runs at "instant", so no test waits for an animation;
# tests about pacing (marked "pacing") keep the page's own default.
def instant_by_default(context: BrowserContext) -> None:
    """Make every page of `context` play its runs at the fastest speed."""
    context.add_init_script(INSTANT_BY_DEFAULT)


#: Every widget of the page is built (a widget far from the window is built while the page is
#: idle, one per idle moment, which a busy machine can hold back for seconds each).
ALL_BUILT = """() => [...document.querySelectorAll('*')]
  .filter(el => el.localName.startsWith('fh-') && 'built' in el)
  .every(el => el.built)"""


def all_built(page: Page, timeout: float = 60_000) -> None:
    """Wait until every widget on the page is built, as a reader who waited would find it."""
    page.wait_for_function(ALL_BUILT, timeout=timeout)


#: The widgets whose first answers the lesson page carries (lessons.markdown.SEEDED_WIDGETS).
SEEDED = ("fh-hill", "fh-step-dial")


def first_widgets_ready(page: Page, timeout: float = 15_000) -> None:
    """The lesson's first three widgets answered, as a reader who scrolled through finds
    them: the hill and the dial from the page's seeds, the line fit (eight screens down, no
    seed) once it has come near the window and asked; then back at the top."""
    for tag in SEEDED:
        page.wait_for_selector(f"{tag}[data-ready=true]")
    fit = page.locator("fh-line-fit").first
    # Widgets above it may still be building (and grow), so the scroll is made until it asks.
    page.wait_for_function(
        """el => { el.scrollIntoView({block: 'center'}); return el.dataset.ready === 'true'; }""",
        arg=fit.element_handle(),
        timeout=timeout,
        polling=250,
    )
    page.evaluate("() => window.scrollTo(0, 0)")


FINAL = ("settled", "crawling", "zigzag", "flew-off")
FINAL_RE = re.compile(r"^(settled|crawling|zigzag|flew-off)$")
RUN_TIMEOUT = 20_000  # ms: the longest walk (200 steps) takes well under 10 s


def wait_final(widget: Locator, timeout: float = RUN_TIMEOUT) -> str:
    """Wait until a widget's walk has finished; return its data-status."""
    expect(widget).to_have_attribute("data-status", FINAL_RE, timeout=timeout)
    return str(widget.get_attribute("data-status"))


def wait_status(widget: Locator, status: str, timeout: float = RUN_TIMEOUT) -> None:
    expect(widget).to_have_attribute("data-status", status, timeout=timeout)


FRAMES = """n => new Promise(done => {
  let k = 0;
  const next = () => (++k >= n ? done(k) : requestAnimationFrame(next));
  requestAnimationFrame(next);
})"""


def frames(page: Page, n: int = 20) -> None:
    """Wait until the page has drawn ``n`` more frames: a playing walk would have moved by then.

    What a person checks when they look at a paused widget for a moment: frames go by and
    nothing moves. Tied to the display, not to a fixed number of milliseconds.
    """
    page.evaluate(FRAMES, n)


def hill_point(page: Page, widget: Locator, x: float, above: float = 30) -> dict[str, float]:
    """Where on the screen the hill's curve is at data x (a little above it)."""
    point: dict[str, float] = widget.evaluate(
        """(el, [x, above]) => {
            const p = el.plot;
            const X = p.sx(x), Y = p.sy(p.heightAt(x)) - above;
            const q = new DOMPoint(X, Y).matrixTransform(p.svg.getScreenCTM());
            return {x: q.x, y: q.y};
        }""",
        [x, above],
    )
    return point


def click_hill_at(page: Page, widget: Locator, x: float) -> None:
    """Move the mouse over the hill at data x and click there (scrolled into view first)."""
    widget.scroll_into_view_if_needed()
    p = hill_point(page, widget, x)
    page.mouse.move(p["x"], p["y"])
    page.mouse.click(p["x"], p["y"])


def dot_center(widget: Locator, index: int) -> dict[str, float]:
    """The screen centre of dot `index` of a line fit (its plot scrolled into view)."""
    widget.locator(".fh-lf-plot").scroll_into_view_if_needed()
    box = widget.locator(".fh-dot-mark").nth(index).bounding_box()
    assert box is not None
    return {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}


def model_get(widget: Locator, key: str) -> Any:
    return widget.evaluate("(el, key) => el.model.get(key)", key)


MINUS = "\u2212"


def shown(value: float, digits: int = 3) -> str:
    """A number as the page writes it (its fmt): fixed decimals and a true minus sign."""
    text = f"{value:.{digits}f}"
    return MINUS + text[1:] if text.startswith("-") else text


def significant(value: float, digits: int = 3) -> str:
    """Like the page's fmtSig: a few significant digits, fixed decimals."""
    magnitude = math.floor(math.log10(abs(value)))
    return shown(value, min(8, max(0, digits - 1 - magnitude)))


def zone_of(lr: float, regimes: dict[str, float]) -> str:
    """The step dial's zone for a step size, by name, from the engine's regimes (the
    steepest bound first, as web/lib/rate-dial.js reads them)."""
    if lr > regimes["fly_off"]:
        return "fly off"
    if lr > regimes["one_jump"]:
        return "zig-zag"
    return "crawl" if lr < regimes["crawl_below"] else "settle"


def apart(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every pair of boxes (x, y, w, h and their text) that overlap by more than half a
    pixel each way: labels a person could not tell apart."""
    clash = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 0.5
                and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 0.5
            ):
                clash.append((a["text"], b["text"]))
    return clash


def text(widget: Locator, selector: str) -> str:
    return widget.locator(selector).inner_text()


MakeContext = Callable[..., tuple[BrowserContext, Guard]]
"""The new_guarded_context fixture: browser.new_context(**options), guarded like the rest."""


def sized_page(new_context: MakeContext, size: str, **options: Any) -> Page:
    """The lesson opened in a new guarded context at the desktop or the phone viewport
    (``size``), with the context's other ``options`` (a colour scheme, CSP bypassed)."""
    context, _ = new_context(viewport=VIEWPORTS[size], **options)
    page = context.new_page()
    page.goto("/")
    return page
