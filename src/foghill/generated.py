"""Files made from the code (web/lib/contract.js, docs/authoring.md): written, or checked.

``python -m MODULE`` writes the file; ``python -m MODULE --check`` exits 1 (saying how to
remake it) when the file on disk is not what the code makes now.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["write_or_check"]


def write_or_check(
    path: Path, make: Callable[[], str], module: str, argv: Sequence[str] | None = None
) -> int:
    """The ``main`` of a module that makes ``path``: 0 when written (or fresh), 1 when stale."""
    parser = argparse.ArgumentParser(
        prog=f"python -m {module}", description=f"write {path.name} (or check it is fresh)"
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when stale")
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    text = make()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale: run python -m {module}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0
