"""A request that describes the wanted film with no word of comparison ("a thought-provoking
sci-fi movie") asks for more of each attribute it names (bot/nlu/described.py)."""

from __future__ import annotations

import pytest

from bot.nlu.described import read_description
from bot.types import Critique
from bot_fixtures import fixture_parser, planted_retriever


@pytest.fixture(scope="module")
def parser():
    return fixture_parser(planted_retriever())


@pytest.mark.parametrize("text, tags", [
    ("a thought-provoking sci-fi movie", {"thought-provoking", "sci-fi"}),
    ("I want a dark thriller", {"dark", "thriller"}),
    ("a funny, romantic film", {"comedy", "romance"}),
    ("i'm in the mood for something really dark and quirky", {"dark", "quirky"}),
])
def test_every_attribute_a_description_names_is_asked_for(parser, text, tags):
    parse = parser.parse(text)
    assert parse.intent == "critique" and {c.tag for c in parse.critiques} == tags
    assert all(c.alpha == 1 for c in parse.critiques)


@pytest.mark.parametrize("text, intent", [
    ("can you recommend a podcast", "out_of_scope"), ("something like Toy Story", "reference"),
    ("Toy Story", "reference")])
def test_what_is_no_description_is_read_as_before(parser, text, intent):
    assert parser.parse(text).intent == intent


def _reader(known: dict[str, str]):
    """A critique reader that knows the words of `known` by name (word -> tag) and no other."""
    def read(word: str) -> tuple[tuple[Critique, ...], tuple[Critique, ...]]:
        if word in known:
            return (Critique(1, known[word], 1.0, phrase=word),), ()
        return (), (Critique(1, "", 0.3, phrase=word),)
    return read


def test_one_word_no_tag_names_is_left_for_the_degree_model():
    parse = read_description("something gory", _reader({}))
    assert parse.intent == "critique" and not parse.critiques and [c.phrase for c in parse.unread] == ["gory"]


@pytest.mark.parametrize("text", [
    "a quiet place",  # a word the catalog does not know among known ones: maybe a title, as before
    "something new", "a good one", "something short",  # no quality the tags can tell
    "scary horror movie",  # no frame
    "a scary scary film",  # the same attribute twice
])
def test_sentences_that_are_no_description_of_known_words_are_left_alone(text):
    assert read_description(text, _reader({"quiet": "calm", "scary": "horror"})) is None


@pytest.mark.parametrize("text, tags", [
    ("a documentary about music", {"documentary", "music"}),
    ("an animated movie about dragons", {"animation", "dragons"}),
    ("a black and white horror movie", {"black and white", "horror"}),
    ("a film noir thriller", {"film noir", "thriller"}),
])
def test_a_name_of_several_words_and_what_the_film_is_about_are_read(text, tags):
    known = {"documentary": "documentary", "music": "music", "animated": "animation", "dragons": "dragons",
             "black and white": "black and white", "film noir": "film noir", "horror": "horror",
             "thriller": "thriller"}
    parse = read_description(text, _reader(known))
    assert parse is not None and {c.tag for c in parse.critiques} == tags and all(c.alpha == 1 for c in parse.critiques)


def test_what_the_film_is_about_that_no_tag_names_is_left_for_the_degree_model():
    parse = read_description("a war movie about pilots", _reader({"war": "war"}))
    assert [c.tag for c in parse.critiques] == ["war"] and [c.phrase for c in parse.unread] == ["pilots"]


def test_a_tv_series_is_asked_as_the_television_tag():
    retriever = planted_retriever()
    retriever.tags = (*retriever.tags[:-1], "television")
    parse = fixture_parser(retriever).parse("a TV series")
    assert parse.intent == "critique" and [(c.tag, c.alpha) for c in parse.critiques] == [("television", 1)]


@pytest.mark.parametrize("text, tag", [
    ("a great comedy", "comedy"), ("a really good thriller", "thriller"), ("a nice romantic film", "romance")])
def test_praise_before_an_attribute_asks_for_the_attribute(parser, text, tag):
    parse = parser.parse(text)
    assert parse.intent == "critique" and [(c.tag, c.alpha) for c in parse.critiques] == [(tag, 1)]
    assert all(c.phrase.split()[0] not in ("great", "good", "nice") for c in parse.critiques)


@pytest.mark.parametrize("text", ["a good one", "something good"])
def test_praise_alone_asks_for_no_attribute(parser, text):
    assert parser.parse(text).intent == "out_of_scope"


def test_a_good_deal_is_a_strong_comparison(parser):
    parse = parser.parse("a good deal darker")
    assert [(c.tag, c.alpha, c.strength) for c in parse.critiques] == [("dark", 1, 2.0)]


@pytest.mark.parametrize("text, alpha", [("anything in color?", -1), ("in colour please", -1),
                                         ("more black and white", 1), ("less monochrome", -1)])
def test_in_color_is_the_opposite_of_the_black_and_white_tag(text, alpha):
    retriever = planted_retriever()
    retriever.tags = (*retriever.tags[:-1], "black and white")
    parse = fixture_parser(retriever).parse(text)
    assert parse.intent == "critique" and [(c.tag, c.alpha) for c in parse.critiques] == [("black and white", alpha)]
