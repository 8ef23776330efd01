"""The dialogue with a release-year filter, things the catalog cannot judge, and namesakes
(bot.dialogue.constraints / years), on the planted catalog (titles "Red Harbor (1972)" ...)."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from bot.dialogue.policies import POLICIES
from bot.serve.payload import sequence_payload
from engine.retrieval.catalog import release_year


def _manager(planted, real_parser, store, policy: str) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy=policy)


@pytest.mark.parametrize("policy", POLICIES)
def test_year_filter_persists_is_applied_by_every_policy_and_undo_restores_it(planted, real_parser, store, policy):
    m = _manager(planted, real_parser, store, policy)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    first = m.handle(sid, "only films from the seventies")
    assert first.years == {"min": 1970, "max": 1979} and first.sequence
    assert all(1970 <= release_year(s.title) <= 1979 for s in first.sequence)
    assert "1970–1979" in first.text
    walked = m.handle(sid, "less action")  # the filter stays for the next critique
    assert walked.years == {"min": 1970, "max": 1979}
    assert walked.sequence and all(1970 <= release_year(s.title) <= 1979 for s in walked.sequence)
    assert sequence_payload(walked)["years"] == {"min": 1970, "max": 1979}
    narrowed = m.handle(sid, "nothing after 1975")  # keeps the lower bound
    assert narrowed.years == {"min": 1970, "max": 1975}
    assert m.handle(sid, "undo").years == {"min": 1970, "max": 1979}
    cleared = m.handle(sid, "any year is fine")
    assert cleared.years is None and "any year" not in cleared.text


def test_newer_than_the_current_item(planted, real_parser, store):
    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")  # 1995
    newer = m.handle(sid, "newer than this")
    assert newer.years == {"min": 1996, "max": None}
    assert newer.sequence and all(release_year(s.title) >= 1996 for s in newer.sequence)


@pytest.mark.parametrize("first, again, side", [("newer than this", "even newer", "min"),
                                                 ("older please", "even older", "max")])
def test_even_newer_goes_past_the_list_on_screen(planted, real_parser, store, first, again, side):
    import statistics

    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")  # 1995: films both newer and older in the planted catalog
    once = m.handle(sid, first)
    twice = m.handle(sid, again)
    middle = statistics.median(release_year(s.title) for s in once.sequence)
    if side == "min":
        assert twice.years["min"] == max(once.years["min"] + 1, int(middle) + 1)
    else:
        assert twice.years["max"] == min(once.years["max"] - 1, int(middle) - 1)
    assert twice.sequence and twice.years[side] != once.years[side]


@pytest.mark.parametrize("first", [None, "something like Heat (2013)"])
def test_older_than_the_film_named_in_the_same_turn(planted, real_parser, store, first):
    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    if first:  # a current item of another year must not be what "older" compares with
        m.handle(sid, first)
    older = m.handle(sid, "Toy Story but older")  # 1995
    assert older.current.title == "Toy Story (1995)" and older.years == {"min": None, "max": 1994}
    assert older.sequence and all(release_year(s.title) <= 1994 for s in older.sequence)


def test_more_old_school_shows_older_films_like_the_reference(planted, real_parser, store):
    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    older = m.handle(sid, "Toy Story but more old-school")  # 1995
    assert older.current.title == "Toy Story (1995)" and older.years == {"min": None, "max": 1994}
    assert older.sequence and all(release_year(s.title) <= 1994 for s in older.sequence)
    assert "1994 or earlier" in older.text


@pytest.mark.parametrize("text", ["#3 only newer", "the third one, but not so old"])
def test_a_pick_with_an_age_shows_films_like_it_of_that_age_and_one_undo_goes_back(planted, real_parser, store, text):
    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    listed = m.handle(sid, "something like Toy Story")
    third = listed.sequence[2]
    picked = m.handle(sid, text)
    assert picked.current.item_id == third.item_id  # newer than the pick, not than Toy Story
    assert picked.years == {"min": release_year(third.title) + 1, "max": None}
    assert picked.sequence and all(release_year(s.title) > release_year(third.title) for s in picked.sequence)
    back = m.handle(sid, "undo")
    assert back.current.title == "Toy Story (1995)" and back.years is None
    assert [s.item_id for s in back.sequence] == [s.item_id for s in listed.sequence]


@pytest.mark.parametrize("text", ["is it under two hours?", "something with Meryl Streep", "in Spanish please"])
def test_what_the_catalog_cannot_judge_is_said_plainly(planted, real_parser, store, text):
    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, text)
    assert reply.intent == "cannot_judge" and reply.critiques == [] and not reply.sequence
    assert "can't judge" in reply.text and "I can judge" in reply.text
    assert reply.current.title == "Toy Story (1995)"  # nothing moved


def test_a_critique_reports_what_it_understood(planted, real_parser, store):
    m = _manager(planted, real_parser, store, "adaptive")
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "more romantic and less violent")
    assert [(c["alpha"], c["tag"]) for c in reply.critiques] == [(1, "romance"), (-1, "violent")]
