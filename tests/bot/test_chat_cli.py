"""`cgir chat` driven through piped stdin in a subprocess, on the tiny trained model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from bot.store import Store

REPO = Path(__file__).resolve().parents[2]


def _chat(args: list[str], **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="120")
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "chat", *args], cwd=REPO, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


@pytest.fixture(scope="module")
def reference_title(tiny_model_dir) -> str:
    from engine.checkpoint import load_retriever

    retriever = load_retriever(tiny_model_dir)
    return retriever.titles[int(np.argmax(retriever.popularity))]


def test_unknown_session_fails_fast_with_one_line(tmp_path):
    proc = _chat(["--db", f"sqlite:///{tmp_path / 'c.db'}", "--session", "no-such-id"])
    out, err = proc.communicate(b"", timeout=60)
    assert proc.returncode == 1
    assert b"no session 'no-such-id'" in err and b"Traceback" not in err


@pytest.mark.slow
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
    out, err = proc.communicate(script, timeout=240)
    text = out.decode()
    assert proc.returncode == 0, err.decode()[-2000:]
    assert b"Traceback" not in err
    assert "action relevance" in text and "\u2588" in text  # the table with relevance bars
    session_id = text.split("Session ", 1)[1].split()[0]

    with Store(db) as store:
        turns = list(store.iter_turns(session_id=session_id))
    assert [t.intent for t in turns] == [
        "reference", "critique", "select", "critique", "undo", "restart", "out_of_scope", "out_of_scope"]
    assert turns[6].utterance.startswith("\ufffd")
    assert turns[2].chosen_item == turns[1].items[2]["item_id"]
    assert [(c["alpha"], c["tag"]) for c in turns[3].parse["critiques"]] == [(1, "romance"), (-1, "violent")]

    # Resume by id, then Ctrl-C while it waits for input: the finished turns stay logged.
    proc = _chat(["--model", str(tiny_model_dir), "--db", db, "--session", session_id])
    proc.stdin.write(f"something like {reference_title}\nless action\n".encode())
    proc.stdin.flush()
    seen = b""
    deadline = time.monotonic() + 180
    while seen.count(b"bot> ") < 2 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line
    assert b"Resuming session" in seen and seen.count(b"bot> ") == 2
    # The reply's table follows its "bot> " line; let it finish so the signal lands while the
    # program waits for input (on a loaded machine it could otherwise land mid-print).
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)  # stdin stays open: the program ends because of the signal, not EOF
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
