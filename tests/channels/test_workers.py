"""`cgir serve --workers N` (one socket, N processes, a supervisor) and the 503 of a busy session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bot.store.sessions import Store
from channel_helpers import REPO, launch, listening_socket, say, stop, unique_titles, wait_ready

pytestmark = pytest.mark.slow

BUSY_SERVER = """
import socket, sys
from bot.serve.server import serve
from bot.store.sessions import SessionBusy

class AlwaysBusy:
    def handle(self, session_id, text):
        raise SessionBusy("session kept changing while this turn ran; send it again", retry_after=2.0)

    def new_session_id(self):
        return "s" * 32

serve(AlwaysBusy(), socket.socket(fileno=int(sys.argv[1])))
"""


def children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has exited; only its parent has not reaped it


def wait_for(condition, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {what}")


def test_a_turn_the_store_cannot_apply_is_a_503_with_retry_after(tmp_path):
    sock = listening_socket()
    with sock, (tmp_path / "busy.log").open("w") as log:
        process = subprocess.Popen([sys.executable, "-c", BUSY_SERVER, str(sock.fileno())], cwd=REPO,
                                   stdout=log, stderr=subprocess.STDOUT, pass_fds=(sock.fileno(),))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        wait_ready(process, url, "/health", tmp_path / "busy.log", timeout=60)
        res = requests.post(url + "/webhooks/rest/webhook", json={"sender": "s1", "message": "hi"}, timeout=30)
        assert res.status_code == 503
        assert res.headers["Retry-After"] == "2"
        assert res.json() == {"error": "session kept changing while this turn ran; send it again",
                              "status": 503}
    finally:
        stop(process)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker pids from Linux's /proc")
def test_workers_share_one_socket_and_database_and_are_replaced_when_they_die(
        tiny_model_dir, tiny_retriever, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'workers.db'}"
    log = tmp_path / "workers.log"
    supervisor, url = launch(["serve", "--model", str(tiny_model_dir), "--db", db_url, "--workers", "2"], log)
    seen: set[int] = set()
    try:
        wait_ready(supervisor, url, "/health", log)
        wait_for(lambda: len(children(supervisor.pid)) == 2, 60, "two worker processes")
        first = children(supervisor.pid)
        seen |= first
        title = unique_titles(tiny_retriever, 1)[0]
        # Fresh connections, so the kernel may hand each turn to either worker.
        say(url, "w-1", f"I liked {title}")
        walk = say(url, "w-1", "more comedy")["custom"]["sequence"]
        assert say(url, "w-1", "#2")["custom"]["current"]["item_id"] == walk[1]["item_id"]

        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: not running(victim), 30, "the killed worker gone")
        # The other worker keeps serving while the supervisor starts a replacement.
        assert say(url, "w-1", "undo")["custom"]["sequence"][1]["item_id"] == walk[1]["item_id"]
        wait_for(lambda: len(children(supervisor.pid) - {victim}) == 2, 60, "a replacement worker")
        assert children(supervisor.pid) - first
        seen |= children(supervisor.pid)
        with Store(db_url) as store:
            assert [t.turn for t in store.iter_turns(session_id="w-1")] == [1, 2, 3, 4]

        # A supervisor that dies without a word (kill -9) takes its workers with it.
        workers = children(supervisor.pid)
        supervisor.kill()
        supervisor.wait(timeout=10)
        wait_for(lambda: not any(running(pid) for pid in workers), 60, "workers exit after the supervisor")
    finally:
        stop(supervisor)
        for pid in seen:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
