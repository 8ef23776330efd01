"""Small helpers shared by the channel tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import requests

from engine.retrieval.retriever import normalize_title

REPO = Path(__file__).resolve().parents[2]

# Debian's chromium, never a browser downloaded by a test tool.
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def unique_titles(retriever, n: int = 3) -> list[str]:
    """The most popular titles whose normalised form is unique (so a reference resolves at once)."""
    counts = Counter(normalize_title(t) for t in retriever.titles)
    order = np.argsort(-retriever.popularity, kind="stable")
    return [retriever.titles[i] for i in order if counts[normalize_title(retriever.titles[i])] == 1][:n]


def say(url: str, sender: str, message: str, session: requests.Session | None = None) -> dict:
    """One REST-channel turn; asserts the Rasa shape and returns the single message."""
    res = (session or requests).post(f"{url}/webhooks/rest/webhook",
                                     json={"sender": sender, "message": message}, timeout=60)
    assert res.status_code == 200, res.text
    body = res.json()
    assert isinstance(body, list) and len(body) == 1, body
    message_out = body[0]
    assert message_out["recipient_id"] == sender
    assert isinstance(message_out["text"], str) and message_out["text"]
    assert message_out["custom"]["type"] == "cgir.turn"
    return message_out


def listening_socket() -> socket.socket:
    """A loopback socket bound to a port the kernel picked and already listening: a server
    started on it (``--fd``) cannot lose the port to another process, and connections made
    before it is ready wait in the backlog."""
    return socket.create_server(("127.0.0.1", 0), backlog=1024)


@dataclass
class RunningServer:
    url: str
    db_url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def launch(args: list[str], log: Path) -> tuple[subprocess.Popen, str]:
    """Start `python -m bot.cli.main <args> --fd N` on a fresh listening socket; returns at once."""
    sock = listening_socket()
    env = dict(os.environ, PYTHONUNBUFFERED="1", TOKENIZERS_PARALLELISM="false")
    with log.open("w") as handle, sock:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", *args, "--fd", str(sock.fileno()), "--quiet"],
            cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT, pass_fds=(sock.fileno(),),
        )
        # Our copy closes here: once the server process is gone, its port refuses connections.
        return process, f"http://127.0.0.1:{sock.getsockname()[1]}"


def wait_ready(process: subprocess.Popen, url: str, health_path: str, log: Path,
               timeout: float = 180.0) -> None:
    """Poll GET health_path until it answers 200 (bounded by `timeout`); raise with the log if not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if requests.get(url + health_path, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"server not ready after {timeout} s:\n{log.read_text()}")


def start_server(args: list[str], health_path: str, log: Path, *, timeout: float = 180.0) -> tuple[subprocess.Popen, str]:
    """Start `python -m bot.cli.main <args>` on its own socket and wait until GET health_path answers 200."""
    process, url = launch(args, log)
    wait_ready(process, url, health_path, log, timeout)
    return process, url


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
