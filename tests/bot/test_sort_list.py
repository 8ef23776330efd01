""""sort by year", "newest first", "order them by how violent they are", "alphabetically": the
list on screen reordered (bot.nlu.sort_requests, bot.dialogue.sorting), undone by "undo", and
picks by number refer to the new order."""

from __future__ import annotations

import re

import pytest

from bot.dialogue.manager import DialogueManager
from bot.dialogue.sorting import sorted_order
from bot_fixtures import fixture_parser, planted_retriever

SHOWN = ((40, "Broken Harbor (1973)"), (50, "Iron Harbor (1974)"))


@pytest.fixture(scope="module")
def parser():
    return fixture_parser(planted_retriever())


def _manager(planted, store):
    return DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="adaptive")


def _listed(manager):
    sid = manager.new_session_id()
    manager.handle(sid, "something like Toy Story")
    return sid, manager.handle(sid, "less action")


def _years(reply):
    return [int(re.search(r"\((\d{4})\)", s.title).group(1)) for s in reply.sequence]


@pytest.mark.parametrize("text, control, alpha, tag", [
    ("sort by year", "sort_oldest", None, None), ("can you sort them by release date", "sort_oldest", None, None),
    ("sort by year, newest first", "sort_newest", None, None), ("newest first", "sort_newest", None, None),
    ("order these by date descending", "sort_newest", None, None), ("in order of release", "sort_oldest", None, None),
    ("alphabetically", "sort_title", None, None), ("sort them by title", "sort_title", None, None),
    ("sort by how violent they are", "sort_degree", 1, "violent"), ("rank them by least violent", "sort_degree", -1, "violent"),
    ("order them by romance, lowest first", "sort_degree", -1, "romance"),
])
def test_an_order_asked_for_the_list_is_read(parser, text, control, alpha, tag):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("select", control), parse
    if tag is not None:
        (critique,) = parse.critiques
        assert (critique.alpha, critique.tag) == (alpha, tag)


@pytest.mark.parametrize("text", ["sort of funny", "order pizza", "a sort of western", "the newest"])
def test_words_that_ask_no_order_are_not_read_as_one(parser, text):
    assert not (parser.parse(text, shown=SHOWN).control or "").startswith("sort")


def test_sorted_order_is_stable_and_puts_missing_keys_last():
    assert sorted_order([1995, None, 1980, 1995], descending=False) == [2, 0, 3, 1]
    assert sorted_order([0.2, 0.9, None, 0.9], descending=True) == [1, 3, 0, 2]


def test_sort_by_year_reorders_the_same_films_and_undo_brings_the_order_back(planted, store):
    manager = _manager(planted, store)
    sid, first = _listed(manager)
    oldest = manager.handle(sid, "sort by year")
    assert sorted(s.item_id for s in oldest.sequence) == sorted(s.item_id for s in first.sequence)
    assert _years(oldest) == sorted(_years(first)) and "oldest first" in oldest.text
    newest = manager.handle(sid, "newest first")
    assert _years(newest) == sorted(_years(first), reverse=True)
    picked = manager.handle(sid, "#1")  # a number refers to the list as it now stands
    assert picked.current.item_id == newest.sequence[0].item_id
    manager.handle(sid, "undo")
    manager.handle(sid, "undo")
    back = manager.handle(sid, "undo")
    assert [s.item_id for s in back.sequence] == [s.item_id for s in first.sequence]


def test_sort_by_an_attribute_follows_its_estimate(planted, store):
    manager = _manager(planted, store)
    sid, first = _listed(manager)
    reply = manager.handle(sid, "order them by how romantic they are")
    romance = planted.tags.index("romance")
    degrees = [planted.degree_of(planted.resolve_item(s.item_id), romance) for s in reply.sequence]
    assert degrees == sorted(degrees, reverse=True) and "most first" in reply.text


def test_sort_without_a_list_or_by_unread_words_changes_nothing_and_says_why(planted, store):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    assert "no list" in manager.handle(sid, "sort by year").text
    sid, first = _listed(manager)
    reply = manager.handle(sid, "sort by glorbness")
    assert reply.understood is False and "glorbness" in reply.text
    assert [s.item_id for s in reply.sequence] == [s.item_id for s in first.sequence]


@pytest.mark.parametrize("text, control", [("sort by rating", "sort_degree"), ("the one with the highest rating", "degree"),
                                           ("order them by popularity", "sort_degree")])
def test_a_fact_named_by_a_noun_is_the_catalog_fact_for_sorts_and_picks_alike(parser, text, control):
    parse = parser.parse(text, shown=SHOWN)
    (critique,) = parse.critiques  # "rating" read as a word had been *children* (age ratings)
    assert (parse.control, critique.tag, critique.estimate) == (
        control, "well known" if "popularity" in text else "well rated", True)
