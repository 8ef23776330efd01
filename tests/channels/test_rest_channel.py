"""`cgir serve` over real HTTP: the Rasa-format REST channel, limits, isolation, a small load."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store.sessions import Store

from channel_helpers import say, start_server, stop, unique_titles

pytestmark = pytest.mark.slow


def new_sender(url: str) -> str:
    res = requests.post(url + "/session", timeout=10)
    assert res.status_code == 201
    return res.json()["sender"]


def test_health_widget_and_static_files_are_served(serve_server):
    health = requests.get(serve_server.url + "/health", timeout=10)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert health.json()["model_id"]
    page = requests.get(serve_server.url + "/", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="strip"' in page.text and "/static/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = requests.get(serve_server.url + "/static/app.js", timeout=10)
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "innerHTML" not in script.text  # all text goes in through textContent
    assert requests.get(serve_server.url + "/webhooks/rest/", timeout=10).json() == {"status": "ok"}
    # Same origin only by default (`--cors ORIGIN` opens it): no CORS grant for another site.
    preflight = requests.options(serve_server.url + "/webhooks/rest/webhook",
                                 headers={"Origin": "https://elsewhere.example"}, timeout=10)
    assert preflight.status_code == 204
    assert "access-control-allow-origin" not in preflight.headers


def test_session_ids_are_fresh_and_unguessable(serve_server):
    ids = {new_sender(serve_server.url) for _ in range(20)}
    assert len(ids) == 20
    assert all(len(i) >= 32 for i in ids)


def test_multi_turn_conversation_over_rest(serve_server, catalog):
    url, sender = serve_server.url, new_sender(serve_server.url)
    title = unique_titles(catalog, 1)[0]

    first = say(url, sender, f"I liked {title}")
    assert first["custom"]["intent"] == "reference"
    assert first["custom"]["current"]["title"] == title
    assert len(first["custom"]["sequence"]) == 10  # its nearest films, to pick from
    assert first["custom"]["synthetic"] is True
    assert first.get("buttons"), "suggested critiques come as buttons"

    walk = say(url, sender, "more comedy")
    custom = walk["custom"]
    assert (custom["intent"], custom["tag"], custom["alpha"]) == ("critique", "comedy", 1)
    sequence = custom["sequence"]
    assert len(sequence) == 10
    assert [s["index"] for s in sequence] == list(range(1, 11))
    assert len({s["item_id"] for s in sequence}) == 10
    assert custom["current"]["title"] == title
    assert title not in [s["title"] for s in sequence]
    gammas = [s["gamma"] for s in sequence]
    assert gammas == sorted(gammas) and gammas[0] < gammas[-1]
    assert all(0.0 <= s["relevance"] <= 1.0 for s in sequence)
    # Readable text: the numbered list with gamma and the tag's relevance.
    assert f"3. {sequence[2]['title']} (γ=" in walk["text"]
    assert "comedy" in walk["text"]

    picked = say(url, sender, "#3")
    assert picked["custom"]["intent"] == "select"
    assert picked["custom"]["current"]["item_id"] == sequence[2]["item_id"]

    back = say(url, sender, "undo")
    assert back["custom"]["current"]["title"] == title
    assert [s["item_id"] for s in back["custom"]["sequence"]] == [s["item_id"] for s in sequence]

    last = say(url, sender, "the last one")
    assert last["custom"]["current"]["item_id"] == sequence[-1]["item_id"]

    with Store(serve_server.db_url) as store:
        assert store.count_turns(sender) == 5


def test_button_payloads_are_understood(serve_server, catalog):
    url, sender = serve_server.url, new_sender(serve_server.url)
    first = say(url, sender, f"something like {unique_titles(catalog, 2)[1]}")
    button = first["buttons"][0]
    reply = say(url, sender, button["payload"])
    assert reply["custom"]["understood"] is True
    assert reply["custom"]["intent"] == "critique"
    assert reply["custom"]["sequence"]


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        (b'{"sender": "abc", "message": "hi"', 400, "not valid UTF-8 JSON"),
        (b"not json at all", 400, "not valid UTF-8 JSON"),
        (b'["sender", "message"]', 400, "JSON object"),
        (b'{"message": "hi"}', 400, 'missing field "sender"'),
        (b'{"sender": "abc"}', 400, 'missing field "message"'),
        (b'{"sender": 12, "message": "hi"}', 400, "must be a string"),
        (b'{"sender": "abc", "message": {"text": "hi"}}', 400, "must be a string"),
        (b'{"sender": "a b<script>", "message": "hi"}', 400, "1-128 characters"),
        (b'{"sender": "abc", "message": ""}', 400, "empty"),
        (json.dumps({"sender": "abc", "message": "x" * 1001}).encode(), 413, "longer than 1000"),
        (json.dumps({"sender": "abc", "message": "x" * 40_000}).encode(), 413, "size limit"),
    ],
)
def test_bad_requests_get_clear_4xx(serve_server, data, status, words):
    res = requests.post(serve_server.url + "/webhooks/rest/webhook", data=data,
                        headers={"Content-Type": "application/json"}, timeout=10)
    assert res.status_code == status, res.text
    assert words in res.json()["error"]


def test_wrong_method_and_unknown_paths_are_4xx_json(serve_server):
    res = requests.get(serve_server.url + "/webhooks/rest/webhook", timeout=10)
    assert res.status_code == 405 and "error" in res.json()
    for path in ("/sessions", "/session/abc", "/static/../bot/server.py", "/admin"):
        res = requests.get(serve_server.url + path, timeout=10)
        assert 400 <= res.status_code < 500, path
    assert requests.get(serve_server.url + "/health", timeout=10).status_code == 200


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=st.text(max_size=300))
def test_arbitrary_text_never_gives_a_500(serve_server, message):
    res = requests.post(serve_server.url + "/webhooks/rest/webhook",
                        json={"sender": "fuzz-sender-0001", "message": message}, timeout=60)
    assert res.status_code in (200, 400), res.text
    if res.status_code == 200:
        assert res.json()[0]["recipient_id"] == "fuzz-sender-0001"


def test_one_sender_cannot_see_or_change_another_session(serve_server, catalog):
    url = serve_server.url
    alice, bob = new_sender(url), new_sender(url)
    title = unique_titles(catalog, 3)[2]
    say(url, alice, f"I liked {title}")
    alice_turns = 1
    for critique in ("less violent", "more violent"):  # whichever way the item has room to go
        alice_walk = say(url, alice, critique)["custom"]["sequence"]
        alice_turns += 1
        if len(alice_walk) >= 3:
            break
    assert len(alice_walk) >= 3

    # Bob has no current item and nothing to undo: Alice's state is invisible to him ...
    bob_undo = say(url, bob, "undo")
    assert bob_undo["recipient_id"] == bob
    assert bob_undo["custom"]["current"] is None and bob_undo["custom"]["sequence"] == []
    assert title not in bob_undo["text"]
    # ... his "#3" picks from what a brand-new session is offered, not from Alice's list ...
    carol = new_sender(url)
    bob_pick = say(url, bob, "#3")
    assert bob_pick["custom"]["current"] == say(url, carol, "#3")["custom"]["current"]

    # ... and nothing he did touched it.
    alice_pick = say(url, alice, "#3")
    assert alice_pick["custom"]["current"]["item_id"] == alice_walk[2]["item_id"]
    with Store(serve_server.db_url) as store:
        assert store.count_turns(alice) == alice_turns + 1
        assert store.count_turns(bob) == 2
        assert store.count_turns(carol) == 1


def test_small_concurrent_load_all_turns_answered_and_logged(serve_server, catalog):
    """5 senders x 4 turns at once; /health stays responsive meanwhile."""
    url = serve_server.url
    titles = unique_titles(catalog, 5)
    senders = [new_sender(url) for _ in range(5)]
    comedy = catalog.tags.index("comedy")

    def script_for(title: str) -> list[str]:  # a critique with room to walk from this title
        row = catalog.resolve_item(title)
        more = "less" if catalog.degree_of(row, comedy) > 0.5 else "more"
        return [f"I liked {title}", f"{more} comedy", "#2", "less dark"]
    health: list[float] = []
    done = threading.Event()

    def probe():
        while not done.is_set():
            start = time.perf_counter()
            assert requests.get(url + "/health", timeout=10).status_code == 200
            health.append(time.perf_counter() - start)
            done.wait(0.05)

    def talk(i: int) -> list[dict]:
        with requests.Session() as session:
            return [say(url, senders[i], line, session) for line in script_for(titles[i % len(titles)])]

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        with ThreadPoolExecutor(5) as pool:
            conversations = list(pool.map(talk, range(5)))
    finally:
        done.set()
        prober.join()
    for i, replies in enumerate(conversations):
        assert [r["custom"]["intent"] for r in replies] == ["reference", "critique", "select", "critique"]
        assert replies[2]["custom"]["current"]["item_id"] == replies[1]["custom"]["sequence"][1]["item_id"]
    with Store(serve_server.db_url) as store:
        assert [store.count_turns(s) for s in senders] == [4] * 5
    assert health and max(health) < 2.0


def test_cors_is_granted_only_to_configured_origins(tiny_model_dir, tmp_path):
    process, url = start_server(
        ["serve", "--model", str(tiny_model_dir), "--db", f"sqlite:///{tmp_path / 'cors.db'}",
         "--cors", "https://shop.example", "--no-socketio"], "/health", tmp_path / "cors.log")
    try:
        def grant(origin: str) -> str | None:
            res = requests.options(url + "/webhooks/rest/webhook", headers={"Origin": origin}, timeout=10)
            assert res.status_code == 204
            return res.headers.get("access-control-allow-origin")

        assert grant("https://shop.example") == "https://shop.example"
        assert grant("https://evil.example") is None
        res = requests.post(url + "/webhooks/rest/webhook", json={"sender": "cors-1", "message": "help"},
                            headers={"Origin": "https://shop.example"}, timeout=60)
        assert res.status_code == 200
        assert res.headers["access-control-allow-origin"] == "https://shop.example"
        assert requests.get(url + "/socket.io/?EIO=4&transport=polling", timeout=10).status_code == 404
    finally:
        stop(process)
