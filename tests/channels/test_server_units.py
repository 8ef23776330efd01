"""Pure parts of the channels: request validation, the REST output shape, action word-building."""

from __future__ import annotations

import json

import pytest
from rasa_sdk import Tracker

from actions.actions import ActionCritique, ActionSelect, ActionUndo
from bot.nlu.text import MAX_CHARS
from bot.serve.payload import rest_messages
from bot.serve.server import BadRequest, ServerConfig, new_sender_id, parse_webhook_body
from bot.serve.settings import ManagerSettings, ServeSettings
from bot.types import Button, Reply, ShownItem

CONFIG = ServerConfig(max_message_chars=50, max_body_bytes=400)


def body(value) -> bytes:
    return json.dumps(value).encode()


def test_parse_webhook_body_accepts_rasa_rest_payload():
    assert parse_webhook_body(body({"sender": "abc-1", "message": "funnier"}), CONFIG) == ("abc-1", "funnier")


def test_parse_webhook_body_ignores_extra_rasa_fields():
    raw = body({"sender": "s", "message": "hi", "metadata": {"x": 1}, "input_channel": "rest"})
    assert parse_webhook_body(raw, CONFIG) == ("s", "hi")


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (b'{"sender": "s", "message": ', 400, "not valid UTF-8 JSON"),
        (b"\xff\xfe", 400, "not valid UTF-8 JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (b'"text"', 400, "JSON object"),
        (body({"message": "hi"}), 400, 'missing field "sender"'),
        (body({"sender": "s"}), 400, 'missing field "message"'),
        (body({"sender": 5, "message": "hi"}), 400, '"sender" must be a string, not int'),
        (body({"sender": "s", "message": ["hi"]}), 400, '"message" must be a string, not list'),
        (body({"sender": "s", "message": None}), 400, "not NoneType"),
        (body({"sender": "../etc/passwd", "message": "hi"}), 400, "1-128 characters"),
        (body({"sender": "", "message": "hi"}), 400, "1-128 characters"),
        (body({"sender": "x" * 129, "message": "hi"}), 400, "1-128 characters"),
        (body({"sender": "s", "message": "   "}), 400, "empty"),
        (body({"sender": "s", "message": "a\x00b"}), 400, "NUL"),
        (body({"sender": "s", "message": "x" * 51}), 413, "longer than 50"),
        (b" " * 401, 413, "larger than 400 bytes"),
        (b"[" * 300 + b"]" * 300, 400, ""),
    ],
)
def test_parse_webhook_body_rejects_bad_input_with_4xx(raw, status, words):
    with pytest.raises(BadRequest) as caught:
        parse_webhook_body(raw, ServerConfig(max_message_chars=50, max_body_bytes=1000 if raw.startswith(b"[[") else 400))
    assert caught.value.status == status
    assert words in caught.value.message


def test_parse_webhook_body_replaces_lone_surrogates():
    _, message = parse_webhook_body(b'{"sender": "s", "message": "a\\ud800b"}', CONFIG)
    assert message == "a\ufffdb"


def test_the_server_rejects_messages_longer_than_the_parser_reads():
    assert ServerConfig().max_message_chars == MAX_CHARS
    raw = body({"sender": "s", "message": "x" * (MAX_CHARS + 1)})
    with pytest.raises(BadRequest) as caught:
        parse_webhook_body(raw, ServerConfig())
    assert caught.value.status == 413
    assert parse_webhook_body(body({"sender": "s", "message": "x" * MAX_CHARS}), ServerConfig())[1]


def test_serve_settings_round_trip_through_json_for_worker_processes():
    settings = ServeSettings(
        manager=ManagerSettings("/models/m", "postgresql+psycopg://u@h/db", "list", True),
        server=ServerConfig(max_message_chars=300, threads=2, cors_origins=("https://a.example",),
                            socketio_websocket_only=True),
        access_log=True,
    )
    assert ServeSettings.from_json(settings.to_json()) == settings


def test_new_sender_ids_are_long_random_and_valid():
    ids = {new_sender_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) >= 32 for i in ids)
    assert all(parse_webhook_body(body({"sender": i, "message": "x"}), CONFIG)[0] == i for i in ids)


def test_rest_messages_rasa_shape_carries_sequence_and_readable_text():
    sequence = [ShownItem(10 + i, f"Movie {i}", gamma=0.1 * (i + 1), score=1.0, relevance=i / 10) for i in range(3)]
    reply = Reply(
        text="Here is a funnier walk:", intent="critique", session_id="s",
        current=ShownItem(1, "Start <b>"), sequence=sequence, tag="comedy", alpha=1,
        buttons=[Button("less dark", "less dark")], synthetic=True,
    )
    [message] = rest_messages("s", reply)
    assert message["recipient_id"] == "s"
    assert message["buttons"] == [{"title": "less dark", "payload": "less dark"}]
    custom = message["custom"]
    assert custom["tag"] == "comedy" and custom["alpha"] == 1 and custom["synthetic"] is True
    assert custom["current"]["title"] == "Start <b>"
    assert [s["index"] for s in custom["sequence"]] == [1, 2, 3]
    assert [s["item_id"] for s in custom["sequence"]] == [10, 11, 12]
    assert custom["sequence"][2]["relevance"] == pytest.approx(0.2)
    # Readable: every title appears, numbered, with gamma and the tag's relevance.
    assert "2. Movie 1 (γ=0.20, comedy 0.10)" in message["text"]
    json.dumps(message)  # JSON-serialisable as is
    # With the model's estimated degree: the payload carries it and the text labels it so.
    estimated = [ShownItem(7, "Casino (1995)", gamma=0.1, degree=0.62)]
    [message] = rest_messages("s", Reply(text=".", intent="critique", session_id="s",
                                         sequence=estimated, tag="action", alpha=-1))
    assert message["custom"]["sequence"][0]["degree"] == pytest.approx(0.62)
    assert message["custom"]["sequence"][0]["relevance"] is None
    assert "1. Casino (1995) (γ=0.10, action 0.62 estimated)" in message["text"]


def test_reply_text_is_not_doubled_when_the_manager_lists_titles():
    sequence = [ShownItem(1, "Alpha"), ShownItem(2, "Beta")]
    reply = Reply(text="1. Alpha\n2. Beta", intent="critique", session_id="s", sequence=sequence)
    [message] = rest_messages("s", reply)
    assert message["text"] == "1. Alpha\n2. Beta"
    assert "buttons" not in message


def tracker(text: str, entities=()) -> Tracker:
    return Tracker.from_dict({
        "sender_id": "u1",
        "slots": {},
        "latest_message": {"text": text, "intent": {"name": "critique"}, "entities": list(entities)},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    })


def test_critique_action_prefers_the_users_words():
    entities = [{"entity": "tag", "value": "comedy"}, {"entity": "direction", "value": "more"}]
    assert ActionCritique().words(tracker("a bit funnier", entities)) == "a bit funnier"


def test_critique_action_uses_entities_for_button_payloads():
    entities = [
        {"entity": "direction", "value": "less"}, {"entity": "tag", "value": "gory"},
        {"entity": "tag", "value": "dark"},
    ]
    words = ActionCritique().words(tracker('/critique{"direction": "less", "tag": "gory"}', entities))
    assert words == "less gory and less dark"


def test_select_action_reads_index_entity_from_payload():
    assert ActionSelect().words(tracker('/select{"index": "3"}', [{"entity": "index", "value": "3"}])) == "#3"
    assert ActionSelect().words(tracker("the third one")) == "the third one"
    assert ActionUndo().words(tracker("nah go back")) == "undo"


@pytest.mark.parametrize("command", ["serve", "actions"])
def test_cli_reports_a_missing_model_in_one_line(command, tmp_path):
    from click.testing import CliRunner

    from bot.cli.main import cli

    result = CliRunner().invoke(cli, [command, "--model", str(tmp_path / "nope"), "--quiet"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert str(tmp_path / "nope") in result.output

