"""The `foghill` command: `foghill serve` (the default), `foghill new` and `foghill demo`.

foghill                       serve the lesson on http://127.0.0.1:8000 and open it
foghill serve my-lesson.md    serve an author's lesson at / (checked first: every mistake
                              is printed as file:line:column and nothing starts)
foghill serve lessons/        serve a folder of lessons: an index at /, each at /<file stem>
foghill new my-lesson.md      write a starter lesson (and its data file) to edit
foghill serve --port 8080 --no-browser
foghill serve --workers 2     several worker processes (uvicorn)
foghill serve --host 0.0.0.0 --allowed-host foghill.example.org
                              listen on every address, answer for that name too
foghill demo                  a descent on the foggy hill, printed in the terminal

Each subcommand is a module of :mod:`foghill.commands`; this module holds the parser and
sends each command to its module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from foghill.commands.demo import demo
from foghill.commands.new import new
from foghill.commands.serve import DEFAULT_HOST, DEFAULT_PORT, MAX_CONNECTIONS, serve

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="foghill",
        description="Foghill: gradient descent explained with a ball on a foggy hill.",
    )
    sub = parser.add_subparsers(dest="command", metavar="{serve,new,demo}")
    serve = sub.add_parser(
        "serve",
        help="serve the lesson page (the default), or your own lessons",
        description=SERVE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=None,
        metavar="PATH",
        help="a Markdown lesson (served at /) or a folder of them (an index at /, each lesson "
        "at /<file stem>); without it, the built-in lesson on gradient descent",
    )
    _serve_options(serve)
    new = sub.add_parser(
        "new",
        help="write a starter lesson to edit and serve",
        description="Write a short lesson that shows the syntax by example (three widgets, a "
        "bound number, a task list) and the CSV data file it reads, beside it. An existing "
        "file is never overwritten.",
    )
    new.add_argument("path", type=Path, metavar="PATH.md", help="the lesson file to write")
    demo = sub.add_parser("demo", help="print a descent on the foggy hill")
    demo.add_argument("--start", type=float, default=2.5, help="where the ball starts (2.5)")
    demo.add_argument(
        "--learning-rate", type=float, default=0.1, help="how bold each step is (0.1)"
    )
    demo.add_argument("--max-steps", type=int, default=200, help="step budget (200)")
    return parser


SERVE_DESCRIPTION = """\
Serve Foghill's lesson page on this machine.

Without PATH: the built-in lesson on gradient descent, at /.
With PATH, a Markdown lesson: that lesson at /.
With PATH, a folder: an index at / listing each lesson's title and description (from its
front matter), and each *.md lesson of the folder at /<file stem>.

An author's lessons are checked before anything starts: every mistake of every lesson is
printed as file:line:column and a sentence, and the command exits with status 1. Only the
lessons and the data files they name are read; hidden files, '..', absolute paths and
symlinks out of the folder never are. While they are served, saving a lesson (or a data
file) updates every open page; a mistake made meanwhile shows over the page, which stays
as it last was good, until it is fixed.

Start a lesson of your own with: foghill new my-lesson.md"""


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 0 to 65535 (got {value})")
    return value


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on ({DEFAULT_HOST})"
    )
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open the page in a web browser"
    )
    parser.add_argument("--workers", type=_positive, default=1, help="worker processes (1)")
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name to answer for besides the loopback names and --host (repeatable; "
        "'*.example.org' for any name under it, '*' for any)",
    )
    parser.add_argument(
        "--max-connections",
        type=_positive,
        default=MAX_CONNECTIONS,
        help=f"open connections per worker before answering 503 ({MAX_CONNECTIONS})",
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; no subcommand means `serve`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args.insert(0, "serve")
    return build_parser().parse_args(args)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "demo":
        return demo(args)
    if args.command == "new":
        return new(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
