"""The list controls of h-talk8 in conversations with a list on screen (planted catalog): more in
free wording, seen + more, "stop suggesting X, I've seen it N times", about "the second pick"."""

from __future__ import annotations

import re

import pytest

from bot.dialogue.manager import DialogueManager
from bot_fixtures import fixture_parser


def _ids(reply):
    return [s.item_id for s in reply.sequence]


@pytest.fixture()
def talk(planted, store):
    manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="adaptive")
    sid = manager.new_session_id()
    manager.handle(sid, "something like Toy Story")
    first = manager.handle(sid, "less action")
    assert first.sequence
    return manager, sid, first


@pytest.mark.parametrize("text", ["I'd love to see a couple more options", "what comes after these?",
                                  "these look good. got anything else?", "how about the others"])
def test_more_in_free_wording_continues_the_answer(talk, text):
    manager, sid, first = talk
    reply = manager.handle(sid, text)
    assert reply.intent == "more" and reply.sequence
    assert not set(_ids(reply)) & set(_ids(first))
    assert reply.current.item_id == first.current.item_id


def test_seen_them_all_then_next_sets_the_list_aside_and_shows_new_ones(talk):
    manager, sid, first = talk
    reply = manager.handle(sid, "seen all of those, next please")
    assert reply.intent == "exclude" and {e["item_id"] for e in reply.excluded} == set(_ids(first))
    assert reply.sequence and not set(_ids(reply)) & set(_ids(first))
    later = manager.handle(sid, "more")
    assert not set(_ids(later)) & set(_ids(first))


def test_stop_suggesting_a_shown_title_sets_it_aside_and_keeps_the_reference(talk):
    manager, sid, first = talk
    gone = first.sequence[2]
    name = re.sub(r"\s*\(\d{4}\)$", "", gone.title)
    reply = manager.handle(sid, f"please stop suggesting {name}, I've seen it a hundred times")
    assert reply.intent == "exclude" and reply.excluded == [{"item_id": gone.item_id, "title": gone.title}]
    assert reply.current.item_id == first.current.item_id  # never the new reference
    assert gone.item_id not in _ids(reply)
    assert gone.item_id not in _ids(manager.handle(sid, "show me a few more"))


@pytest.mark.parametrize("text, index", [("tell me a little about the second pick", 2),
                                         ("so what's the 4th suggestion like then", 4)])
def test_about_an_item_named_by_a_noun_of_the_list(talk, text, index):
    manager, sid, first = talk
    reply = manager.handle(sid, text)
    assert reply.intent == "about"
    assert first.sequence[index - 1].title.split(" (")[0] in reply.text
    assert _ids(reply) == _ids(first)  # the list stays on screen
