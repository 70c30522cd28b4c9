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

`foghill serve` runs uvicorn with Foghill's HTTP protocol (foghill.server.protocol: limits on
request heads, a deadline for them, a connection cap, refusals in JSON) and answers only for
the loopback names, the address it listens on, any --allowed-host and any name in the
FOGHILL_ALLOWED_HOSTS environment variable (comma-separated; handy in a container).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import socket
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["build_parser", "main"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
APP = "foghill.server:app"
PROTOCOL = "foghill.server.protocol:FoghillHttpProtocol"
MAX_CONNECTIONS = 500  # per worker; well under the usual 1024 open files
KEEP_ALIVE_SECONDS = 5  # an idle kept-alive connection is closed after this
SHUTDOWN_SECONDS = 5  # on stop, answers still being worked on get this long
# foghill.server.application reads the hosts to answer for (besides the loopback names) from
# this variable when it makes its app: set here, before this process or any worker does.
ALLOWED_HOSTS_VARIABLE = "FOGHILL_ALLOWED_HOSTS"
# ... and the lesson or folder `foghill serve PATH` serves (foghill.server.application).
LESSONS_VARIABLE = "FOGHILL_LESSONS"
ANY_ADDRESS = ("0.0.0.0", "::", "")


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


# ---- serve -----------------------------------------------------------------------------------


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def port_problem(host: str, port: int) -> str | None:
    """None when host:port can be listened on, else a sentence saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"port {port} on {host} is already in use (is Foghill already running?); "
                    f"pick another with --port, e.g. foghill serve --port {port + 1}"
                )
            return f"cannot listen on {host}:{port}: {error.strerror or error}"
    return None


def can_open_browser(environ: dict[str, str] | None = None) -> bool:
    """False on CI and on a Linux machine without a display, where there is nothing to open."""
    env = dict(os.environ if environ is None else environ)
    if env.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return False
    return True


def _open_when_ready(host: str, port: int, url: str, timeout: float = 20.0) -> None:
    """Wait until the server accepts connections, then open the page (in the background)."""

    def run() -> None:
        deadline = time.monotonic() + timeout
        target = "127.0.0.1" if host in ("0.0.0.0", "") else host
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((target, port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            return
        import webbrowser  # here, not at start: it is only needed once the server answers

        with contextlib.suppress(Exception):  # a missing browser must never stop the server
            webbrowser.open(url)

    threading.Thread(target=run, name="foghill-open-browser", daemon=True).start()


def serve(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    problem = port_problem(args.host, args.port)
    if problem:
        print(f"foghill: {problem}", file=sys.stderr)
        return 2
    what = "the lesson"
    if args.path is not None:
        os.environ[LESSONS_VARIABLE] = str(args.path.resolve())
        what = "your lessons" if args.path.is_dir() else "your lesson"
    else:
        os.environ.pop(LESSONS_VARIABLE, None)
    given = [*_names(os.environ.get(ALLOWED_HOSTS_VARIABLE, "")), *args.allowed_host]
    os.environ[ALLOWED_HOSTS_VARIABLE] = ",".join(allowed_hosts(args.host, given))
    # One worker: the app is made here, its lessons rendered once, and a lesson that does not
    # render is then checked in full. Several: the lessons are checked here, and each worker
    # process makes its own app (foghill.server:app, from the variables above).
    app = _made_app(args.path) if args.workers == 1 else _checked(args.path)
    if isinstance(app, int):
        return app
    import uvicorn

    url = url_for(args.host, args.port)
    print(f"Foghill is serving {what} at {url}  (press Ctrl+C to stop)", file=out, flush=True)
    if args.host in ANY_ADDRESS and not given:
        print(
            "It answers only for 127.0.0.1, localhost and ::1; add --allowed-host NAME for "
            "the name other machines use.",
            file=out,
            flush=True,
        )
    if not args.no_browser:
        if can_open_browser():
            _open_when_ready(args.host, args.port, url)
        else:
            print("No browser to open here; visit the address above.", file=out, flush=True)
    options = uvicorn_options(args)
    if app is not None:
        uvicorn.run(app, workers=1, **options)
    else:
        run_workers(args.workers, **options)
    return 0


def _made_app(path: Path | None) -> Starlette | int:
    """The app for the lessons at `path` (None: the built-in lesson), for the hosts in the
    environment; when a lesson does not render, the exit status after naming every mistake
    of every lesson (foghill.lessons.check)."""
    from foghill.lessons.render import LessonError
    from foghill.server import application

    hosts = application.allowed_hosts_from_environment()
    if path is None:
        return application.create_app(allowed_hosts=hosts)
    try:
        return application.create_app(allowed_hosts=hosts, lessons=path)
    except (LessonError, UnicodeDecodeError, OSError) as error:
        return _checked(path) or _refused(path, [f"{path}: {error}"])


def _checked(path: Path | None) -> int | None:
    """None when every lesson at `path` is free of mistakes, else the exit status after
    printing each of them, at its place."""
    if path is None:
        return None
    from foghill.lessons.check import path_mistakes

    mistakes = path_mistakes(path)
    return _refused(path, mistakes) if mistakes else None


def _refused(path: Path, mistakes: list[str]) -> int:
    for mistake in mistakes:
        print(mistake, file=sys.stderr)
    count = f"{len(mistakes)} mistake" + ("s" if len(mistakes) > 1 else "")
    print(f"foghill: {count} to fix before {path} can be served", file=sys.stderr)
    return 1


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def allowed_hosts(host: str, extra: Sequence[str]) -> list[str]:
    """The names to answer for besides the loopback names: the address listened on (unless
    it is every address) and each --allowed-host."""
    names = [] if host in ANY_ADDRESS else [host]
    return [*names, *(name for name in extra if name not in names)]


def uvicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    """How `foghill serve` runs uvicorn (one worker or several)."""
    return {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "server_header": False,
        "http": PROTOCOL,
        # No route speaks WebSocket (live reload is server-sent events): without a WebSocket
        # protocol uvicorn does not import one, a tenth of a second of every start.
        "ws": "none",
        "limit_concurrency": args.max_connections,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "timeout_graceful_shutdown": SHUTDOWN_SECONDS,
    }


def run_workers(workers: int, **options: Any) -> None:
    """uvicorn's multi-worker mode, with a listening socket that keeps Nagle's algorithm off.

    uvicorn binds the shared socket with `proto` 0, so the connections it accepts do not say
    they are TCP and asyncio skips TCP_NODELAY on them: every kept-alive request after the
    first then waits ~40 ms for a delayed ACK (uvicorn issue #3149). Re-labelling the
    listening socket as IPPROTO_TCP before the workers inherit it restores TCP_NODELAY.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(APP, workers=workers, **options)
    bound = config.bind_socket()
    sock = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    sock.set_inheritable(True)
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


# ---- demo ------------------------------------------------------------------------------------


def demo(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    import foghill as fh
    from foghill.contract import WIDGETS
    from foghill.errors import sentence_of

    hill = fh.hills.FOGGY
    lo, hi = hill.domain[0]
    if not lo <= args.start <= hi:
        print(f"foghill: --start must lie on the hill, between {lo:g} and {hi:g}", file=sys.stderr)
        return 2
    hill_keys = WIDGETS["fh-hill"]
    for name, value in (("learning_rate", args.learning_rate), ("max_steps", args.max_steps)):
        try:
            hill_keys.key(name).validate(value)  # the bounds every host checks, in its words
        except ValueError as error:
            print(f"foghill: {sentence_of(error, name)}", file=sys.stderr)
            return 2
    traj = fh.descend(hill, args.start, learning_rate=args.learning_rate, max_steps=args.max_steps)
    print(f"{hill.title}: height = {hill.formula}", file=out)
    print(
        f"The ball starts at {args.start:g}; each step moves it {args.learning_rate:g} times the "
        "tilt, downhill.",
        file=out,
    )
    print(f"{'step':>5}  {'position':>10}  {'height':>10}  {'tilt':>10}", file=out)
    n = len(traj.positions)
    shown = list(range(min(n, 8)))
    if n > 10:
        shown += [n - 2, n - 1]
    else:
        shown = list(range(n))
    previous = -1
    for i in shown:
        if i != previous + 1:
            print(f"{'...':>5}", file=out)
        row = (traj.positions[i], traj.losses[i], traj.gradients[i])
        print(f"{i:>5}  " + "  ".join(f"{_fixed(v):>10}" for v in row), file=out)
        previous = i
    print(_outcome_sentence(hill, traj), file=out)
    return 0


_DECIMALS = 4
"""The decimals the demo's table prints."""


def _fixed(value: float) -> str:
    text = f"{float(value):.{_DECIMALS}f}"
    return text[1:] if float(text) == 0 and text.startswith("-") else text


def _outcome_sentence(hill: Any, traj: Any) -> str:
    outcome, steps = traj.outcome, traj.n_steps
    last = float(traj.positions[-1])
    if outcome in ("settled", "zigzag"):
        nearest = min((float(m) for m in hill.minima), key=lambda m: abs(m - last))
        if nearest == float(hill.deepest):
            where = "the deepest valley"
        else:
            where = "a side valley (not the deepest one: it only ever felt the local tilt)"
        from foghill.contract import OUTCOME_WORDS  # a label never reaches a reader

        how = OUTCOME_WORDS[outcome]
        return f"Outcome: {how}. After {steps} steps the ball {how} into {where}, at {nearest:.3f}."
    if outcome == "crawling":
        # What the table above shows (its decimals), by the page's rule (engine.arrival).
        from foghill.engine import arrival

        came = arrival.arrival(traj, hill, _DECIMALS)
        if came.floor_step is not None:
            return (
                f"Outcome: crawling. From step {came.floor_step} the ball is on the valley "
                f"floor as printed, but after {steps} steps its steps have not quite died away."
            )
        if came.moving:
            return (
                f"Outcome: crawling. After {steps} steps the ball is still creeping downhill; "
                "take bigger steps."
            )
        gap = "" if came.distance is None else f", {came.distance:.3g} short of the valley floor"
        return (
            f"Outcome: crawling. After {steps} steps the ball's steps are too small to see{gap}; "
            "take bigger steps."
        )
    if steps == 1:
        return "Outcome: flew off. The very first step was so bold it threw the ball off the hill."
    return (
        f"Outcome: flew off. The steps were too bold; the ball left the hill after {steps} steps."
    )


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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "demo":
        return demo(args)
    if args.command == "new":
        return new(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
