"""Turn a lesson (Markdown with widget blocks) into the full HTML page.

A widget block is a fenced block whose info string starts with `widget`, then the element's
name and its attributes; the block's body is the caption:

    ```widget fh-hill hill=foggy start=2.5 learning-rate=0.15
    Drop the ball anywhere and press Go.
    ```

becomes

    <figure class="fh-figure"><fh-hill hill="foggy" start="2.5" learning-rate="0.15">
    </fh-hill><figcaption>Drop the ball anywhere and press Go.</figcaption></figure>

Blocks are checked when the page is rendered (at server start): an unknown widget, an unknown
attribute or a value the server would refuse is a `LessonError`, so a typo in the lesson never
reaches a reader. Raw HTML is allowed in the Markdown: it is our own text.
"""

from __future__ import annotations

import html
import math
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any, cast

from markdown_it import MarkdownIt

from foghill.api_models import (
    MAX_DOTS,
    MAX_FORMULA_LENGTH,
    MAX_LEARNING_RATE,
    MAX_STEPS,
    MIN_DOTS,
    OPTIMIZER_NAMES,
)

__all__ = ["WIDGETS", "LessonError", "render_lesson", "render_markdown", "render_page"]

LESSONS_DIR = Path(__file__).resolve().parent
WEB_DIR = LESSONS_DIR.parent / "web"
PAGE_TEMPLATE = LESSONS_DIR / "page.html"
DEFAULT_LESSON = "gradient-descent"


class LessonError(ValueError):
    """A lesson's text is wrong in a way the author must fix (e.g. an unknown widget)."""


# ---- attribute checks -----------------------------------------------------------------------

Check = Callable[[str], str | None]  # value -> None when fine, else what is wrong


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _hill(value: str) -> str | None:
    from foghill.engine import hills

    names: tuple[str, ...] = hills.NAMES
    return None if value in names else f"is not a hill (known: {', '.join(names)})"


def _finite(value: str) -> str | None:
    return None if _number(value) is not None else "is not a finite number"


def _start(value: str) -> str | None:
    parts = value.split(",")
    if len(parts) in (1, 2) and all(_number(p) is not None for p in parts):
        return None
    return "is not a number or a pair x,y"


def _learning_rate(value: str) -> str | None:
    lr = _number(value)
    if lr is None or not 0 < lr <= MAX_LEARNING_RATE:
        return f"must be a number above 0 and at most {MAX_LEARNING_RATE:g}"
    return None


def _steps(value: str) -> str | None:
    if value.isdigit() and 1 <= int(value) <= MAX_STEPS:
        return None
    return f"must be a whole number from 1 to {MAX_STEPS}"


def _optimizer(value: str) -> str | None:
    return None if value in OPTIMIZER_NAMES else f"must be one of {', '.join(OPTIMIZER_NAMES)}"


def _formula(value: str) -> str | None:
    return None if 0 < len(value) <= MAX_FORMULA_LENGTH else "must be 1 to 200 characters"


def _domain(value: str) -> str | None:
    parts = [_number(p) for p in value.split(",")]
    if len(parts) == 2 and parts[0] is not None and parts[1] is not None and parts[0] < parts[1]:
        return None
    return "must be lo,hi with lo < hi"


def _numbers(value: str) -> str | None:
    parts = value.split(",")
    if MIN_DOTS <= len(parts) <= MAX_DOTS and all(_number(p) is not None for p in parts):
        return None
    return f"must be {MIN_DOTS} to {MAX_DOTS} comma-separated numbers"


def _learning_rates(value: str) -> str | None:
    parts = value.split(",")
    if all(_learning_rate(p) is None for p in parts):
        return None
    return "must be comma-separated learning rates"


def _text(value: str) -> str | None:
    return None if value.strip() else "must not be empty"


def _identifier(value: str) -> str | None:
    return None if re.fullmatch(r"[A-Za-z][\w-]*", value) else "is not a valid id"


_COMMON: dict[str, Check] = {"id": _identifier, "aria-label": _text}
_LANDSCAPE: dict[str, Check] = {
    "hill": _hill,
    "formula": _formula,
    "domain": _domain,
    "start": _start,
    "learning-rate": _learning_rate,
    "optimizer": _optimizer,
    "max-steps": _steps,
}

# Each widget the page can hold, with the attributes it accepts (model keys in kebab-case).
WIDGETS: Mapping[str, Mapping[str, Check]] = {
    "fh-hill": {**_COMMON, **_LANDSCAPE},
    "fh-step-dial": {**_COMMON, **_LANDSCAPE, "learning-rates": _learning_rates},
    "fh-line-fit": {
        **_COMMON,
        "x": _numbers,
        "y": _numbers,
        "w": _finite,
        "b": _finite,
        "learning-rate": _learning_rate,
        "max-steps": _steps,
    },
    "fh-rule": {**_COMMON},
}


@dataclass(frozen=True)
class Widget:
    name: str
    attributes: tuple[tuple[str, str], ...]
    caption: str


def parse_widget(info: str, body: str, where: str = "") -> Widget:
    """Parse and check one widget block (`info` is the fence's info string)."""
    try:
        words = shlex.split(info)
    except ValueError as error:
        raise LessonError(f"{where}widget block {info!r}: {error}") from error
    if len(words) < 2 or words[0] != "widget":
        raise LessonError(f"{where}widget block {info!r} names no widget")
    name, pairs = words[1], words[2:]
    if name not in WIDGETS:
        known = ", ".join(WIDGETS)
        raise LessonError(f"{where}unknown widget {name!r} (known: {known})")
    allowed = WIDGETS[name]
    attributes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq:
            raise LessonError(f"{where}{name}: attribute {pair!r} has no value (write key=value)")
        if key not in allowed:
            raise LessonError(
                f"{where}{name}: unknown attribute {key!r} (allowed: {', '.join(allowed)})"
            )
        if key in seen:
            raise LessonError(f"{where}{name}: attribute {key!r} is given twice")
        seen.add(key)
        problem = allowed[key](value)
        if problem:
            raise LessonError(f"{where}{name}: {key}={value!r} {problem}")
        attributes.append((key, value))
    if "hill" in seen and "formula" in seen:
        raise LessonError(f"{where}{name}: give a hill or a formula, not both")
    return Widget(name, tuple(attributes), body.strip())


def _widget_html(widget: Widget, md: MarkdownIt) -> str:
    attrs = "".join(f' {key}="{html.escape(value)}"' for key, value in widget.attributes)
    element = f"<{widget.name}{attrs}></{widget.name}>"
    caption = (
        f"<figcaption>{md.renderInline(widget.caption)}</figcaption>" if widget.caption else ""
    )
    return f'<figure class="fh-figure">{element}{caption}</figure>\n'


# ---- Markdown -------------------------------------------------------------------------------


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["replacements", "smartquotes"])
    default_fence = cast(Any, md.renderer).rules["fence"]

    def fence(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        info = token.info.strip()
        if info == "widget" or info.startswith("widget "):
            offset = env.get("line_offset", 0) if isinstance(env, dict) else 0
            line = f"line {token.map[0] + 1 + offset}: " if token.map else ""
            return _widget_html(parse_widget(info, token.content, line), md)
        result: str = default_fence(tokens, idx, options, env)
        return result

    md.add_render_rule("fence", fence)
    return md


def _front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Split `---\\nkey: value\\n---` off the top of a lesson: (meta, body, lines taken)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    head, sep, rest = text[4:].partition("\n---\n")
    if not sep:
        raise LessonError("the front matter (between --- lines) is not closed")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, colon, value = line.partition(":")
            if not colon:
                raise LessonError(f"front matter line {line!r} is not 'key: value'")
            meta[key.strip()] = value.strip()
    return meta, rest, head.count("\n") + 3


def render_markdown(text: str, first_line: int = 1) -> str:
    """The lesson body's HTML (widget blocks checked and turned into figures).

    `first_line` is the line number of the text's first line, for error messages."""
    return str(_markdown().render(text, {"line_offset": first_line - 1}))


# ---- the page -------------------------------------------------------------------------------


ENTRY_MODULE = "components/index.js"
_IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}/[^"']+)["']""")


def module_graph(web_dir: Path, entry: str = ENTRY_MODULE) -> list[str]:
    """Every module the entry module imports, directly or not (relative static imports),
    as paths under `web_dir`, in a stable order; the entry itself is not included."""
    root = web_dir.resolve()
    seen: set[Path] = set()
    todo = [root / entry]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for spec in _IMPORT.findall(path.read_text(encoding="utf-8")):
            target = (path.parent / spec).resolve()
            if target.is_relative_to(root):
                todo.append(target)
    seen.discard(root / entry)
    return sorted(p.relative_to(root).as_posix() for p in seen)


def _module_preloads(web_dir: Path) -> str:
    """`<link rel="modulepreload">` for every module the components import, so the browser
    fetches them in parallel instead of discovering them one import at a time."""
    return "\n".join(
        f'  <link rel="modulepreload" href="/static/{name}">' for name in module_graph(web_dir)
    )


def render_page(text: str, web_dir: Path = WEB_DIR) -> str:
    """A full HTML page from a lesson's Markdown (with front matter title and description)."""
    meta, body, taken = _front_matter(text)
    for key in ("title", "description"):
        if not meta.get(key):
            raise LessonError(f"the lesson's front matter needs a {key!r}")
    template = Template(PAGE_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(
        title=html.escape(meta["title"]),
        description=html.escape(meta["description"]),
        modulepreload=_module_preloads(web_dir),
        content=render_markdown(body, first_line=taken + 1).strip(),
    )


@lru_cache(maxsize=4)
def render_lesson(name: str = DEFAULT_LESSON) -> str:
    """The page for `lessons/<name>.md`, rendered once and cached."""
    path = LESSONS_DIR / f"{name}.md"
    return render_page(path.read_text(encoding="utf-8"))
