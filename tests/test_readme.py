"""The README's Python example prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks() -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```\n\nprints\n\n```\n(.*?)```", text, re.S)
    assert match, "README.md lost its example and its printed output"
    return match.group(1), match.group(2)


def test_readme_example_prints_what_it_claims() -> None:
    code, expected = _blocks()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {"__name__": "readme"})
    assert out.getvalue() == expected


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("make run") for line in head)
    assert any(line.startswith("make test") for line in head)
