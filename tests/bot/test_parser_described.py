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
