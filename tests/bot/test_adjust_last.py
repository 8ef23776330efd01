"""A change to the last critique said about it: "the other way", "not that much", "not enough"
walk that critique again, changed, from the film it started from (planted catalog)."""

from __future__ import annotations

import pytest

from bot.dialogue.adjust import adjusted
from bot.dialogue.manager import DialogueManager
from bot.nlu.control_words import read_adjustment


@pytest.fixture()
def adaptive(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


@pytest.mark.parametrize("text, how", [
    ("the other way", "flip"), ("no, the other way round", "flip"), ("wrong direction", "flip"),
    ("not that much", "softer"), ("that's too much", "softer"), ("a bit too far", "softer"), ("tone it down", "softer"),
    ("not enough", "stronger"), ("that's not far enough", "stronger"), ("more than that", "stronger"),
    ("even less", "less"), ("less", "less"), ("less still", "less"), ("still less please", "less"),
    ("less than that", "softer"),
    ("the opposite", None), ("even more", None), ("more", None), ("too much gore", None), ("not enough action", None),
    ("less action", None), ("even less scary", None),
])
def test_what_an_adjustment_says(text, how):
    assert read_adjustment(text) == how


@pytest.mark.parametrize("said, alpha, strength", [("the other way", -1, 1.0), ("not that much", 1, 0.5),
                                                   ("not enough", 1, 2.0)])
def test_the_last_critique_is_walked_again_changed_from_its_film(adaptive, said, alpha, strength):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    first = adaptive.handle(sid, "more action")
    adaptive.handle(sid, "the second one")  # a pick in between: the change is still to that critique
    reply = adaptive.handle(sid, said)
    assert reply.intent == "critique" and reply.sequence and reply.reference.title == first.reference.title
    assert [(c["alpha"], c["tag"], c["strength"]) for c in reply.critiques] == [(alpha, "action", strength)]


def test_with_no_critique_yet_an_adjustment_says_what_to_do(adaptive):
    reply = adaptive.handle(adaptive.new_session_id(), "the other way")
    assert not reply.understood and not reply.sequence and "say what to change" in reply.text


def test_an_unknown_adjustment_is_a_programming_error():
    assert adjusted("flip", 1, 0.5) == (-1, 0.5)
    with pytest.raises(ValueError, match="unknown adjustment"):
        from bot.dialogue.adjust import adjust_last
        adjust_last(None, None, "sideways")


@pytest.mark.parametrize("first, alpha, strength, said", [("less action", -1, 2.0, "A bigger step"),
                                                           ("more action", -1, 1.0, "The other way")])
def test_even_less_goes_further_after_less_and_back_after_more(adaptive, first, alpha, strength, said):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    adaptive.handle(sid, first)
    reply = adaptive.handle(sid, "even less")
    assert reply.intent == "critique" and reply.sequence and reply.text.startswith(said)
    assert [(c["alpha"], c["tag"], c["strength"]) for c in reply.critiques] == [(alpha, "action", strength)]


def test_even_less_with_nothing_asked_yet_asks_less_of_what(adaptive):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    reply = adaptive.handle(sid, "even less")
    assert not reply.understood and not reply.sequence and reply.text.startswith("Less of what?")
