"""Channel fixtures: real servers (`cgir serve`, `cgir actions`) as subprocesses on free ports.

Each server is started once per test session with the tiny model and its own SQLite database,
polled until /health answers, and always terminated at the end.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    db_url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_server(args: list[str], health_path: str, log: Path, *, timeout: float = 180.0) -> tuple[subprocess.Popen, str]:
    """Start `python -m bot.cli <args> --port P` and wait until GET health_path answers 200."""
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", TOKENIZERS_PARALLELISM="false")
    handle = log.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args, "--port", str(port), "--quiet"],
        cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if requests.get(url + health_path, timeout=2).status_code == 200:
                return process, url
        except requests.RequestException:
            pass
        time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"server not ready after {timeout} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def serve_server(tiny_model_dir, tmp_path_factory):
    """`cgir serve` on the tiny model, a free port and its own database."""
    folder = tmp_path_factory.mktemp("serve")
    db_url = f"sqlite:///{folder / 'serve.db'}"
    log = folder / "serve.log"
    process, url = start_server(
        ["serve", "--model", str(tiny_model_dir), "--db", db_url, "--threads", "4"], "/health", log,
    )
    yield RunningServer(url, db_url, process, log)
    stop(process)


@pytest.fixture(scope="session")
def action_server(tiny_model_dir, tmp_path_factory):
    """`cgir actions` (rasa-sdk) on the tiny model, a free port and its own database."""
    folder = tmp_path_factory.mktemp("actions")
    db_url = f"sqlite:///{folder / 'actions.db'}"
    log = folder / "actions.log"
    process, url = start_server(
        ["actions", "--model", str(tiny_model_dir), "--db", db_url], "/health", log,
    )
    yield RunningServer(url, db_url, process, log)
    stop(process)


@pytest.fixture(scope="session")
def catalog(tiny_retriever):
    """Titles and tags of the tiny model, to talk about real items."""
    return tiny_retriever
