"""The `foghill` command: argument parsing, the port check, the browser rule and the demo.

No test here leaves a server running: `uvicorn.run` is replaced where serving would start.
"""

from __future__ import annotations

import socket
import sys
import webbrowser
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette

from foghill import cli
from foghill.commands import serve as serving


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield int(sock.getsockname()[1])


@pytest.fixture
def fake_uvicorn(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record how serving would start, without starting anything (one worker or several)."""
    import uvicorn
    import uvicorn.supervisors

    calls: list[dict[str, Any]] = []
    # serve() tells its workers the hosts to answer for in the environment: undone afterwards.
    monkeypatch.setenv(serving.ALLOWED_HOSTS_VARIABLE, "")

    def run(app: str, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    class Multiprocess:
        def __init__(self, config: Any, sockets: list[socket.socket]) -> None:
            calls.append(
                {
                    "app": config.app,
                    "workers": config.workers,
                    "port": config.port,
                    "proto": [s.proto for s in sockets],
                    "server_header": config.server_header,
                }
            )

        def run(self) -> None:
            pass

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Multiprocess)
    return calls


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_is_the_default() -> None:
    args = cli.parse_args([])
    assert args.command == "serve"
    assert (args.host, args.port, args.no_browser, args.workers) == ("127.0.0.1", 8000, False, 1)


def test_serve_options() -> None:
    args = cli.parse_args(["--port", "9001", "--no-browser"])
    assert (args.command, args.port, args.no_browser) == ("serve", 9001, True)
    args = cli.parse_args(["serve", "--host", "0.0.0.0", "--workers", "3"])
    assert (args.host, args.workers) == ("0.0.0.0", 3)


@pytest.mark.parametrize(
    "argv",
    [["--port", "70000"], ["--port", "eighty"], ["--workers", "0"], ["fly"], ["serve", "-x"]],
)
def test_bad_options_exit_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.parse_args(argv)
    assert exited.value.code == 2
    assert "usage: foghill" in capsys.readouterr().err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "serve" in out
    assert "demo" in out
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    out = capsys.readouterr().out
    for option in ("--host", "--port", "--no-browser", "--workers"):
        assert option in out


def test_a_taken_port_is_reported_clearly(
    busy_port: int, fake_uvicorn: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", "--port", str(busy_port), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert f"port {busy_port} on 127.0.0.1 is already in use" in err
    assert f"--port {busy_port + 1}" in err
    assert fake_uvicorn == []


def test_port_problem_is_none_for_a_free_port() -> None:
    assert serving.port_problem("127.0.0.1", free_port()) is None


def test_serve_runs_uvicorn_with_the_app_it_made(
    fake_uvicorn: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    assert cli.main(["serve", "--port", str(port), "--no-browser"]) == 0
    app = fake_uvicorn[0]["app"]  # one worker: made here, the lesson rendered once
    assert isinstance(app, Starlette)
    assert app.state.live is None  # the built-in lesson
    assert fake_uvicorn == [
        {
            "app": app,
            "host": "127.0.0.1",
            "port": port,
            "workers": 1,
            "log_level": "warning",
            "server_header": False,
            "http": "foghill.server.protocol:FoghillHttpProtocol",
            "ws": "none",
            "limit_concurrency": serving.MAX_CONNECTIONS,
            "timeout_keep_alive": 5,
            "timeout_graceful_shutdown": 5,
        }
    ]
    assert f"http://127.0.0.1:{port}/" in capsys.readouterr().out


def test_several_workers_share_a_socket_marked_tcp(fake_uvicorn: list[dict[str, Any]]) -> None:
    # uvicorn's own shared socket has proto 0, which makes asyncio skip TCP_NODELAY
    port = free_port()
    assert cli.main(["serve", "--port", str(port), "--no-browser", "--workers", "2"]) == 0
    assert fake_uvicorn == [
        {
            "app": "foghill.server:app",
            "workers": 2,
            "port": port,
            "proto": [socket.IPPROTO_TCP],
            "server_header": False,
        }
    ]


def test_serve_without_a_browser_just_prints(
    fake_uvicorn: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    assert cli.main(["serve", "--port", str(free_port())]) == 0
    assert "No browser to open here" in capsys.readouterr().out
    assert opened == []


def test_browser_rule() -> None:
    assert not serving.can_open_browser({"CI": "true"})
    assert not serving.can_open_browser({"CI": "1", "DISPLAY": ":0"})
    if sys.platform.startswith("linux"):
        assert not serving.can_open_browser({})
        assert serving.can_open_browser({"DISPLAY": ":0"})
        assert serving.can_open_browser({"WAYLAND_DISPLAY": "wayland-0"})


def test_url_for() -> None:
    assert serving.url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert serving.url_for("0.0.0.0", 80) == "http://127.0.0.1:80/"
    assert serving.url_for("::1", 8000) == "http://[::1]:8000/"


def test_demo_prints_a_descent(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("The foggy hill")
    header = next(line for line in lines if "position" in line)
    for column in ("step", "position", "height", "tilt"):
        assert column in header
    rows = [line.split() for line in lines if line.strip()[:1].isdigit()]
    assert rows[0][:2] == ["0", "2.5000"]
    assert len(rows) >= 3
    assert lines[-1].startswith("Outcome: settled. ")
    assert "side valley" in lines[-1]


def test_demo_outcomes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--start", "-3", "--learning-rate", "1"]) == 0
    assert "deepest valley" in capsys.readouterr().out
    assert cli.main(["demo", "--learning-rate", "5"]) == 0
    assert "Outcome: flew off" in capsys.readouterr().out
    assert cli.main(["demo", "--learning-rate", "0.0001", "--max-steps", "5"]) == 0
    assert "Outcome: crawling" in capsys.readouterr().out
    # A zig-zag is said in words; its label ("zigzag") never reaches the reader.
    assert cli.main(["demo", "--learning-rate", "2.5"]) == 0
    said = capsys.readouterr().out.splitlines()[-1]
    assert said.startswith("Outcome: zig-zagged. After ")
    assert "zigzag" not in said


def test_demo_refuses_a_start_off_the_hill(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--start", "9"]) == 2
    assert "--start must lie on the hill" in capsys.readouterr().err
