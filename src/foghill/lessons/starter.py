"""`foghill new PATH.md`: a short lesson to start from, and the data file it reads.

The lesson shows the syntax by example (three widgets, a bound number, a task list, a line
fit on a CSV file of made-up teaching data) and serves as it is. Nothing that exists is
ever overwritten.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

__all__ = ["STARTER", "write_starter"]

STARTER = Path(__file__).resolve().parent / "starter"


def write_starter(path: Path) -> list[Path]:
    """Write the starter lesson at `path` and its data file beside it (`<stem>-scores.csv`);
    the files written. A FileExistsError (one sentence) when either exists already, and a
    ValueError when `path` is not a .md file in an existing folder."""
    if path.suffix != ".md":
        raise ValueError(f"{path} must end in .md (a Markdown lesson)")
    if not path.parent.is_dir():
        raise ValueError(f"there is no folder {path.parent} to write {path.name} into")
    data = path.with_name(f"{path.stem}-scores.csv")
    for target in (path, data):
        if target.exists() or target.is_symlink():
            raise FileExistsError(f"{target} exists already; nothing was written")
    text = Template((STARTER / "lesson.md").read_text(encoding="utf-8"))
    lesson = text.substitute(lesson=path.name, data=data.name)
    data.write_bytes((STARTER / "data.csv").read_bytes())
    with path.open("x", encoding="utf-8") as out:  # "x": never over a file made meanwhile
        out.write(lesson)
    return [path, data]
