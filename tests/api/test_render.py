"""Rendering a lesson: widget blocks become checked custom elements inside figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from foghill.errors import LessonError
from foghill.lessons.blocks import WIDGETS, parse_widget
from foghill.lessons.markdown import SEEDED_WIDGETS, render_markdown
from foghill.lessons.render import Inline, render_lesson, render_page


def test_widget_block_becomes_a_figure() -> None:
    html = render_markdown(
        "```widget fh-hill hill=foggy start=2.5 learning-rate=0.15\nDrop the *ball*.\n```\n"
    )
    assert html == (
        '<figure class="fh-figure"><fh-hill hill="foggy" start="2.5" learning-rate="0.15">'
        "</fh-hill><figcaption>Drop the <em>ball</em>.</figcaption></figure>\n"
    )


def test_widget_without_caption_or_attributes() -> None:
    assert render_markdown("```widget fh-rule\n```\n") == (
        '<figure class="fh-figure"><fh-rule></fh-rule></figure>\n'
    )


def test_quoted_attribute_values_are_escaped() -> None:
    html = render_markdown('```widget fh-hill formula="x^2 - 3*x" domain=-4,4\n```\n')
    assert '<fh-hill formula="x^2 - 3*x" domain="-4,4"></fh-hill>' in html
    html = render_markdown("```widget fh-hill aria-label='a \"<hill>\"'\n```\n")
    assert 'aria-label="a &quot;&lt;hill&gt;&quot;"' in html


def test_other_code_blocks_stay_code() -> None:
    html = render_markdown("```python\nprint(1)\n```\n")
    assert html == '<pre><code class="language-python">print(1)\n</code></pre>\n'


def test_raw_html_is_allowed_in_lessons() -> None:
    html = render_markdown('<section id="a" aria-labelledby="b">\n\nHello\n\n</section>\n')
    assert html == '<section id="a" aria-labelledby="b">\n<p>Hello</p>\n</section>\n'


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ("```widget fh-mountain\n```", "unknown widget 'fh-mountain'"),
        ("```widget\n```", "names no widget"),
        ("```widget fh-hill colour=red\n```", "unknown attribute 'colour'"),
        ("```widget fh-hill hill=everest\n```", "hill='everest': unknown hill 'everest'"),
        (
            "```widget fh-hill start=north\n```",
            "start='north': start must be a number (got \"north\")",
        ),
        (
            "```widget fh-hill learning-rate=0\n```",
            "learning-rate='0': learning_rate must be greater than 0",
        ),
        ("```widget fh-hill learning-rate=1e9\n```", "at most 100"),
        (
            "```widget fh-hill max-steps=9999999\n```",
            "max-steps='9999999': max_steps must be at most 5000",
        ),
        ("```widget fh-hill optimizer=sgd\n```", "optimizer='sgd': optimizer must be one of"),
        (
            "```widget fh-hill formula=x domain=4,-4\n```",
            "the domain must go from a smaller to a larger number",
        ),
        ("```widget fh-hill hill=foggy hill=bowl\n```", "'hill' is given twice"),
        ("```widget fh-hill hill=foggy formula=x^2\n```", "not both"),
        ("```widget fh-hill start\n```", "has no value"),
        ("```widget fh-line-fit x=1\n```", "x='1': x must have at least 2 values (got 1)"),
        ('```widget fh-hill formula="x\n```', "No closing quotation"),
        ("```widget fh-rule hill=foggy\n```", "unknown attribute 'hill'"),
        ("```widget fh-hill domain=-4,4\n```", "a domain goes with a formula"),
        ("```widget fh-hill max-steps=2.5\n```", "max_steps must be a whole number"),
        ("```widget fh-line-fit x=1,2 y=1,2,3\n```", "x and y must have the same length"),
        ("```widget fh-step-dial learning-rates=0.1,-1\n```", "learning_rates[1] must be greater"),
    ],
)
def test_bad_widget_blocks_are_refused(block: str, problem: str) -> None:
    with pytest.raises(LessonError, match="line 1: ") as refused:
        render_markdown(block + "\n")
    assert problem in str(refused.value)


def test_unknown_widget_stops_the_page_and_names_the_line() -> None:
    text = "---\ntitle: T\ndescription: D\n---\n\nIntro.\n\n```widget fh-hil hill=foggy\n```\n"
    with pytest.raises(LessonError, match=r"line 8: unknown widget 'fh-hil'"):
        render_page(text)


def test_front_matter_is_required() -> None:
    with pytest.raises(LessonError, match="needs a 'title'"):
        render_page("Just text.\n")
    with pytest.raises(LessonError, match="not closed"):
        render_page("---\ntitle: T\n")


def test_page_template_fills_title_description_and_preloads() -> None:
    page = render_page("---\ntitle: A & B\ndescription: D <x>\n---\n\nHi.\n")
    assert "<title>A &amp; B</title>" in page
    assert '<meta name="description" content="D &lt;x&gt;">' in page
    assert "<p>Hi.</p>" in page
    assert "$" not in page.replace("$$", "")


def test_every_widget_is_shown_by_the_lesson_or_an_example_lesson() -> None:
    """The built-in lesson shows every widget but the classifier, whose table of made-up
    plants is taught by examples/lessons/plants.md (the page's budget has no room for it)."""
    page = render_lesson()
    examples = Path(__file__).resolve().parents[2] / "examples" / "lessons"
    written = "".join(p.read_text(encoding="utf-8") for p in examples.glob("*.md"))
    for name in WIDGETS:
        assert f"<{name}" in page or f"```widget {name}" in written, name
    assert "<fh-classifier" not in page


def test_parse_widget_returns_checked_attributes() -> None:
    widget = parse_widget("widget fh-step-dial hill=bowl start=3", " caption \n")
    assert widget.name == "fh-step-dial"
    assert widget.attributes == (("hill", "bowl"), ("start", "3"))
    assert widget.caption == "caption"


def test_a_widget_may_name_the_speed_it_plays_at() -> None:
    widget = parse_widget("widget fh-digits speed=fast", "")
    assert widget.attributes == (("speed", "fast"),)
    with pytest.raises(LessonError, match="speed"):
        parse_widget("widget fh-hill speed=slow", "")


def test_a_page_carries_its_bundles_and_seeds_inline() -> None:
    text = "---\ntitle: T\ndescription: D\n---\n\n```widget fh-hill start=1\nCap\n```\n"
    page = render_page(text, Inline(style="p{}", script="let a=1", seed=lambda w: '{"k":1}'))
    assert "<style>p{}</style>" in page
    assert '<script type="module">let a=1</script>' in page
    assert '</fh-hill><script type="application/json" class="fh-seed">{"k":1}</script>' in page
    with pytest.raises(LessonError, match="cannot be inlined"):
        render_page(text, Inline(script="'</script>'"))


def test_only_the_pages_first_widgets_carry_their_first_answers() -> None:
    """Those a reader meets first; the widgets further down ask when reached."""
    hill = "```widget fh-hill hill=foggy\n```\n\n"
    text = "---\ntitle: T\ndescription: D\n---\n\n" + hill * (SEEDED_WIDGETS + 2)
    page = render_page(text, Inline(seed=lambda w: '{"k":1}'))
    assert page.count("<fh-hill ") == SEEDED_WIDGETS + 2
    assert page.count('class="fh-seed"') == SEEDED_WIDGETS == 2
    first = page.index("</fh-hill>")
    assert page[first:].startswith('</fh-hill><script type="application/json" class="fh-seed">')


def test_a_broken_lesson_stops_the_server_at_startup(monkeypatch: pytest.MonkeyPatch) -> None:
    from foghill.server import application, page

    broken = "---\ntitle: T\ndescription: D\n---\n\n```widget fh-hills hill=foggy\n```\n"
    monkeypatch.setattr(page, "lesson_text", lambda: broken)
    with pytest.raises(LessonError, match="line 6: unknown widget 'fh-hills'"):
        application.create_app()
