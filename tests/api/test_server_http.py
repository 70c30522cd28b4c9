"""The HTTP layer of `foghill serve`: limits on request heads, a deadline for them, a cap on
connections, HEAD, the hosts it answers for, and every refusal of its own in JSON.

Each test runs uvicorn in a thread with the options `foghill serve` uses (serving.uvicorn_options),
on a free loopback port, and talks to it over a plain socket where the HTTP is unusual.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from foghill import cli
from foghill.commands import serve as serving
from foghill.server import application, create_app, protocol
from foghill.server.middleware import LOOPBACK_NAMES, security_headers
from foghill.testing import free_port, wait_until

HEAD_SECONDS = 0.5  # the deadline here (10 s in `foghill serve`)
CAP = 4


class QuickProtocol(protocol.FoghillHttpProtocol):
    head_seconds = HEAD_SECONDS


class Server:
    """uvicorn with `foghill serve`'s options (and a shorter head deadline), in a thread."""

    def __init__(self, app: Any, *argv: str, http: type = QuickProtocol) -> None:
        self.port = free_port()
        args = cli.parse_args(["serve", "--no-browser", "--port", str(self.port), *argv])
        options = {**serving.uvicorn_options(args), "http": http}
        self.server = uvicorn.Server(uvicorn.Config(app, **options))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.thread.start()
        wait_until(lambda: self.server.started, 30, lambda: "the server did not start")
        return self

    def connections(self) -> int:
        """How many connections the server holds open right now."""
        return len(self.server.server_state.connections)

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    app = create_app(allowed_hosts=[*LOOPBACK_NAMES, "foghill.example.org", "*.foghill.test"])
    with Server(app, "--max-connections", str(CAP)) as running:
        yield running


def connect(server: Server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    return sock


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One response: status, headers (lower-case names), body (by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the connection closed without an answer: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    pairs = (line.split(": ", 1) for line in lines[1:])
    headers = {name.lower(): value for name, value in pairs}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk
        body += chunk
    return int(lines[0].split()[1]), headers, body


def closed(sock: socket.socket, within: float) -> bool:
    """True if the server closes the connection within `within` seconds (all else read)."""
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


def assert_refusal(status: int, headers: dict[str, str], body: bytes, expected: int) -> str:
    """A refusal of the server's own: JSON `{"error": ...}` with every security header."""
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    for name, value in security_headers():
        assert headers[name.decode()] == value.decode()
    error: str = json.loads(body)["error"]
    assert error
    assert "\n" not in error
    return error


def request(path: str = "/healthz", *extra: str, method: str = "GET") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *extra, "", ""]
    return "\r\n".join(lines).encode()


# ---- 3. the size of a request's head -----------------------------------------------------------


def test_headers_up_to_16_kb_are_answered(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(request("/healthz", "X-Pad: " + "a" * (15 * 1024)))
        status, _, _ = read_response(sock)
    assert status == 200


def test_headers_over_16_kb_are_refused_with_431_in_json(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(request("/healthz", "X-Pad: " + "a" * (17 * 1024)))
        error = assert_refusal(*read_response(sock), 431)
        assert "16 KB" in error
        assert closed(sock, 2)


def test_an_endless_header_is_refused_as_it_arrives(server: Server) -> None:
    """A header that never ends (issue 11 sent 128 MB) is refused once 16 KB have come, not
    read to its end."""
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        for _ in range(20):  # 20 KB, a kilobyte at a time, never finished
            sock.sendall(b"a" * 1024)
            time.sleep(0.005)
        assert_refusal(*read_response(sock), 431)
        for _ in range(1000):  # and 100 MB more would not be read either
            try:
                sock.sendall(b"a" * 100_000)
            except (BrokenPipeError, ConnectionResetError):
                break
        assert closed(sock, 2)


# ---- 4. connections that send part of a head, or nothing ------------------------------------


def test_the_head_deadline_of_foghill_serve_is_10_seconds() -> None:
    assert protocol.FoghillHttpProtocol.head_seconds == protocol.HEAD_SECONDS == 10
    assert serving.PROTOCOL == "foghill.server.protocol:FoghillHttpProtocol"


def test_a_connection_that_sends_nothing_is_closed(server: Server) -> None:
    with connect(server) as sock:
        started = time.monotonic()
        assert closed(sock, HEAD_SECONDS + 2)
        assert time.monotonic() - started >= HEAD_SECONDS * 0.9


def test_a_connection_that_sends_part_of_a_head_gets_408_and_is_closed(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        for _ in range(3):  # trickling bytes does not keep it open
            time.sleep(HEAD_SECONDS / 3)
            sock.sendall(b"a")
        error = assert_refusal(*read_response(sock), 408)
        assert "did not arrive" in error
        assert closed(sock, 2)


class PatientProtocol(protocol.FoghillHttpProtocol):
    head_seconds = 2.0  # long enough that a pause of half of it stays inside it on a busy machine


def test_the_deadline_starts_again_after_each_answer() -> None:
    deadline = PatientProtocol.head_seconds
    app = create_app(allowed_hosts=list(LOOPBACK_NAMES))
    with Server(app, http=PatientProtocol) as server:
        started = time.monotonic()
        with connect(server) as sock:
            for _ in range(4):
                sock.sendall(request())
                assert read_response(sock)[0] == 200
                time.sleep(deadline / 2)  # well within the deadline each time
            assert time.monotonic() - started > deadline * 1.5  # longer than one deadline in all
            sock.sendall(b"GET /healthz HTTP/1.1\r\n")  # then half a head, and nothing more
            assert_refusal(*read_response(sock), 408)


def test_a_request_that_is_not_http_gets_400_in_json(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"HELLO THERE\r\n\r\n")
        assert_refusal(*read_response(sock), 400)
        assert closed(sock, 2)


def test_past_the_connection_cap_a_request_gets_503_with_retry_after(server: Server) -> None:
    idle = [connect(server) for _ in range(CAP)]
    try:
        wait_until(lambda: server.connections() == CAP, 5, lambda: f"{server.connections()} open")
        with connect(server) as sock:
            sock.sendall(request())
            status, headers, body = read_response(sock)
            assert_refusal(status, headers, body, 503)
            assert headers["retry-after"].isdigit()
            assert closed(sock, 2)
    finally:
        for sock in idle:
            sock.close()
    wait_until(lambda: server.connections() == 0, 5, lambda: f"{server.connections()} still open")
    with connect(server) as sock:  # below the cap again
        sock.sendall(request())
        assert read_response(sock)[0] == 200


def test_head_answers_every_get_route_without_a_body(server: Server) -> None:
    with httpx.Client(base_url=server.url) as client:
        for path in ("/", "/healthz", "/openapi.json", "/api/hills", "/static/dist/foghill.js"):
            got, head = client.get(path), client.head(path)
            assert (got.status_code, head.status_code) == (200, 200), path
            assert head.content == b""
            assert head.headers["content-type"] == got.headers["content-type"]
            assert head.headers["content-length"] == got.headers["content-length"], path
            assert head.headers["x-content-type-options"] == "nosniff"
        missing = client.head("/nothing-here")
        assert missing.status_code == 404
        assert missing.content == b""


# ---- 6. the hosts it answers for ---------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::1]", "LOCALHOST.", "foghill.example.org", "a.foghill.test"],
)
def test_allowed_hosts_are_answered(server: Server, host: str) -> None:
    with connect(server) as sock:
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host}:{server.port}\r\n\r\n".encode())
        assert read_response(sock)[0] == 200


@pytest.mark.parametrize("host", ["evil.example", "foghill.example.org.evil.example", "10.0.0.1"])
def test_other_hosts_get_400_in_json(server: Server, host: str) -> None:
    with connect(server) as sock:
        sock.sendall(f"GET /api/hills HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        error = assert_refusal(*read_response(sock), 400)
    assert host in error


def test_foghill_serve_answers_for_loopback_its_address_and_allowed_hosts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert serving.ALLOWED_HOSTS_VARIABLE == application.ALLOWED_HOSTS_VARIABLE
    assert serving.allowed_hosts("127.0.0.1", []) == ["127.0.0.1"]
    both = ["a.example", "b.example"]
    assert serving.allowed_hosts("0.0.0.0", both) == both
    assert serving.allowed_hosts("192.168.1.5", ["x.example"]) == ["192.168.1.5", "x.example"]
    args = cli.parse_args(["serve", "--allowed-host", "a.example", "--allowed-host", "b.example"])
    assert args.allowed_host == ["a.example", "b.example"]
    monkeypatch.delenv(application.ALLOWED_HOSTS_VARIABLE, raising=False)
    assert application.allowed_hosts_from_environment() is None  # an in-process app: any host
    monkeypatch.setenv(application.ALLOWED_HOSTS_VARIABLE, "a.example, b.example")
    assert application.allowed_hosts_from_environment() == [
        *LOOPBACK_NAMES,
        "a.example",
        "b.example",
    ]


def test_even_a_bug_is_answered_in_json_with_the_security_headers(
    lenient_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foghill.views import curves

    def broken(req: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(curves, "hills_view", broken)
    answer = lenient_client.get("/api/hills")
    assert answer.status_code == 500
    for name, value in security_headers():
        assert answer.headers[name.decode()] == value.decode()


def test_foghill_serve_adds_names_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A container says its public name in FOGHILL_ALLOWED_HOSTS; --allowed-host adds more."""
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    monkeypatch.setenv(serving.ALLOWED_HOSTS_VARIABLE, "a.example, b.example")
    port = str(free_port())
    assert cli.main(["serve", "--no-browser", "--port", port, "--allowed-host", "c.example"]) == 0
    names = application.allowed_hosts_from_environment()
    assert names == [*LOOPBACK_NAMES, "127.0.0.1", "a.example", "b.example", "c.example"]
    assert "Foghill is serving" in capsys.readouterr().out
