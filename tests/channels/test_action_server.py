"""The rasa-sdk action server (`cgir actions`) called over HTTP with Rasa 3.6-format requests."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import yaml

from bot.store.sessions import Store
from channel_helpers import launch, stop, unique_titles, wait_ready

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
RASA_VERSION = "3.6.21"
OUR_ACTIONS = {
    "action_cgir_critique", "action_cgir_select", "action_cgir_reference", "action_cgir_undo",
    "action_cgir_suggest", "action_cgir_restart",
}


@pytest.fixture(scope="module")
def domain() -> dict:
    return yaml.safe_load((REPO / "domain.yml").read_text())


def action_call(action: str, sender: str, text: str, intent: str, domain: dict | None,
                entities: list[dict] | None = None) -> dict:
    """The body Rasa 3.6 POSTs to the action endpoint (rasa.core.actions.action.RemoteAction)."""
    now = time.time()
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.97},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": 0.97}],
        "message_id": "m-" + str(int(now * 1000)),
        "metadata": {},
    }
    events = [
        {"event": "action", "timestamp": now - 2, "name": "action_session_start", "policy": None,
         "confidence": 1.0},
        {"event": "session_started", "timestamp": now - 2},
        {"event": "action", "timestamp": now - 2, "name": "action_listen", "policy": None, "confidence": None},
        {"event": "user", "timestamp": now - 1, "text": text, "parse_data": parse_data,
         "input_channel": "rest", "message_id": parse_data["message_id"], "metadata": {}},
        {"event": "user_featurization", "timestamp": now - 1, "use_text_for_featurization": False},
    ]
    body = {
        "next_action": action,
        "sender_id": sender,
        "version": RASA_VERSION,
        "tracker": {
            "sender_id": sender,
            "slots": {"cgir_tag": None, "cgir_current": None, "session_started_metadata": None},
            "latest_message": parse_data,
            "latest_event_time": now - 1,
            "followup_action": None,
            "paused": False,
            "events": events,
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }
    if domain is not None:
        body["domain"] = domain
    return body


def run(server, body: dict) -> requests.Response:
    return requests.post(server.url + "/webhook", json=body, timeout=60)


def slots(result: dict) -> dict:
    return {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}


def test_action_server_lists_our_actions(action_server):
    res = requests.get(action_server.url + "/actions", timeout=10)
    assert res.status_code == 200
    assert {a["name"] for a in res.json()} == OUR_ACTIONS


def test_reference_critique_select_undo_through_rasa_requests(action_server, domain, catalog):
    sender = "rasa-user-0001"
    title = unique_titles(catalog, 1)[0]

    res = run(action_server, action_call("action_cgir_reference", sender, f"I liked {title}", "reference", domain))
    assert res.status_code == 200, res.text
    result = res.json()
    assert slots(result)["cgir_current"] == title
    [response] = result["responses"]
    assert title in response["text"]
    assert response["custom"]["type"] == "cgir.turn" and response["custom"]["intent"] == "reference"
    assert response["buttons"] and all({"title", "payload"} <= b.keys() for b in response["buttons"])

    res = run(action_server, action_call("action_cgir_critique", sender, "a bit funnier", "critique", domain))
    result = res.json()
    [response] = result["responses"]
    custom = response["custom"]
    assert (custom["tag"], custom["alpha"]) == ("comedy", 1)
    assert len(custom["sequence"]) == 10
    assert slots(result) == {"cgir_tag": "comedy", "cgir_current": title}
    assert f"1. {custom['sequence'][0]['title']}" in response["text"]

    res = run(action_server, action_call("action_cgir_select", sender, "#3", "select", domain))
    result = res.json()
    assert slots(result)["cgir_current"] == custom["sequence"][2]["title"]

    res = run(action_server, action_call("action_cgir_undo", sender, "go back", "undo", domain))
    result = res.json()
    assert slots(result)["cgir_current"] == title
    assert [s["item_id"] for s in result["responses"][0]["custom"]["sequence"]] == [
        s["item_id"] for s in custom["sequence"]]

    with Store(action_server.db_url) as store:
        assert store.count_turns(sender) == 4


def test_critique_from_button_payload_uses_rasa_entities(action_server, domain, catalog):
    sender = "rasa-user-0002"
    title = unique_titles(catalog, 2)[1]
    run(action_server, action_call("action_cgir_reference", sender, f"something like {title}", "reference", domain))
    entities = [
        {"entity": "direction", "value": "less", "start": 10, "end": 14, "extractor": "RegexEntityExtractor"},
        {"entity": "tag", "value": "violent", "start": 20, "end": 27, "extractor": "RegexEntityExtractor"},
    ]
    res = run(action_server, action_call(
        "action_cgir_critique", sender, '/critique{"direction": "less", "tag": "violent"}', "critique",
        domain, entities))
    custom = res.json()["responses"][0]["custom"]
    assert (custom["tag"], custom["alpha"]) == ("violent", -1)
    assert custom["sequence"]


def test_suggest_and_restart_actions(action_server, domain, catalog):
    sender = "rasa-user-0003"
    title = unique_titles(catalog, 3)[2]
    run(action_server, action_call("action_cgir_reference", sender, f"I liked {title}", "reference", domain))
    res = run(action_server, action_call("action_cgir_suggest", sender, "what can I say?", "help", domain))
    [response] = res.json()["responses"]
    assert response["custom"]["intent"] == "help"
    assert "comedy" in response["text"]  # the tags it knows
    assert response["buttons"]
    res = run(action_server, action_call("action_cgir_restart", sender, "start over", "start_over", domain))
    result = res.json()
    assert result["responses"][0]["custom"]["intent"] == "restart"
    assert slots(result)["cgir_current"] is None


def test_sessions_are_keyed_by_rasa_sender_id(action_server, domain, catalog):
    title = unique_titles(catalog, 1)[0]
    run(action_server, action_call("action_cgir_reference", "rasa-a", f"I liked {title}", "reference", domain))
    run(action_server, action_call("action_cgir_critique", "rasa-a", "more comedy", "critique", domain))
    res = run(action_server, action_call("action_cgir_undo", "rasa-b", "undo", "undo", domain))
    response = res.json()["responses"][0]
    assert response["custom"]["current"] is None and response["custom"]["sequence"] == []
    assert slots(res.json())["cgir_current"] is None
    res = run(action_server, action_call("action_cgir_select", "rasa-a", "#2", "select", domain))
    assert res.json()["responses"][0]["custom"]["intent"] == "select"
    with Store(action_server.db_url) as store:
        assert store.count_turns("rasa-a") == 3 and store.count_turns("rasa-b") == 1


def test_unknown_action_is_404_and_bad_body_is_400(action_server, domain):
    res = run(action_server, action_call("action_does_not_exist", "x", "hi", "greet", domain))
    assert res.status_code == 404
    assert res.json()["action_name"] == "action_does_not_exist"
    res = requests.post(action_server.url + "/webhook", data=b"null",
                        headers={"Content-Type": "application/json"}, timeout=10)
    assert res.status_code == 400


def test_two_action_servers_on_one_database_keep_each_senders_turns_in_order(
        tiny_model_dir, catalog, domain, tmp_path):
    """Several `cgir actions` behind Rasa's action endpoint: each sender's actions in simultaneous
    pairs, one to each server; every answered turn logged once, turn numbers 1..n."""
    db_url = f"sqlite:///{tmp_path / 'actions-shared.db'}"
    servers = [launch(["actions", "--model", str(tiny_model_dir), "--db", db_url], tmp_path / f"a{i}.log")
               for i in range(2)]
    titles = unique_titles(catalog, 6)
    pairs = [
        (("action_cgir_reference", "something like {0}"), ("action_cgir_critique", "more comedy")),
        (("action_cgir_select", "#2"), ("action_cgir_critique", "less dark")),
        (("action_cgir_select", "the third one"), ("action_cgir_critique", "more action")),
        (("action_cgir_reference", "something like {1}"), ("action_cgir_critique", "a bit funnier")),
    ]

    errors: list[str] = []

    def talk(index: int) -> tuple[str, list[str]]:
        sender, answered = f"rasa-pair-{index}", []
        ours = (titles[index % 6], titles[(index + 1) % 6])

        def call(url: str, action: str, text: str) -> None:
            res = requests.post(url + "/webhook", timeout=120,
                                json=action_call(action, sender, text.format(*ours), "x", domain))
            responses = res.json().get("responses") if res.status_code == 200 else None
            if not responses or len(responses) != 1:
                errors.append(f"{sender} {action}: HTTP {res.status_code} {res.text[:200]}")
            elif "custom" in responses[0]:  # else "please send this one again": nothing applied
                answered.append(text.format(*ours))

        for first, second in pairs:
            barrier = threading.Barrier(2, timeout=60)
            helper = threading.Thread(target=lambda: (barrier.wait(), call(servers[1][1], *second)))
            helper.start()
            barrier.wait()
            call(servers[0][1], *first)
            helper.join(timeout=180)
        return sender, answered

    try:
        for i, (process, url) in enumerate(servers):
            wait_ready(process, url, "/health", tmp_path / f"a{i}.log")
        with ThreadPoolExecutor(10) as pool:
            conversations = list(pool.map(talk, range(10)))
    finally:
        for process, _ in servers:
            stop(process)
    assert errors == []
    assert sum(len(answered) for _, answered in conversations) >= 0.95 * 10 * 2 * len(pairs)
    with Store(db_url) as store:
        for sender, answered in conversations:
            turns = sorted(store.iter_turns(session_id=sender), key=lambda t: t.turn)
            assert [t.turn for t in turns] == list(range(1, len(turns) + 1))
            assert sorted(t.utterance for t in turns) == sorted(answered)
            assert max(Counter(t.utterance for t in turns).values()) == 1
