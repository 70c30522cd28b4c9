"""`foghill new`: a starter lesson (and its data file) to edit and serve."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

__all__ = ["new"]


def new(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    from foghill.lessons.starter import write_starter

    try:
        written = write_starter(args.path)
    except (FileExistsError, ValueError) as error:
        print(f"foghill: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}", file=out)
    print(f"Serve it with: foghill serve {args.path}", file=out)
    return 0
