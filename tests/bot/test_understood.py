""""what did you understand?" says back how the session was read (planted catalog)."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from bot.nlu.control_words import UNDERSTOOD


@pytest.fixture()
def adaptive(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


@pytest.mark.parametrize("text, asks", [
    ("what did you understand", True), ("how did you read that", True), ("what do you think i want", True),
    ("so what did you get from that", True), ("what are you looking for", True),
    ("what did you understand so far", True),
    ("what did you think of jaws", False), ("what do you recommend", False), ("how did you pick #2", False),
])
def test_what_asks_for_the_reading(text, asks):
    assert (UNDERSTOOD.match(text) is not None) == asks


def test_the_reading_names_the_film_each_critique_and_the_words_it_came_from(adaptive):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    shown = adaptive.handle(sid, "more mindless")  # read through its opposite
    reply = adaptive.handle(sid, "what did you understand?")
    assert reply.intent == "explain"
    assert (f"films like \u201c{shown.reference.title}\u201d but less thought-provoking "
            f"(from \u201cmindless\u201d)") in reply.text
    assert [s.item_id for s in reply.sequence] == [s.item_id for s in shown.sequence]  # the list stays


def test_before_any_film_and_after_a_film_alone_it_says_what_to_do(adaptive, planted):
    import numpy as np

    sid = adaptive.new_session_id()
    first = adaptive.handle(sid, "what did you understand?").text
    most_watched = planted.titles[int(np.argmax(planted.popularity))]
    assert first.startswith("Nothing yet") and f"something like {most_watched}" in first  # a film it has
    adaptive.handle(sid, "something like Toy Story")
    reply = adaptive.handle(sid, "how did you read that?")
    assert reply.text.startswith("You started from") and "Toy Story" in reply.text


def test_films_set_aside_are_counted(adaptive):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    adaptive.handle(sid, "more action")
    adaptive.handle(sid, "I've seen the first one")
    assert "leaves out the film you set aside" in adaptive.handle(sid, "what did you understand?").text


def test_a_critique_walked_by_a_reading_of_the_words_is_named_by_them(adaptive, monkeypatch):
    from dataclasses import replace

    import numpy as np

    import bot.dialogue.understood as understood
    from engine.degrees.grounding import Grounding

    real = understood.critique_modifications

    def read_by_words(retriever, critiques):
        def mix(tag):
            out = np.zeros(len(retriever.tags))
            out[retriever.tags.index(tag)] = 1.0
            return out
        return tuple(replace(m, grounding=Grounding.of_mix(c.phrase, retriever.tags, mix(c.tag), 1))
                     for c, m in zip(critiques, real(retriever, critiques)))

    monkeypatch.setattr(understood, "critique_modifications", read_by_words)
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    adaptive.handle(sid, "less scary")
    text = adaptive.handle(sid, "what did you understand?").text
    assert "but less scary;" in text and "\u201cscary\u201d is not a tag here; I read it as horror" in text, text


def test_a_critique_waiting_for_a_film_is_said_back(adaptive):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "less action")  # no film yet: it waits for one
    reply = adaptive.handle(sid, "what did you understand?")
    assert reply.text.startswith("You asked for less action, but not yet from which film")
    after = adaptive.handle(sid, "something like Toy Story")  # the critique still waits, and is walked
    assert after.sequence and [(c["alpha"], c["tag"]) for c in after.critiques] == [(-1, "action")]
