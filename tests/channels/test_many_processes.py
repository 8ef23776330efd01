"""Two `cgir serve` processes on one database: per-sender order, nothing acknowledged lost.

100 senders x 20 turns; each sender sends its turns in pairs, the two turns of a pair at the same
moment (a barrier), one to each process: a double click, or a client retry to another machine.
Midway one process is killed with SIGKILL; from then on its senders talk to the survivor. Then:

- each sender's logged turn numbers are exactly 1..n (no gap, no duplicate);
- every acknowledged (200) turn is logged exactly once; a turn whose answer was lost with the
  killed process is logged at most once; nothing is logged that was not sent;
- each turn saw the state its predecessor left: replaying a sender's logged utterances in turn
  order through one in-process manager gives the same replies and items, turn by turn;
- the only failures are requests to the killed process and 503s that say when to retry.

Run on SQLite (WAL, one file) and on PostgreSQL (CGIR_TEST_PG_URL, as `.ci/run` sets it).
"""

from __future__ import annotations

import os
import secrets
import signal
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import requests

from bot.store.sessions import Store
from channel_helpers import launch, stop, unique_titles, wait_ready

pytestmark = pytest.mark.slow

SENDERS = 100
PAIRS = 10  # 20 turns per sender
KILL_AFTER = 0.4  # share of all turns acknowledged before one process is killed
REPLAYED = 15  # senders whose conversation is replayed in-process (plus every one that saw a failure)


def script(titles: list[str]) -> list[tuple[str, str]]:
    """Ten pairs of distinct utterances: references, critiques, picks, undo, restart."""
    return [
        (f"something like {titles[0]}", "more comedy"), ("#2", "less dark"),
        ("the third one", "more action"), ("undo", "help"),
        (f"something like {titles[1]}", "a bit funnier"), ("#1", "less violent"),
        ("the last one", "more romance"), ("restart", "more epic"),
        (f"something like {titles[2]}", "less comedy"), ("#4", "bye"),
    ]


@dataclass
class Conversation:
    sender: str
    acknowledged: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # the process died with the request
    busy: list[str] = field(default_factory=list)  # 503 + Retry-After: not applied, says the server
    errors: list[str] = field(default_factory=list)


class Load:
    """The senders, the two servers, and the kill once KILL_AFTER of the turns are acknowledged."""

    def __init__(self, urls: list[str], victim, titles: list[str]):  # noqa: ANN001
        self.urls, self.victim, self.titles = urls, victim, titles
        self.lock = threading.Lock()
        self.acknowledged = 0
        self.killed = threading.Event()

    def post(self, session: requests.Session, url: str, conversation: Conversation, message: str) -> None:
        try:
            res = session.post(url + "/webhooks/rest/webhook",
                               json={"sender": conversation.sender, "message": message}, timeout=120)
        except requests.ConnectionError:
            if url == self.urls[1] and self.killed.is_set():
                conversation.unanswered.append(message)
            else:
                conversation.errors.append(f"{message!r}: connection failed")
            return
        if res.status_code == 503 and res.headers.get("Retry-After"):
            conversation.busy.append(message)
            return
        body = res.json()
        if res.status_code != 200 or body[0]["recipient_id"] != conversation.sender:
            conversation.errors.append(f"{message!r}: HTTP {res.status_code} {body}")
            return
        conversation.acknowledged.append(message)
        with self.lock:
            self.acknowledged += 1
            due = self.acknowledged >= KILL_AFTER * SENDERS * PAIRS * 2 and not self.killed.is_set()
            if due:
                self.killed.set()
        if due:
            os.kill(self.victim.pid, signal.SIGKILL)

    def talk(self, index: int) -> Conversation:
        conversation = Conversation(f"pair-{index}-{secrets.token_hex(6)}")
        titles = [self.titles[(index + k) % len(self.titles)] for k in range(3)]
        sessions = [requests.Session(), requests.Session()]
        try:
            for first, second in script(titles):
                target = self.urls[1] if not self.killed.is_set() else self.urls[0]
                barrier = threading.Barrier(2, timeout=60)

                def other() -> None:
                    barrier.wait()
                    self.post(sessions[1], target, conversation, second)

                helper = threading.Thread(target=other)
                helper.start()
                barrier.wait()
                self.post(sessions[0], self.urls[0], conversation, first)
                helper.join(timeout=180)
        finally:
            for session in sessions:
                session.close()
        return conversation


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return request.getfixturevalue("pg_url")


def test_two_processes_on_one_database_keep_each_senders_turns_in_order(
        shared_db, tiny_model_dir, tiny_retriever, tmp_path):
    servers = [launch(["serve", "--model", str(tiny_model_dir), "--db", shared_db, "--threads", "4"],
                      tmp_path / f"serve-{i}.log") for i in range(2)]
    try:
        for i, (process, url) in enumerate(servers):
            wait_ready(process, url, "/health", tmp_path / f"serve-{i}.log")
        load = Load([url for _, url in servers], servers[1][0], unique_titles(tiny_retriever, 12))
        with ThreadPoolExecutor(SENDERS) as pool:
            conversations = list(pool.map(load.talk, range(SENDERS)))
        assert load.killed.is_set()
        assert requests.get(servers[0][1] + "/health", timeout=10).status_code == 200
    finally:
        for process, _ in servers:
            stop(process)
    logs = "".join((tmp_path / f"serve-{i}.log").read_text() for i in range(2))
    assert "could not log turn" not in logs

    assert [c.errors for c in conversations if c.errors] == []
    acknowledged = sum(len(c.acknowledged) for c in conversations)
    assert acknowledged >= 0.9 * SENDERS * PAIRS * 2, "most turns are answered"
    assert sum(len(c.busy) for c in conversations) <= 0.01 * SENDERS * PAIRS * 2

    with Store(shared_db) as store:
        logged = {c.sender: list(store.iter_turns(session_id=c.sender)) for c in conversations}
    for c in conversations:
        turns = sorted(logged[c.sender], key=lambda t: t.turn)
        assert [t.turn for t in turns] == list(range(1, len(turns) + 1)), c.sender
        said = Counter(t.utterance for t in turns)
        assert all(said[m] == 1 for m in c.acknowledged), (c.sender, said, c.acknowledged)
        assert set(said) <= set(c.acknowledged) | set(c.unanswered), (c.sender, said)
        assert all(n == 1 for n in said.values())
        assert "error" not in {t.intent for t in turns}

    replayed = [c for i, c in enumerate(conversations) if i < REPLAYED or c.unanswered or c.busy]
    mismatches = replay([sorted(logged[c.sender], key=lambda t: t.turn) for c in replayed],
                        tiny_model_dir, tmp_path)
    assert mismatches == []


def replay(conversations, model_dir, tmp_path) -> list[str]:  # noqa: ANN001
    """Differences between the logged turns and the same utterances run one after the other."""
    from bot.runtime import build_manager

    manager = build_manager(model_dir, f"sqlite:///{tmp_path / 'replay.db'}", progress=False,
                            warm_up=False)
    mismatches: list[str] = []
    try:
        for turns in conversations:
            sender = f"replay-{secrets.token_hex(6)}"
            for turn in turns:
                reply = manager.handle(sender, turn.utterance)
                items = [s.item_id for s in reply.sequence] or (
                    [reply.current.item_id] if reply.current is not None else [])
                if reply.text != turn.reply or items != [i["item_id"] for i in turn.items]:
                    mismatches.append(f"{turn.session_id} turn {turn.turn} ({turn.utterance!r}): "
                                      f"logged {turn.reply!r}, replayed {reply.text!r}")
    finally:
        manager.close()
    return mismatches
