"""A session's undo steps are encoded to JSON once (bot.store.records.Snapshot): what is written is
what encoding the plain values gives, and no turn changes a step after it was pushed."""

from __future__ import annotations

import json

import pytest

from bot.dialogue.manager import DialogueConfig, DialogueManager
from bot.store import json_codec
from bot.store.records import SessionState, Snapshot

STEP = {"current": 7, "last_sequence": [{"item_id": 7, "title": "Red Harbor (1972)", "degree": 0.25}],
        "critiques": [{"critiques": [{"tag": "funny", "alpha": -1}], "from": 7}], "years": None}


def test_a_snapshot_is_written_as_the_plain_values_it_holds():
    state = SessionState("s", current=7, history=[STEP, STEP])
    assert all(isinstance(step, Snapshot) for step in state.history)
    plain = {**state.state_json(), "history": [STEP, STEP]}
    assert json_codec.dumps(state.state_json()) == json_codec.dumps(plain)
    assert json.loads(json_codec.dumps(state.state_json()))["history"] == [STEP, STEP]


def test_a_snapshot_is_written_by_the_standard_library_where_ujson_refuses(monkeypatch):
    def refuse(value):
        raise OverflowError("refused")

    monkeypatch.setattr(json_codec.ujson, "dumps", refuse)
    state = SessionState("s", current=7, history=[STEP])
    plain = {**state.state_json(), "history": [STEP]}
    assert json_codec.dumps(state.state_json()) == json.dumps(plain)


def test_replace_makes_a_new_step_and_leaves_the_old_one_and_its_text():
    step = Snapshot(STEP)
    text = step.__json__()
    later = step.replace(years={"min": 1970, "max": None})
    assert later["years"] == {"min": 1970, "max": None} and step["years"] is None
    assert step.__json__() == text and json.loads(later.__json__())["years"] == {"min": 1970, "max": None}
    with pytest.raises(TypeError):
        step["years"] = {}  # read-only


def test_a_state_read_back_has_snapshots_equal_to_what_was_written(store):
    state = SessionState("s", current=7, history=[STEP])
    store.save_session(state)
    back = store.get_session("s")
    assert isinstance(back.history[0], Snapshot) and back.history == [STEP] == state.history


def test_no_turn_changes_an_undo_step_after_it_was_pushed(planted, real_parser, store):
    """Every pushed step's kept text still equals a fresh encoding of its values, over turns that
    push, replace, pop and trim steps (critiques, picks, years, exclusions, more, undo)."""
    m = DialogueManager(planted, real_parser, store, model_id="planted-test",
                        config=DialogueConfig(history_limit=4))
    sid = m.new_session_id()
    turns = ["something like Toy Story", "less action", "#2", "only films from the seventies",
             "a bit darker", "not the first one", "more", "undo", "#3 only newer", "funnier",
             "why #1?", "undo", "undo", "something completely different", "less violent"]
    checked = 0
    for text in turns:
        m.handle(sid, text)
        state = store.take_session(sid)
        for step in state.history:
            assert step.__json__() == json_codec.dumps(dict(step)), text
            checked += 1
        store.held.keep(state)
    assert checked > 20
