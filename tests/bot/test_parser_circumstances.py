"""A sentence about the evening said beside a critique ("less gore, the grandparents are
visiting") tells the bot nothing about the film: it takes no polarity from the critique before
it. Found on the answers' development requests ("... it's for a family movie night" was read as
"less family night"). Made-up catalog, sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlu.clauses import states_circumstance
from bot.nlu.parser import Parser

TAGS = ("comedy", "horror", "action", "romance", "drama", "dark", "violent", "gore", "scary", "family")
TITLES = ("Harbor King (1980)", "Quiet Town (1988)")


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-circumstances-tags.npz"
    return Parser(TAGS, TITLES, (1, 2), popularity=(10, 5), tag_vectors_cache=cache)


@pytest.mark.parametrize("text, tag, alpha", [
    ("less gore, the grandparents are visiting", "gore", -1),
    ("a bit less violent please, we're eating", "violent", -1),
    ("less dark, it's for my nephew's birthday", "dark", -1),
    ("more action, i'm home alone tonight", "action", 1),
    ("less scary, my little brother will be watching", "scary", -1),
])
def test_a_sentence_about_the_evening_adds_no_critique(parser, text, tag, alpha):
    parse = parser.parse(text)
    assert [(c.tag, c.alpha) for c in parse.critiques] == [(tag, alpha)], text
    assert not parse.unread, text


@pytest.mark.parametrize("words, said", [
    (["it's", "for", "a", "party"], True), (["we", "are", "having", "pizza"], True),
    (["my", "kids", "are", "watching"], True), (["the", "in", "laws", "will", "be", "here"], True), (["the", "darker", "the", "better"], False),
    (["more", "romance"], False), (["family", "friendly"], False), (["it"], False),
])
def test_a_clause_states_a_circumstance_when_it_opens_with_a_subject_and_a_verb(words, said):
    assert states_circumstance(words) is said


def test_a_critique_said_as_a_sentence_of_its_own_still_counts(parser):
    parse = parser.parse("less horror, it should be more romance")
    assert {(c.tag, c.alpha) for c in parse.critiques} == {("horror", -1), ("romance", 1)}


@pytest.mark.parametrize("text", ["Harbor King, only lighter", "Harbor King, lighter please",
                                  "harbor king, just a bit lighter"])
def test_a_comparative_after_a_title_asks_for_a_change_it_does_not_describe_the_film(parser, text):
    parse = parser.parse(text)
    assert parse.item_id == 1, text
    assert [(c.tag, c.alpha) for c in parse.critiques] == [("dark", -1)], text
