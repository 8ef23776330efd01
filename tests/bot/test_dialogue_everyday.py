"""The manager with the production parser on what people type besides critiques: greetings,
titles the catalog lacks (with a critique that waits), and strength words that set the walk."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager


@pytest.fixture()
def real_manager(planted, real_parser, store):
    # walks as the gradient policy builds them (the adaptive default: tests/bot/test_policies.py)
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="gradient")


def test_a_greeting_is_answered_in_kind_with_what_the_bot_does(real_manager):
    sid = real_manager.new_session_id()
    reply = real_manager.handle(sid, "Good evening!")
    assert reply.intent == "out_of_scope" and reply.understood
    assert reply.text.startswith("Hello!") and "something like Toy Story (1995)" in reply.text
    assert "synthetic" in reply.text
    thanks = real_manager.handle(sid, "thank you so much")
    assert thanks.understood and "welcome" in thanks.text
    turns = list(real_manager.store.iter_turns(session_id=sid))
    assert turns[0].parse == {"intent": "out_of_scope", "small_talk": "greeting"}


def test_a_no_after_a_list_keeps_the_place_and_says_what_to_do_instead(real_manager):
    sid = real_manager.new_session_id()
    listed = real_manager.handle(sid, "something like Toy Story")
    no = real_manager.handle(sid, "lol no")
    assert no.understood and no.text.startswith("All right, not those.") and not no.critiques
    assert no.current.title == listed.current.title == "Toy Story (1995)"
    walked = real_manager.handle(sid, "less action")  # the place is kept: the critique walks from it
    assert walked.current.title == "Toy Story (1995)" and walked.sequence


def test_you_pick_takes_the_first_on_offer(real_manager):
    sid = real_manager.new_session_id()
    listed = real_manager.handle(sid, "something like Toy Story")
    mine = real_manager.handle(sid, "dunno, you pick")
    assert mine.intent == "select" and mine.current.item_id == listed.sequence[0].item_id
    assert mine.text.startswith("My pick:")
    other = real_manager.new_session_id()
    first = real_manager.handle(other, "you choose")  # nothing on screen: the most popular film
    assert first.intent == "reference" and first.current.title == "Toy Story (1995)"


def test_an_unknown_title_says_not_in_this_catalog_and_offers_titles(real_manager):
    sid = real_manager.new_session_id()
    reply = real_manager.handle(sid, "something like Casablanca")
    assert reply.intent == "reference" and not reply.understood and reply.current is None
    assert "\u201cCasablanca\u201d is not in this catalog" in reply.text and "synthetic" in reply.text
    assert reply.buttons and all(b.payload.startswith("something like ") for b in reply.buttons)


def test_a_critique_said_with_an_unknown_title_waits_for_the_title_picked_instead(real_manager):
    sid = real_manager.new_session_id()
    reply = real_manager.handle(sid, "Jaws but a bit less violent")
    assert reply.intent == "reference" and reply.current is None and not reply.sequence
    assert "\u201cJaws\u201d is not in this catalog" in reply.text
    assert "a bit less violent" in reply.text  # what will be applied once a title is picked
    walked = real_manager.handle(sid, reply.buttons[0].payload)
    assert walked.current is not None and walked.current.title == reply.buttons[0].title
    assert (walked.tag, walked.alpha) == ("violent", -1) and len(walked.sequence) == 10
    assert "a bit less violent" in walked.text


def test_the_first_of_the_titles_offered_for_an_unknown_one_is_picked_by_its_place(real_manager):
    sid = real_manager.new_session_id()
    reply = real_manager.handle(sid, "Jaws but a bit less violent")
    walked = real_manager.handle(sid, "the second one")  # of the titles offered, not of the popular films
    assert walked.current is not None and walked.current.title == reply.buttons[1].title
    assert walked.intent == "critique" and (walked.tag, walked.alpha) == ("violent", -1)


def _last_reply(manager, *utterances):
    sid = manager.new_session_id()
    replies = [manager.handle(sid, u) for u in utterances]
    return replies[-1]


def test_strength_words_set_the_span_of_the_walk_and_are_echoed(real_manager):
    plain = _last_reply(real_manager, "something like Toy Story", "less action")
    weak = _last_reply(real_manager, "something like Toy Story", "a bit less action")
    strong = _last_reply(real_manager, "something like Toy Story", "way less action")
    assert "a bit less action" in weak.text and "much less action" in strong.text
    assert "a bit" not in plain.text and "much" not in plain.text
    # "a bit" stops half way to the catalog's extreme; plain and "way" go (at least) all the way
    assert weak.sequence[-1].degree > plain.sequence[-1].degree >= strong.sequence[-1].degree
    # a compound request carries its strength into the walk it starts in the same turn
    compound = _last_reply(real_manager, "Toy Story but a bit less action")
    assert "a bit less action" in compound.text
    assert compound.sequence[-1].degree == pytest.approx(weak.sequence[-1].degree)


def test_a_critique_waits_through_a_second_title_the_catalog_lacks(real_manager):
    sid = real_manager.new_session_id()
    real_manager.handle(sid, "Jaws but a bit less violent")
    again = real_manager.handle(sid, "something like Casablanca")  # not here either
    assert "a bit less violent" in again.text
    walked = real_manager.handle(sid, again.buttons[0].payload)
    assert (walked.tag, walked.alpha) == ("violent", -1)
