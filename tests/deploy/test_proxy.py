"""deploy/nginx.conf in front of two `foghill serve` backends: one is killed, nothing fails.

nginx runs as a subprocess with deploy/nginx.conf itself (its ports and the backends' put in)
inside a generated main config in a temporary folder: its own pid file and logs, listening on
a free 127.0.0.1 port, `-g 'daemon off;'`. 64 clients send a mix of GET and POST requests for
LOAD_SECONDS; a third of the way in, one backend is killed with SIGKILL. Every request must
succeed (nginx sends a request the dead backend did not answer to the other one) and the
throughput must come back once nginx has stopped trying the dead one.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from foghill.testing import HOST, FoghillServer, answers_ok, free_port, run_async, wait_until

pytestmark = pytest.mark.proxy

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)
NAME = "foghill.example.org"  # the server_name in deploy/nginx.conf
CLIENTS = 64
LOAD_SECONDS = float(os.environ.get("FOGHILL_PROXY_SECONDS", "15"))
KILL_AT = LOAD_SECONDS / 3

if NGINX is None:
    pytest.skip(
        "nginx is not installed (apt-get install nginx-light): the proxy test runs Debian's nginx",
        allow_module_level=True,
    )

REQUESTS: list[tuple[str, str, dict[str, object] | None]] = [
    ("GET", "/healthz", None),
    ("GET", "/api/hills", None),
    ("POST", "/api/descend", {"hill": "foggy", "start": 2.5, "learning_rate": 0.1}),
    ("POST", "/api/descend", {"hill": "rosenbrock", "start": [-1.5, 2.0], "optimizer": "adam"}),
    ("POST", "/api/landscape", {"hill": "bumpy", "samples": 121}),
    ("POST", "/api/linefit", {"x": [0, 1, 2, 3], "y": [1, 2.9, 5.2, 7.1]}),
    ("POST", "/api/descend", {"formula": "0.1*x^4 - x^2 + x/3", "start": 1.5}),
]


# Not simple-looking (more than three functions): built in the full lane, which it starts.
WARM_FULL_LANE = "x^2/10 + sin(x)/50 + cos(x)/50 + sin(2*x)/90 + cos(2*x)/90"


def site_config(ports: list[int], listen: int) -> str:
    """deploy/nginx.conf with the test's ports: the same settings, on loopback."""
    text = (DEPLOY / "nginx.conf").read_text()
    servers = iter(ports)
    text, found = re.subn(
        r"server 127\.0\.0\.1:\d+ ", lambda _: f"server {HOST}:{next(servers)} ", text
    )
    assert found == len(ports), "deploy/nginx.conf names one upstream server per backend"
    return re.sub(r"listen 80\b", f"listen {HOST}:{listen}", text)


def main_config(folder: Path, site: Path) -> str:
    temp = (
        "\n".join(
            f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
        )
        + "\n"
        + "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("uwsgi", "scgi"))
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers may then use the temp folder
    return (
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n    access_log off;\n    default_type application/octet-stream;\n"
        f"{temp}\n    include {site};\n}}\n"
    )


@dataclass
class Nginx:
    folder: Path
    port: int
    process: subprocess.Popen[bytes] = field(init=False)

    def command(self, *extra: str) -> list[str]:
        assert NGINX is not None
        conf = self.folder / "nginx.conf"
        return [
            NGINX,
            "-p",
            str(self.folder),
            "-c",
            str(conf),
            "-e",
            str(self.folder / "error.log"),
            *extra,
        ]

    def start(self) -> None:
        check = subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(self.command("-g", "daemon off;"), start_new_session=True)
        url = f"http://{HOST}:{self.port}/healthz"
        wait_until(lambda: answers_ok(url, {"host": NAME}), 15, lambda: f"nginx:\n{self.log()}")

    def log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGQUIT)  # graceful: finish, then exit
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def backends(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FoghillServer]]:
    monkeypatch.setenv("FOGHILL_ALLOWED_HOSTS", NAME)  # as a container would set it
    started = [FoghillServer(), FoghillServer()]
    try:
        for backend in started:
            backend.wait_healthy()
        yield started
    finally:
        for backend in started:
            backend.stop()


@pytest.fixture
def proxy(backends: list[FoghillServer], tmp_path: Path) -> Iterator[Nginx]:
    folder = tmp_path / "nginx"
    folder.mkdir()
    site = folder / "foghill.conf"
    nginx = Nginx(folder, free_port())
    site.write_text(site_config([b.port for b in backends], nginx.port))
    (folder / "nginx.conf").write_text(main_config(folder, site))
    nginx.start()
    try:
        yield nginx
    finally:
        nginx.stop()


@dataclass
class Run:
    done: list[float] = field(default_factory=list)  # seconds from the start, per success
    failures: Counter[str] = field(default_factory=Counter)

    def per_second(self, start: float, end: float) -> float:
        return sum(start <= t < end for t in self.done) / (end - start)


async def _load(url: str, seconds: float, kill: asyncio.Event) -> Run:
    run = Run()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    headers = {"host": NAME}
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits, headers=headers) as c:
        started = time.monotonic()

        async def client(number: int) -> None:
            i = number
            while (now := time.monotonic() - started) < seconds:
                if now >= KILL_AT:
                    kill.set()
                method, path, body = REQUESTS[i % len(REQUESTS)]
                i += 1
                try:
                    answer = await c.request(method, path, json=body)
                except httpx.HTTPError as error:
                    run.failures[type(error).__name__] += 1
                    continue
                if answer.status_code == 200:
                    run.done.append(time.monotonic() - started)
                else:
                    run.failures[f"{answer.status_code} {path}"] += 1

        await asyncio.gather(*(client(n) for n in range(CLIENTS)))
    return run


@pytest.mark.alone
def test_a_backend_killed_mid_run_loses_no_request(
    proxy: Nginx, backends: list[FoghillServer]
) -> None:
    for backend in backends:  # each backend's formula builders start (sympy's import) first
        for body in (REQUESTS[-1][2], {"formula": WARM_FULL_LANE, "start": 1.0}):
            warm = httpx.post(f"{backend.url}/api/descend", json=body, timeout=60)
            assert warm.status_code == 200, warm.text
    kill = asyncio.Event()

    async def drive() -> Run:
        async def killer() -> None:
            await kill.wait()
            os.killpg(backends[0].pid, signal.SIGKILL)  # the server and its builders

        task = asyncio.create_task(killer())
        run = await _load(f"http://{HOST}:{proxy.port}", LOAD_SECONDS, kill)
        await task
        return run

    run = run_async(drive)
    backends[0].process.wait(timeout=10)
    # The seconds just before the kill (the clients' first seconds are slower, whatever the
    # server), and the last ones, once nginx has stopped trying the dead backend.
    before = run.per_second(max(0.0, KILL_AT - 4.0), KILL_AT)
    after = run.per_second(max(KILL_AT + 5.0, LOAD_SECONDS - 10.0), LOAD_SECONDS)
    by_second = [round(run.per_second(t, t + 1)) for t in range(int(LOAD_SECONDS))]
    print(
        f"\n{len(run.done)} requests answered, {sum(run.failures.values())} failed "
        f"{dict(run.failures)}; {before:.0f} req/s before the kill, {after:.0f} req/s after"
        f"\nrequests answered in each second: {by_second}"
    )
    assert not run.failures, f"{dict(run.failures)}\n{proxy.log()[-3000:]}"
    assert after >= 0.5 * before, (before, after)
    assert backends[1].process.poll() is None


def test_the_proxys_own_refusals_are_json(proxy: Nginx) -> None:
    url = f"http://{HOST}:{proxy.port}"
    with httpx.Client(base_url=url, headers={"host": NAME}) as client:
        big = client.post(
            "/api/linefit",
            content=b"[" + b"1," * 600_000 + b"1]",
            headers={"content-type": "application/json"},
        )
        assert big.status_code == 413
        assert big.json()["error"].startswith("the request body is larger than")
        assert big.headers["x-content-type-options"] == "nosniff"
    with httpx.Client(base_url=url, headers={"host": NAME}) as client:
        head = client.get("/healthz", headers={"x-pad": "a" * 20_000})
        assert head.status_code == 431
        assert "16 KB" in head.json()["error"]
        assert head.headers["x-frame-options"] == "DENY"
    with httpx.Client(base_url=url) as client, pytest.raises(httpx.RemoteProtocolError):
        client.get("/healthz", headers={"host": "evil.example"})  # another name: closed
