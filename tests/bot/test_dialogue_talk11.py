"""Dialogue fixes of h-talk11 (issues 21-22) on the planted catalog: a jump (and "more" after it)
keeps inside the year filter; sentences are our own, none of a benchmark set's."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from engine.retrieval.catalog import release_year


def _manager(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


@pytest.mark.parametrize("jump", ["surprise me", "something completely different"])
def test_a_jump_and_more_after_it_respect_the_year_filter(planted, real_parser, store, jump):
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    filtered = m.handle(sid, "only films from the eighties")
    assert filtered.years == {"min": 1980, "max": 1989}
    jumped = m.handle(sid, jump)
    assert jumped.intent == "jump" and jumped.years == {"min": 1980, "max": 1989}
    assert jumped.sequence and all(1980 <= release_year(s.title) <= 1989 for s in jumped.sequence)
    more = m.handle(sid, "more")
    assert all(1980 <= release_year(s.title) <= 1989 for s in more.sequence)
    assert not {s.item_id for s in more.sequence} & {s.item_id for s in jumped.sequence}


def test_words_the_catalog_users_tagged_with_are_read_even_below_the_encoders_bar():
    from types import SimpleNamespace

    from bot.dialogue.critique_axes import read_unread
    from bot.types import Critique

    class Degrees:
        language = ("creature feature", "dark humor")

        def users_wrote(self, phrase: str) -> bool:
            return False  # the encoder's cosine misses it

        def ground(self, phrase: str):
            return SimpleNamespace(tags=("horror",)) if phrase == "creature feature" else None

    retriever = SimpleNamespace(degree_model=Degrees())
    said = [Critique(-1, "", 0.0, 1.0, "creature feature"), Critique(1, "", 0.0, 1.0, "pizza")]
    read = read_unread(retriever, said)
    assert [(c.alpha, c.tag, c.phrase) for c in read] == [(-1, "horror", "creature feature")]


def test_a_dismissal_with_an_aside_sets_the_whole_list_aside(planted, real_parser, store):
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    first = m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "meh none of these grab me honestly")
    assert reply.intent == "exclude" and reply.sequence
    assert not {s.item_id for s in reply.sequence} & {s.item_id for s in first.sequence}


@pytest.mark.parametrize("text, says", [("more Kate Winslet", "who acts in a film"),
                                        ("a bit cheaper looking", "budgets"),
                                        ("what was the director's budget on it", "budgets")])
def test_what_the_catalog_cannot_judge_is_said_and_nothing_is_walked(planted, real_parser, store, text, says):
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, text)
    assert reply.intent == "cannot_judge" and reply.critiques == [] and f"I can't judge {says}" in reply.text
