"""Everyday words on a line of their own that are also the end or the start of titles ("the end",
"nothing", "no way") are words, not films; a distinctive last word of a title still names it.
Made-up catalog; none of the development or blind sets' sentences or films."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "scary", "sad")
TITLES = (
    "Corsairs of the Reef: At Worlds End (2007)",  # 0
    "Hollings End (1992)",  # 1
    "Nothing in Particular (1986)",  # 2
    "Nothing to Hide (1997)",  # 3
    "No Way Back (1987)",  # 4
    "Road Raider: Grindleplex (1985)",  # 5
)
IDS = (301, 302, 303, 304, 305, 306)
POSITIVES = (90, 10, 20, 18, 40, 50)
WATCHED = (120, 15, 30, 28, 60, 70)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-everyday-lines-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POSITIVES, watched=WATCHED, tag_vectors_cache=cache)


@pytest.mark.parametrize("text", ["the end", "nothing", "no way", "The End."])
def test_an_everyday_word_alone_names_no_film_it_ends_or_starts(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is None, parse
    assert not parse.candidates, parse


def test_a_distinctive_last_word_of_a_title_still_names_it(parser):
    parse = parser.parse("grindleplex")
    assert (parse.intent, parse.item_id) == ("reference", 306)
