"""The files made from the code, written or checked: ``python -m foghill.remake [--check]``.

``web/lib/contract.js`` (the contract's JS side, from :func:`foghill.contract.contract_js`),
``web/components/index.js`` (the page's entry, every widget's component, from
:func:`foghill.contract.components_index_js`),
``docs/authoring.md`` (the authoring reference, from
:func:`foghill.lessons.reference.authoring_md`) and ``web/lib/train-sizes.js`` (each training
demo's set size, from :func:`foghill.demo_sizes.train_sizes_js`). Without ``--check`` all
are written; with it nothing is written, and the exit status is 1, naming each stale file,
when a file on disk is not what the code makes now (``make lint`` and the tests run the
check).

No module of the package imports this one, so ``python -m`` runs it fresh.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from foghill import contract, demo_sizes
from foghill.lessons import reference

__all__ = ["main", "stale"]


def made() -> list[tuple[Path, Callable[[], str]]]:
    """Each file made from the code, and what makes it (read now, so tests may move one)."""
    return [
        (contract.CONTRACT_JS, contract.contract_js),
        (contract.COMPONENTS_INDEX_JS, contract.components_index_js),
        (reference.AUTHORING_MD, reference.authoring_md),
        (demo_sizes.TRAIN_SIZES_JS, demo_sizes.train_sizes_js),
    ]


def stale() -> list[Path]:
    """The files whose text on disk is not what the code makes now."""
    return [
        path
        for path, make in made()
        if (path.read_text(encoding="utf-8") if path.exists() else "") != make()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the files (0), or with ``--check`` say which are stale (1 if any)."""
    parser = argparse.ArgumentParser(
        prog="python -m foghill.remake",
        description="write web/lib/contract.js, web/components/index.js, docs/authoring.md "
        "and web/lib/train-sizes.js "
        "(or check they are fresh)",
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when stale")
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.check:
        old = stale()
        for path in old:
            print(f"{path} is stale: run python -m foghill.remake", file=sys.stderr)
        return 1 if old else 0
    for path, make in made():
        path.write_text(make(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
