"""`cgir chat` driven through piped stdin in a subprocess, on the tiny trained model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from bot.store.sessions import Store

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def _sigint_not_ignored() -> Iterator[None]:
    """Let a child started in this block get SIGINT at its default, as a terminal gives it.

    An ignored SIGINT survives exec, and Python then installs no KeyboardInterrupt handler. A
    shell without job control ignores SIGINT in background jobs (`bash -c 'pytest &'`), so a
    suite started that way used to hand an ignored SIGINT to every chat it started, and Ctrl-C
    then left the chat blocked in read() for good (seen with py-spy; SigIgn had bit 2 set).
    """
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if previous == signal.SIG_IGN:
            signal.signal(signal.SIGINT, previous)


def _chat(args: list[str], **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="120")
    with _sigint_not_ignored():  # Popen returns after the exec, so the child has its disposition
        return subprocess.Popen([sys.executable, "-m", "bot.cli.main", "chat", *args], cwd=REPO, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                **kw)


def _read_until(proc: subprocess.Popen, marker: bytes, count: int, timeout: float = 600) -> bytes:
    """stdout lines until `marker` has been seen `count` times (or end of output)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while seen.count(marker) < count and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line
    return seen


def _wait_until_reading_stdin(proc: subprocess.Popen, timeout: float = 120) -> None:
    """Block until the child sleeps in a pipe read: all its input is consumed, it waits for more.

    Linux shows where a sleeping process waits in /proc/PID/wchan ("0" while it runs). Where
    that is never shown (another OS, a kernel that hides it) this gives up after `timeout` and
    the signal may land mid-print, which the chat handles the same way.
    """
    wchan = Path(f"/proc/{proc.pid}/wchan")
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            where = wchan.read_text()
        except OSError:
            return
        if "pipe_read" in where:
            return
        seen.add(where)
        time.sleep(0.01)
    assert seen <= {"", "0"}, f"the chat never waited for input (it waited in {sorted(seen)})"


def _interrupt(proc: subprocess.Popen) -> None:
    """Ctrl-C, then wait for the chat to end (stdin stays open: it must end because of the signal)."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()  # no chat left behind by a failing test
        proc.wait()
        raise


@pytest.fixture(scope="module")
def reference_title(tiny_model_dir) -> str:
    from engine.models.checkpoint import load_retriever

    retriever = load_retriever(tiny_model_dir)
    return retriever.titles[int(np.argmax(retriever.popularity))]


def test_unknown_session_fails_fast_with_one_line(tmp_path):
    proc = _chat(["--db", f"sqlite:///{tmp_path / 'c.db'}", "--session", "no-such-id"])
    out, err = proc.communicate(b"", timeout=120)
    assert proc.returncode == 1
    assert b"no session 'no-such-id'" in err and b"Traceback" not in err


# Two chats that each load the sentence encoder: on a busy shared machine that alone has taken
# over the suite's 300 s. The limits are safety nets for a hang, not performance checks.
@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_piped_conversation_is_logged_and_resumable(tiny_model_dir, reference_title, tmp_path):
    db = f"sqlite:///{tmp_path / 'chat.db'}"
    script = "\n".join([
        f"something like {reference_title}",
        "less action",
        "the third one",
        "more romantic and less violent",
        "undo",
        "restart",
    ]).encode() + b"\n\xff\xfe\xc3( broken utf-8\n\n"
    proc = _chat(["--model", str(tiny_model_dir), "--db", db])
    out, err = proc.communicate(script, timeout=600)
    text = out.decode()
    assert proc.returncode == 0, err.decode()[-2000:]
    assert b"Traceback" not in err
    assert "action (estimated)" in text and "planted" in text and "\u2588" in text  # degree bars
    session_id = text.split("Session ", 1)[1].split()[0]

    with Store(db) as store:
        turns = list(store.iter_turns(session_id=session_id))
    assert [t.intent for t in turns] == [
        "reference", "critique", "select", "critique", "undo", "restart", "out_of_scope", "out_of_scope"]
    assert turns[6].utterance == "( broken utf-8"  # the one cleaner drops what was not text
    assert turns[2].chosen_item == turns[1].items[2]["item_id"]
    assert [(c["alpha"], c["tag"]) for c in turns[3].parse["critiques"]] == [(1, "romance"), (-1, "violent")]

    # Resume by id, then Ctrl-C while it waits for input: the finished turns stay logged.
    proc = _chat(["--model", str(tiny_model_dir), "--db", db, "--session", session_id])
    proc.stdin.write(f"something like {reference_title}\nless action\n".encode())
    proc.stdin.flush()
    seen = _read_until(proc, b"bot> ", 2)
    assert b"Resuming session" in seen and seen.count(b"bot> ") == 2
    _wait_until_reading_stdin(proc)
    _interrupt(proc)
    # read() through the same buffered reader as readline() above, so nothing it already
    # buffered is lost (communicate() would read the pipe's file descriptor directly).
    rest, err = proc.stdout.read(), proc.stderr.read()
    assert proc.returncode == 0 and b"Traceback" not in err, err.decode()[-2000:]
    assert f"Session {session_id} saved".encode() in rest
    with Store(db) as store:
        turns = list(store.iter_turns(session_id=session_id))
        state = store.get_session(session_id)
    assert [t.turn for t in turns] == list(range(1, 11))
    assert turns[-1].intent == "critique" and state.last_tag == "action"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ctrl_c_ends_the_chat_even_when_the_test_runner_ignores_sigint(tiny_model_dir, reference_title,
                                                                         tmp_path):
    """Regression: run from a background job, the runner ignores SIGINT; the chat must not inherit it."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        proc = _chat(["--model", str(tiny_model_dir), "--db", f"sqlite:///{tmp_path / 'c.db'}"])
    finally:
        signal.signal(signal.SIGINT, previous)
    proc.stdin.write(f"something like {reference_title}\n".encode())
    proc.stdin.flush()
    seen = _read_until(proc, b"bot> ", 1)
    assert seen.count(b"bot> ") == 1, seen.decode()[-2000:]
    _wait_until_reading_stdin(proc)
    # A stuck chat can be asked where it is: SIGUSR1 dumps every thread's stack to stderr.
    proc.send_signal(signal.SIGUSR1)
    dump = b""
    while b"in _piped_lines" not in dump:
        line = proc.stderr.readline()
        assert line, "no stack dump on SIGUSR1"
        dump += line
    _wait_until_reading_stdin(proc)  # back in read() before the next signal
    _interrupt(proc)
    rest, err = proc.stdout.read(), proc.stderr.read()
    assert proc.returncode == 0 and b"Traceback" not in err, err.decode()[-2000:]
    assert b"saved" in rest
