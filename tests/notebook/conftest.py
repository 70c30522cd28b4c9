"""Fixtures for the notebook tests: Debian's Chromium, JupyterLab and marimo on 127.0.0.1.

Every server runs from a temporary directory with its own HOME and Jupyter/marimo
directories, listens on a free loopback port without a token, and is stopped by its own
process group (it and the kernels it started) when the test is done.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from foghill.testing import INSTANT_BY_DEFAULT, answers_ok, free_port, is_local, wait_until

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
BIN = Path(sys.executable).parent


@dataclass
class Server:
    """A server process we started, and where to reach it."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path
    root: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for a server: its own HOME and config dirs, nothing from ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    dirs = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_DATA_HOME": home / ".local/share",
        "XDG_RUNTIME_DIR": home / "runtime",
        "JUPYTER_CONFIG_DIR": home / "jupyter-config",
        "JUPYTER_DATA_DIR": home / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": home / "jupyter-runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    env.update({k: str(v) for k, v in dirs.items()})
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["MARIMO_SKIP_UPDATE_CHECK"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_http(server: Server, path: str, timeout: float) -> None:
    """Wait until ``url + path`` answers 200, or fail with the server's log."""

    def ready() -> bool:
        if server.process.poll() is not None:
            pytest.fail(f"server exited ({server.process.returncode}):\n{server.log_text()}")
        return answers_ok(server.url + path)

    try:
        wait_until(ready, timeout, lambda: "the server is not ready", every=0.2)
    except TimeoutError as exc:
        pytest.fail(f"{exc}:\n{server.log_text()[-4000:]}")


def stop(server: Server) -> None:
    """Stop the server we started and everything in its process group (its kernels)."""
    proc = server.process
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    # Kernels may outlive the server briefly in the same group: end them too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def start(cmd: list[str], *, home: Path, root: Path, port: int) -> Server:
    log = home / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd,
            cwd=root,
            env=isolated_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Server(process, f"http://127.0.0.1:{port}", log, root)


JUPYTER_SETTINGS = {
    # No news, no update checks: nothing for JupyterLab to fetch from the internet.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False,
        "fetchNews": "false",
    },
}


@pytest.fixture(scope="session")
def jupyterlab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab on a free loopback port, token off, news and update checks off: started
    once per test process (each xdist worker has its own) and shared by its tests."""
    tmp_path = tmp_path_factory.mktemp("jupyterlab")
    home, root = tmp_path / "home", tmp_path / "root"
    root.mkdir()
    env_home = home
    env_home.mkdir()
    for name, settings in JUPYTER_SETTINGS.items():
        target = home / "lab-settings" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(settings))
    port = free_port()
    cmd = [
        str(BIN / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    server = start(cmd, home=home, root=root, port=port)
    try:
        wait_http(server, "/api/status", timeout=90)
        yield server
    finally:
        stop(server)


@pytest.fixture
def jupyterlab(jupyterlab_server: Server) -> Iterator[Server]:
    """This process's JupyterLab, as a test finds it: no kernel running, no tab restored.

    The notebook root is ``jupyterlab.root``: copy notebooks there (a name of the test's
    own) before opening them. Afterwards the test's kernels are shut down and the saved
    workspace forgotten, so the next test's page opens only its own notebook.
    """
    yield jupyterlab_server
    forget_sessions(jupyterlab_server)


def forget_sessions(server: Server) -> None:
    """Shut down every kernel session and drop the default workspace (JupyterLab's REST)."""
    with urllib.request.urlopen(server.url + "/api/sessions", timeout=10) as answer:
        sessions = json.load(answer)
    for session in sessions:
        ask = urllib.request.Request(f"{server.url}/api/sessions/{session['id']}", method="DELETE")
        with contextlib.suppress(urllib.error.HTTPError), urllib.request.urlopen(ask, timeout=30):
            pass
    drop = urllib.request.Request(server.url + "/lab/api/workspaces/default", method="DELETE")
    with contextlib.suppress(urllib.error.HTTPError), urllib.request.urlopen(drop, timeout=10):
        pass


@pytest.fixture
def marimo_app(tmp_path: Path) -> Iterator[Any]:
    """A function that serves one marimo notebook with ``marimo run`` and returns the Server."""
    started: list[Server] = []

    def serve(notebook: Path) -> Server:
        home, root = tmp_path / "home", tmp_path / "root"
        home.mkdir(exist_ok=True)
        root.mkdir(exist_ok=True)
        target = root / notebook.name
        shutil.copy(notebook, target)
        port = free_port()
        cmd = [
            str(BIN / "marimo"),
            "run",
            str(target),
            "--headless",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-token",
            "--no-sandbox",
        ]
        server = start(cmd, home=home, root=root, port=port)
        started.append(server)
        wait_http(server, "/", timeout=90)
        return server

    try:
        yield serve
    finally:
        for server in started:
            stop(server)


@pytest.fixture
def screenshots() -> Path:
    """Where screenshots a person can look at go (artifacts/screenshots)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@dataclass
class Offsite:
    """Requests the page tried to send off this machine (all of them are blocked)."""

    urls: list[str] = field(default_factory=list)


@pytest.fixture
def nb_browser(browser: Any) -> Any:
    """Debian's Chromium: pytest-playwright's one browser per test process (tests/conftest.py
    gives its launch arguments); each test gets contexts of its own."""
    return browser


@pytest.fixture
def local_page(nb_browser: Any) -> Iterator[tuple[Any, Offsite]]:
    """A page that blocks and records every request to a non-loopback host; its widgets play
    their runs at the fastest speed."""
    context = nb_browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_init_script(INSTANT_BY_DEFAULT)
    offsite = Offsite()

    def guard(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            offsite.urls.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on(
        "websocket",
        lambda ws: None if is_local(ws.url) else offsite.urls.append(ws.url),
    )
    try:
        yield page, offsite
    finally:
        context.close()
