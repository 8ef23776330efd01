"""Turns of the weakest kinds, from sentences written for h-talk12 (none of the blind sets'): a
film put as the point of comparison by other phrases ("in the style of X", "close to X"), a
critique in a relative clause after the title ("X which is less violent"), and a position
praised and set aside in one breath ("number 4 looks good but I saw it"). Made-up catalog."""

from __future__ import annotations

import pytest
from bot_fixtures import LIST_SHOWN as SHOWN
from bot_fixtures import list_catalog_parser

from bot.nlu.parser import Parser

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violent", "gore", "scary", "weird")


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    return list_catalog_parser(TAGS, tmp_path_factory.getbasetemp() / "parser-talk12-tags.npz")


@pytest.mark.parametrize("text", [
    "tonight i want a movie in the style of Gravelord",
    "any suggestions close to gravelord?",
    "something in the spirit of Gravelord",
    "a film reminiscent of gravelord please",
    "recommendations in the same vein as Gravelord",
])
def test_other_phrases_of_comparison_name_the_reference(parser, text):
    parse = parser.parse(text)
    assert parse.intent in ("reference", "critique"), text
    assert parse.item_id == 13, text


@pytest.mark.parametrize("text, alpha", [
    ("something in the style of Gravelord which is less violent", -1),
    ("any suggestions close to gravelord that are even more violent?", 1),
    ("anything like Gravelord that's less violent", -1),
])
def test_a_relative_clause_after_the_title_is_the_critique(parser, text, alpha):
    parse = parser.parse(text)
    assert parse.intent == "critique" and parse.item_id == 13, text
    assert [(c.tag, c.alpha) for c in parse.critiques] == [("violent", alpha)], text


@pytest.mark.parametrize("text, index", [
    ("number 4 looks good but I saw it", 4),
    ("the second one seems interesting, but i've seen it already", 2),
    ("#3 sounds great but I watched it", 3),
])
def test_a_praised_position_seen_already_is_set_aside(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "exclude" and parse.index == index, text


def test_a_pick_with_praise_alone_stays_a_pick(parser):
    parse = parser.parse("number 4 looks good", shown=SHOWN)
    assert parse.intent == "select" and parse.index == 4


@pytest.mark.parametrize("text", [
    "I watched Gravelord yesterday, want something more violent",
    "i saw gravelrod last week, want something more violent",
    "I watched Gravelorde the other day, but want something more violent",
])
def test_when_it_was_seen_is_no_part_of_the_title(parser, text):
    parse = parser.parse(text)
    assert parse.intent == "critique" and parse.item_id == 13, text
    assert [(c.tag, c.alpha) for c in parse.critiques] == [("violent", 1)], text
