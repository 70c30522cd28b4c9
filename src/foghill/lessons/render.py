"""Turn a lesson (Markdown with widget blocks) into the full HTML page: its text read, put
into the page's template with its front matter, and the bundles joined in.

The lesson's parts are checked and rendered by concept: widget blocks (lessons.blocks),
task lists (lessons.tasks), numbers bound to a widget (lessons.bound), and the Markdown
that holds them (lessons.markdown).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template

from foghill.errors import LessonError
from foghill.lessons.blocks import Widget, parse_widget
from foghill.lessons.markdown import Seed, Values, _front_matter, _markdown, render_markdown

__all__ = [
    "DEFAULT_LESSON",
    "LESSONS_DIR",
    "WEB_DIR",
    "Inline",
    "PageParts",
    "front_matter",
    "index_parts",
    "lesson_text",
    "page_parts",
    "render_index",
    "render_lesson",
    "render_page",
    "widgets",
]

LESSONS_DIR = Path(__file__).resolve().parent
WEB_DIR = LESSONS_DIR.parent / "web"
PAGE_TEMPLATE = LESSONS_DIR / "page.html"
DEFAULT_LESSON = "gradient-descent"


def widgets(name: str = DEFAULT_LESSON) -> list[tuple[str, Widget]]:
    """Every widget block of a lesson, checked, in page order, each with the id of the
    section it stands in ("" outside any): what tests and checks read the lesson's settings
    from, so that they test what the page ships."""
    _, body, _ = _front_matter(lesson_text(name))
    found: list[tuple[str, Widget]] = []
    section = ""
    for token in _markdown().parse(body):
        if token.type == "html_block":
            opened = _SECTION_ID.findall(token.content)
            if opened:
                section = opened[-1]
        info = token.info.strip() if token.type == "fence" else ""
        if info == "widget" or info.startswith("widget "):
            found.append((section, parse_widget(info, token.content, folder=LESSONS_DIR)))
    return found


_SECTION_ID = re.compile(r'<section\b[^>]*\bid="([^"]+)"')


# ---- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inline:
    """What the page carries inside itself: the stylesheet and the script (the esbuild
    bundles), and its first widgets' first state. Empty for a page that only reads as text."""

    style: str = ""
    script: str = ""
    seed: Seed | None = None
    values: Values | None = None

    def __post_init__(self) -> None:
        for tag, code in (("</style", self.style), ("</script", self.script)):
            if tag in code.lower():
                raise LessonError(f"the bundle contains {tag!r}, so it cannot be inlined")


#: The page's text around its inline stylesheet and script: the template is cut at `$style`
#: and `$script`, which the bundles fill (the same for every page, so a server may join them
#: in as bytes encoded once).
PageParts = tuple[str, str, str]


@lru_cache(maxsize=1)
def _template() -> tuple[Template, Template, Template]:
    """page.html, read once, as the templates before `$style`, between it and `$script`, and
    after (each part substitutes as the whole template would: the cuts fall at placeholders)."""
    text = PAGE_TEMPLATE.read_text(encoding="utf-8")
    parts = re.split(r"\$(?:style|script)(?![_A-Za-z0-9])", text)
    if len(parts) != 3 or "$$" in text or text.index("$style") > text.index("$script"):
        raise RuntimeError(f"{PAGE_TEMPLATE.name} must hold $style, then $script, once each")
    before, between, after = parts
    return Template(before), Template(between), Template(after)


def _page_parts(fields: Mapping[str, str]) -> PageParts:
    before, between, after = _template()
    return before.substitute(fields), between.substitute(fields), after.substitute(fields)


def _joined(parts: PageParts, inline: Inline) -> str:
    before, between, after = parts
    return f"{before}{inline.style}{between}{inline.script}{after}"


def render_page(text: str, inline: Inline = Inline(), folder: Path | None = None) -> str:
    """A full HTML page from a lesson's Markdown (with front matter title and description)."""
    return _joined(page_parts(text, inline, folder), inline)


def page_parts(text: str, inline: Inline = Inline(), folder: Path | None = None) -> PageParts:
    """:func:`render_page` without the inline stylesheet and script: the text before, between
    and after them."""
    meta, body, taken = _front_matter(text)
    for key in ("title", "description"):
        if not meta.get(key):
            raise LessonError(f"the lesson's front matter needs a {key!r}")
    content = render_markdown(body, taken + 1, inline.seed, folder, inline.values)
    return _page_parts(
        {
            "title": html.escape(meta["title"]),
            "description": html.escape(meta["description"]),
            "content": _in_article(content, meta["title"]),
        }
    )


def _in_article(content: str, title: str) -> str:
    """The lesson's HTML, inside the page's reading column (the target of the skip link)
    unless the lesson lays out its own `<main>`, as the built-in one does; headed by its
    title unless it has a heading of its own."""
    content = content.strip()
    if re.search(r"<main\b", content):
        return content
    if not re.search(r"<h1\b", content):
        content = f"<h1>{html.escape(title)}</h1>\n{content}"
    return f'<main id="story" class="fh-article">\n{content}\n</main>'


def front_matter(text: str) -> dict[str, str]:
    """A lesson's front matter (its title and description)."""
    return _front_matter(text)[0]


def render_index(lessons: Sequence[tuple[str, str]], inline: Inline = Inline()) -> str:
    """The page listing a folder's lessons: each (address, Markdown) as a link with the
    title and description of its front matter."""
    return _joined(index_parts(lessons), inline)


def index_parts(lessons: Sequence[tuple[str, str]]) -> PageParts:
    """:func:`render_index` without the inline stylesheet and script (see :func:`page_parts`)."""
    items = []
    for stem, text in lessons:
        meta = front_matter(text)
        items.append(
            f'<li><a href="/{html.escape(stem)}">{html.escape(meta.get("title", stem))}</a>'
            f"<p>{html.escape(meta.get('description', ''))}</p></li>\n"
        )
    content = (
        '<main id="story" class="fh-article fh-index">\n<h1>Lessons</h1>\n'
        f'<ul class="fh-lessons">\n{"".join(items)}</ul>\n</main>'
    )
    return _page_parts(
        {
            "title": "Lessons",
            "description": html.escape(f"{len(items)} lessons served by Foghill"),
            "content": content,
        }
    )


def lesson_text(name: str = DEFAULT_LESSON) -> str:
    """The Markdown of `lessons/<name>.md`."""
    return (LESSONS_DIR / f"{name}.md").read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def render_lesson(name: str = DEFAULT_LESSON) -> str:
    """The page for `lessons/<name>.md` as text only (no bundles, no seeds), cached: what the
    checks and tests read. The server serves :func:`foghill.server.page.build_page`."""
    return render_page(lesson_text(name), folder=LESSONS_DIR)
