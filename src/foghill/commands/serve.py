"""`foghill serve`: the lesson page, or an author's lessons, under uvicorn.

It runs uvicorn with Foghill's HTTP protocol (foghill.server.protocol: limits on request
heads, a deadline for them, a connection cap, refusals in JSON) and answers only for the
loopback names, the address it listens on, any --allowed-host and any name in the
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

__all__ = ["serve"]

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
    from foghill.errors import LessonError
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
