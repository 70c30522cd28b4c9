"""A served page is joined from bytes (the bundles encoded once per process): it is byte for
byte the page the renderer writes as text, and live reload marks it where the text would be."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from foghill.lessons.render import WEB_DIR, page_parts, render_page
from foghill.lessons.starter import write_starter
from foghill.server.live import page_assets
from foghill.server.page import BODY_END, Bundle, build_page, first_in, load_bundle

#: Bits of bytes that make and unmake the needle across the seams between pieces.
BITS = st.sampled_from([b"<", b"/", b"b", b"body", b"</b", b"ody>", b">", b"</body>", b"x", b""])
PIECES = st.lists(st.lists(BITS, max_size=8).map(b"".join), min_size=1, max_size=5)


@given(PIECES, st.sets(st.integers(0, 4)))
@example([b"<p></b", b"ody></body>"], {1})  # across a seam, before one inside a piece
@example([b"<style>", b"p{}</", b"body>x"], set())
@example([b"ab<", b"/bo", b"dy>"], set())  # across three pieces
def test_first_in_is_find_on_the_joined_pieces(pieces: list[bytes], known: set[int]) -> None:
    searched = {i: pieces[i].find(BODY_END) for i in known if i < len(pieces)}
    assert first_in(BODY_END, pieces, searched) == b"".join(pieces).find(BODY_END)


def test_a_bundle_that_holds_the_closing_tag_is_found_there() -> None:
    bundle = Bundle(style="p{content:'</body>'}", script="let a=1")
    text = "---\ntitle: T\ndescription: D\n---\n\nHi.\n"
    page = bundle.page(page_parts(text, bundle.inline))
    assert page.body == render_page(text, bundle.inline).encode()
    assert page.body_end == page.body.find(BODY_END) < page.body.rfind(BODY_END)


def test_a_served_page_is_the_rendered_text_byte_for_byte(tmp_path: Path) -> None:
    lesson = write_starter(tmp_path / "intro.md")[0]
    bundle = load_bundle(WEB_DIR)
    text = lesson.read_text()
    page = build_page(WEB_DIR, text, bundle, tmp_path)
    rendered = render_page(text, bundle.inline, tmp_path)
    assert page.body == rendered.encode()
    marker = '<div hidden id="fh-live" data-version="v1" data-events="/api/live"></div>\n'
    served = page_assets({"": page}, "v1")[""].body
    assert served == rendered.replace("</body>", f"{marker}</body>", 1).encode()
    assert page_assets({"": page})[""].body == page.body  # the built-in page: no marker
