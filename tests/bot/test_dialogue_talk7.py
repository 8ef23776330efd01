"""A year filter that leaves a film's close films empty still shows films of those years, and a
self-negating word no tag names is walked as a guess that says so (h-talk7), on the planted
catalog."""

from __future__ import annotations

import numpy as np
import pytest

import bot.dialogue.manager as manager_module
import bot.dialogue.nearest as nearest_module
from bot.dialogue.manager import DialogueManager
from engine.retrieval.catalog import release_year
from engine.retrieval.sequences import GradientSequence


@pytest.fixture()
def adaptive(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


def _no_close_film(monkeypatch) -> None:
    """The stored neighbourhood holds no film of the asked years (a 1999 film, "since 2015")."""
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    monkeypatch.setattr(nearest_module, "nearest_by_kind", lambda retriever, row, exclude=(): empty)


@pytest.mark.parametrize("said,low,high", [("from the 80s", 1980, 1989), ("only films since 2010", 2010, 2019),
                                           ("before 1975", 1970, 1974)])
def test_a_year_filter_with_no_close_film_shows_the_nearest_of_those_years(adaptive, monkeypatch, said, low, high):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    _no_close_film(monkeypatch)
    reply = adaptive.handle(sid, said)
    assert reply.sequence and all(low <= release_year(s.title) <= high for s in reply.sequence), reply
    assert "looked further afield" in reply.text and "Toy Story" in reply.text


def test_without_a_year_filter_an_empty_neighbourhood_is_still_said(adaptive, monkeypatch):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    _no_close_film(monkeypatch)
    assert not adaptive.handle(sid, "more").sequence


def test_a_critique_in_years_no_close_film_meets_is_answered_further_out(adaptive, monkeypatch):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    adaptive.handle(sid, "from the 2000s")
    real = manager_module.sequence_for

    def nothing_close(policy, retriever, state, row, mods, steps, **kw):
        if kw.get("wider"):
            return real(policy, retriever, state, row, mods, steps, **kw)
        return GradientSequence(row, mods, ())

    monkeypatch.setattr(manager_module, "sequence_for", nothing_close)
    reply = adaptive.handle(sid, "more action")
    assert reply.intent == "critique" and [(c["alpha"], c["tag"]) for c in reply.critiques] == [(1, "action")]
    assert reply.sequence and all(2000 <= release_year(s.title) <= 2009 for s in reply.sequence)
    assert "looked further afield" in reply.text


@pytest.mark.parametrize("said,direction", [("more tactless", 1), ("a bit less charmless", -1), ("more inhospitable", 1)])
def test_a_self_negating_word_no_tag_names_is_walked_as_a_guess(adaptive, said, direction):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    reply = adaptive.handle(sid, said)
    word = said.split()[-1]
    assert reply.critiques and reply.critiques[0]["phrase"] == word, reply
    first = reply.critiques[0]
    assert (-first["alpha"] if first["flipped"] else first["alpha"]) == direction
    assert "my guess" in reply.text and "could not match" not in reply.text
