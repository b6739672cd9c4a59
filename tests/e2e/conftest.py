"""A real app server and headless Chromium (Debian's /usr/bin/chromium) for end-to-end tests."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Poll the health endpoint until the server answers (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {timeout}s")


@contextlib.contextmanager
def serve(env: dict[str, str] | None = None):
    """A dashboard server on a free port (started as run_app.sh starts it), stopped afterwards; yields its URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://localhost:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a server still closing its sessions' sockets: it is done with anyway
            proc.kill()
            proc.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url():
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def app_for():
    """Start a server for a given data directory (and users file, and more env): `url = app_for(data_dir, users_file)`.
    Servers stop when the module's tests are done."""
    with ExitStack() as stack:
        def start(data_dir: Path, users_file: Path | None = None, env: dict[str, str] | None = None) -> str:
            env = {"DASHBOARD_DATA_DIR": str(data_dir),
                   "DASHBOARD_USERS": str(users_file or Path(data_dir).parent / "no-users.toml"), **(env or {})}
            return stack.enter_context(serve(env))
        yield start


class Requests:
    """Every URL the page asked for; requests off the machine are recorded and refused."""

    def __init__(self):
        self.external: list[str] = []
        self.local = 0

    def handle(self, route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            self.local += 1
            return route.continue_()
        self.external.append(route.request.url)
        return route.abort()


@pytest.fixture
def app_on():
    """Start an app server on another data directory: `url = app_on(path)`; each is stopped after the test."""
    procs = []

    def start(data_dir: Path) -> str:
        port = free_port()
        cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_DATA_DIR": str(data_dir)}
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        wait_until_up(f"http://localhost:{port}", procs[-1])
        return f"http://localhost:{port}"

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)
