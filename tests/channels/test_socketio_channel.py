"""Rasa's socket.io channel protocol on `cgir serve`, spoken by python-socketio's real client."""

from __future__ import annotations

import queue

import pytest
import socketio

from channel_helpers import unique_titles

pytestmark = pytest.mark.slow


class RasaSocketClient:
    """A socket.io client like Rasa's widgets: session_request, user_uttered, bot_uttered."""

    def __init__(self, url: str):
        self.events: queue.Queue = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        for name in ("session_confirm", "bot_uttered", "error"):
            self.client.on(name, lambda data, name=name: self.events.put((name, data)))
        # Long-polling: the client needs no websocket library, and the server speaks both.
        self.client.connect(url, socketio_path="socket.io", transports=["polling"], wait_timeout=20)

    def next(self, timeout: float = 60) -> tuple[str, object]:
        return self.events.get(timeout=timeout)

    def start(self, session_id: str | None = None) -> str:
        self.client.emit("session_request", {"session_id": session_id})
        name, data = self.next()
        assert name == "session_confirm"
        return data

    def say(self, message) -> dict:
        self.client.emit("user_uttered", {"message": message})
        name, data = self.next()
        assert name == "bot_uttered", (name, data)
        return data

    def close(self) -> None:
        if self.client.connected:
            # engine.io's close packet ends the session on the server; abort=True skips waiting
            # for the pending long-poll, which a graceful polling close waits out (25 s).
            self.client.eio.disconnect(abort=True)


@pytest.fixture
def connect(serve_server):
    clients = []

    def make() -> RasaSocketClient:
        clients.append(RasaSocketClient(serve_server.url))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def test_socketio_conversation_with_quick_replies_and_sequence(connect, catalog):
    client = connect()
    session_id = client.start()
    assert len(session_id) >= 32
    title = unique_titles(catalog, 1)[0]
    first = client.say(f"I liked {title}")
    assert title in first["text"]
    assert first["quick_replies"] and first["quick_replies"][0]["content_type"] == "text"
    walk = client.say("more comedy")
    assert walk["custom"]["tag"] == "comedy"
    assert len(walk["custom"]["sequence"]) == 10
    picked = client.say("#2")
    assert picked["custom"]["current"]["item_id"] == walk["custom"]["sequence"][1]["item_id"]


def test_socketio_session_resumes_by_id_and_stays_isolated(connect, catalog):
    first = connect()
    session_id = first.start()
    first.say(f"I liked {unique_titles(catalog, 2)[1]}")
    walk = first.say("less violent")["custom"]["sequence"]
    first.close()

    # Another socket that presents the id resumes that conversation ...
    again = connect()
    assert again.start(session_id) == session_id
    assert again.say("#3")["custom"]["current"]["item_id"] == walk[2]["item_id"]

    # ... a socket with its own session cannot talk into it by naming it in user_uttered.
    other = connect()
    other_id = other.start()
    assert other_id != session_id
    other.client.emit("user_uttered", {"message": "undo", "session_id": session_id})
    name, reply = other.next()
    assert name == "bot_uttered"
    assert reply["custom"]["current"] is None and reply["custom"]["sequence"] == []
    assert again.say("#4")["custom"]["current"]["item_id"] == walk[3]["item_id"]


def test_socketio_bad_messages_get_an_error_event(connect, serve_server):
    client = connect()
    client.start("not a valid id!")  # malformed ids are replaced by a fresh one
    for bad in (5, "", "x" * 5000, None):
        client.client.emit("user_uttered", {"message": bad})
        name, data = client.next()
        assert name == "error" and data["status"] in (400, 413), data
    assert client.say("help")["custom"]["intent"] == "help"
