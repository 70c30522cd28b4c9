"""The lessons `foghill serve PATH` serves, and the files they may read.

PATH is one Markdown lesson (served at ``/``) or a folder: each ``*.md`` directly inside it is
a lesson served at ``/<file stem>``, with an index of them at ``/``. Only those lessons and
the data files they name are ever read: hidden files, a path with ``..``, an absolute path
and a symlink that leads out of the folder are refused, and nothing in the folder is served
as a file (a lesson's data reaches the page inside the rendered lesson).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from foghill.contract import MAX_LESSON_BYTES, MAX_LESSONS
from foghill.errors import LessonError

__all__ = ["MAX_LESSONS", "MAX_LESSON_BYTES", "Lesson", "Shelf", "inside", "open_shelf"]

#: A lesson's URL is its file stem: letters, digits, `-` and `_`.
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
#: Stems that would shadow the server's own addresses.
RESERVED = frozenset({"api", "static", "healthz", "openapi", "index"})


@dataclass(frozen=True)
class Lesson:
    stem: str
    path: Path  # resolved, inside the shelf's folder

    def text(self) -> str:
        size = self.path.stat().st_size
        if size > MAX_LESSON_BYTES:
            raise LessonError(
                f"{self.path.name} is {size:,} bytes; a lesson may be at most {MAX_LESSON_BYTES:,}"
            )
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Shelf:
    """The lessons of PATH: ``single`` when PATH is one lesson (served at ``/``)."""

    folder: Path  # resolved
    lessons: tuple[Lesson, ...]
    single: bool


def inside(folder: Path, name: str) -> Path:
    """The file `name` (relative, in POSIX form) inside `folder`, refusing what leaves it:
    an absolute path, `..`, a hidden part, a symlink out of the folder, or no file at all.
    A LessonError says which."""
    relative = PurePosixPath(name)
    if not name or relative.is_absolute() or "\\" in name or re.match(r"^[A-Za-z]:", name):
        raise LessonError(f"{name!r} must be a path relative to the lesson's folder")
    if any(part == ".." for part in relative.parts):
        raise LessonError(f"{name!r} leaves the lesson's folder (no '..')")
    if any(part.startswith(".") for part in relative.parts):
        raise LessonError(f"{name!r} is a hidden file, which is never read")
    path = (folder / Path(*relative.parts)).resolve()
    if not path.is_relative_to(folder):
        raise LessonError(f"{name!r} leads out of the lesson's folder")
    if not path.is_file():
        raise LessonError(f"there is no file {name!r} beside the lesson")
    return path


def open_shelf(path: Path) -> Shelf:
    """The lessons at `path` (a Markdown file or a folder of them); a LessonError when there
    are none, too many, or the path is neither."""
    if path.is_dir():
        folder = path.resolve()
        lessons = []
        for entry in sorted(folder.iterdir()):
            if entry.suffix != ".md" or entry.name.startswith("."):
                continue
            resolved = entry.resolve()
            if resolved.parent != folder or not resolved.is_file():
                continue  # a symlink out of the folder, or a folder named *.md
            if not _STEM.match(entry.stem) or entry.stem.lower() in RESERVED:
                raise LessonError(
                    f"{entry.name}: a lesson's file name is its address; use letters, digits, "
                    f"'-' and '_' (and not {', '.join(sorted(RESERVED))})"
                )
            lessons.append(Lesson(entry.stem, resolved))
        if not lessons:
            raise LessonError(f"{path} holds no lesson (no *.md file)")
        if len(lessons) > MAX_LESSONS:
            raise LessonError(
                f"{path} holds {len(lessons)} lessons; at most {MAX_LESSONS} are served at once"
            )
        return Shelf(folder, tuple(lessons), single=False)
    if path.is_file():
        if path.suffix != ".md":
            raise LessonError(f"{path} is not a Markdown lesson (a .md file)")
        resolved = path.resolve()
        return Shelf(resolved.parent, (Lesson(path.stem, resolved),), single=True)
    raise LessonError(f"{path}: no such file or folder")
