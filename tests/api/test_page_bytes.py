"""A served page is joined from bytes (the bundles encoded once per process): it is byte for
byte the page the renderer writes as text, and live reload marks it where the text would be."""

from __future__ import annotations

from pathlib import Path

from foghill.lessons.render import WEB_DIR, page_parts, render_page
from foghill.lessons.starter import write_starter
from foghill.server.live import page_assets
from foghill.server.page import BODY_END, Bundle, build_page, load_bundle


def test_the_live_marker_goes_before_the_pages_own_closing_tag() -> None:
    """Not inside a stylesheet or a script that holds the same text."""
    bundle = Bundle(style="p{content:'</body>'}", script="let a=1")
    text = "---\ntitle: T\ndescription: D\n---\n\nHi.\n"
    page = bundle.page(page_parts(text, bundle.inline))
    assert page.body == render_page(text, bundle.inline).encode()
    assert page.body_end == page.body.rfind(BODY_END) > page.body.find(BODY_END)
    marked = page_assets({"": page}, "v1")[""].body
    assert marked.index(b'id="fh-live"') > marked.index(b"let a=1")


def test_a_served_page_is_the_rendered_text_byte_for_byte(tmp_path: Path) -> None:
    lesson = write_starter(tmp_path / "intro.md")[0]
    bundle = load_bundle(WEB_DIR)
    text = lesson.read_text()
    page = build_page(WEB_DIR, text, bundle, tmp_path)
    rendered = render_page(text, bundle.inline, tmp_path)
    assert page.body == rendered.encode()
    marker = '<div hidden id="fh-live" data-version="v1" data-events="/api/live"></div>\n'
    served = page_assets({"": page}, "v1")[""].body
    at = rendered.rindex("</body>")
    assert served == f"{rendered[:at]}{marker}{rendered[at:]}".encode()
    assert page_assets({"": page})[""].body == page.body  # the built-in page: no marker
